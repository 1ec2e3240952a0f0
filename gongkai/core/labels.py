"""Readable names of the core app's audit actions."""

from django.utils.translation import gettext_lazy as _

from .audit import register_action_labels

register_action_labels(
    {
        "core.schedule.set": _("录入或替换年度节假日安排"),
        "core.regional_holiday.added": _("新增地区额外假日"),
        "core.regional_holiday.removed": _("删除地区额外假日"),
    }
)
