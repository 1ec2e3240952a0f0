"""Importing the national template: every problem reported where it is, all or nothing, re-import by code."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from gongkai.catalog.exporting import export_xlsx
from gongkai.catalog.importing import import_catalog
from gongkai.catalog.itemdata import snapshot
from gongkai.catalog.models import Change, Channel, Item, ItemStatus, ItemVersion
from gongkai.catalog.services import retire_item

from .factories import catalog_of, make_tree
from .workbooks import ROWS, national_workbook


@pytest.fixture
def catalog(government):
    return catalog_of(government)


def rows_with(index: int, column: int, value: str) -> list[list[str]]:
    rows = [list(row) for row in ROWS]
    rows[index][column] = value
    return rows


def test_a_county_template_imports_with_merged_cells_and_variant_headers(catalog, office, department):
    result = import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    assert result.problems == []
    assert (result.created, result.updated, result.unchanged, result.groups_created) == (3, 0, 0, 2)
    assert result.channels_created == ["示范区民政局"][:0] + []
    supervision = Item.objects.get(name="监督检查")
    assert supervision.parent.name == "综合业务"  # the merged 一级事项 cell
    assert supervision.time_limit_days == 20
    assert sorted(supervision.channels.values_list("name", flat=True)) == sorted(
        ["政府网站", "公开查阅点", "政务服务中心", "12345政务服务热线"]
    )
    review = Item.objects.get(name="审核信息")
    assert (review.audience, review.levels, review.publicity_days) == ("group", ["township"], 7)
    assert review.basis == [{"document": "《社会救助暂行办法》", "articles": "第十一条"}]
    assert review.code == f"{catalog.prefix}-SHJZ-0005"
    assert review.versions.get().approved_by == office


def test_reimporting_the_same_file_changes_nothing(catalog, office):
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    result = import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Item.objects.count() == 5


def test_export_then_import_round_trips_to_the_same_catalog(catalog, office):
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    before = {item.code: snapshot(item) for item in Item.objects.all()}
    stream = io.BytesIO()
    assert export_xlsx(catalog, stream) == 3
    result = import_catalog(catalog=catalog, content=stream.getvalue(), actor=office)
    assert result.problems == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert {item.code: snapshot(item) for item in Item.objects.all()} == before
    assert ItemVersion.objects.filter(number=2).count() == 0


def test_exported_workbook_has_two_merged_header_rows(catalog, office):
    make_tree(catalog, office)
    stream = io.BytesIO()
    export_xlsx(catalog, stream)
    sheet = load_workbook(stream)["社会救助"]
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"B2:D2", "J2:K2", "L2:M2", "N2:P2", "A2:A3", "U2:U3"} <= merged
    assert [sheet.cell(3, column).value for column in range(10, 17)] == [
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "县级",
        "乡级",
        "村级",
    ]
    assert sheet.cell(4, 9).value.startswith("■政府网站 □政府公报")
    assert sheet.cell(4, 10).value == "√"


def test_an_edited_export_updates_items_by_code_without_duplicates(catalog, office):
    group, guide, review = make_tree(catalog, office)
    stream = io.BytesIO()
    export_xlsx(catalog, stream)
    workbook = load_workbook(stream)
    sheet = workbook["社会救助"]
    sheet.cell(4, 3).value = "办事指南（低保）"  # rename the item: the code column keeps it the same item
    sheet.cell(4, 7).value = "实时公开"
    edited = io.BytesIO()
    workbook.save(edited)
    result = import_catalog(catalog=catalog, content=edited.getvalue(), actor=office)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    guide.refresh_from_db()
    assert (guide.name, guide.time_limit_kind, guide.version) == ("办事指南（低保）", "real_time", 2)
    assert Item.objects.count() == 3


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (rows_with(0, 8, "x"), "工作表“社会救助” 第4行 I（全社会）列：“x”不是勾选标记：请填“√”或留空。"),
        (rows_with(0, 9, "√"), "工作表“社会救助” 第4行 I（全社会）列：公开对象只能勾选一项。"),
        (rows_with(0, 11, "√"), "工作表“社会救助” 第4行 K（主动）列：公开方式只能勾选一项。"),
        (rows_with(2, 3, ""), "工作表“社会救助” 第6行 D（公开内容（要素））列：请填写公开内容（要素）。"),
        (rows_with(2, 1, ""), "工作表“社会救助” 第6行 B（一级事项）列：请填写一级事项。"),
        (rows_with(2, 13, ""), "工作表“社会救助” 第6行 M（县级）列：请至少勾选一个公开层级（县级、乡级、村级）。"),
    ],
)
def test_every_bad_cell_is_reported_with_sheet_row_and_column(catalog, office, rows, expected):
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert [str(problem) for problem in result.problems][0].startswith(expected)
    assert not Item.objects.exists()


def test_one_bad_row_among_good_ones_writes_nothing(catalog, office):
    rows = rows_with(0, 8, "x")
    rows[2][3] = ""
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert [(problem.row, problem.column) for problem in result.problems] == [
        (4, "I（全社会）"),
        (6, "D（公开内容（要素））"),
    ]
    assert not Item.objects.exists()
    assert not Channel.objects.filter(organization__isnull=False).exists()  # the new local channel rolled back
    assert result.created == 0


def test_a_dry_run_reports_the_counts_of_the_real_run_and_writes_nothing(catalog, office):
    result = import_catalog(catalog=catalog, content=national_workbook(), actor=office, dry_run=True)
    assert (result.ok, result.created, result.groups_created, result.dry_run) == (True, 3, 2, True)
    assert not Item.objects.exists()
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    edited = rows_with(0, 5, "实时公开")
    edited[2][1] = "低保审核"  # without a code column this is a new item under a new group
    preview = import_catalog(catalog=catalog, content=national_workbook(edited), actor=office, dry_run=True)
    real = import_catalog(catalog=catalog, content=national_workbook(edited), actor=office)
    counts = lambda result: (result.created, result.updated, result.unchanged, result.groups_created)  # noqa: E731
    assert counts(preview) == counts(real) == (1, 1, 1, 1)


def test_unknown_sheet_and_missing_columns_are_reported(catalog, office):
    result = import_catalog(catalog=catalog, content=national_workbook(sheet_name="杂项"), actor=office)
    assert [str(problem) for problem in result.problems] == [
        "工作表“杂项”：工作表名称“杂项”不是已知的领域：请把工作表命名为26个国家试点领域之一（如“社会救助”）或本机构已添加的地方领域。"
    ]


def test_codes_in_the_file_must_belong_to_the_catalog_and_be_in_use(catalog, office):
    group, guide, review = make_tree(catalog, office)
    retire_item(item=review, actor=office, reason="调整")
    rows = [row + [""] * 6 for row in ROWS[:2]]
    stream = io.BytesIO()
    export_xlsx(catalog, stream)
    workbook = load_workbook(stream)
    sheet = workbook["社会救助"]
    sheet.cell(4, 21).value = "NOPE-1"
    old = [2, "最低生活保障", "办事指南(旧)", "", "要素", "《条例》", "及时公开", "民政局", "■政府网站", "√", "", "√"]
    sheet.append([*old, "", "√", "", "", "", "", "", "", review.code])
    edited = io.BytesIO()
    workbook.save(edited)
    result = import_catalog(catalog=catalog, content=edited.getvalue(), actor=office)
    assert [problem.message for problem in result.problems] == [
        "编码“NOPE-1”不在本目录中：新增事项请把编码留空，系统会自动分配。",
        f"事项“{review.code}”已废止，不能再导入修改。",
    ]
    assert rows  # the fixture rows are untouched


def test_the_same_item_twice_in_a_file_is_refused(catalog, office):
    rows = [list(row) for row in ROWS] + [list(ROWS[2])]
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert [str(problem) for problem in result.problems] == [
        "工作表“社会救助” 第7行 B（一级事项）列：与第6行是同一事项，同一事项在文件中只能出现一次。"
    ]


def test_a_file_that_is_not_a_workbook_is_refused_by_content(catalog, office):
    result = import_catalog(catalog=catalog, content=b"name,code\n1,2\n", actor=office)
    assert [problem.message for problem in result.problems] == [
        "文件不是 Excel 工作簿（.xlsx 或 .xls），请用标准目录模板填写后再导入。"
    ]


def test_a_clerks_import_waits_for_approval_as_one_change_set(catalog, make_person, department, office):
    from gongkai.catalog.services import approve_change_set

    clerk = make_person("clerk", department, username="mz_clerk")
    result = import_catalog(catalog=catalog, content=national_workbook(), actor=clerk)
    assert result.change_set_id is not None
    assert set(Item.objects.values_list("status", flat=True)) == {ItemStatus.PROPOSED}
    assert Change.objects.filter(change_set_id=result.change_set_id).count() == 5
    approve_change_set(change_set=Change.objects.first().change_set, actor=office)
    assert set(Item.objects.values_list("status", flat=True)) == {ItemStatus.IN_FORCE}


def test_changes_to_items_waiting_for_approval_are_refused(catalog, make_person, department):
    clerk = make_person("clerk", department, username="mz_clerk")
    import_catalog(catalog=catalog, content=national_workbook(), actor=clerk)
    same = import_catalog(catalog=catalog, content=national_workbook(), actor=clerk)
    assert (same.problems, same.unchanged, same.change_set_id) == ([], 3, None)
    edited = import_catalog(catalog=catalog, content=national_workbook(rows_with(2, 5, "实时公开")), actor=clerk)
    assert [(problem.row, problem.column) for problem in edited.problems] == [(6, "B（一级事项）")]
    assert edited.problems[0].message.endswith("已有待审批的变更，请等公开办审批后再导入修改。")
    assert Change.objects.count() == 5


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("五公开", "其他", "“其他”无法识别：请填决策、执行、管理、服务或结果。"),
        ("公开属性", "半公开", "“半公开”无法识别：请填主动公开、依申请公开或不予公开。"),
        (
            "不予公开依据",
            "领导不同意",
            "不予公开依据“领导不同意”无法识别：请写明《条例》第十四条、第十五条或第十六条的具体情形。",
        ),
        ("三级事项", "孤立的三级", "填写了三级事项时必须同时填写二级事项。"),
    ],
)
def test_platform_columns_are_checked(catalog, office, header, value, expected):
    from openpyxl import Workbook

    from gongkai.catalog.template import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "社会救助"
    sheet.append([column.top for column in COLUMNS])
    sheet.append([column.sub or column.top for column in COLUMNS])
    row = {column.key: "" for column in COLUMNS}
    row.update(
        level1="最低生活保障",
        level2="办事指南",
        elements="办理条件",
        basis="《社会救助暂行办法》",
        time_limit="实时公开",
        responsible="民政局",
        channels="■政府网站",
        audience_public="√",
        mode_active="√",
        level_county="√",
    )
    if header == "三级事项":
        row["level2"] = ""
    key = next(column.key for column in COLUMNS if (column.sub or column.top) == header)
    row[key] = value
    sheet.append([row[column.key] for column in COLUMNS])
    stream = io.BytesIO()
    workbook.save(stream)
    result = import_catalog(catalog=catalog, content=stream.getvalue(), actor=office)
    assert expected in [problem.message for problem in result.problems]
    assert not Item.objects.exists()


def test_a_missing_required_column_is_reported(catalog, office):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "就业"
    sheet.append(
        ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开主体", "公开渠道和载体", "全社会", "主动"]
    )
    sheet.append(["1", "就业创业政策", "办事指南", "要素", "依据", "人社局", "■政府网站", "√", "√"])
    stream = io.BytesIO()
    workbook.save(stream)
    result = import_catalog(catalog=catalog, content=stream.getvalue(), actor=office)
    assert [str(problem) for problem in result.problems] == ["工作表“就业”：工作表缺少“公开时限”列。"]


def test_only_created_and_changed_items_are_announced(catalog, office, django_capture_on_commit_callbacks):
    from gongkai.catalog.signals import item_changed, items_changed

    single, batches = [], []

    def on_item(sender, item_id, **kwargs):
        single.append(item_id)

    def on_items(sender, item_ids, **kwargs):
        batches.append(item_ids)

    item_changed.connect(on_item)
    items_changed.connect(on_items)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_catalog(catalog=catalog, content=national_workbook(), actor=office)
        assert sorted(single) == sorted(Item.objects.values_list("pk", flat=True))
        assert [sorted(batch) for batch in batches] == [sorted(single)]
        single.clear()
        with django_capture_on_commit_callbacks(execute=True):
            import_catalog(catalog=catalog, content=national_workbook(), actor=office)
        assert single == []
    finally:
        item_changed.disconnect(on_item)
        items_changed.disconnect(on_items)


def test_real_time_limit_phrasings_import_and_a_vague_one_only_warns(catalog, office):
    rows = [list(row) for row in ROWS]
    rows[0][5] = "信息形成個20個工作日內公開;其中行政許可、行政處罰事項應自作出行政決定之日起 7個工作日內公示"
    rows[1][5] = "同上"
    rows[2][5] = "按有关规定办理"
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert result.ok
    assert result.created == 3
    assert [(warning.row, warning.column) for warning in result.warnings] == [(6, "F（公开时限）")]
    assert "按有关规定办理" in result.warnings[0].message
    assert result.as_dict()["warnings"][0]["row"] == 6
    first = Item.objects.get(name="政策法规文件")
    second = Item.objects.get(name="监督检查")
    vague = Item.objects.get(name="审核信息")
    assert (first.time_limit_kind, first.time_limit_days) == ("working_days", 20)
    assert first.time_limit_rule["also"][0]["event"] == "作出行政决定"
    assert second.time_limit == first.time_limit  # "同上" takes the row above's text
    assert (vague.time_limit, vague.time_limit_kind) == ("按有关规定办理", "not_computable")
    assert vague.due_date(date(2026, 9, 18)) is None
    assert first.due_date(date(2026, 9, 18)).date == date(2026, 10, 22)


def test_same_as_above_in_the_first_row_warns_and_imports(catalog, office):
    result = import_catalog(catalog=catalog, content=national_workbook(rows_with(0, 5, "同上")), actor=office)
    assert result.ok
    assert [(warning.row, warning.column) for warning in result.warnings] == [(4, "F（公开时限）")]
    assert Item.objects.get(name="政策法规文件").time_limit_kind == "not_computable"


def test_periodic_and_event_limits_are_stored_structured(catalog, office):
    rows = [list(row) for row in ROWS]
    rows[0][5] = "每季度结束后15日内"
    rows[1][5] = "开标前"
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert (result.ok, result.warnings) == (True, [])
    periodic = Item.objects.get(name="政策法规文件").time_rule
    assert (periodic.kind, periodic.period, periodic.days, periodic.is_periodic) == ("periodic", "quarter", 15, True)
    relative = Item.objects.get(name="监督检查").time_rule
    assert (relative.kind, relative.event, relative.before, relative.needs_event) == ("relative", "开标", True, True)


@pytest.mark.parametrize("kind", ["empty", "template"])
def test_an_empty_workbook_or_an_untouched_template_is_nothing_to_import(catalog, government, tmp_path, kind):
    from django.core.management import call_command
    from openpyxl import Workbook

    from gongkai.core.models import AuditEntry

    stream = io.BytesIO()
    if kind == "template":
        assert export_xlsx(catalog, stream) == 0
    else:
        Workbook().save(stream)
    path = tmp_path / "目录.xlsx"
    path.write_bytes(stream.getvalue())
    entries = AuditEntry.objects.count()
    with pytest.raises(SystemExit) as exit_info:
        call_command("catalog", "import", str(path), "--org", str(government.pk))
    assert exit_info.value.code == 1
    assert AuditEntry.objects.count() == entries
    assert Item.objects.count() == 0
    result = import_catalog(catalog=catalog, content=stream.getvalue(), actor=None)
    assert [problem.message for problem in result.problems] == [
        "文件中没有可导入的事项：表格为空或只有表头，请在表头下方逐行填写事项后再导入。"
    ]


@pytest.mark.parametrize(
    ("column", "length", "expected"),
    [
        (  # the 一级事项 cell is merged over rows 4 and 5
            1,
            201,
            [
                "工作表“社会救助” 第4行 B（一级事项）列：事项名称不能超过200个字。",
                "工作表“社会救助” 第5行 B（一级事项）列：事项名称不能超过200个字。",
            ],
        ),
        (2, 201, ["工作表“社会救助” 第4行 C（二级事项）列：事项名称不能超过200个字。"]),
        (5, 201, ["工作表“社会救助” 第4行 F（公开时限）列：公开时限不能超过200个字（现有201个）。"]),
        (6, 301, ["工作表“社会救助” 第4行 G（公开主体）列：公开主体不能超过300个字（现有301个）。"]),
    ],
)
def test_a_text_longer_than_its_field_is_refused_not_cut(catalog, office, column, length, expected):
    result = import_catalog(
        catalog=catalog, content=national_workbook(rows_with(0, column, "长" * length)), actor=office
    )
    assert [str(problem) for problem in result.problems] == expected
    assert not Item.objects.exists()


def test_texts_of_exactly_their_fields_length_are_stored_whole(catalog, office):
    rows = rows_with(0, 6, "长" * 300)
    rows[0][5] = "限" * 200
    result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
    assert result.problems == []
    item = Item.objects.get(name="政策法规文件")
    assert (item.time_limit, item.responsible_text) == ("限" * 200, "长" * 300)
