"""The survey's results as an .xlsx workbook: 概况 (per channel), 题目统计 (per question), 分渠道统计 (each question
by channel: a table with a bar chart beside it, drawn by the spreadsheet from the table's cells), 答卷明细 (every
response).

Text answers are masked by screening before they are written, and no session digest or staff name is exported.
Every string that a spreadsheet could read as a formula (beginning with = + - @) is written as a plain text cell
with the quote prefix, so opening the file runs nothing.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import Answer, Response, Survey
from .services.common import masked
from .survey_results import results_for

FORMULA_STARTS = ("=", "+", "-", "@")


def write_row(sheet, values, *, bold: bool = False) -> None:
    sheet.append([None] * len(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)


def _rate(value) -> str:
    return f"{value}%" if value is not None else "—"


def _overview(sheet, results) -> None:
    write_row(sheet, [results.survey.title], bold=True)
    write_row(sheet, [_("渠道"), _("派发"), _("回收"), _("有效"), _("有效回收率"), _("满意率")], bold=True)
    for row in [*results.channels, results.total]:
        label = _("合计") if row.channel == "total" else row.label
        write_row(
            sheet, [label, row.issued, row.returned, row.valid, _rate(row.valid_rate), _rate(row.satisfaction_rate)]
        )


def _questions(sheet, results) -> None:
    write_row(
        sheet, [_("题号"), _("题目"), _("选项或分值"), _("人次"), _("作答人数"), _("平均分"), _("满意率")], bold=True
    )
    for number, result in enumerate(results.questions, start=1):
        average = float(result.average) if result.average is not None else None
        if not result.rows:
            write_row(
                sheet,
                [number, result.question.text, "", None, result.answered, average, _rate(result.satisfaction_rate)],
            )
        for label, count in result.rows:
            write_row(
                sheet,
                [number, result.question.text, label, count, result.answered, average, _rate(result.satisfaction_rate)],
            )


CHART_ROWS = 16  # a chart is about 15 rows high: each question's block takes at least this many rows


def _by_channel(sheet, results) -> None:
    """For each question with rows: its table (rows × channels + 合计, then 作答人数 and 满意率) and a clustered bar
    chart of the channels beside it, reading the same cells."""
    row = 1
    for number, result in enumerate(results.questions, start=1):
        if not result.rows:
            continue
        channels = result.channels
        write_row(sheet, [f"{number}. {result.question.text}"], bold=True)
        header_row = sheet.max_row + 1
        write_row(sheet, [_("选项或分值"), *[c.label for c in channels], _("合计")], bold=True)
        for label, counts, total in result.table:
            write_row(sheet, [label, *counts, total])
        last_data_row = sheet.max_row
        write_row(sheet, [_("作答人数"), *[c.answered for c in channels], result.answered])
        if result.question.measures_satisfaction:
            write_row(
                sheet,
                [_("满意率"), *[_rate(c.satisfaction_rate) for c in channels], _rate(result.satisfaction_rate)],
            )
        if channels:
            chart = BarChart()
            chart.type = "col"
            chart.title = f"{number}. {result.question.text}"[:80]
            chart.y_axis.title = _("人次")
            data = Reference(sheet, min_col=2, max_col=1 + len(channels), min_row=header_row, max_row=last_data_row)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_data_row))
            chart.width, chart.height = 16, 7
            sheet.add_chart(chart, f"{get_column_letter(len(channels) + 4)}{row}")
        row = max(sheet.max_row + 2, row + CHART_ROWS)
        while sheet.max_row < row - 1:
            sheet.append([None])


def _responses(sheet, survey: Survey, questions) -> None:
    write_row(sheet, [_("答卷编号"), _("渠道"), _("纸质问卷编号"), _("有效"), *[q.text for q in questions]], bold=True)
    answers: dict[int, dict[int, list[str]]] = {}
    for answer in Answer.objects.filter(response__survey=survey).select_related("option"):
        value = (
            answer.option.label if answer.option_id else (str(answer.rating) if answer.rating else masked(answer.text))
        )
        answers.setdefault(answer.response_id, {}).setdefault(answer.question_id, []).append(value)
    for response in Response.objects.filter(survey=survey).order_by("id"):
        given = answers.get(response.pk, {})
        cells = ["；".join(given.get(question.pk, [])) for question in questions]
        write_row(
            sheet,
            [
                response.pk,
                response.get_channel_display(),
                response.paper_number,
                _("是") if response.is_valid else _("否"),
                *cells,
            ],
        )


def export_survey(survey: Survey) -> bytes:
    results = results_for(survey)
    workbook = Workbook()
    overview = workbook.active
    overview.title = _("概况")
    _overview(overview, results)
    _questions(workbook.create_sheet(_("题目统计")), results)
    _by_channel(workbook.create_sheet(_("分渠道统计")), results)
    _responses(workbook.create_sheet(_("答卷明细")), survey, [result.question for result in results.questions])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
