"""Readable names of the cases app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

LABELS = {
    "cases.case.created": _("登记办件"),
    "cases.case.progressed": _("更新办件进度"),
}


def register() -> None:
    register_action_labels(LABELS)
