"""The import service: plan every row against the catalog, report every problem, then write all or nothing."""

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.bulk import reserve_ids
from gongkai.core.errors import AccessDenied
from gongkai.orgs.models import Organization

from ..access import can_approve, can_edit_catalog
from ..itemdata import SCALAR_FIELDS, normalized, same_as_item
from ..models import Change, ChangeKind, Channel, Item, ItemStatus
from ..models.items import LEVEL_FIELDS
from ..services.items import propose
from ..services.writing import (
    announce,
    built_item,
    insert_items,
    item_template,
    loaded_items,
    open_version,
    reserve_codes,
    write_item,
)
from ..validation import LIVE_STATUSES, CatalogContext, problems_in
from .reading import ImportProblem, Sheet, WorkbookUnreadable, read_workbook
from .rows import RowData, RowReader, layout_problems, locate_layout

FIELD_COLUMNS = {
    "elements": "elements",
    "basis": "basis",
    "time_limit": "time_limit",
    "responsible_text": "responsible",
    "responsible_orgs": "responsible",
    "channels": "channels",
    "audience": "audience_public",
    "mode": "mode_active",
    "levels": "level_county",
    "stage": "stage",
    "attribute": "attribute",
    "withheld_ground": "withheld_ground",
    "source": "source",
    "source_note": "source",
}


# The columns of the catalog's items an import plans and compares with; the few items it changes are loaded whole
# (`update_items`). Leaving out the rest (timestamps above all, which SQLite hands back as text to parse) halves the
# time a re-import spends loading a district's catalog.
PLANNING_COLUMNS = [
    "id",
    "code",
    "parent_id",
    "domain_id",
    "sort_order",
    "status",
    "version",
    *SCALAR_FIELDS,
    *LEVEL_FIELDS.values(),
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    groups_created: int = 0
    channels_created: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)  # reported; they never stop an import
    dry_run: bool = False
    change_set_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "groups_created": self.groups_created,
            "channels_created": self.channels_created,
            "problems": [problem.as_dict() for problem in self.problems],
            "warnings": [warning.as_dict() for warning in self.warnings],
            "dry_run": self.dry_run,
            "change_set_id": self.change_set_id,
        }


class Rollback(Exception):
    def __init__(self, result: ImportResult):
        self.result = result


