"""Importing historical application registers (.xlsx or .csv), all or nothing, with every bad row reported.

Columns (the first row holds the headers, Chinese or English; order does not matter):
查询码 tracking_code · 办理机关 organization (full name, short name or unified social credit code) ·
申请人类型 applicant_type · 收到申请日期 received_on · 状态 status · 办理结果 outcome · 答复日期 decided_on ·
送达日期 delivered_on.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.models import Organization

from .clock import compute_clock
from .errors import ApplicationError, ApplicationErrorCode
from .models import ApplicantType, Application, Event, Outcome, Status
from .outcomes import row_label

COLUMNS = {
    "tracking_code": ("查询码", "tracking_code"),
    "organization": ("办理机关", "organization"),
    "applicant_type": ("申请人类型", "applicant_type"),
    "received_on": ("收到申请日期", "received_on"),
    "status": ("状态", "status"),
    "outcome": ("办理结果", "outcome"),
    "decided_on": ("答复日期", "decided_on"),
    "delivered_on": ("送达日期", "delivered_on"),
}
REQUIRED = ("tracking_code", "organization", "applicant_type", "received_on", "status")
DECIDED_STATUSES = (Status.DECIDED, Status.DELIVERED, Status.CLOSED)
DATE_PATTERN = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass
class Issue:
    sheet: str
    row: int
    column: str
    reason: str

    def text(self) -> str:
        return _("工作表“%(sheet)s”第 %(row)s 行，“%(column)s”列：%(reason)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    count: int = 0
    errors: list[Issue] = field(default_factory=list)


def choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[str(value).lower()] = value
        lookup[str(label)] = value
    return lookup


def outcome_lookup() -> dict[str, str]:
    lookup = choice_lookup(Outcome.choices)
    for value in Outcome.values:
        lookup[row_label(value)] = value
        lookup[row_label(value).replace(" ", "")] = value
    lookup["部分公开"] = Outcome.PARTIALLY_DISCLOSED
    return lookup


def read_rows(content: bytes, filename: str) -> tuple[str, list[dict]]:
    """(sheet name, rows as {header: value}); the format is recognized by content, not by the file name."""
    if content.startswith(b"PK\x03\x04"):
        return read_xlsx(content)
    if b"\x00" in content[:4096]:
        raise ApplicationError(
            ApplicationErrorCode.IMPORT_FAILED,
            _("%(name)s 既不是 Excel（.xlsx）也不是 CSV 文本文件。") % {"name": filename},
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ApplicationError(ApplicationErrorCode.IMPORT_FAILED, _("CSV 文件应为 UTF-8 或 GB18030 编码。"))
    return "CSV", list(csv.DictReader(io.StringIO(text)))


def read_xlsx(content: bytes) -> tuple[str, list[dict]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on broken files
        raise ApplicationError(
            ApplicationErrorCode.IMPORT_FAILED, _("无法读取 Excel 文件：%(error)s") % {"error": error}
        ) from error
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return sheet.title, []
    headers = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    return sheet.title, [
        dict(zip(headers, row, strict=False)) for row in rows[1:] if any(cell not in (None, "") for cell in row)
    ]


def parse_day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE_PATTERN.match(str(value).strip())
    if not match:
        raise ValueError(value)
    return date(*(int(part) for part in match.groups()))


class RowChecker:
    def __init__(self, sheet: str):
        self.sheet = sheet
        self.types = choice_lookup(ApplicantType.choices)
        self.statuses = choice_lookup(Status.choices)
        self.outcomes = outcome_lookup()
        self.organizations = self.load_organizations()
        self.existing_codes = set(Application.objects.values_list("tracking_code", flat=True))
        self.seen_codes: set[str] = set()
        self.today = timezone.localdate()

    @staticmethod
    def load_organizations() -> dict[str, list[Organization]]:
        index: dict[str, list[Organization]] = {}
        for organization in Organization.objects.filter(is_active=True).select_related("region"):
            for key in {organization.name, organization.short_name, organization.credit_code} - {""}:
                index.setdefault(key, []).append(organization)
        return index

    def check(self, number: int, raw: dict, issues: list[Issue]) -> dict | None:  # noqa: C901 - one check per register column, in column order
        values = {key: self.cell(raw, key) for key in COLUMNS}
        before = len(issues)

        def fail(key, reason):
            issues.append(Issue(self.sheet, number, COLUMNS[key][0], reason))

        for key in REQUIRED:
            if values[key] in (None, ""):
                fail(key, _("必填。"))
        if len(issues) > before:
            return None
        result = {"tracking_code": str(values["tracking_code"]).strip().upper()}
        if result["tracking_code"] in self.existing_codes or result["tracking_code"] in self.seen_codes:
            fail("tracking_code", _("查询码“%(code)s”已存在或在文件中重复。") % {"code": result["tracking_code"]})
        self.seen_codes.add(result["tracking_code"])
        duplicate_only = len(issues)
        matches = self.organizations.get(str(values["organization"]).strip(), [])
        if len(matches) != 1:
            fail(
                "organization",
                _("找不到唯一对应的机关“%(name)s”，请填写全称或统一社会信用代码。") % {"name": values["organization"]},
            )
        else:
            result["organization"] = matches[0]
        for key, lookup, hint in (
            ("applicant_type", self.types, "、".join(str(label) for _v, label in ApplicantType.choices)),
            ("status", self.statuses, "、".join(str(label) for _v, label in Status.choices)),
        ):
            result[key] = lookup.get(str(values[key]).strip()) or lookup.get(str(values[key]).strip().lower())
            if result[key] is None:
                fail(key, _("“%(value)s”无效，可填：%(hint)s。") % {"value": values[key], "hint": hint})
        result["outcome"] = ""
        if values["outcome"] not in (None, ""):
            result["outcome"] = self.outcomes.get(str(values["outcome"]).strip(), "")
            if not result["outcome"]:
                fail("outcome", _("“%(value)s”不是年度报告所列的办理结果。") % {"value": values["outcome"]})
        for key in ("received_on", "decided_on", "delivered_on"):
            try:
                result[key] = parse_day(values[key])
            except ValueError:
                fail(key, _("“%(value)s”不是有效日期，应写作 YYYY-MM-DD。") % {"value": values[key]})
                result[key] = None
            if result[key] and result[key] > self.today:
                fail(key, _("日期晚于今天。"))
        if len(issues) > duplicate_only:
            return None
        self.check_consistency(result, fail)
        return result if len(issues) == before else None

    @staticmethod
    def check_consistency(result: dict, fail) -> None:
        status, outcome = result["status"], result["outcome"]
        if status in DECIDED_STATUSES and not outcome:
            fail("outcome", _("状态为“%(status)s”的申请须填写办理结果。") % {"status": Status(status).label})
        if status not in DECIDED_STATUSES and outcome:
            fail("outcome", _("状态为“%(status)s”的申请不应有办理结果。") % {"status": Status(status).label})
        if bool(outcome) != bool(result["decided_on"]):
            fail("decided_on", _("有办理结果的申请须填写答复日期，没有办理结果的不应填写。"))
        if result["decided_on"] and result["decided_on"] < result["received_on"]:
            fail("decided_on", _("答复日期早于收到申请日期。"))
        if result["delivered_on"] and (not result["decided_on"] or result["delivered_on"] < result["decided_on"]):
            fail("delivered_on", _("送达日期应不早于答复日期。"))
        if status == Status.DELIVERED and not result["delivered_on"]:
            fail("delivered_on", _("状态为已送达的申请须填写送达日期。"))

    @staticmethod
    def cell(raw: dict, key: str):
        for header in COLUMNS[key]:
            if header in raw and raw[header] not in (None, ""):
                value = raw[header]
                return value.strip() if isinstance(value, str) else value
        return None


def import_register(*, content: bytes, filename: str, dry_run: bool = False, actor=None, progress=None) -> ImportReport:
    sheet, rows = read_rows(content, filename)
    checker = RowChecker(sheet)
    report = ImportReport()
    checked = []
    for number, raw in enumerate(rows, start=2):
        result = checker.check(number, raw, report.errors)
        if result is not None:
            checked.append(result)
        if progress:
            progress(number - 1, len(rows))
    if not rows:
        report.errors.append(Issue(sheet, 1, "", _("文件中没有数据行。")))
    if report.errors or dry_run:
        report.count = len(checked)
        return report
    with transaction.atomic():
        for result in checked:
            create_imported(result, actor)
        audit.log(
            "applications.register.imported",
            actor=actor,
            data={"file": filename, "count": len(checked), "codes": [result["tracking_code"] for result in checked]},
        )
    report.count = len(checked)
    return report


def create_imported(result: dict, actor) -> Application:
    organization = result["organization"]
    clock = compute_clock(result["received_on"], [], region=organization.region)
    application = Application.objects.create(
        organization=organization,
        tracking_code=result["tracking_code"],
        channel="in_person",
        applicant_type=result["applicant_type"],
        received_on=result["received_on"],
        receipt_rule=_("历史台账导入"),
        status=result["status"],
        outcome=result["outcome"],
        decided_on=result["decided_on"],
        delivered_on=result["delivered_on"],
        closed_on=result["delivered_on"] if result["status"] == Status.CLOSED else None,
        due_on=clock.due,
        correction_notice_due_on=clock.correction_notice_due,
        is_imported=True,
    )
    Event.objects.create(application=application, kind=Event.Kind.IMPORTED, on=result["received_on"], actor=actor)
    return application
