"""The official masks (去标识化): ID numbers keep the first 2 and last 3 characters, mobiles 138****1234,
cards the last 4.

The ID mask can be configured with `settings.GONGKAI_SCREENING_ID_MASK`: 18 characters where `#` keeps the
original character and any other character replaces it (default `##*************###`).
"""

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .kinds import Kind

DEFAULT_ID_MASK = "##*************###"
TOWNSHIP_LEVEL = re.compile(r"^.*?(?:街道|镇|乡)")


_pattern_cache: dict[str, str] = {}


def id_mask_pattern() -> str:
    """The configured ID mask, read once (a scan masks thousands of numbers) and re-read when settings change."""
    pattern = _pattern_cache.get("id")
    if pattern is None:
        pattern = getattr(settings, "GONGKAI_SCREENING_ID_MASK", DEFAULT_ID_MASK)
        pattern = _pattern_cache["id"] = pattern if len(pattern) in (15, 18) else DEFAULT_ID_MASK
    return pattern


@receiver(setting_changed)
def _forget_pattern(*, setting, **kwargs):
    if setting == "GONGKAI_SCREENING_ID_MASK":
        _pattern_cache.clear()


def mask_id_number(value: str) -> str:
    pattern = id_mask_pattern()
    if pattern == DEFAULT_ID_MASK and len(value) == 18:
        return value[:2] + "*" * 13 + value[-3:]
    if len(value) != len(pattern):
        keep_start, keep_end = 2, 3
        return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
    return "".join(char if rule == "#" else rule for char, rule in zip(value, pattern, strict=True))


def _mask_digits(value: str, keep: set[int]) -> str:
    """Replace the digits of `value` whose digit index is not in `keep`; separators stay as they are."""
    result = []
    index = 0
    for char in value:
        if char.isdigit():
            result.append(char if index in keep else "*")
            index += 1
        else:
            result.append(char)
    return "".join(result)


def mask_mobile(value: str) -> str:
    """138-1234-5678 → 138-****-5678; +86 13812345678 → +86 138****5678 (the country code stays)."""
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[7:]
    digits = sum(char.isdigit() for char in value)
    offset = digits - 11  # the "86" prefix, when present
    keep = set(range(offset)) | {offset, offset + 1, offset + 2} | set(range(offset + 7, offset + 11))
    return _mask_digits(value, keep)


def mask_bank_card(value: str) -> str:
    digits = sum(char.isdigit() for char in value)
    return _mask_digits(value, set(range(digits - 4, digits)))


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return local[:1] + "*" * max(len(local) - 1, 3) + "@" + domain


def mask_address(value: str) -> str:
    """Keep the address down to the township or street (乡、镇、街道) and hide the rest."""
    township = TOWNSHIP_LEVEL.match(value)
    kept = township.group() if township else re.split(r"[0-9]", value, maxsplit=1)[0]
    return kept + "*" * 4


MASKERS = {
    Kind.ID_CARD: mask_id_number,
    Kind.MOBILE: mask_mobile,
    Kind.BANK_CARD: mask_bank_card,
    Kind.EMAIL: mask_email,
    Kind.ADDRESS: mask_address,
}


def mask(text: str, detections) -> str:
    """`text` with every personal-data detection replaced by its official mask; other kinds are left alone.

    Detections may overlap; a later one that overlaps an earlier masked span is skipped.
    """
    parts = []
    position = 0
    for detection in sorted(detections, key=lambda item: (item.start, -item.end)):
        masker = MASKERS.get(detection.kind)
        if masker is None or detection.start < position:
            continue
        if text[detection.start : detection.end] != detection.text:
            raise ValueError(f"Detection {detection.kind} at {detection.start} does not match the text.")
        parts.append(text[position : detection.start])
        parts.append(masker(detection.text))
        position = detection.end
    parts.append(text[position:])
    return "".join(parts)
