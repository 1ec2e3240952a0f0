"""财务公开: a village's statement for a month or quarter, entered as lines or imported from the accounting export,
its sums checked, and a draft record (table in the body) made for the township's review."""

from decimal import Decimal

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.orgs.access import has_role
from gongkai.publishing.models import Column, Genre
from gongkai.publishing.services import create_record
from gongkai.publishing.services.common import DRAFTERS
from gongkai.publishing.uploads import read_all

from ..access import is_village
from ..columns import FINANCE_COLUMN
from ..errors import VillagesError, VillagesErrorCode
from ..finance import (
    DIRECTIONS,
    parse_amount,
    parse_export,
    period_count,
    period_end,
    read_rows,
    sum_mismatches,
    totals,
)
from ..models import FinanceLine, FinanceStatement, LineDirection, PeriodKind
from .common import log, require, today

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def invalid(message: str, field: str = "") -> VillagesError:
    return VillagesError(VillagesErrorCode.INVALID, message, field=field or None)


def check_period(organization, period_kind: str, year: int, period: int) -> None:
    if period_kind not in PeriodKind.values:
        raise invalid(_("请选择公开周期（月度或季度）。"), "period_kind")
    if not 1 <= int(period) <= period_count(period_kind):
        raise invalid(_("月份应为1至12，季度应为1至4。"), "period")
    if period_end(period_kind, int(year), int(period)) >= today():
        raise invalid(_("该期尚未结束，期满后才能公开收支情况。"), "period")
    if FinanceStatement.objects.filter(
        organization=organization, period_kind=period_kind, year=year, period=period
    ).exists():
        raise VillagesError(
            VillagesErrorCode.DUPLICATE_PERIOD, _("本期的收支公开表已经填报过了，请在原表上修改或退回后重新填报。")
        )


def clean_lines(lines) -> list[dict]:
    cleaned = []
    for number, line in enumerate(lines, start=1):
        direction = DIRECTIONS.get(line.get("direction"), line.get("direction"))
        subject = (line.get("subject") or "").strip()
        amount = parse_amount(line.get("amount"))
        if direction not in LineDirection.values:
            raise invalid(_("第%(row)s条明细：请选择收入或支出。") % {"row": number}, "lines")
        if not subject:
            raise invalid(_("第%(row)s条明细：请填写科目。") % {"row": number}, "lines")
        if amount is None or amount < 0:
            raise invalid(_("第%(row)s条明细：金额应为不小于0的数字，最多两位小数。") % {"row": number}, "lines")
        cleaned.append(
            {
                "direction": direction,
                "subject": subject[:100],
                "amount": amount,
                "note": (line.get("note") or "").strip()[:200],
            }
        )
    if not cleaned:
        raise invalid(_("请至少填写一条收入或支出明细。"), "lines")
    return cleaned


def statement_body(statement: FinanceStatement, lines, computed) -> str:
    return render_to_string(
        "villages/finance_body.html", {"statement": statement, "lines": lines, "totals": computed}
    ).strip()


@transaction.atomic
def create_statement(
    *,
    organization,
    actor,
    period_kind: str,
    year: int,
    period: int,
    opening_balance,
    lines,
    declared: dict | None = None,
    source: str = "form",
) -> FinanceStatement:
    """Check and store a statement and draft its record. `declared` holds the totals the clerk (or the accounting
    system) wrote down; each must equal the sum of the lines, or nothing is stored."""
    if not is_village(organization):
        raise VillagesError(VillagesErrorCode.NOT_A_VILLAGE, _("只有村（居）委会填报村级财务收支。"))
    require(has_role(actor, organization, DRAFTERS), _("只有本村（社区）的信息员可以填报财务收支。"))
    check_period(organization, period_kind, int(year), int(period))
    opening = parse_amount(opening_balance)
    if opening is None:
        raise invalid(_("请填写期初余额（元），最多两位小数。"), "opening_balance")
    cleaned = clean_lines(lines)
    computed = totals(opening, cleaned)
    problems = sum_mismatches(computed, {key: parse_amount(value) for key, value in (declared or {}).items()})
    if problems:
        raise VillagesError(
            VillagesErrorCode.SUMS_DO_NOT_MATCH,
            _("合计与明细不符：%(problems)s。请核对后重新填写。") % {"problems": "；".join(problems)},
        )
    statement = FinanceStatement(
        organization=organization,
        period_kind=period_kind,
        year=int(year),
        period=int(period),
        opening_balance=opening,
        created_by=actor,
    )
    columns = list(Column.objects.filter(organization=organization, slug=FINANCE_COLUMN, is_active=True))
    statement.record = create_record(
        organization=organization,
        actor=actor,
        title=_("%(village)s%(period)s财务收支公开")
        % {"village": organization.display_name, "period": statement.period_label},
        genre=Genre.OTHER,
        written_on=today(),
        body=statement_body(statement, cleaned, computed),
        columns=columns,
    )
    statement.save()
    FinanceLine.objects.bulk_create(
        FinanceLine(statement=statement, sort_order=number, **line) for number, line in enumerate(cleaned, start=1)
    )
    log(
        "finance.created",
        statement,
        actor,
        organization,
        source=source,
        income=str(computed.income),
        expense=str(computed.expense),
        closing=str(computed.closing),
    )
    return statement


def import_statement(
    *, organization, actor, upload, period_kind: str, year: int, period: int, dry_run: bool = False
) -> FinanceStatement | dict:
    """Import the accounting export (.xlsx). All or nothing: any bad cell or wrong total refuses the whole file
    with every error listed. With `dry_run`, returns what would be stored."""
    data = read_all(upload)
    if len(data) > MAX_IMPORT_BYTES:
        raise invalid(_("文件超过5MB，请只导出本期的收支明细。"), "file")
    if not data.startswith(b"PK"):
        raise invalid(_("文件不是Excel工作簿（.xlsx）：请从财务软件导出为 .xlsx 后再上传。"), "file")
    try:
        rows = read_rows(data)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign zip
        raise invalid(_("无法读取这个Excel文件（可能已损坏或不是 .xlsx），请重新导出。"), "file") from error
    parsed = parse_export(rows)
    if parsed.errors:
        raise VillagesError(
            VillagesErrorCode.IMPORT_ERRORS,
            _("导入失败，共 %(count)s 处错误，未导入任何数据：%(errors)s")
            % {"count": len(parsed.errors), "errors": "；".join(parsed.errors)},
            errors=parsed.errors,
        )
    if dry_run:
        computed = totals(parsed.declared["opening_balance"], parsed.lines)
        problems = sum_mismatches(computed, parsed.declared)
        return {
            "lines": len(parsed.lines),
            "income": computed.income,
            "expense": computed.expense,
            "closing": computed.closing,
            "problems": problems,
        }
    declared = {key: value for key, value in parsed.declared.items() if key != "opening_balance"}
    return create_statement(
        organization=organization,
        actor=actor,
        period_kind=period_kind,
        year=year,
        period=period,
        opening_balance=parsed.declared["opening_balance"],
        lines=parsed.lines,
        declared=declared,
        source="xlsx",
    )


def statement_totals(statement: FinanceStatement):
    lines = [{"direction": line.direction, "amount": line.amount} for line in statement.lines.all()]
    return totals(Decimal(statement.opening_balance), lines)
