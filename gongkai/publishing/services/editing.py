"""Writing drafts: creating and editing records, their links, and their validity once published."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit

from .. import deadlines
from ..errors import PublishingError, PublishingErrorCode
from ..models import (
    GENRES_NEEDING_INTERPRETATION,
    GENRES_WITH_DECISIONS,
    OPEN_STATUSES,
    Attribute,
    Genre,
    InterpretationKind,
    Record,
    RecordStatus,
    RevisionKind,
    Validity,
)
from ..rules import DRAFTERS, authorize
from ..sanitizing import clean_html, images_without_alt
from ..signals import record_changed, send_after_commit
from .common import add_revision, full_clean, locked, require

FIELDS = (
    "title", "summary", "body", "doc_number", "written_on", "subject_category", "genre", "keywords", "validity",
    "effective_on", "expired_on", "repealed_on", "attribute", "withheld_ground", "stage", "decision_count",
    "fee_amount", "interprets", "needs_interpretation", "display_until", "event_on", "interpretation_kind",
    "long_description", "transcript",
)  # fmt: skip
RELATIONS = ("columns", "items", "channels")


def invalid(message: str, field: str) -> PublishingError:
    return PublishingError(PublishingErrorCode.INVALID, message, field=field)


def validate_dates(record: Record) -> None:
    if record.written_on and record.written_on > timezone.localdate():
        raise invalid(_("成文日期不能晚于今天。"), "written_on")
    if record.validity == Validity.REPEALED and not record.repealed_on:
        raise invalid(_("有效性为“废止”时须填写废止日期。"), "repealed_on")
    if record.validity == Validity.LAPSED and not record.expired_on:
        raise invalid(_("有效性为“失效”时须填写失效日期。"), "expired_on")
    if record.effective_on and record.expired_on and record.expired_on < record.effective_on:
        raise invalid(_("失效日期不能早于生效日期。"), "expired_on")
    if record.repealed_on and record.written_on and record.repealed_on < record.written_on:
        raise invalid(_("废止日期不能早于成文日期。"), "repealed_on")
    if record.display_until and record.written_on and record.display_until < record.written_on:
        raise invalid(_("公示截止日期不能早于成文日期。"), "display_until")


def validate_counts(record: Record) -> None:
    if record.decision_count and record.genre not in GENRES_WITH_DECISIONS:
        raise invalid(_("只有行政许可、行政处罚、行政强制类信息才填写处理决定数量。"), "decision_count")
    if record.fee_amount is not None and record.genre != Genre.FEE:
        raise invalid(_("只有行政事业性收费类信息才填写收费金额。"), "fee_amount")
    if record.fee_amount is not None and record.fee_amount < 0:
        raise invalid(_("收费金额不能为负数。"), "fee_amount")


def validate_attribute(record: Record) -> None:
    if record.attribute == Attribute.WITHHELD and not record.withheld_ground:
        raise invalid(_("公开属性为“不予公开”时须选择《条例》规定的依据。"), "withheld_ground")
    if record.attribute != Attribute.WITHHELD and record.withheld_ground:
        raise invalid(_("只有“不予公开”的信息才填写不予公开依据。"), "withheld_ground")


def validate_interpretation(record: Record) -> None:
    target = record.interprets
    if target is None:
        return
    if record.genre != Genre.INTERPRETATION:
        raise invalid(_("只有体裁为“政策解读”的信息才能关联被解读的政策文件。"), "interprets")
    if target.pk == record.pk or target.genre == Genre.INTERPRETATION:
        raise PublishingError(
            PublishingErrorCode.INTERPRETATION_TARGET,
            _("被解读的必须是另一条政策文件，不能是解读本身。"),
            field="interprets",
        )


def validate_interpretation_kind(record: Record) -> None:
    """图解 carry a text long description, 视频解读 a transcript (the video itself is required at submission)."""
    record.long_description = (record.long_description or "").strip()
    record.transcript = (record.transcript or "").strip()
    kind = record.interpretation_kind
    if kind != InterpretationKind.TEXT and record.genre != Genre.INTERPRETATION:
        raise invalid(
            _("只有体裁为“政策解读”的信息才能选择图解或视频解读，其他信息请选“文字解读”。"), "interpretation_kind"
        )
    if kind == InterpretationKind.GRAPHIC and not record.long_description:
        raise invalid(
            _("图解须填写图解文字说明：用文字完整说明图解的内容，供无法查看图片的读者阅读。"), "long_description"
        )
    if kind == InterpretationKind.VIDEO and not record.transcript:
        raise invalid(_("视频解读须填写视频文字稿：写出视频中讲解的全部内容，显示在视频下方。"), "transcript")


def validate_relations(record: Record, relations: dict) -> None:
    columns = relations.get("columns")
    if columns is not None and any(column.organization_id != record.organization_id for column in columns):
        raise PublishingError(PublishingErrorCode.COLUMN_ORGANIZATION, _("只能选择本机构的栏目。"), field="columns")


def validate(record: Record, relations: dict) -> None:
    record.title = (record.title or "").strip()
    record.body = clean_html(record.body)
    full_clean(record)
    validate_dates(record)
    validate_counts(record)
    validate_attribute(record)
    validate_interpretation(record)
    validate_interpretation_kind(record)
    validate_relations(record, relations)


def effective_stage(record: Record) -> str:
    if record.stage:
        return record.stage
    stages = [stage for stage in record.items.order_by("code").values_list("stage", flat=True) if stage]
    return stages[0] if stages else ""


def refresh_derived(record: Record) -> None:
    """Recompute what follows from the links: the stage shown on the portal and the disclosure deadline."""
    record.effective_stage = effective_stage(record)
    record.due_on = deadlines.due_date(record) if record.written_on else None
    Record.objects.filter(pk=record.pk).update(effective_stage=record.effective_stage, due_on=record.due_on)


def require_alt_text(body: str) -> None:
    """Every image of a body a person submits describes itself for screen readers (bodies saved before stay)."""
    missing = images_without_alt(body)
    if missing:
        raise invalid(
            _("正文中的图片“%(name)s”没有图片说明（替代文字）：请在编辑器中选中图片，填写说明图片内容的文字后再保存。")
            % {"name": "”“".join(missing)},
            "body",
        )


def apply(record: Record, fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS) - set(RELATIONS)
    if unknown:
        raise invalid(_("不能修改这些字段：%(names)s。") % {"names": "、".join(sorted(unknown))}, sorted(unknown)[0])
    if "body" in fields:
        fields = {**fields, "body": clean_html(fields["body"])}
        require_alt_text(fields["body"])
    for name in FIELDS:
        if name in fields:
            setattr(record, name, fields[name])
    return {name: list(fields[name]) for name in RELATIONS if name in fields and fields[name] is not None}


def set_relations(record: Record, relations: dict) -> None:
    for name, values in relations.items():
        getattr(record, name).set(values)


def default_columns(record: Record) -> list:
    from .columns import default_columns_for

    return default_columns_for(record.organization, record.genre)


@transaction.atomic
def create_record(*, organization, actor, **fields) -> Record:
    """A new draft of `organization`, written by a clerk (or the office)."""
    record = Record(organization=organization, created_by=actor)
    require(actor, record, DRAFTERS, _("只有本机构的信息员或政务公开办公室可以起草政府信息。"))
    relations = apply(record, fields)
    if "needs_interpretation" not in fields:
        record.needs_interpretation = record.genre in GENRES_NEEDING_INTERPRETATION
    validate(record, relations)
    record.save()
    if not relations.get("columns"):
        relations["columns"] = default_columns(record)
    set_relations(record, relations)
    refresh_derived(record)
    add_revision(record, kind=RevisionKind.CREATED, actor=actor)
    audit.log(
        "publishing.record.created", actor=actor, target=record, organization=organization, data={"genre": record.genre}
    )
    return record


@transaction.atomic
def update_record(*, record: Record, actor, **fields) -> Record:
    """Edit a draft (a new record, or one returned with a comment). Published records are corrected instead."""
    record = locked(record)
    authorize(actor, record, "edit")
    before = {name: getattr(record, name) for name in FIELDS}
    relations = apply(record, fields)
    validate(record, relations)
    record.save()
    if "columns" in relations and not relations["columns"]:
        relations["columns"] = default_columns(record)
    set_relations(record, relations)
    refresh_derived(record)
    changed = sorted(name for name in FIELDS if before[name] != getattr(record, name)) + sorted(relations)
    add_revision(record, kind=RevisionKind.EDITED, actor=actor)
    audit.log(
        "publishing.record.updated",
        actor=actor,
        target=record,
        organization=record.organization,
        data={"fields": changed},
    )
    return record


@transaction.atomic
def change_validity(
    *,
    record: Record,
    actor,
    validity: str,
    on: date | None = None,
    note: str = "",
    replaced_by: Record | None = None,
) -> Record:
    """Mark a published regulation or document as lapsed or repealed (or in force again), with a public note and,
    when a newer document takes its place, that document (a published record other than itself)."""
    record = locked(record)
    authorize(actor, record, "validity")
    before = (record.validity, record.expired_on, record.repealed_on, record.replaced_by_id)
    if replaced_by is not None:
        if validity == Validity.IN_FORCE:
            raise invalid(_("有效的文件不能指定替代文件；请先将有效性改为“废止”或“失效”。"), "replaced_by")
        if replaced_by.pk == record.pk or replaced_by.status != RecordStatus.PUBLISHED:
            raise invalid(_("替代文件须是另一条已发布的信息。"), "replaced_by")
    record.validity = validity
    record.replaced_by = replaced_by if validity != Validity.IN_FORCE else None
    if validity == Validity.REPEALED:
        record.repealed_on = on
    elif validity == Validity.LAPSED:
        record.expired_on = on
    else:
        record.repealed_on = None
    validate(record, {})
    if before == (record.validity, record.expired_on, record.repealed_on, record.replaced_by_id):
        raise PublishingError(PublishingErrorCode.NOTHING_CHANGED, _("有效性没有变化。"))
    record.save()
    note = note.strip() or _("有效性变更为“%(validity)s”。") % {"validity": Validity(validity).label}
    add_revision(record, kind=RevisionKind.METADATA, actor=actor, change_note=note, is_public=True)
    audit.log(
        "publishing.record.validity_changed",
        actor=actor,
        target=record,
        organization=record.organization,
        data={
            "validity": validity,
            "on": on.isoformat() if on else "",
            "note": note,
            "replaced_by": record.replaced_by.index_number if record.replaced_by else "",
        },
    )
    send_after_commit(record_changed, record.pk)
    return record


@transaction.atomic
def recompute_due_dates(*, years: set[int] | None = None, actor=None) -> int:
    """Recompute deadlines of unpublished records after the holiday schedule (or a catalog time limit) changed."""
    records = Record.objects.filter(status__in=OPEN_STATUSES).select_related("organization__region")
    if years:
        records = records.filter(written_on__year__gte=min(years) - 1, written_on__year__lte=max(years))
    changed = 0
    for record in records:
        due_on = deadlines.due_date(record)
        if due_on != record.due_on:
            Record.objects.filter(pk=record.pk).update(due_on=due_on)
            changed += 1
    if changed:
        audit.log(
            "publishing.deadlines.recomputed", actor=actor, data={"records": changed, "years": sorted(years or [])}
        )
    return changed


@transaction.atomic
def refresh_item_records(*, item_ids: Iterable[int], actor=None) -> int:
    """After catalog items changed (time limit, stage): recompute the stage of their records and the deadlines of
    those not yet published, in one read for all the items (an import announces hundreds). Returns how many
    records changed."""
    item_ids = sorted(set(item_ids))
    if not item_ids:
        return 0
    changed = 0
    records = Record.objects.filter(items__in=item_ids).distinct().select_related("organization__region")
    for record in records:
        stage = effective_stage(record)
        due_on = deadlines.due_date(record) if record.status in OPEN_STATUSES else record.due_on
        if (stage, due_on) != (record.effective_stage, record.due_on):
            Record.objects.filter(pk=record.pk).update(effective_stage=stage, due_on=due_on)
            changed += 1
    if changed:
        audit.log("publishing.deadlines.recomputed", actor=actor, data={"records": changed, "items": item_ids})
    return changed
