"""The public statistics page (数据统计): every table with its chart and definition, and each table as CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.spreadsheets import csv_row
from gongkai.reports.statistics import public_statistics, statistics_years


def _year(request) -> tuple[int, list[int]]:
    years = statistics_years()
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and int(value) in years else years[0]
    return year, years


@require_GET
def index(request):
    year, years = _year(request)
    found = public_statistics(year=year)
    charts = {table.key: table.chart_data() for table in found.tables if table.chart}
    context = {"statistics": found, "year": year, "years": years, "charts": charts}
    return render(request, "portal/statistics/index.html", context)


@require_GET
def download(request, table: str):
    year, _years = _year(request)
    found = public_statistics(year=year).table(table)
    if found is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{table}-{year}.csv"'
    response.write("\ufeff")  # the byte-order mark: Excel and WPS then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(csv_row(found.columns))
    for row in found.rows:
        writer.writerow(csv_row(["" if cell is None else cell for cell in row]))
    return response
