"""Applying screening's suggested masks (去标识化) to a draft: one finding or all of a record, then screening again."""

import lxml.html
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from gongkai.core import audit
from gongkai.screening.kinds import PERSONAL_DATA_KINDS
from gongkai.screening.models import Finding

from ..checks import run_checks
from ..errors import PublishingError, PublishingErrorCode
from ..models import Record, RevisionKind
from ..rules import authorize
from ..sanitizing import clean_html
from .common import add_revision, locked

# Where screening says a finding is (checks.record_texts) → the record field the mask is written into.
FIELDS_BY_LOCATION = {"标题": "title", "内容概述": "summary", "正文": "body"}


def maskable_findings(record: Record):
    """The record's current open personal-data findings that carry a suggested mask and sit in a field of its own."""
    return Finding.objects.filter(
        content_type=ContentType.objects.get_for_model(Record),
        object_id=str(record.pk),
        is_current=True,
        status=Finding.Status.OPEN,
        kind__in=PERSONAL_DATA_KINDS,
        location__in=FIELDS_BY_LOCATION,
    ).exclude(suggestion="")


def replace_in_html(body: str, text: str, masked: str) -> tuple[str, int]:
    """Replace `text` inside the body's text (never inside tags or attributes); returns the body and the count."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    count = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if element is root and attribute == "tail" or not value or text not in value:
                continue
            count += value.count(text)
            setattr(element, attribute, value.replace(text, masked))
    parts = [root.text or ""] + [etree.tostring(child, encoding="unicode", method="html") for child in root]
    return "".join(parts), count


def mask_field(record: Record, finding: Finding) -> str:
    field = FIELDS_BY_LOCATION[finding.location]
    value = getattr(record, field)
    if field == "body":
        value, count = replace_in_html(value, finding.text, finding.suggestion)
    else:
        count = value.count(finding.text)
        value = value.replace(finding.text, finding.suggestion)
    if not count:
        raise PublishingError(
            PublishingErrorCode.INVALID,
            _("“%(text)s”在%(location)s中被格式分隔或已修改，无法自动替换：请在编辑器中手动改为“%(masked)s”。")
            % {"text": finding.text, "location": finding.location, "masked": finding.suggestion},
            field=field,
        )
    setattr(record, field, clean_html(value) if field == "body" else value)
    return field


@transaction.atomic
def apply_suggested_masks(*, record: Record, actor, finding_ids: list[int] | None = None) -> list[Finding]:
    """Write the suggested mask of the given findings (all maskable ones when None) into the draft, keep a revision
    and an audit entry, and screen the record again so the masked findings close. Returns the findings applied."""
    record = locked(record)
    authorize(actor, record, "edit")
    findings = maskable_findings(record)
    if finding_ids is not None:
        findings = findings.filter(pk__in=finding_ids)
    findings = list(findings.order_by("location", "start", "id"))
    if not findings or finding_ids is not None and len(findings) != len(set(finding_ids)):
        raise PublishingError(
            PublishingErrorCode.NOTHING_CHANGED,
            _("没有可以一键脱敏的问题：只有本信息标题、内容概述或正文中待处理的个人信息问题附有脱敏建议。"),
        )
    changed = sorted({mask_field(record, finding) for finding in findings})
    record.save(update_fields=[*changed, "updated_at"])
    add_revision(record, kind=RevisionKind.EDITED, actor=actor, change_note=_("套用内容预审的脱敏建议。"))
    audit.log(
        "publishing.record.masked",
        actor=actor,
        target=record,
        organization=record.organization,
        data={
            "findings": [finding.pk for finding in findings],
            "kinds": sorted({finding.kind for finding in findings}),
            "fields": changed,
        },
    )
    run_checks(record=record, actor=actor)
    return findings
