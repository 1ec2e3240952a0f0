"""Readable names of the search app's audit actions and of a document's standing in results."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "search.index.rebuilt": _("重建全文检索索引"),
        "search.term.created": _("新增检索词"),
        "search.term.changed": _("修改检索词"),
    }
)

STANDING_LABELS = {
    "in_force": _("现行有效"),
    "repealed": _("已废止"),
    "lapsed": _("已失效"),
    "replaced": _("已被替代"),
}


def standing_label(code: str) -> str:
    """The label shown beside a hit with a validity; "" for documents without one (guides, catalog items)."""
    label = STANDING_LABELS.get(code)
    return str(label) if label else ""
