"""Importing historical application registers (.xlsx or .csv), all or nothing, with every bad row reported.

Columns (the first row holds the headers, Chinese or English; order does not matter):
查询码 tracking_code · 办理机关 organization (full name, short name or unified social credit code) ·
申请渠道 channel · 申请人类型 applicant_type · 申请人 applicant_name · 证件类型 id_type · 证件号码 id_number ·
联系电话 phone · 通讯地址 address · 所需信息 description · 收到申请日期 received_on · 状态 status ·
办理结果 outcome · 答复日期 decided_on · 送达日期 delivered_on · 转办机关 transferred_to · 转办日期 transferred_on.

Every row passes the checks of registration (`services.intake`: the applicant's particulars of Art 29, the channel
and the receipt rule of Art 31) and is written through `create_application`, with one audit entry per application.
A row with status 已转办 names the receiving organization: the import creates its application too, as a transfer
does; a 已转办 row without one is refused.
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

from .errors import ApplicationError, ApplicationErrorCode
from .models import OPEN_STATUSES, ApplicantType, Application, Event, IdType, Outcome, Status, SubmissionChannel
from .outcomes import row_label
from .services.common import add_event, log, save
from .services.intake import APPLICANT_FIELDS, check_applicant, create_application, receipt_date
from .signals import register_imported

COLUMNS = {
    "tracking_code": ("查询码", "tracking_code"),
    "organization": ("办理机关", "organization"),
    "channel": ("申请渠道", "channel"),
    "applicant_type": ("申请人类型", "applicant_type"),
    "applicant_name": ("申请人", "申请人姓名或名称", "applicant_name"),
    "id_type": ("证件类型", "id_type"),
    "id_number": ("证件号码", "身份证明", "id_number"),
    "phone": ("联系电话", "phone"),
    "address": ("通讯地址", "address"),
    "description": ("所需信息", "所需政府信息", "description"),
    "received_on": ("收到申请日期", "received_on"),
    "status": ("状态", "status"),
    "outcome": ("办理结果", "outcome"),
    "decided_on": ("答复日期", "decided_on"),
    "delivered_on": ("送达日期", "delivered_on"),
    "transferred_to": ("转办机关", "transferred_to"),
    "transferred_on": ("转办日期", "transferred_on"),
}
REQUIRED = ("tracking_code", "organization", "channel", "applicant_type", "received_on", "status")
# Columns stored as they are written, in fields of a fixed length: a longer value is refused, never truncated
# (SQLite would keep it whole and PostgreSQL would refuse the whole transaction, so check before either sees it).
SIZED_COLUMNS = ("tracking_code", "applicant_name", "id_number", "phone", "address")
# Which column an applicant check's error belongs to (`ApplicationError.field`).
FIELD_COLUMNS = {"applicant_type": "applicant_type", "id_type": "id_type", "id_number": "id_number"}
# Spellings real registers use for report rows: any quotes (or none) around 三安全一稳定, a full-width "．" after the
# row number, half-width parentheses, spaces.
QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
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
    touched: set = field(default_factory=set)  # (organization id, year) pairs the import changed


def choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[str(value).lower()] = value
        lookup[str(label)] = value
    return lookup


def outcome_key(text: str) -> str:
    """A report row's spelling reduced to what matters: no quotes or spaces, "." for "．", Chinese parentheses."""
    text = str(text).translate(QUOTES).replace("．", ".").replace("(", "（").replace(")", "）")
    return "".join(text.split())


