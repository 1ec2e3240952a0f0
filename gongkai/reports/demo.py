"""The reports step of `gongkai demo`: 2025 annual reports for the district, every department and township.

Runs after publishing and applications, so the tables are filled from their demo records and applications. A few
review and litigation cases are registered (one with the district government as co-defendant review body). Most
departments' reports are published through the full workflow (office submits, the department's reviewer approves,
its confidentiality officer clears, the office publishes); the rest, the townships' and the district's stay checked
drafts, so the office's deadline reminders have something to show. Idempotent: existing reports and cases are kept.
"""

from datetime import date

from gongkai.orgs.demo import staff_of
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import approve_record, clear_record

from .models import AnnualReport, CaseKind, CaseResult, ReportStatus, ReviewCase
from .narrative import unfinished_sections
from .services import check_report, create_report, publish_report, register_case, update_narrative

YEAR = 2025
UNPUBLISHED_DEPARTMENTS = 6
DEMO_PROBLEMS = (
    "一是政策解读的形式还比较单一，图解、视频解读较少；二是部分信息公开的及时性有待提高。"
    "下一步将丰富解读形式，并严格落实信息形成之日起20个工作日内公开的要求。"
)  # the last few departments have not published yet: the office's reminders show them

CASES = [
    # (department short name, kind, case number, filed, result, concluded, as review body)
    ("民政局", CaseKind.REVIEW, "青复决字〔2025〕第3号", date(2025, 3, 12), CaseResult.UPHELD, date(2025, 5, 9), False),
    ("自然资源局", CaseKind.REVIEW, "青复决字〔2025〕第17号", date(2025, 8, 4), CaseResult.CORRECTED,
     date(2025, 10, 20), False),
    ("住建局", CaseKind.DIRECT_SUIT, "（2025）苏0412行初45号", date(2025, 6, 2), CaseResult.PENDING, None, False),
    ("市场监管局", CaseKind.SUIT_AFTER_REVIEW, "（2025）苏0412行初88号", date(2025, 9, 15), CaseResult.OTHER,
     date(2025, 12, 1), False),
]  # fmt: skip


def build(context) -> None:
    government = context.objects["government"]
    departments = context.objects["departments"]
    townships = context.objects.get("townships", [])
    office = staff_of(government, "office")
    _cases(context, government, office)
    created = 0
    for organization in [*departments, *townships]:
        report, new = _report(organization, staff_of(organization, "clerk"))
        created += new
    district, new = _report(government, office)
    created += new
    published = 0
    for organization in departments[: max(len(departments) - UNPUBLISHED_DEPARTMENTS, 0)]:
        published += _publish(AnnualReport.objects.get(organization=organization, year=YEAR), office)
    context.objects["annual_report"] = district
    context.say(f"  {created} 份{YEAR}年度报告新建，{published} 份本次发布")


def _cases(context, government, office) -> None:
    by_short = context.objects.get("department_by_short", {})
    for short, kind, number, filed, result, concluded, as_review_body in CASES:
        organization = by_short.get(short)
        if organization is None or ReviewCase.objects.filter(organization=organization, case_number=number).exists():
            continue
        register_case(
            organization=organization,
            actor=staff_of(organization, "clerk"),
            kind=kind,
            case_number=number,
            subject="政府信息公开答复",
            filed_on=filed,
            result=result,
            concluded_on=concluded,
            as_review_body=as_review_body,
        )
    # The district government was sued as co-defendant review body in the 市场监管局 case: registered, not counted.
    number = CASES[3][2]
    if not ReviewCase.objects.filter(organization=government, case_number=number).exists():
        register_case(
            organization=government,
            actor=office,
            kind=CaseKind.SUIT_AFTER_REVIEW,
            case_number=number,
            subject="政府信息公开答复（复议机关作共同被告）",
            filed_on=CASES[3][3],
            result=CASES[3][4],
            concluded_on=CASES[3][5],
            as_review_body=True,
        )


def _report(organization, actor) -> tuple[AnnualReport, int]:
    report = AnnualReport.objects.filter(organization=organization, year=YEAR).first()
    if report is not None:
        return report, 0
    report = create_report(organization=organization, year=YEAR, actor=actor)
    check_report(report=report, actor=actor)
    return report, 1


def _publish(report: AnnualReport, office) -> int:
    """Take one report through the whole workflow; nothing to do when it is already published."""
    if report.status == ReportStatus.PUBLISHED:
        return 0
    organization = report.organization
    if unfinished_sections(report):
        update_narrative(
            report=report,
            actor=office,
            overview=report.overview,
            problems=DEMO_PROBLEMS,
            other_matters=report.other_matters,
        )
        check_report(report=report, actor=office)
        report.refresh_from_db()
    if report.record is None or report.record.status == RecordStatus.DRAFT:
        publish_report(report=report, actor=office)
        report.refresh_from_db()
    record = report.record
    if record.status == RecordStatus.SUBMITTED:
        approve_record(record=record, actor=staff_of(organization, "reviewer"))
        record.refresh_from_db()
    if record.status == RecordStatus.REVIEWED:
        clear_record(record=record, actor=staff_of(organization, "confidentiality_officer"))
    publish_report(report=report, actor=office)
    return 1
