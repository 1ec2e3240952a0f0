"""Reading counts, shares and 有用/没用 ratings, aggregated per object and day; nothing about who."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CountedKind


class DailyCount(models.Model):
    kind = models.CharField(_("对象类别"), max_length=20, choices=CountedKind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    day = models.DateField(_("日期"))
    views = models.PositiveIntegerField(_("阅读"), default=0)
    shares = models.PositiveIntegerField(_("转发"), default=0)
    useful = models.PositiveIntegerField(_("有用"), default=0)
    not_useful = models.PositiveIntegerField(_("没用"), default=0)

    class Meta:
        verbose_name = _("每日计数")
        verbose_name_plural = _("每日计数")
        constraints = [
            models.UniqueConstraint(fields=("kind", "object_id", "day"), name="engagement_dailycount_unique_day")
        ]
        indexes = [models.Index(fields=("kind", "day"), name="engagement_dailycount_kind_day")]

    def __str__(self):
        return f"{self.kind}:{self.object_id}@{self.day}"
