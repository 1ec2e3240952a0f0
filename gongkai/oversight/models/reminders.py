"""Reminder preferences per person and the log of every digest sent (one per person, channel and day)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderPreference(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+"
    )
    by_email = models.BooleanField(_("邮件提醒"), default=True)
    by_sms = models.BooleanField(_("短信提醒"), default=False)
    red_only = models.BooleanField(_("只提醒红灯"), default=False)
    kinds = models.JSONField(
        _("提醒事项"), default=list, blank=True, help_text=_("留空表示全部：信息、必公开项、申请、整改问题。")
    )

    class Meta:
        verbose_name = _("提醒设置")
        verbose_name_plural = _("提醒设置")

    def __str__(self):
        return str(self.person)


class ReminderLog(models.Model):
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
    item_count = models.PositiveIntegerField(_("事项数"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("提醒记录")
        verbose_name_plural = _("提醒记录")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "channel", "sent_on"], name="oversight_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.person_id} {self.channel} {self.sent_on}"


class PendingWorkRead(models.Model):
    """A person has seen one light in the notification centre (`oversight.reminders.Light.key`). Only the read state
    is stored: the pending work itself is always computed from the lights."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(_("提醒标识"), max_length=80)
    read_at = models.DateTimeField(_("阅读时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已读提醒")
        verbose_name_plural = _("已读提醒")
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="oversight_pending_work_read_once")]

    def __str__(self):
        return f"{self.person_id} {self.key}"
