"""Helpers shared by the villages services."""

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from ..errors import VillagesError, VillagesErrorCode

PHONE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$")


def require_text(value: str, message: str, field: str, *, minimum: int = 1) -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        raise VillagesError(VillagesErrorCode.INVALID, message, field=field)
    return value


def require_phone(value: str, field: str = "phone") -> str:
    value = (value or "").strip().replace(" ", "")
    if not PHONE.match(value):
        raise VillagesError(
            VillagesErrorCode.INVALID,
            _("联系电话格式不对：请填写11位手机号（如 13812345678）或带区号的固定电话（如 0519-86001234）。"),
            field=field,
        )
    return value


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise AccessDenied(message)


def today() -> date:
    return timezone.localdate()


def log(action: str, target, actor=None, organization=None, **data) -> None:
    audit.log(f"villages.{action}", actor=actor, target=target, organization=organization, data=data)
