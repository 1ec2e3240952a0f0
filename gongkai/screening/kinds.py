"""The kinds of finding and their severities, shared by detectors, models and interfaces."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ID_CARD = "id_card", _("身份证号码")
    MOBILE = "mobile", _("手机号码")
    BANK_CARD = "bank_card", _("银行卡号")
    EMAIL = "email", _("电子邮箱")
    ADDRESS = "address", _("详细住址")
    SECRET_MARKING = "secret_marking", _("涉密标识")
    SENSITIVE = "sensitive", _("敏感词")
    EXPRESSION = "expression", _("表述错误")
    NO_TEXT = "no_text", _("无法自动检查")


class Severity(models.TextChoices):
    BLOCK = "block", _("阻止发布")
    WARN = "warn", _("需确认")
    INFO = "info", _("提示")


PERSONAL_DATA_KINDS = (Kind.ID_CARD, Kind.MOBILE, Kind.BANK_CARD, Kind.EMAIL, Kind.ADDRESS)
