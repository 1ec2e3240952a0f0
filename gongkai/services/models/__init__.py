"""Models of the services module: service guides, theme packages and 一件事, service sites."""

from .choices import (
    Accessibility,
    CoordinateSystem,
    GuideStatus,
    LifeEvent,
    MaterialForm,
    PackageKind,
    ServiceKind,
)
from .guides import Guide, GuideChange, GuideChangeStatus, GuideUsage, GuideVersion
from .packages import CompositePart, CompositeService, PackageEntry, ThemePackage
from .sites import Site, SiteCategory, SitePhoto

__all__ = [
    "Accessibility",
    "CompositePart",
    "CompositeService",
    "CoordinateSystem",
    "Guide",
    "GuideChange",
    "GuideChangeStatus",
    "GuideStatus",
    "GuideUsage",
    "GuideVersion",
    "LifeEvent",
    "MaterialForm",
    "PackageEntry",
    "PackageKind",
    "ServiceKind",
    "Site",
    "SiteCategory",
    "SitePhoto",
    "ThemePackage",
]
