"""Differences between two revisions of a record, for people to read."""

import difflib
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from .sanitizing import html_to_text

METADATA_LABELS = {
    "doc_number": _("文号"),
    "written_on": _("成文日期"),
    "subject_category": _("主题分类"),
    "genre": _("体裁分类"),
    "keywords": _("主题词"),
    "validity": _("有效性"),
    "effective_on": _("生效日期"),
    "expired_on": _("失效日期"),
    "repealed_on": _("废止日期"),
    "attribute": _("公开属性"),
    "withheld_ground": _("不予公开依据"),
    "stage": _("五公开环节"),
    "decision_count": _("处理决定数量"),
    "fee_amount": _("收费金额（万元）"),
    "interprets": _("解读的政策文件"),
    "needs_interpretation": _("需要政策解读"),
    "display_until": _("公示截止日期"),
    "event_on": _("起算事件日期"),
    "interpretation_kind": _("解读形式"),
    "long_description": _("图解文字说明"),
    "transcript": _("视频文字稿"),
    "columns": _("栏目"),
    "items": _("公开事项"),
    "channels": _("公开渠道"),
    "attachments": _("附件"),
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class LineChange:
    kind: str  # "added", "removed" or "same"
    text: str


def readable(key: str, value):
    """A stored metadata value as a person reads it: the label of a choice (not its code), 是/否 for a flag."""
    from .models import Record

    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    try:
        field = Record._meta.get_field(key)
    except FieldDoesNotExist:  # keys that are not fields (attachments) are shown as stored
        return value
    labels = {str(code): label for code, label in (getattr(field, "flatchoices", None) or ())}
    if labels and isinstance(value, str) and value in labels:
        return str(labels[value])
    return value


def shown(value) -> str:
    if isinstance(value, list):
        return "、".join(str(part) for part in value)
    if value is None or value == "":
        return "—"
    return str(value)


def diff(previous, current) -> dict:
    """{"fields": [FieldChange], "body": [LineChange]} from `previous` (None for the first) to `current`."""
    old_meta = previous.metadata if previous else {}
    fields = []
    if previous is None or previous.title != current.title:
        fields.append(FieldChange(str(_("标题")), previous.title if previous else "—", current.title))
    if previous is None or previous.summary != current.summary:
        fields.append(
            FieldChange(str(_("内容概述")), shown(previous.summary if previous else ""), shown(current.summary))
        )
    for key, label in METADATA_LABELS.items():
        old, new = old_meta.get(key, ""), current.metadata.get(key, "")
        if old != new:
            fields.append(FieldChange(str(label), shown(readable(key, old)), shown(readable(key, new))))
    old_lines = html_to_text(previous.body).splitlines() if previous else []
    new_lines = html_to_text(current.body).splitlines()
    body = []
    for line in difflib.ndiff(old_lines, new_lines):
        marker, text = line[:2], line[2:]
        if marker == "+ ":
            body.append(LineChange("added", text))
        elif marker == "- ":
            body.append(LineChange("removed", text))
        elif marker == "  ":
            body.append(LineChange("same", text))
    return {"fields": fields, "body": body}
