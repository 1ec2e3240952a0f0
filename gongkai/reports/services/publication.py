"""Publishing a report as a record of genre 政府信息公开年报 in the "annual-reports" column, through the publishing
workflow: the office submits it, the reviewer approves, the confidentiality officer clears, the office publishes.

`publish_report` is the office's one button and moves the report as far as the workflow allows: it creates and
submits the record the first time; publishes it once reviewed and cleared; resubmits it when the report changed
after review; corrects the published record when a published report was changed and checked again.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role
from gongkai.publishing.models import GONE_STATUSES, Column, Genre, RecordStatus, SubjectCategory
from gongkai.publishing.sanitizing import clean_html
from gongkai.publishing.services import (
    correct_record,
    create_record,
    publish_record,
    reject_record,
    seed_columns,
    submit_record,
    update_record,
)

from ..errors import ReportError, ReportErrorCode
from ..models import AnnualReport, ReportStatus
from ..narrative import unfinished_sections
from ..rendering.document import build_document
from ..selectors import PUBLISH_ROLES

ANNUAL_REPORT_COLUMN = "annual-reports"
SUBMITTED = "submitted"
PUBLISHED = "published"


def record_body(report: AnnualReport) -> str:
    document = build_document(report)
    downloads = {}
    for output_format in ("docx", "pdf"):
        try:
            downloads[output_format] = reverse(
                "portal:reports:download", kwargs={"report_id": report.pk, "output_format": output_format}
            )
        except NoReverseMatch:
            downloads[output_format] = ""
    return clean_html(render_to_string("reports/record_body.html", {"document": document, "downloads": downloads}))


def _annual_column(report: AnnualReport, actor) -> Column:
    column = Column.objects.filter(organization=report.organization, slug=ANNUAL_REPORT_COLUMN, is_active=True).first()
    if column is None:
        seed_columns(organization=report.organization, actor=actor)
        column = Column.objects.filter(
            organization=report.organization, slug=ANNUAL_REPORT_COLUMN, is_active=True
        ).first()
    if column is None:
        raise ReportError(
            ReportErrorCode.ANNUAL_REPORT_COLUMN_MISSING,
            _("该机关的“政府信息公开年报”栏目已停用，请先在信息发布的栏目管理中启用。"),
        )
    return column


def _record_fields(report: AnnualReport, body: str) -> dict:
    return {
        "title": report.title,
        "summary": _("%(organization)s按照《中华人民共和国政府信息公开条例》编制的%(year)s年政府信息公开工作年度报告。")
        % {"organization": report.organization.name, "year": report.year},
        "body": body,
        "written_on": timezone.localdate(),
        "genre": Genre.ANNUAL_REPORT,
        "subject_category": SubjectCategory.GENERAL,
    }


def _submit(report: AnnualReport, actor, body: str) -> str:
    record = report.record
    if record is None or record.status in GONE_STATUSES:
        record = create_record(
            organization=report.organization,
            actor=actor,
            columns=[_annual_column(report, actor)],
            **_record_fields(report, body),
        )
    else:
        record = update_record(record=record, actor=actor, **_record_fields(report, body))
    submit_record(record=record, actor=actor)
    report.record = record
    report.status = ReportStatus.CHECKED
    report.save(update_fields=["record", "status", "updated_at"])
    audit.log("reports.report.submitted", actor=actor, target=report, organization=report.organization)
    return SUBMITTED


def _mark_published(report: AnnualReport, actor) -> str:
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.data_changed_at = None  # republished: the page shows the current figures again
    report.save(update_fields=["status", "published_at", "published_by", "data_changed_at", "updated_at"])
    audit.log(
        "reports.report.published",
        actor=actor,
        target=report,
        organization=report.organization,
        data={"record": report.record_id, "index_number": report.record.index_number},
    )
    return PUBLISHED


def publish_report(*, report: AnnualReport, actor) -> str:
    """Move the report on in the publishing workflow. Returns "submitted" or "published"."""
    require_role(actor, report.organization, PUBLISH_ROLES, _("只有政务公开办公室可以发布年度报告。"))
    with transaction.atomic():
        report = (
            AnnualReport.objects.select_for_update(of=("self",))
            .select_related("organization__region", "record")
            .get(pk=report.pk)
        )
        failures = build_document(report).failures
        if failures:
            raise ReportError(
                ReportErrorCode.CHECKS_FAILED,
                _("报告有%(count)s处数据校验未通过（如：%(first)s），修正后才能发布。")
                % {"count": len(failures), "first": failures[0].message},
            )
        unfinished = unfinished_sections(report)
        if unfinished:
            raise ReportError(
                ReportErrorCode.NARRATIVE_UNFINISHED,
                _("%(sections)s尚未完成（为空或仍含起草提示），请修改文字部分后再发布。")
                % {"sections": "、".join(unfinished)},
            )
        body = record_body(report)
        record = report.record
        if record is None or record.status in (RecordStatus.DRAFT, *GONE_STATUSES):
            return _submit(report, actor, body)
        if record.status in (RecordStatus.SUBMITTED, RecordStatus.REVIEWED, RecordStatus.SCHEDULED):
            raise ReportError(
                ReportErrorCode.NOT_CHECKED,
                _("年度报告已提交，发布流程当前为“%(status)s”，请待审核人审核、保密审查员审查后再发布。")
                % {"status": RecordStatus(record.status).label},
            )
        if record.status == RecordStatus.CLEARED:
            if record.body != body:
                reject_record(record=record, actor=actor, comment=_("年度报告在审核后又有修改，重新提交审核。"))
                report.record.refresh_from_db()
                return _submit(report, actor, body)
            publish_record(record=record, actor=actor)
            report.record.refresh_from_db()
            return _mark_published(report, actor)
        # Published: a report changed and checked again corrects the published record.
        if record.body != body:
            correct_record(
                record=record,
                actor=actor,
                change_note=_("更新年度报告的数据和文字。"),
                body=body,
                title=report.title,
            )
        return _mark_published(report, actor)
