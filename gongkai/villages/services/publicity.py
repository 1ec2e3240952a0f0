"""公示: create a notice with its list, open the objection window when it is published, answer objections and
record the result. The window is counted in working days on the village's regional calendar."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.workdays import WorkCalendar
from gongkai.publishing.models import Column, Genre, Record, RecordStatus
from gongkai.publishing.services import create_record
from gongkai.screening.identifiers import is_valid_id_number

from ..access import is_township_supervisor, is_village, is_village_worker
from ..columns import PUBLICITY_COLUMN
from ..errors import VillagesError, VillagesErrorCode
from ..models import KEEP_DAYS, Objection, ObjectionOutcome, Publicity, PublicityEntry, PublicityKind
from .common import log, require, require_phone, require_text, today

MAX_WORKING_DAYS = 60


def publicity_period(start: date, working_days: int, *, region) -> tuple[date, date]:
    """The first and last day of a period of `working_days` working days beginning on `start` (or on the next
    working day when `start` is a weekend or holiday). Both days count."""
    calendar = WorkCalendar.load(start, start + timedelta(days=working_days * 3 + 60), region=region)
    first = start
    while not calendar.is_workday(first):
        first += timedelta(days=1)
    last = first if working_days == 1 else calendar.add(first, working_days - 1).date
    return first, last


def invalid(message: str, field: str) -> VillagesError:
    return VillagesError(VillagesErrorCode.INVALID, message, field=field)


def clean_entries(entries) -> list[PublicityEntry]:
    cleaned = []
    for number, entry in enumerate(entries, start=1):
        name = (entry.get("name") or "").strip()
        id_number = (entry.get("id_number") or "").strip().upper()
        if not name:
            raise invalid(_("名单第%(row)s行：请填写姓名。") % {"row": number}, "entries")
        if id_number and not is_valid_id_number(id_number):
            raise invalid(
                _("名单第%(row)s行：身份证号“%(value)s”无效（应为18位且校验码正确）。")
                % {"row": number, "value": id_number},
                "entries",
            )
        cleaned.append(
            PublicityEntry(
                name=name[:50],
                id_number=id_number,
                address=(entry.get("address") or "").strip()[:200],
                detail=(entry.get("detail") or "").strip()[:200],
                sort_order=number,
            )
        )
    return cleaned


@transaction.atomic
def create_publicity(
    *,
    organization,
    actor,
    title: str,
    kind: str,
    body: str,
    entries=(),
    working_days: int = 7,
    keep_days: int | None | str = "default",
    written_on: date | None = None,
) -> Publicity:
    """A draft 公示 of a village: a record in the 公示公告 column and its list. It goes through the township's review
    like any village record; the objection window opens when it is published."""
    if not is_village(organization):
        raise VillagesError(VillagesErrorCode.NOT_A_VILLAGE, _("只有村（居）委会可以发布公示。"))
    if kind not in PublicityKind.values:
        raise invalid(_("请选择公示类型。"), "kind")
    if not 1 <= int(working_days) <= MAX_WORKING_DAYS:
        raise invalid(_("公示期应为1至60个工作日。"), "working_days")
    rows = clean_entries(entries)
    columns = list(Column.objects.filter(organization=organization, slug=PUBLICITY_COLUMN, is_active=True))
    record = create_record(
        organization=organization,
        actor=actor,
        title=title,
        genre=Genre.NOTICE,
        body=body,
        written_on=written_on or today(),
        columns=columns,
    )
    publicity = Publicity.objects.create(
        record=record,
        kind=kind,
        working_days=int(working_days),
        keep_days=KEEP_DAYS[kind] if keep_days == "default" else keep_days,
    )
    for row in rows:
        row.publicity = publicity
    PublicityEntry.objects.bulk_create(rows)
    log("publicity.created", publicity, actor, organization, record=record.pk, entries=len(rows))
    return publicity


@transaction.atomic
def start_publicity(*, record_id: int) -> Publicity | None:
    """Open the objection window from the publication date and set when the notice goes offline (publishing's
    `publish-due` takes it down then). Runs when the record is published; a second run changes nothing."""
    publicity = (
        Publicity.objects.select_for_update(of=("self",))
        .select_related("record__organization__region")
        .filter(record_id=record_id)
    ).first()
    if publicity is None or publicity.starts_on is not None or publicity.record.published_at is None:
        return publicity
    region = publicity.record.organization.region
    publicity.starts_on, publicity.ends_on = publicity_period(
        timezone.localdate(publicity.record.published_at), publicity.working_days, region=region
    )
    publicity.save(update_fields=["starts_on", "ends_on"])
    if publicity.keep_days is not None:
        display_until = publicity.ends_on + timedelta(days=publicity.keep_days)
        Record.objects.filter(pk=record_id).update(display_until=display_until, updated_at=timezone.now())
    log(
        "publicity.started",
        publicity,
        None,
        publicity.record.organization,
        starts_on=publicity.starts_on.isoformat(),
        ends_on=publicity.ends_on.isoformat(),
    )
    return publicity


def in_window(publicity: Publicity, day: date) -> bool:
    return (
        publicity.record.status == RecordStatus.PUBLISHED
        and publicity.starts_on is not None
        and publicity.starts_on <= day <= publicity.ends_on
    )


@transaction.atomic
def submit_objection(
    *, publicity: Publicity, text: str, name: str, phone: str, ip_address=None, on: date | None = None
) -> Objection:
    """A resident objects during the period. Name and phone are kept for the answer and never shown publicly."""
    publicity = Publicity.objects.select_related("record").get(pk=publicity.pk)
    day = on or today()
    if not in_window(publicity, day):
        raise VillagesError(
            VillagesErrorCode.OUTSIDE_PERIOD,
            _("不在公示期内，不能提出异议。公示期为%(start)s至%(end)s。")
            % {"start": publicity.starts_on or "—", "end": publicity.ends_on or "—"},
        )
    objection = Objection.objects.create(
        publicity=publicity,
        text=require_text(text, _("请写明异议的内容和理由（至少5个字）。"), "text", minimum=5)[:2000],
        name=require_text(name, _("请填写姓名，以便答复。"), "name")[:50],
        phone=require_phone(phone),
        ip_address=ip_address,
    )
    log("objection.submitted", objection, None, publicity.record.organization_id, publicity=publicity.pk)
    return objection


@transaction.atomic
def answer_objection(*, objection: Objection, actor, answer: str, outcome: str) -> Objection:
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("publicity__record__organization")
        .get(pk=objection.pk)
    )
    village = objection.publicity.record.organization
    require(
        is_village_worker(actor, village) or is_township_supervisor(actor, village),
        _("只有本村（社区）的工作人员或乡镇（街道）审核人可以答复异议。"),
    )
    if objection.answered_at is not None:
        raise VillagesError(VillagesErrorCode.ILLEGAL_TRANSITION, _("这条异议已经答复过了。"))
    if outcome not in ObjectionOutcome.values:
        raise invalid(_("请选择核查结果。"), "outcome")
    objection.answer = require_text(
        answer, _("请填写答复内容（会告知异议人，并在公示结果中公开，不含其个人信息）。"), "answer"
    )
    objection.outcome = outcome
    objection.answered_at, objection.answered_by = timezone.now(), actor
    objection.save(update_fields=["answer", "outcome", "answered_at", "answered_by"])
    log("objection.answered", objection, actor, village, outcome=outcome)
    return objection


@transaction.atomic
def record_publicity_result(*, publicity: Publicity, actor, result: str = "", on: date | None = None) -> Publicity:
    """After the period: the result shown at the end of the notice. Without objections it reads 公示期满，无异议."""
    rows = Publicity.objects.select_for_update(of=("self",))
    publicity = rows.select_related("record__organization").get(pk=publicity.pk)
    village = publicity.record.organization
    require(
        is_village_worker(actor, village) or is_township_supervisor(actor, village),
        _("只有本村（社区）的工作人员或乡镇（街道）审核人可以登记公示结果。"),
    )
    day = on or today()
    if publicity.ends_on is None or day <= publicity.ends_on:
        raise VillagesError(VillagesErrorCode.OUTSIDE_PERIOD, _("公示期尚未结束，不能登记公示结果。"))
    if publicity.objections.filter(answered_at__isnull=True).exists():
        raise VillagesError(VillagesErrorCode.OPEN_OBJECTIONS, _("还有未答复的异议，请先逐条答复。"))
    result = (result or "").strip()
    if not result and publicity.objections.exists():
        raise invalid(_("公示期间收到异议，请写明核查和处理结果。"), "result")
    publicity.result = result or str(_("公示期满，无异议。"))
    publicity.result_recorded_at, publicity.result_recorded_by = timezone.now(), actor
    publicity.save(update_fields=["result", "result_recorded_at", "result_recorded_by"])
    log("publicity.result_recorded", publicity, actor, village, objections=publicity.objections.count())
    return publicity