def import_catalog(*, catalog, content: bytes, actor, dry_run: bool = False, file_name: str = "") -> ImportResult:
    """Import a workbook into `catalog`. Nothing is written when any row has a problem, or on a dry run.

    `actor` None means the server's operator (the command line): changes take effect at once, as for the office.
    A clerk's import becomes one change set waiting for the office's approval.
    """
    if actor is not None and not can_edit_catalog(actor, catalog):
        raise AccessDenied(_("您不能修改这个标准目录。"))
    importer = Importer(catalog, actor, file_name)
    try:
        with collector_paused():
            rows = importer.read(content)
    except WorkbookUnreadable as error:
        return ImportResult(problems=[ImportProblem("", 0, "", str(error))], dry_run=dry_run)
    if not rows and not importer.problems:
        # An empty workbook or an untouched template: refused like a bad file, so nothing (not even an audit
        # entry of an import of nothing) is written.
        message = _("文件中没有可导入的事项：表格为空或只有表头，请在表头下方逐行填写事项后再导入。")
        return ImportResult(problems=[ImportProblem("", 0, "", message)], dry_run=dry_run)
    try:
        with transaction.atomic():
            with collector_paused():
                result = importer.run(rows, dry_run=dry_run)
            result.dry_run = dry_run
            if result.problems or dry_run:
                raise Rollback(result)
    except Rollback as rollback:
        return rollback.result
    return result


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while an import builds its data. A district's catalog means some
    hundred thousand objects that all live until the import ends; the collector would walk them again and again
    (a third of a re-import's time) and find nothing to free. Reference counting still frees everything else, the
    collector runs again as soon as the block ends, and it is left alone when someone else had already paused it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(eq=False)
class Node:
    """An item the import will create or update: a row's target, or a group made for a row's ancestors."""

    path: tuple
    data: dict
    item: Item | None = None
    row: RowData | None = None
    parent: "Node | None" = None
    order: int = 0


class Importer:
    def __init__(self, catalog, actor, file_name: str):
        self.catalog, self.actor, self.file_name = catalog, actor, file_name
        self.approver = actor is None or can_approve(actor, catalog)
        self.context = CatalogContext(catalog)
        self.problems: list[ImportProblem] = []
        self.result = ImportResult()
        self.updated_ids: list[int] = []

    # Reading ---------------------------------------------------------------------------------------------------

    def read(self, content: bytes) -> list[RowData]:
        """The workbook's rows as item data, with a problem for every bad sheet and cell. Each sheet's rows are made
        on the thread that read it (see `read_workbook`); nothing here touches the database."""
        organizations = self.organizations_by_name()
        self.context.organization_ids  # noqa: B018 - loaded here: the reading threads check rows against it
        caches = {}  # shared by the sheets' readers (see RowReader)
        sheets = read_workbook(content, each=partial(self.sheet_rows, organizations=organizations, caches=caches))
        self.sheet_order = {sheet.name: index for index, sheet in enumerate(sheets)}
        rows = []
        for sheet in sheets:
            sheet_problems, sheet_rows = sheet.result
            self.problems += sheet_problems
            rows += sheet_rows
        return rows

    def sheet_rows(
        self, sheet: Sheet, *, organizations: dict, caches: dict | None = None
    ) -> tuple[list[ImportProblem], list[RowData]]:
        if not any(any(row) for row in sheet.rows):
            return [], []
        layout = locate_layout(sheet)
        if layout is not None and not any(any(row) for row in sheet.rows[layout.data_start :]):
            return [], []  # only the header rows (an untouched template): nothing to import from this sheet
        domain = self.context.domains_by_name.get(sheet.name) or self.context.domains_by_code.get(sheet.name)
        if domain is None:
            message = _(
                "工作表名称“%(name)s”不是已知的领域：请把工作表命名为26个国家试点领域之一"
                "（如“社会救助”）或本机构已添加的地方领域。"
            ) % {"name": sheet.name}
            return [ImportProblem(sheet.name, 0, "", message)], []
        layout = locate_layout(sheet)
        if problems := layout_problems(sheet, layout):
            return problems, []
        reader = RowReader(
            sheet=sheet,
            layout=layout,
            domain_code=domain.code,
            context=self.context,
            organizations_by_name=organizations,
            caches=caches,
        )
        rows = list(reader.rows())
        for row in rows:
            if not row.new_channels:  # those are checked once their channels exist (see create_channels)
                row.rule_problems = problems_in(row.data, context=self.context, check_tree=False)
        return [], rows

    def run(self, rows: list[RowData], *, dry_run: bool = False) -> ImportResult:
        self.create_channels(rows)
        self.load_existing()
        nodes = self.plan(rows)
        for node in nodes:
            if node.row is not None:
                self.check(node)
        self.result.problems = sorted(
            self.problems + [problem for row in rows for problem in row.problems],
            key=lambda problem: (self.sheet_order.get(problem.sheet, -1), problem.row, problem.column),
        )
        self.result.warnings = [warning for row in rows for warning in row.warnings]
        if not self.result.problems:
            self.count(nodes) if dry_run else self.write(nodes)
        return self.result

    def organizations_by_name(self) -> dict[str, int]:
        region = self.catalog.organization.region
        root = region.path.split("/")[1] if region.path else ""
        organizations = Organization.objects.filter(is_active=True, region__path__startswith=f"/{root}/")
        names = {}
        for pk, name, short_name in organizations.values_list("pk", "name", "short_name"):
            names.setdefault(name, pk)
            if short_name:
                names.setdefault(short_name, pk)
        return names

    def create_channels(self, rows: list[RowData]) -> None:
        wanted = list(dict.fromkeys(name for row in rows for name in row.new_channels))
        if wanted:
            organization = self.catalog.organization
            created = Channel.objects.bulk_create(
                Channel(name=name, organization=organization, sort_order=200 + index)
                for index, name in enumerate(wanted)
            )
            for channel in created:
                self.context.channels_by_name[channel.name] = channel
                self.context.channels_by_id[channel.pk] = channel
            self.result.channels_created = wanted
        for row in rows:
            if row.new_channels:
                extra = [self.context.channels_by_name[name].pk for name in row.new_channels]
                row.data = normalized({**row.data, "channels": row.data["channels"] + extra})

    # Planning --------------------------------------------------------------------------------------------------

    def load_existing(self) -> None:
        domains = {domain.pk: domain for domain in self.context.domains_by_code.values()}
        items = loaded_items(Item.objects.filter(catalog=self.catalog).order_by(), domains, PLANNING_COLUMNS)
        # Item's default order, sorted here: SQLite's join and sort for it cost more than reading the rows.
        domain_order = {pk: domain.sort_order for pk, domain in domains.items()}
        items.sort(key=lambda item: (domain_order.get(item.domain_id, 0), item.sort_order, item.id))
        self.by_id = {item.id: item for item in items}
        self.by_code = {item.code: item for item in items}
        self.responsible, self.channels = {}, {}
        through = Item.responsible_orgs.through.objects.filter(item__catalog=self.catalog)
        for item_id, organization_id in through.values_list("item_id", "organization_id"):
            self.responsible.setdefault(item_id, []).append(organization_id)
        through = Item.channels.through.objects.filter(item__catalog=self.catalog)
        for item_id, channel_id in through.values_list("item_id", "channel_id"):
            self.channels.setdefault(item_id, []).append(channel_id)
        self.pending = set(
            Change.objects.filter(item__catalog=self.catalog, is_pending=True).values_list("item_id", flat=True)
        )
        self.children = {}
        for item in items:
            if item.parent_id and item.status in LIVE_STATUSES:
                self.children.setdefault(item.parent_id, []).append(item)
        self.path_of = {}
        self.live_by_path = {self.existing_path(item): item for item in items if item.status in LIVE_STATUSES}

    def existing_path(self, item: Item) -> tuple:
        if item.id not in self.path_of:
            parent = self.by_id.get(item.parent_id)
            names = (self.existing_path(parent)[1] if parent else ()) + (item.name,)
            self.path_of[item.id] = (item.domain.code, names)
        return self.path_of[item.id]

    def plan(self, rows: list[RowData]) -> list[Node]:
        nodes, seen = [], {}
        for order, row in enumerate(rows, start=1):
            if row.problems and not row.names:
                continue
            item = self.target(row)
            if row.problems and item is None and row.code:
                continue
            path = (row.data["domain"], tuple(row.names))
            key = ("item", item.id) if item else ("path", path)
            if key in seen:
                row.problem(
                    "code" if row.code else "level1",
                    _("与第%(row)s行是同一事项，同一事项在文件中只能出现一次。") % {"row": seen[key].row},
                )
                continue
            seen[key] = row
            nodes.append(Node(path, row.data, item=item, row=row, order=order * 10))
        index = dict(self.live_by_path)
        moved = {node.item.id for node in nodes if node.item and self.existing_path(node.item) != node.path}
        index = {path: item for path, item in index.items() if item.id not in moved}
        by_path: dict[tuple, Node] = {}
        for node in nodes:
            twin = index.get(node.path)
            if twin is not None and (node.item is None or twin.id != node.item.id):
                node.row.problem(
                    "level1",
                    _(
                        "本目录已有名为“%(name)s”的事项（编码%(code)s），同一上级下的事项名称不能重复；要更新它请填写其编码。"
                    )
                    % {"name": twin.name, "code": twin.code},
                )
            by_path[node.path] = node
        groups = []
        for node in nodes:
            node.parent = self.ancestor(node, index, by_path, groups)
            self.check_depth(node)
        return groups + nodes

    def target(self, row: RowData) -> Item | None:
        if not row.code:
            return self.live_by_path.get((row.data["domain"], tuple(row.names)))
        item = self.by_code.get(row.code)
        if item is None or item.status == ItemStatus.REJECTED:
            row.problem(
                "code", _("编码“%(code)s”不在本目录中：新增事项请把编码留空，系统会自动分配。") % {"code": row.code}
            )
            return None
        if item.status == ItemStatus.RETIRED:
            row.problem("code", _("事项“%(code)s”已废止，不能再导入修改。") % {"code": row.code})
            return None
        return item

    def ancestor(self, node: Node, index: dict, by_path: dict, groups: list) -> "Node | Item | None":
        domain, names = node.path
        if len(names) < 2:
            return None
        parent_path = (domain, names[:-1])
        if parent_path in by_path:
            return by_path[parent_path]
        if parent_path in index:
            return index[parent_path]
        group = Node(
            parent_path, normalized({"name": names[-2], "domain": domain, "is_group": True}), order=node.order - 1
        )
        by_path[parent_path] = group
        groups.append(group)
        group.parent = self.ancestor(group, index, by_path, groups)
        return group

    def check_depth(self, node: Node) -> None:
        if node.item is None or node.row is None:
            return
        depth = len(node.path[1])
        if depth + self.height(node.item) - 1 > 3:
            node.row.problem("level1", _("移到新的上级后，下级事项将超过三级。"))

    def height(self, item: Item) -> int:
        return 1 + max((self.height(child) for child in self.children.get(item.id, [])), default=0)

    def check(self, node: Node) -> None:
        row = node.row
        item = node.item
        if item is not None and (item.status == ItemStatus.PROPOSED or item.id in self.pending) and self.changes(node):
            row.problem(
                "code" if row.code else "level1",
                _("事项“%(code)s”已有待审批的变更，请等公开办审批后再导入修改。") % {"code": item.code},
            )
        level_key = ("level1", "level2", "level3")[min(len(row.names), 3) - 1]
        already = {problem.column for problem in row.problems}  # a bad cell already explains what follows from it
        rule_problems = row.rule_problems
        if rule_problems is None or row.data is not node.data:
            rule_problems = problems_in(node.data, context=self.context, check_tree=False)
        for problem in rule_problems:
            key = level_key if problem.field == "name" else FIELD_COLUMNS.get(problem.field, "")
            if row.labels.get(key, "") not in already:
                row.problem(key, problem.message)

    # Writing ---------------------------------------------------------------------------------------------------

    def write(self, nodes: list[Node]) -> None:
        new = sorted((node for node in nodes if node.item is None), key=lambda node: len(node.path[1]))
        self.create_items(new, self.reserve_codes(new))
        changes = [(node.item, ChangeKind.CREATE, node.data) for node in new]
        new_ids = {id(node) for node in new}
        changes += self.update_items([node for node in nodes if node.item is not None and id(node) not in new_ids])
        self.result.groups_created = sum(1 for node in new if node.row is None)
        self.result.created = len(new) - self.result.groups_created
        if not self.approver and changes:
            change_set = propose(
                catalog=self.catalog,
                actor=self.actor,
                note=_("导入文件：%(name)s") % {"name": self.file_name or "-"},
                changes=changes,
            )
            self.result.change_set_id = change_set.pk
        audit.log(
            "catalog.catalog.imported",
            actor=self.actor or _("命令行"),
            target=self.catalog,
            organization=self.catalog.organization,
            data={
                "file": self.file_name,
                **{key: value for key, value in self.result.as_dict().items() if key != "problems"},
            },
        )
        if self.approver:
            announce([node.item.id for node in new] + self.updated_ids)

    def changes(self, node: Node) -> bool:
        """Whether the row would change its existing item (sets the row data's parent code on the way)."""
        if isinstance(node.parent, Node) and node.parent.item is None:
            return True  # its parent is still to be created
        parent = self.parent_item(node)
        node.data["parent"] = parent.code if parent else ""
        item = node.item
        parent_before = self.by_id.get(item.parent_id)
        return not same_as_item(
            node.data,
            item,
            responsible_org_ids=self.responsible.get(item.id, []),
            channel_ids=self.channels.get(item.id, []),
            parent_code=parent_before.code if parent_before else "",
        )

    def count(self, nodes: list[Node]) -> None:
        """A dry run's counts, exactly as `write` would report them, without writing the items."""
        for node in nodes:
            if node.item is None:
                if node.row is None:
                    self.result.groups_created += 1
                else:
                    self.result.created += 1
            elif self.changes(node):
                self.result.updated += 1
            else:
                self.result.unchanged += 1

    def parent_item(self, node: Node) -> Item | None:
        parent = node.parent
        return parent.item if isinstance(parent, Node) else parent

    def reserve_codes(self, nodes: list[Node]) -> dict[int, str]:
        """The codes of the new items, reserved together, numbered in the order of `nodes` (一级 items first):
        node id → code."""
        by_domain: dict[str, list[Node]] = {}
        for node in nodes:
            by_domain.setdefault(node.data["domain"], []).append(node)
        domains = {code: self.context.domains_by_code[code] for code in by_domain}
        reserved = reserve_codes(self.catalog, {domains[code]: len(group) for code, group in by_domain.items()})
        codes = {}
        for domain_code, group in by_domain.items():
            codes.update(zip((id(node) for node in group), reserved[domains[domain_code].pk], strict=True))
        return codes

    def create_items(self, nodes: list[Node], codes: dict[int, str]) -> None:
        """Create the new items (`nodes` sorted parents first) with ids reserved up front, so that one bulk insert
        writes them all and each child points at its parent directly."""
        if not nodes:
            return
        template = item_template(
            catalog=self.catalog,
            status=ItemStatus.IN_FORCE if self.approver else ItemStatus.PROPOSED,
            version=1 if self.approver else 0,
            created_by=self.actor,
        )
        for node, pk in zip(nodes, reserve_ids(Item, len(nodes)), strict=True):
            parent = self.parent_item(node)
            node.data["parent"] = parent.code if parent else ""
            node.item = built_item(
                template, node.data, self.context, pk=pk, code=codes[id(node)], parent=parent, sort_order=node.order
            )
        insert_items(
            [(node.item, node.data) for node in nodes], in_force=self.approver, actor=self.actor, note=_("导入")
        )

    def update_items(self, nodes: list[Node]) -> list[tuple]:
        changes, reordered, changed = [], [], []
        for node in nodes:
            item = node.item
            if not self.changes(node):
                self.result.unchanged += 1
                if item.sort_order != node.order:
                    item.sort_order = node.order
                    reordered.append(item)
                continue
            self.result.updated += 1
            self.updated_ids.append(item.pk)
            changed.append(node)
        Item.objects.bulk_update(reordered, ["sort_order"], batch_size=1000)
        whole = Item.objects.in_bulk([node.item.pk for node in changed])  # planning loaded only some columns
        for node in changed:
            node.item = item = whole[node.item.pk]
            if self.approver:
                item.sort_order = node.order
                write_item(item, node.data, self.context)
                open_version(item, node.data, changed_by=self.actor, approved_by=self.actor, note=_("导入"))
            else:
                changes.append((item, ChangeKind.UPDATE, node.data))
        return changes
