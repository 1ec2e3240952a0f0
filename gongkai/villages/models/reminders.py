"""The log of reminder messages sent to village staff: one per person, channel and day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("邮件")
        SMS = "sms", _("短信")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("方式"), max_length=8, choices=Channel.choices)
    sent_on = models.DateField(_("日期"))
    address = models.CharField(_("地址或号码"), max_length=200)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    items = models.JSONField(_("提醒事项"), default=list, help_text=_("本条提醒包含的事项，如 issue:12。"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("村（社区）提醒记录")
        verbose_name_plural = _("村（社区）提醒记录")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "channel", "sent_on"], name="villages_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.person_id} {self.channel} {self.sent_on}"