def outcome_lookup() -> dict[str, str]:
    lookup = {outcome_key(key): value for key, value in choice_lookup(Outcome.choices).items()}
    for value in Outcome.values:
        lookup[outcome_key(row_label(value))] = value
    lookup[outcome_key("部分公开")] = Outcome.PARTIALLY_DISCLOSED
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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return "CSV", list(reader)
    except csv.Error as error:  # e.g. a field longer than the csv module's limit (131,072 characters)
        raise ApplicationError(
            ApplicationErrorCode.IMPORT_FAILED,
            _("CSV 文件第 %(line)s 行无法读取（%(error)s），请检查该行的引号、换行和过长的内容。")
            % {"line": reader.line_num + 1, "error": error},
        ) from error


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
        self.channels = choice_lookup(SubmissionChannel.choices)
        for value, label in SubmissionChannel.choices:  # "邮寄" for "邮寄（挂号信、特快专递等需签收）"
            self.channels.setdefault(str(label).split("（")[0], value)
        self.id_types = choice_lookup(IdType.choices)
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
        for key in SIZED_COLUMNS:
            self.check_length(key, values[key], fail)
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
        result["channel"] = self.channels.get(str(values["channel"]).strip()) or self.channels.get(
            str(values["channel"]).strip().lower()
        )
        if result["channel"] is None:
            hint = "、".join(str(label).split("（")[0] for _v, label in SubmissionChannel.choices)
            fail("channel", _("“%(value)s”无效，可填：%(hint)s。") % {"value": values["channel"], "hint": hint})
        result["outcome"] = ""
        if values["outcome"] not in (None, ""):
            result["outcome"] = self.outcomes.get(outcome_key(values["outcome"]), "")
            if not result["outcome"]:
                fail("outcome", _("“%(value)s”不是年度报告所列的办理结果。") % {"value": values["outcome"]})
        for key in ("received_on", "decided_on", "delivered_on", "transferred_on"):
            try:
                result[key] = parse_day(values[key])
            except ValueError:
                fail(key, _("“%(value)s”不是有效日期，应写作 YYYY-MM-DD。") % {"value": values[key]})
                result[key] = None
            if result[key] and result[key] > self.today:
                fail(key, _("日期晚于今天。"))
        if len(issues) > duplicate_only:
            return None
        self.check_registration(result, values, fail)
        self.check_transfer(result, values, fail)
        self.check_consistency(result, fail)
        return result if len(issues) == before else None

    @staticmethod
    def check_length(key: str, value, fail) -> None:
        limit = Application._meta.get_field(key).max_length
        length = len(str(value or "").strip())
        if limit is not None and length > limit:
            fail(
                key,
                _("内容过长：最多 %(limit)s 个字符，这里有 %(length)s 个。请缩短后重新导入（不会自动截断）。")
                % {"limit": limit, "length": length},
            )

    def check_registration(self, result: dict, values: dict, fail) -> None:
        """The checks registration makes: the applicant's particulars (Art 29), the channel's receipt rule (Art 31)."""
        default_id = IdType.ID_CARD if result["applicant_type"] == ApplicantType.NATURAL_PERSON else IdType.CREDIT_CODE
        id_type = default_id
        if values["id_type"] not in (None, ""):
            id_type = self.id_types.get(str(values["id_type"]).strip()) or self.id_types.get(
                str(values["id_type"]).strip().lower()
            )
            if id_type is None:
                hint = "、".join(str(label) for _v, label in IdType.choices)
                fail("id_type", _("“%(value)s”无效，可填：%(hint)s。") % {"value": values["id_type"], "hint": hint})
                return
        data = {
            "applicant_type": result["applicant_type"],
            "applicant_name": str(values["applicant_name"] or ""),
            "id_type": id_type,
            "id_number": str(values["id_number"] or ""),
            "phone": str(values["phone"] or ""),
            "address": str(values["address"] or ""),
            "description": str(values["description"] or ""),
        }
        try:
            check_applicant(data)
        except ApplicationError as error:
            fail(FIELD_COLUMNS.get(error.field or "", "applicant_name"), error.message)
            return
        result["data"] = data
        try:
            day = result["received_on"]
            _received, result["receipt_rule"] = receipt_date(
                channel=result["channel"], submitted_on=day, signed_for_on=day, confirmed_on=day
            )
        except ApplicationError as error:
            fail("received_on", error.message)

    def check_transfer(self, result: dict, values: dict, fail) -> None:
        """已转办 rows name the receiving organization (it gets its own application); other rows name none."""
        name = str(values["transferred_to"] or "").strip()
        if result["status"] != Status.TRANSFERRED:
            if name:
                fail("transferred_to", _("只有状态为“已转办”的申请才填写转办机关。"))
            return
        if not name:
            fail(
                "transferred_to",
                _("状态为“已转办”的申请须填写转办机关（接收转办的机关全称或统一社会信用代码），以便为其建立申请。"),
            )
            return
        matches = self.organizations.get(name, [])
        if len(matches) != 1:
            fail("transferred_to", _("找不到唯一对应的转办机关“%(name)s”。") % {"name": name})
            return
        if matches[0].pk == result["organization"].pk:
            fail("transferred_to", _("转办机关不能是原办理机关。"))
            return
        result["transferred_to"] = matches[0]
        result["transferred_on"] = result["transferred_on"] or result["received_on"]
        if result["transferred_on"] < result["received_on"]:
            fail("transferred_on", _("转办日期早于收到申请日期。"))

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
    """Check every row, then write all of them in one transaction (or none). Returns the count, the errors and the
    (organization, year) pairs whose figures the import changes (`report.years`)."""
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
            for application in create_imported(result, actor, filename):
                last = (application.decided_on or application.closed_on or timezone.localdate()).year
                for year in range(application.received_on.year, max(last, application.received_on.year) + 1):
                    report.touched.add((application.organization_id, year))
        audit.log(
            "applications.register.imported",
            actor=actor,
            data={"file": filename, "count": len(checked), "codes": [result["tracking_code"] for result in checked]},
        )
        touched = set(report.touched)
        transaction.on_commit(
            lambda: register_imported.send(
                sender=Application,
                organization_ids={pair[0] for pair in touched},
                years={pair[1] for pair in touched},
                pairs=touched,
            )
        )
    report.count = len(checked)
    return report


