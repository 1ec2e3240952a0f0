"""Secrecy markings: 绝密/机密/秘密 with ★, 密级：…, or a level alone on its line; 绝密 in a sentence warns."""

import re

from ..kinds import Kind, Severity
from ..texts import cached_gettext as _
from .base import Detection

SECRET = re.compile(
    r"""
    (?P<starred>[★☆]\s?(?:绝密|机密|秘密)(?:\s?[★☆])?
        |(?:绝密|机密|秘密)级?\s?[★☆](?:\s?(?:启用前|长期|[0-9０-９一二三四五六七八九十]{1,3}\s?(?:年|个月)))?)
    |(?P<labelled>密\s?级\s?[:：]?\s?(?:绝密|机密|秘密))
    |(?P<bare>绝密|机密|秘密)
    """,
    re.VERBOSE,
)

LINE_WINDOW = 200  # a marking is "alone on its line" when nothing else stands within this many characters


def scan_secret_markings(text: str, detections: list[Detection]) -> None:
    """Every marking contains 密, so the regex only runs in a small window around each 密 found by str.find."""
    covered_until = 0
    position = text.find("密")
    while position != -1:
        match = SECRET.search(text, max(covered_until, position - 4), min(len(text), position + 16))
        if match is None or match.start() > position:
            position = text.find("密", position + 1)
            continue
        covered_until = match.end()
        _report_secret(text, match, detections)
        position = text.find("密", covered_until)


def _report_secret(text: str, match: re.Match, detections: list[Detection]) -> None:
    start, end = match.span()
    value = match.group()
    if match.lastgroup in ("starred", "labelled"):
        detections.append(_secret(start, end, value, Severity.BLOCK, "secret_marking.starred"))
        return
    if value != "绝密" and start and not text[start - 1].isspace():
        return  # 机密/秘密 inside a sentence (商业秘密、国家秘密、秘密投票) is an ordinary word
    before, after = _line_bounds(text, start, end)
    standalone = not before.strip() and (not after.strip() or after.lstrip()[:1] in "级（(：:")
    if standalone:
        detections.append(_secret(start, end, value, Severity.BLOCK, "secret_marking.heading"))
    elif value == "绝密":
        detections.append(_secret(start, end, value, Severity.WARN, "secret_marking.top_secret_word"))


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after the span on its own line, looking at most LINE_WINDOW characters either way."""
    window_start = max(0, start - LINE_WINDOW)
    line_start = max(text.rfind("\n", window_start, start), text.rfind("\f", window_start, start), window_start - 1) + 1
    window_end = min(len(text), end + LINE_WINDOW)
    line_end = min(
        i if i != -1 else window_end for i in (text.find("\n", end, window_end), text.find("\f", end, window_end))
    )
    return text[line_start:start], text[end:line_end]


def _secret(start: int, end: int, value: str, severity: str, rule: str) -> Detection:
    return Detection(
        kind=Kind.SECRET_MARKING,
        severity=severity,
        start=start,
        end=end,
        text=value,
        suggestion=_("涉密信息不得公开：请撤下该内容并交保密审查员处理。"),
        message=_("出现国家秘密密级标识，按《保守国家秘密法》和《政府信息公开条例》第十四条，涉密信息不予公开。")
        if severity == Severity.BLOCK
        else _("出现“绝密”字样，请确认内容不涉及国家秘密。"),
        rule=rule,
    )
