"""The bulk paths of a large import: sheets read on several threads, ids and codes reserved up front, one insert."""

import io

import pytest
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook, load_workbook

from gongkai.catalog.importing import import_catalog, read_workbook
from gongkai.catalog.importing.applying import Importer
from gongkai.catalog.itemdata import normalized, snapshot
from gongkai.catalog.models import CodeCounter, Domain, Item, ItemVersion
from gongkai.catalog.services.writing import reserve_codes
from gongkai.core.bulk import reserve_ids

from .factories import catalog_of, item_data
from .workbooks import national_workbook

DOMAINS = ["社会救助", "养老服务", "就业", "户籍管理"]


@pytest.fixture
def catalog(government):
    return catalog_of(government)


def several_sheets(bad: dict | None = None) -> bytes:
    """The sample workbook's sheet once per domain of DOMAINS; `bad` = {sheet: (row index, column, value)}."""
    base = load_workbook(io.BytesIO(national_workbook()))["社会救助"]
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in DOMAINS:
        sheet = workbook.create_sheet(name)
        for row in base.iter_rows(values_only=True):
            sheet.append(list(row))
        for merged in base.merged_cells.ranges:
            sheet.merge_cells(str(merged))
        if bad and name in bad:
            index, column, value = bad[name]
            sheet.cell(row=4 + index, column=column + 1, value=value)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_sheets_read_on_several_threads_come_back_in_order_and_the_same():
    content = several_sheets()
    alone = read_workbook(content, threads=1, each=lambda sheet: len(sheet.rows))
    together = read_workbook(content, threads=3, each=lambda sheet: len(sheet.rows))
    assert [sheet.name for sheet in together] == DOMAINS
    assert [(sheet.name, sheet.rows, sheet.first_row, sheet.result) for sheet in together] == [
        (sheet.name, sheet.rows, sheet.first_row, sheet.result) for sheet in alone
    ]
    assert together[1].rows[3][1] == together[1].rows[4][1] == "综合业务"  # the merged 一级事项 cell, filled in


def test_every_domain_sheet_is_imported_with_its_groups_and_codes(catalog, office):
    result = import_catalog(catalog=catalog, content=several_sheets(), actor=office)
    assert result.problems == []
    assert (result.created, result.groups_created) == (3 * len(DOMAINS), 2 * len(DOMAINS))
    for name in DOMAINS:
        domain = Domain.objects.get(name=name)
        items = Item.objects.filter(catalog=catalog, domain=domain)
        assert items.count() == 5
        review = items.get(name="审核信息")
        assert review.parent.name == "最低生活保障"
        assert review.parent.domain == domain
        assert review.code.startswith(f"{catalog.prefix}-{domain.code}-")
    assert len(set(Item.objects.values_list("code", flat=True))) == 5 * len(DOMAINS)


def test_problems_found_on_the_reading_threads_are_in_order_and_in_the_users_language(catalog, office):
    content = several_sheets(bad={"就业": (0, 8, "x"), "养老服务": (2, 3, "")})
    with translation.override("en"):
        result = import_catalog(catalog=catalog, content=content, actor=office)
    assert [(problem.sheet, problem.row) for problem in result.problems] == [("养老服务", 6), ("就业", 4)]
    assert result.problems[1].message == "“x” is not a tick mark: enter “√” or leave blank."
    assert not Item.objects.exists()


def test_rows_are_read_as_normalized_data(catalog, office):
    rows = Importer(catalog, office, "").read(several_sheets())
    assert len(rows) == 3 * len(DOMAINS)
    for row in rows:
        assert normalized(row.data) == row.data


def test_the_first_version_holds_the_imported_data_exactly(catalog, office):
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    for item in Item.objects.filter(catalog=catalog):
        version = ItemVersion.objects.get(item=item)
        assert (version.number, version.effective_to) == (1, None)
        assert normalized(version.data) == snapshot(item)


def test_reserved_ids_are_new_ordered_and_never_handed_out_twice(catalog, office):
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    highest = Item.objects.order_by("-pk").values_list("pk", flat=True).first()
    with transaction.atomic():
        first = reserve_ids(Item, 3)
        second = reserve_ids(Item, 2)
    assert first == sorted(first)
    assert second == sorted(second)
    assert highest < first[0]
    assert first[-1] < second[0]
    assert reserve_ids(Item, 0) == []
    # An item created the ordinary way afterwards gets an id after every reserved one.
    later = Item.objects.create(catalog=catalog, code="X-1", name="后来的事项", domain=Domain.objects.first())
    assert later.pk > second[-1]


def test_codes_of_several_domains_are_reserved_together_and_never_recur(catalog):
    relief, care = Domain.objects.get(name="社会救助"), Domain.objects.get(name="养老服务")
    with transaction.atomic():
        codes = reserve_codes(catalog, {relief: 2, care: 1})
        again = reserve_codes(catalog, {relief: 1, care: 0})
    prefix = catalog.prefix
    assert codes == {relief.pk: [f"{prefix}-{relief.code}-0001", f"{prefix}-{relief.code}-0002"],
                     care.pk: [f"{prefix}-{care.code}-0001"]}  # fmt: skip
    assert again == {relief.pk: [f"{prefix}-{relief.code}-0003"]}
    assert CodeCounter.objects.get(catalog=catalog, domain=care).last == 1


def test_an_item_created_after_an_import_takes_the_next_code(catalog, office):
    from gongkai.catalog.services import create_item

    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    item = create_item(catalog=catalog, actor=office, data=item_data(name="新的事项"))
    assert item.code == f"{catalog.prefix}-SHJZ-0006"
    assert item.pk > max(Item.objects.exclude(pk=item.pk).values_list("pk", flat=True))
