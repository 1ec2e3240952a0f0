"""Every write to the catalog. Each function: keyword-only arguments, an explicit actor, one transaction, audit."""

from .adoption import accept_source_change, adopt_items, keep_local_version
from .catalogs import add_local_channel, add_local_domain, ensure_catalog
from .changes import approve_change_set, reject_change_set, withdraw_change_set
from .items import create_item, retire_item, update_item

__all__ = [
    "accept_source_change",
    "add_local_channel",
    "add_local_domain",
    "adopt_items",
    "approve_change_set",
    "create_item",
    "ensure_catalog",
    "keep_local_version",
    "reject_change_set",
    "retire_item",
    "update_item",
    "withdraw_change_set",
]
