"""Exporting a catalog: Excel in the national template (re-importable), CSV and JSON."""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.cell_range import CellRange

from .errors import CatalogError, CatalogErrorCode
from .itemdata import render_basis
from .models import Channel, Domain, Item, ItemSource, ItemStatus
from .selectors import with_columns
from .template import COLUMNS, NOT_SELECTED, SELECTED, TICK
from .template import column_letter as letter


@dataclass
class ExportRow:
    item: Item
    names: list[str]
    domain: Domain


def catalog_rows(catalog, *, include_withheld: bool = True) -> Iterator[ExportRow]:
    """In-force items in catalog order (domain, then depth first), one row per item that has its own columns."""
    items = Item.objects.filter(catalog=catalog, status=ItemStatus.IN_FORCE).select_related(
        "domain", "source_item__catalog__organization"
    )
    if not include_withheld:
        items = items.exclude(attribute="withheld")
    items = list(with_columns(items).order_by("domain__sort_order", "domain__code", "sort_order", "id"))
    children: dict[int | None, list[Item]] = {}
    known = {item.pk for item in items}
    for item in items:
        children.setdefault(item.parent_id if item.parent_id in known else None, []).append(item)

    def walk(item: Item, names: list[str]) -> Iterator[ExportRow]:
        names = [*names, item.name]
        kids = children.get(item.pk, [])
        if not (item.is_group and kids):
            yield ExportRow(item, names, item.domain)
        for child in kids:
            yield from walk(child, names)

    for root in children.get(None, []):
        yield from walk(root, [])


def channel_cell(item: Item, standard: list[Channel]) -> str:
    chosen = {channel.pk for channel in item.channels.all()}
    marks = [f"{SELECTED if channel.pk in chosen else NOT_SELECTED}{channel.name}" for channel in standard]
    marks += [f"{SELECTED}{channel.name}" for channel in item.channels.all() if not channel.is_standard]
    return " ".join(marks)


def source_cell(item: Item) -> str:
    if item.source == ItemSource.OTHER and item.source_note:
        return _("其他：%(note)s") % {"note": item.source_note}
    return item.get_source_display() if item.source else ""


def row_values(row: ExportRow, number: int, standard: list[Channel]) -> dict:
    item = row.item
    names = row.names + [""] * (3 - len(row.names))
    tick = lambda condition: TICK if condition else ""  # noqa: E731
    values = {"seq": number, "level1": names[0], "level2": names[1], "level3": names[2], "code": item.code}
    if item.is_group:
        return values
    values.update(
        elements=item.elements,
        basis=render_basis(item.basis),
        time_limit=item.time_limit,
        responsible=item.responsible_text or "、".join(org.name for org in item.responsible_orgs.all()),
        channels=channel_cell(item, standard),
        audience_public=tick(item.audience == "public"),
        audience_group=tick(item.audience == "group"),
        mode_active=tick(item.mode == "active"),
        mode_on_request=tick(item.mode == "on_request"),
        level_county=tick(item.level_county),
        level_township=tick(item.level_township),
        level_village=tick(item.level_village),
        stage=item.get_stage_display() if item.stage else "",
        attribute=item.get_attribute_display(),
        withheld_ground=item.get_withheld_ground_display() if item.withheld_ground else "",
        source=source_cell(item),
    )
    return values


def standard_channels() -> list[Channel]:
    return list(Channel.objects.filter(is_standard=True, organization=None).order_by("sort_order", "id"))


def export_xlsx(catalog, stream) -> int:
    """Write the catalog as a national-template workbook, one sheet per domain; returns the number of rows."""
    workbook = Workbook(write_only=True)
    standard, sheets, count = standard_channels(), {}, 0
    for row in catalog_rows(catalog):
        if row.domain.pk not in sheets:
            sheets[row.domain.pk] = [new_sheet(workbook, catalog, row.domain), 0]
        sheet_and_count = sheets[row.domain.pk]
        sheet_and_count[1] += 1
        values = row_values(row, sheet_and_count[1], standard)
        sheet_and_count[0].append([values.get(column.key, "") for column in COLUMNS])
        count += 1
    if not sheets:
        new_sheet(workbook, catalog, None)
    workbook.save(stream)
    return count


