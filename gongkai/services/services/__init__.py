"""Every write of the services module. Keyword-only arguments, an explicit actor, one transaction, an audit entry."""

from .adoption import adopt_guide, follow_source
from .guides import (
    approve_guide,
    approve_guide_change,
    create_guide,
    reject_guide_change,
    retire_guide,
    return_guide,
    submit_guide,
    update_guide,
)
from .importing import import_guides, import_sites
from .packages import save_composite, save_package
from .sites import add_site_photo, save_category, save_site
from .usage import count_guide_view

__all__ = [
    "add_site_photo",
    "adopt_guide",
    "approve_guide",
    "approve_guide_change",
    "count_guide_view",
    "create_guide",
    "follow_source",
    "import_guides",
    "import_sites",
    "reject_guide_change",
    "retire_guide",
    "return_guide",
    "save_category",
    "save_composite",
    "save_package",
    "save_site",
    "submit_guide",
    "update_guide",
]
