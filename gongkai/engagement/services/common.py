"""What every engagement service shares: the audit helper, tracking codes and the screening checks."""

import secrets

from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.screening.detectors import scan
from gongkai.screening.kinds import PERSONAL_DATA_KINDS, Kind, Severity
from gongkai.screening.masking import mask

from ..errors import EngagementError, EngagementErrorCode

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def log(action: str, *, actor, target, data: dict | None = None, ip_address: str | None = None) -> None:
    audit.log(
        f"engagement.{action}",
        actor=actor,
        target=target,
        data=data or {},
        organization=getattr(target, "organization", None),
        ip_address=ip_address,
    )


def new_tracking_code(year: int, exists) -> str:
    """`ZX2026-7KQ4M9XT`: unguessable, without look-alike characters; `exists(code)` says whether it is taken."""
    while True:
        code = f"ZX{year}-" + "".join(secrets.choice(TRACKING_ALPHABET) for _index in range(8))
        if not exists(code):
            return code


def personal_data_found(text: str) -> list:
    """Personal-data detections (ID numbers, mobiles, bank cards, e-mails, addresses) in `text`."""
    return scan(text, kinds=PERSONAL_DATA_KINDS)


def describe(detections) -> str:
    """「身份证号码 1 处、手机号码 2 处」: what was found, never the values themselves."""
    counts: dict[str, int] = {}
    for detection in detections:
        counts[detection.kind] = counts.get(detection.kind, 0) + 1
    return "、".join(
        _("%(kind)s %(count)s 处") % {"kind": Kind(kind).label, "count": count} for kind, count in counts.items()
    )


def masked(text: str) -> str:
    """The text with every personal-data detection replaced by the official mask."""
    return mask(text, personal_data_found(text))


def remove_name(text: str, name: str) -> str:
    """Replace the asker's own name wherever it appears (masks cover numbers, not names)."""
    name = (name or "").strip()
    return text.replace(name, _("某某")) if len(name) >= 2 else text


def public_text(text: str, *, name: str = "") -> str:
    return masked(remove_name(text, name))


def require_clean(text: str, *, what: str) -> None:
    """Refuse a text with a blocking screening finding (a secrecy marking, a blocked sensitive word, an ID number…)."""
    blocking = [detection for detection in scan(text) if detection.severity == Severity.BLOCK]
    if blocking:
        raise EngagementError(
            EngagementErrorCode.BLOCKED_BY_SCREENING,
            _("%(what)s未通过内容预审：发现%(found)s。请修改后再提交。") % {"what": what, "found": describe(blocking)},
        )


def not_blank(value: str, label: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise EngagementError(EngagementErrorCode.INVALID, _("请填写%(label)s。") % {"label": label}, field=field)
    return value


def wrong_state(obj, label) -> EngagementError:
    return EngagementError(
        EngagementErrorCode.WRONG_STATE,
        _("当前状态为“%(status)s”，不能%(action)s。") % {"status": obj.get_status_display(), "action": label},
    )