def create_imported(result: dict, actor, filename: str) -> list[Application]:
    """One register row through the registration service, then its recorded outcome; a 已转办 row also creates the
    receiving organization's application. Returns the applications created."""
    organization = result["organization"]
    application = create_application(
        organization=organization,
        data=result["data"],
        channel=result["channel"],
        received_on=result["received_on"],
        rule=result["receipt_rule"] + _("（历史台账导入）"),
        submitted_on=result["received_on"],
        actor=actor,
        tracking_code=result["tracking_code"],
    )
    application.status = result["status"]
    application.outcome = result["outcome"]
    application.decided_on = result["decided_on"]
    application.delivered_on = result["delivered_on"]
    application.closed_on = result["delivered_on"] if result["status"] == Status.CLOSED else None
    application.is_imported = True
    if result["status"] not in OPEN_STATUSES:
        application.due_on = None if result["status"] == Status.TRANSFERRED else application.due_on
    save(application)
    add_event(application, Event.Kind.IMPORTED, result["received_on"], actor, filename)
    log("imported", actor=actor, application=application, data={"file": filename, "status": result["status"]})
    created = [application]
    if result["status"] == Status.TRANSFERRED:
        created.append(import_transfer(application, result["transferred_to"], result["transferred_on"], actor))
    return created


def import_transfer(application: Application, to_organization, on, actor) -> Application:
    """The receiving organization's application of an imported 已转办 row, as `transfer_application` makes it."""
    copy = create_application(
        organization=to_organization,
        data={key: getattr(application, key) for key in APPLICANT_FIELDS},
        channel=application.channel,
        received_on=on,
        rule=_("由%(from)s转办，以转办之日为收到申请之日") % {"from": application.organization.name},
        submitted_on=on,
        actor=actor,
    )
    copy.transferred_from = application
    copy.is_imported = True
    save(copy)
    add_event(copy, Event.Kind.TRANSFERRED, on, actor, _("由%(from)s转来") % {"from": application.organization.name})
    add_event(application, Event.Kind.TRANSFERRED, on, actor, to_organization.name)
    application.closed_on = on
    save(application)
    log("received_by_transfer", actor=actor, application=copy, data={"from": application.tracking_code})
    return copy