THIN = Side(style="thin")
HEADER_FONT = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def header_cell(sheet, value: str):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font, cell.alignment = HEADER_FONT, CENTER
    cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    return cell


def new_sheet(workbook, catalog, domain):
    sheet = workbook.create_sheet(domain.name if domain else _("标准目录"))
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[letter(index)].width = column.width
    title = _("%(organization)s基层政务公开标准目录（%(domain)s）") % {
        "organization": catalog.organization.name,
        "domain": domain.name if domain else "",
    }
    sheet.append([header_cell(sheet, title)])
    top, sub = [], []
    for column in COLUMNS:
        top.append(header_cell(sheet, column.top))
        sub.append(header_cell(sheet, column.sub or None))
    sheet.append(top)
    sheet.append(sub)
    last = letter(len(COLUMNS) - 1)
    sheet.merged_cells.add(CellRange(f"A1:{last}1"))
    start = 0
    while start < len(COLUMNS):
        end = start
        while end + 1 < len(COLUMNS) and COLUMNS[end + 1].top == COLUMNS[start].top and COLUMNS[start].sub:
            end += 1
        if COLUMNS[start].sub:
            sheet.merged_cells.add(CellRange(f"{letter(start)}2:{letter(end)}2"))
        else:
            sheet.merged_cells.add(CellRange(f"{letter(start)}2:{letter(start)}3"))
        start = end + 1
    return sheet


FLAT_HEADERS = ["领域", *[column.sub or column.top for column in COLUMNS]]


def export_csv(catalog, stream) -> int:
    """UTF-8 with BOM (so Excel opens it), one row per item, ticks as √, the domain as the first column."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(FLAT_HEADERS)
    standard, count, numbers = standard_channels(), 0, {}
    for row in catalog_rows(catalog):
        numbers[row.domain.pk] = numbers.get(row.domain.pk, 0) + 1
        values = row_values(row, numbers[row.domain.pk], standard)
        writer.writerow([row.domain.name, *[values.get(column.key, "") for column in COLUMNS]])
        count += 1
    stream.write(("\ufeff" + text.getvalue()).encode("utf-8"))
    return count


def item_json(row: ExportRow) -> dict:
    item = row.item
    return {
        "code": item.code,
        "name": item.name,
        "path": row.names,
        "domain": {"code": row.domain.code, "name": row.domain.name},
        "parent": row.names[-2] if len(row.names) > 1 else None,
        "is_group": item.is_group,
        "elements": item.elements,
        "basis": item.basis,
        "time_limit": {
            "text": item.time_limit,
            "kind": item.time_limit_kind,
            "days": item.time_limit_days,
            "month": item.time_limit_month,
            "day": item.time_limit_day,
            "publicity_days": item.publicity_days,
        },
        "responsible": item.responsible_text,
        "responsible_organizations": [
            {"name": org.name, "credit_code": org.credit_code} for org in item.responsible_orgs.all()
        ],
        "channels": [channel.name for channel in item.channels.all()],
        "audience": item.audience,
        "mode": item.mode,
        "levels": item.levels,
        "stage": item.stage,
        "attribute": item.attribute,
        "withheld_ground": item.withheld_ground,
        "source": item.source,
        "source_note": item.source_note,
        "version": item.version,
        "adopted_from": item.source_item.catalog.organization.credit_code if item.source_item_id else None,
    }


def export_json(catalog, stream) -> int:
    rows = [item_json(row) for row in catalog_rows(catalog)]
    document = {
        "organization": {"name": catalog.organization.name, "credit_code": catalog.organization.credit_code},
        "items": rows,
    }
    stream.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(rows)


EXPORTERS = {".xlsx": export_xlsx, ".csv": export_csv, ".json": export_json}


def exporter_for(file_name: str):
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in EXPORTERS:
        raise CatalogError(
            CatalogErrorCode.UNSUPPORTED_FORMAT,
            _("不支持导出为“%(suffix)s”：文件名请以 .xlsx、.csv 或 .json 结尾。") % {"suffix": suffix or file_name},
        )
    return EXPORTERS[suffix]
