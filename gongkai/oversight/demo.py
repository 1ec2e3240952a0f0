"""The oversight step of `gongkai demo`: the 2026 default scheme with a published leaderboard, the periodic-items
register (monthly items missing their records), self-inspection findings (a stale column, five blank columns in
one village, one broken internal link), two inspection notices with problems in every state, a manual deduction.

Idempotent: everything is looked up by name first; a second run changes nothing.
"""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.catalog.models import Item, ItemStatus
from gongkai.orgs.demo import staff_of
from gongkai.publishing.models import Column, ColumnKind, Record, RecordStatus
from gongkai.publishing.services import correct_record, create_column, deactivate_column

from .models import (
    Finding,
    FindingStatus,
    InspectionRun,
    ManualEntry,
    NationalIndicator,
    Notice,
    PeriodicItem,
    UpdateCycle,
)
from .services import (
    accept_problem,
    add_manual_entry,
    add_problem,
    answer_problem,
    create_notice,
    install_default_scheme,
    issue_notice,
    problem_from_finding,
    publish_leaderboard,
    publish_notice,
    register_periodic_item,
    return_problem,
    run_inspection,
)

YEAR = 2026
BROKEN_HREF = 'href="/records/0/"'
BROKEN_LINK = f"<p>相关文件：<a {BROKEN_HREF}>《青溪区2026年社会救助资金分配方案》</a></p>"
VILLAGE_COLUMNS = [
    ("party-affairs", "党务公开"),
    ("village-affairs", "村务公开"),
    ("village-finance", "财务公开"),
    ("village-services", "服务公开"),
    ("village-democracy", "民主管理"),
]
FIRST_NOTICE = "关于2026年第三季度政务公开督查情况的通报"
SECOND_NOTICE = "关于2026年11月政府网站自查问题整改的通报"


def build(context) -> None:
    government = context.objects["government"]
    office = staff_of(government, "office")
    today = timezone.localdate()
    scheme = install_default_scheme(region=government.region, year=YEAR, actor=office)
    if not scheme.leaderboard_published:
        publish_leaderboard(scheme=scheme, actor=office)
    registered = register_periodic(context, government, office)
    tidy_columns(context, office)
    village = blank_village(context, office)
    link_record = broken_link(context, office)
    if not InspectionRun.objects.exists():
        run_inspection(actor=office, today=today, external=False)
    notices = build_notices(context, government, office, today)
    manual_deduction(context, scheme, office)
    context.objects["oversight_scheme"] = scheme
    context.say(
        f"  2026年度考核方案（已公开排行榜），{registered} 个年度必公开项，村“{village.display_name}”5个空白栏目，"
        f"失效链接在“{link_record.title[:20]}…”，{notices} 份督查通报"
    )


def register_periodic(context, government, office) -> int:
    """Items of the district catalog that their departments must update each month, quarter or year."""
    if PeriodicItem.objects.exists():
        return PeriodicItem.objects.count()
    items = (
        Item.objects.filter(
            catalog__organization=government, status=ItemStatus.IN_FORCE, is_group=False, responsible_orgs__isnull=False
        )
        .distinct()
        .order_by("domain__sort_order", "sort_order", "id")[:6]
    )
    cycles = [UpdateCycle.MONTHLY] * 4 + [UpdateCycle.QUARTERLY, UpdateCycle.YEARLY]
    for item, cycle in zip(items, cycles, strict=False):
        yearly = cycle == UpdateCycle.YEARLY
        register_periodic_item(
            item=item,
            organization=item.responsible_orgs.order_by("pk").first(),
            cycle=cycle,
            due_month=3 if yearly else None,
            due_day=31 if yearly else None,
            since=date(YEAR, 1, 1),
            actor=office,
        )
    return PeriodicItem.objects.count()


def tidy_columns(context, office) -> None:
    """Departments and towns hide the standard columns they never use, as offices ask them to, so that the
    self-inspection page shows real problems instead of every unused statutory column."""
    if context.objects.get("oversight_tidied") or Column.objects.filter(is_active=False).exists():
        return
    organizations = [context.objects["government"], *context.objects["departments"], *context.objects["townships"]]
    used = set(Record.columns.through.objects.values_list("column_id", flat=True))
    columns = Column.objects.filter(organization__in=organizations, is_active=True).exclude(
        kind__in=(ColumnKind.STAGE, ColumnKind.DOMAIN)
    )
    parents = set(columns.exclude(parent=None).values_list("parent_id", flat=True))
    for column in columns:
        if column.pk not in used and column.pk not in parents:
            deactivate_column(column=column, actor=office)
    context.objects["oversight_tidied"] = True


def blank_village(context, office):
    village = context.objects["villages"][-1]
    for slug, name in VILLAGE_COLUMNS:
        if not Column.objects.filter(organization=village, slug=slug).exists():
            create_column(organization=village, actor=office, slug=slug, name=name, kind=ColumnKind.CUSTOM)
    return village


