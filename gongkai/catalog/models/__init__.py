"""The standard catalog: domains, channels, catalogs, items, their versions and pending change sets."""

from .changes import Change, ChangeKind, ChangeSet, ChangeSetStatus
from .choices import (
    Attribute,
    Audience,
    ItemSource,
    ItemStatus,
    Mode,
    Stage,
    TimeLimitKind,
    WithheldGround,
)
from .items import Catalog, CodeCounter, Item, ItemVersion
from .reference import Channel, Domain

__all__ = [
    "Attribute",
    "Audience",
    "Catalog",
    "Change",
    "ChangeKind",
    "ChangeSet",
    "ChangeSetStatus",
    "Channel",
    "CodeCounter",
    "Domain",
    "Item",
    "ItemSource",
    "ItemStatus",
    "ItemVersion",
    "Mode",
    "Stage",
    "TimeLimitKind",
    "WithheldGround",
]
