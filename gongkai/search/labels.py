"""Readable names of the search app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "search.index.rebuilt": _("重建全文检索索引"),
        "search.term.created": _("新增检索词"),
        "search.term.changed": _("修改检索词"),
    }
)
