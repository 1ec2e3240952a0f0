"""E-mail addresses, found from each "@" (a warning: offices publish their work address)."""

import re

from ..kinds import Kind, Severity
from ..masking import mask_email
from ..texts import cached_gettext as _
from .base import Detection

EMAIL_LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\Z", re.ASCII)

EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}", re.ASCII
)


def scan_emails(text: str, detections: list[Detection]) -> None:
    position = text.find("@")
    previous_end = 0
    while position != -1:
        local = EMAIL_LOCAL.search(text, max(previous_end, position - 64), position)
        domain = EMAIL_DOMAIN.match(text, position + 1)
        # A local part glued to an "@" or a mask before it is the tail of something else (a@b.cc@d.cn, z***@…).
        if local and local.start() and text[local.start() - 1] in "@*＊":
            local = None
        if local and domain:
            previous_end = domain.end()
            start, end = local.start(), domain.end()
            value = text[start:end]
            detections.append(
                Detection(
                    kind=Kind.EMAIL,
                    severity=Severity.WARN,
                    start=start,
                    end=end,
                    text=value,
                    suggestion=mask_email(value),
                    message=_("电子邮箱地址：如为个人邮箱应隐去；单位公开的工作邮箱可确认后接受。"),
                    rule="email.address",
                )
            )
            position = text.find("@", end)
        else:
            position = text.find("@", position + 1)
