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

from gongkai.core import spreadsheets
from gongkai.orgs.models import Organization

from .errors import CatalogError, CatalogErrorCode
from .itemdata import render_basis
from .models import Attribute, Channel, Domain, Item, ItemSource, ItemStatus, Stage, WithheldGround
from .template import COLUMNS, NOT_SELECTED, SELECTED, TICK
from .template import column_letter as letter


@dataclass
class ExportRow:
    item: Item
    names: list[str]
    domain: Domain


def catalog_rows(catalog, *, include_withheld: bool = True) -> Iterator[ExportRow]:
    """In-force items in catalog order (domain, then depth first), one row per item that has its own columns.

    Channels and responsible organizations are attached as shared objects (`channel_list`, `organization_list`)
    from two queries over the link tables: prefetching would build one object per link (tens of thousands)."""
    items = Item.objects.filter(catalog=catalog, status=ItemStatus.IN_FORCE).select_related(
        "domain", "source_item__catalog__organization"
    )
    if not include_withheld:
        items = items.exclude(attribute="withheld")
    items = list(items.order_by("domain__sort_order", "domain__code", "sort_order", "id"))
    attach_columns(catalog, items)
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


def attach_columns(catalog, items: list[Item]) -> None:
    channels = {channel.pk: channel for channel in Channel.objects.all()}
    for item in items:
        item.channel_list, item.organization_list = [], []
    by_id = {item.pk: item for item in items}
    links = Item.channels.through.objects.filter(item__catalog=catalog).order_by("channel__sort_order", "channel_id")
    for item_id, channel_id in links.values_list("item_id", "channel_id"):
        if item_id in by_id:
            by_id[item_id].channel_list.append(channels[channel_id])
    links = Item.responsible_orgs.through.objects.filter(item__catalog=catalog)
    org_ids = set(links.values_list("organization_id", flat=True))
    organizations = {org.pk: org for org in Organization.objects.filter(pk__in=org_ids)}
    for item_id, organization_id in links.order_by("organization_id").values_list("item_id", "organization_id"):
        if item_id in by_id:
            by_id[item_id].organization_list.append(organizations[organization_id])


def channels_of(item: Item) -> list[Channel]:
    return item.channel_list if hasattr(item, "channel_list") else list(item.channels.all())


def organizations_of(item: Item) -> list:
    return item.organization_list if hasattr(item, "organization_list") else list(item.responsible_orgs.all())


def channel_cell(item: Item, standard: list[Channel]) -> str:
    chosen = {channel.pk for channel in channels_of(item)}
    marks = [f"{SELECTED if channel.pk in chosen else NOT_SELECTED}{channel.name}" for channel in standard]
    marks += [f"{SELECTED}{channel.name}" for channel in channels_of(item) if not channel.is_standard]
    return " ".join(marks)


def source_cell(item: Item, labels: dict) -> str:
    if item.source == ItemSource.OTHER and item.source_note:
        return _("其他：%(note)s") % {"note": item.source_note}
    return labels["source"].get(item.source, "")


def choice_labels() -> dict[str, dict[str, str]]:
    """Choice labels translated once per export (not once per cell)."""
    return {
        "stage": {value: str(label) for value, label in Stage.choices},
        "attribute": {value: str(label) for value, label in Attribute.choices},
        "withheld_ground": {value: str(label) for value, label in WithheldGround.choices},
        "source": {value: str(label) for value, label in ItemSource.choices},
    }


def row_values(row: ExportRow, number: int, standard: list[Channel], labels: dict | None = None) -> dict:
    item = row.item
    labels = labels or choice_labels()
    names = row.names + [""] * (3 - len(row.names))
    tick = lambda condition: TICK if condition else ""  # noqa: E731
    values = {"seq": number, "level1": names[0], "level2": names[1], "level3": names[2], "code": item.code}
    if item.is_group:
        return values
    values.update(
        elements=item.elements,
        basis=render_basis(item.basis),
        time_limit=item.time_limit,
        responsible=item.responsible_text or "、".join(org.name for org in organizations_of(item)),
        channels=channel_cell(item, standard),
        audience_public=tick(item.audience == "public"),
        audience_group=tick(item.audience == "group"),
        mode_active=tick(item.mode == "active"),
        mode_on_request=tick(item.mode == "on_request"),
        level_county=tick(item.level_county),
        level_township=tick(item.level_township),
        level_village=tick(item.level_village),
        stage=labels["stage"].get(item.stage, ""),
        attribute=labels["attribute"].get(item.attribute, ""),
        withheld_ground=labels["withheld_ground"].get(item.withheld_ground, ""),
        source=source_cell(item, labels),
    )
    return values


def standard_channels() -> list[Channel]:
    return list(Channel.objects.filter(is_standard=True, organization=None).order_by("sort_order", "id"))


def export_xlsx(catalog, stream) -> int:
    """Write the catalog as a national-template workbook, one sheet per domain; returns the number of rows."""
    workbook = Workbook(write_only=True)
    standard, sheets, count, labels = standard_channels(), {}, 0, choice_labels()
    for row in catalog_rows(catalog):
        if row.domain.pk not in sheets:
            sheets[row.domain.pk] = [new_sheet(workbook, catalog, row.domain), 0]
        sheet_and_count = sheets[row.domain.pk]
        sheet_and_count[1] += 1
        values = row_values(row, sheet_and_count[1], standard, labels)
        sheet = sheet_and_count[0]
        sheet.append(spreadsheets.xlsx_row(sheet, [values.get(column.key, "") for column in COLUMNS]))
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
    standard, count, numbers, labels = standard_channels(), 0, {}, choice_labels()
    for row in catalog_rows(catalog):
        numbers[row.domain.pk] = numbers.get(row.domain.pk, 0) + 1
        values = row_values(row, numbers[row.domain.pk], standard, labels)
        writer.writerow(spreadsheets.csv_row([row.domain.name, *[values.get(column.key, "") for column in COLUMNS]]))
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
            {"name": org.name, "credit_code": org.credit_code} for org in organizations_of(item)
        ],
        "channels": [channel.name for channel in channels_of(item)],
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
