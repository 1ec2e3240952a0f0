"""ID numbers, mobile numbers and bank card numbers (and, through the same digits, house numbers of addresses)."""

import re

from .. import identifiers
from ..kinds import Kind, Severity
from ..masking import MASKERS, mask_bank_card, mask_id_number, mask_mobile
from ..texts import cached_gettext as _
from .addresses import scan_house_numbers
from .base import Detection, preceded_by, stands_alone

# Numbers are found in two cheap passes instead of one clever regex (measured 3× faster, see docs/screening.md):
# runs of 11+ digits/letters, and groups written with spaces or hyphens (138 1234 5678, 6222 0212 3456 7890).
RUN = re.compile(r"[0-9][0-9A-Za-z]{10,}", re.ASCII)

GROUP_SEPARATORS = re.compile(r"[ \-][0-9]{4}[ \-][0-9]{4}|[ \-][0-9]{8}[ \-]", re.ASCII)
# ID numbers written in groups: 110105 19491231 002X or 110105 1949 1231 002X.
ID_GROUPED = re.compile(r"[0-9]{6}[ \-](?:[0-9]{8}|[0-9]{4}[ \-][0-9]{4})[ \-][0-9]{3}[0-9Xx]", re.ASCII)

GROUPED = re.compile(r"(?:\+?86[ \-]?)?[0-9]{3,4}(?:[ \-][0-9]{4}){2,3}(?:[ \-][0-9]{1,3})?(?![0-9])", re.ASCII)

PHONE_PREFIX = re.compile(r"(?:\+86[ \-]?|86[ \-])\Z", re.ASCII)

ID_KEYWORDS = ("身份证", "证件号", "身份号码", "证号")

NOT_PERSONAL_KEYWORDS = ("信用代码", "索引号", "机构代码", "文号")

FULLWIDTH = re.compile("[０-９]")
# Full-width digits, letters and signs (typed with a Chinese input method) map one-to-one to ASCII, so offsets
# found in the translated text are offsets in the original.
TO_ASCII = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\u2014": "-", "\u2013": "-"}
)


def scan_numbers(text: str, detections: list[Detection]) -> None:
    if FULLWIDTH.search(text) is None:
        _scan_ascii_numbers(text, detections)
        return
    found: list[Detection] = []
    _scan_ascii_numbers(text.translate(TO_ASCII), found)
    for detection in found:
        original = text[detection.start : detection.end]
        if original != detection.text:
            masker = MASKERS.get(detection.kind)
            detection.text = original
            detection.suggestion = masker(original) if masker else detection.suggestion
        detections.append(detection)


def _scan_ascii_numbers(text: str, detections: list[Detection]) -> None:
    for match in RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if end - start == 11 and identifiers.is_mobile_number(run):
            prefix = PHONE_PREFIX.search(text, max(0, start - 4), start)
            if prefix is not None:
                start = prefix.start()
        elif end - start == 13 and start and text[start - 1] == "+" and run.startswith("86"):
            start -= 1
        if stands_alone(text, start, end):
            detection = _classify_run(text, start, end, run)
            if detection is not None:
                detections.append(detection)
    _scan_grouped_numbers(text, detections)
    scan_house_numbers(text, detections)


def _scan_grouped_numbers(text: str, detections: list[Detection]) -> None:
    covered_until = -1
    for separators in GROUP_SEPARATORS.finditer(text):
        if separators.start() < covered_until:
            continue
        window_start = max(0, separators.start() - 8)
        identity = _grouped_id_number(text, separators)
        if identity is not None:
            detections.append(identity)
            covered_until = identity.end
            continue
        for match in GROUPED.finditer(text, window_start, min(len(text), separators.end() + 20)):
            start, end = match.span()
            if not start <= separators.start() < end:
                continue
            covered_until = end
            if not stands_alone(text, start, end):
                break
            digits = "".join(char for char in match.group() if char.isdigit())
            national = digits[2:] if match.group().lstrip("+").startswith("86") and len(digits) == 13 else digits
            if len(national) == 11 and identifiers.is_mobile_number(national):
                detections.append(_mobile(text, start, end))
            elif identifiers.is_bank_card_number(digits):
                detections.append(_bank_card(text, start, end))
            break


def _grouped_id_number(text: str, separators: re.Match) -> Detection | None:
    for match in ID_GROUPED.finditer(text, max(0, separators.start() - 6), min(len(text), separators.end() + 10)):
        start, end = match.span()
        if start <= separators.start() < end and stands_alone(text, start, end):
            digits = "".join(char for char in match.group() if char not in " -")
            if identifiers.is_valid_id_number(digits) and not preceded_by(text, start, NOT_PERSONAL_KEYWORDS):
                return _id_card(text, start, end, legacy=False)
    return None


def _classify_run(text: str, start: int, end: int, run: str) -> Detection | None:
    """`run` is the bare digits and letters; [start, end) may also cover a +86 prefix written before them."""
    length = len(run)
    if length == 18 and identifiers.looks_like_id_number(run):
        if identifiers.is_valid_id_number(run) and not preceded_by(text, start, NOT_PERSONAL_KEYWORDS):
            return _id_card(text, start, end, legacy=False)
        return None  # a wrong check digit: not an ID number, and not a card number either
    if not run.isdigit():
        return None
    if length == 11 and identifiers.is_mobile_number(run):
        return _mobile(text, start, end)
    if length == 13 and run.startswith("86") and identifiers.is_mobile_number(run[2:]):
        return _mobile(text, start, end)
    if length == 15 and identifiers.is_legacy_id_number(run) and preceded_by(text, start, ID_KEYWORDS):
        return _id_card(text, start, end, legacy=True)
    if identifiers.is_bank_card_number(run) and not preceded_by(text, start, NOT_PERSONAL_KEYWORDS):
        return _bank_card(text, start, end)
    return None


def _id_card(text: str, start: int, end: int, *, legacy: bool) -> Detection:
    value = text[start:end]
    return Detection(
        kind=Kind.ID_CARD,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_id_number(value),
        message=_("公民身份号码属于个人隐私，公开前必须去标识化，只保留前2位和后3位。")
        if not legacy
        else _("疑似15位老身份证号码（前有“身份证”字样），公开前必须去标识化。"),
        rule="id_card.legacy15" if legacy else "id_card.gb11643",
    )


def _mobile(text: str, start: int, end: int) -> Detection:
    value = text[start:end]
    return Detection(
        kind=Kind.MOBILE,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_mobile(value),
        message=_("个人手机号码属于个人隐私，公开时应隐去中间四位；如确为单位公开的办公电话，请审核人确认后接受。"),
        rule="mobile.segment",
    )


def _bank_card(text: str, start: int, end: int) -> Detection:
    value = text[start:end]
    return Detection(
        kind=Kind.BANK_CARD,
        severity=Severity.BLOCK,
        start=start,
        end=end,
        text=value,
        suggestion=mask_bank_card(value),
        message=_("疑似银行卡号（位数与 Luhn 校验相符），不得公开，公开时只保留后4位。"),
        rule="bank_card.luhn",
    )