def broken_link(context, office):
    organization = context.objects["department_by_short"]["民政局"]
    record = (
        Record.objects.filter(organization=organization, status=RecordStatus.PUBLISHED)
        .order_by("-published_at", "id")
        .first()
    )
    already = Record.objects.filter(organization=organization, body__contains=BROKEN_HREF).first()
    if already is not None:
        return already
    if record is not None:
        record = correct_record(
            record=record,
            actor=staff_of(organization, "reviewer"),
            change_note="补充相关文件链接。",
            body=record.body + BROKEN_LINK,
        )
    return record


def build_notices(context, government, office, today: date) -> int:
    by_short = context.objects["department_by_short"]
    townships = context.objects["townships"]
    if not Notice.objects.filter(title=FIRST_NOTICE).exists():
        first_notice(government, office, by_short, townships, today)
    if not Notice.objects.filter(title=SECOND_NOTICE).exists():
        second_notice(government, office, by_short, today)
    return Notice.objects.count()


def problem(notice, organization, office, description, days=10):
    return add_problem(
        notice=notice, organization=organization, description=description, actor=office, deadline_days=days
    )


def first_notice(government, office, by_short, townships, today) -> None:
    """Issued six weeks ago: one problem accepted, one returned, one answered and waiting, one overdue."""
    notice = create_notice(
        issuer=government,
        title=FIRST_NOTICE,
        doc_number="青政公开〔2026〕7号",
        body="区政务公开办公室对全区各单位第三季度政务公开工作进行了督查，现将发现的问题通报如下，请于期限内反馈原因及整改结果。",
        actor=office,
    )
    rows = [
        (by_short["财政局"], "“财政预决算”栏目2026年部门预算未按时公开。"),
        (by_short["住建局"], "重大建设项目批准信息缺少批准文号和批准机关。"),
        (by_short["教育局"], "政策解读与政策文件未同步发布，解读滞后20天。"),
        (townships[0], "“通知公告”栏目超过6个月未更新。"),
    ]
    problems = [problem(notice, organization, office, text) for organization, text in rows]
    issued = today - timedelta(days=42)
    issue_notice(notice=notice, actor=office, on=issued)
    answered_on = issued + timedelta(days=7)
    for item in problems[:3]:
        answer_problem(
            problem=item,
            cause="经办人员对公开时限把握不准，审核环节未及时发现。",
            rectification="已补充公开相关信息，并建立月度自查台账。",
            actor=staff_of(item.organization, "clerk"),
            on=answered_on,
        )
    accept_problem(problem=problems[0], actor=office, comment="整改到位。", on=answered_on + timedelta(days=2))
    return_problem(
        problem=problems[1], actor=office, comment="请补充批准文号截图作为佐证。", on=answered_on + timedelta(days=2)
    )
    publish_notice(notice=notice, actor=office)


def second_notice(government, office, by_short, today) -> None:
    """Issued last week from self-inspection findings: one open, one answered."""
    notice = create_notice(issuer=government, title=SECOND_NOTICE, doc_number="青政公开〔2026〕11号", actor=office)
    open_findings = Finding.objects.filter(status=FindingStatus.OPEN, veto=False, problem__isnull=True)
    findings = [
        finding
        for finding in (
            open_findings.filter(indicator=NationalIndicator.COLUMN_STALE).order_by("id").first(),
            open_findings.filter(indicator=NationalIndicator.BROKEN_LINK).order_by("id").first(),
        )
        if finding is not None
    ]
    for finding in findings:
        problem_from_finding(finding=finding, notice=notice, actor=office, deadline_days=10)
    extra = problem(notice, by_short["民政局"], office, "依申请公开答复书送达记录不完整，缺少邮寄凭证。")
    issue_notice(notice=notice, actor=office, on=today - timedelta(days=5))
    answer_problem(
        problem=extra,
        cause="邮寄凭证未及时扫描归档。",
        rectification="已补录全部送达凭证，并将送达登记纳入办结前检查。",
        actor=staff_of(extra.organization, "clerk"),
        on=today - timedelta(days=2),
    )


def evidence_pdf() -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("第三方评估报告摘录.pdf", buffer.getvalue(), content_type="application/pdf")


def manual_deduction(context, scheme, office) -> None:
    if ManualEntry.objects.exists():
        return
    indicator = scheme.indicators.get(group="departments", code="supervision")
    add_manual_entry(
        indicator=indicator,
        organization=context.objects["department_by_short"]["人社局"],
        points="2",
        reason="第三方评估：就业补助资金公示表未对身份证号码去标识化。",
        occurred_on=date(YEAR, 9, 18),
        evidence=evidence_pdf(),
        actor=office,
    )
