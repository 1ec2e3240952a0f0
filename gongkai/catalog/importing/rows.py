"""Turning one worksheet of the national template into item data, with a problem for every bad cell."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..itemdata import LEVEL_ORDER, basis_entries, normalized
from ..models import Attribute, Audience, Item, ItemSource, Mode, TimeLimitKind
from ..template import (
    ATTRIBUTE_LABELS,
    GROUND_KEYWORDS,
    GROUND_LABELS,
    HEADER_ALIASES,
    HEADER_LABELS,
    NOT_SELECTED,
    REQUIRED_COLUMNS,
    SELECTED,
    SOURCE_LABELS,
    STAGE_LABELS,
    TICK_MARKS,
    column_letter,
)
from ..timelimits import not_computable_warning, parse_time_limit
from .reading import ImportProblem, Sheet

DETAIL_KEYS = (
    "elements",
    "basis",
    "time_limit",
    "responsible",
    "channels",
    "audience_public",
    "audience_group",
    "mode_active",
    "mode_on_request",
    "level_county",
    "level_township",
    "level_village",
    "stage",
    "attribute",
    "withheld_ground",
    "source",
)
CHANNEL_PATTERN = re.compile(f"([{SELECTED}{NOT_SELECTED}])\\s*([^{SELECTED}{NOT_SELECTED}]+)")
LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
NAME_LENGTH = Item._meta.get_field("name").max_length or 200
TICK_KEYS = tuple(key for key in HEADER_LABELS if key.startswith(("audience_", "mode_", "level_")))
LEVEL_KEYS = [(level.value, f"level_{level.value}") for level in LEVEL_ORDER]
# Hints only shown with a problem: translated when a problem is reported, not once per row.
STAGE_HINT = gettext_lazy("请填决策、执行、管理、服务或结果")
ATTRIBUTE_HINT = gettext_lazy("请填主动公开、依申请公开或不予公开")


@dataclass
class Layout:
    columns: dict[str, list[int]]  # key → column indexes (a "乡、村级" column serves two keys)
    labels: dict[int, str]  # column index → "F（公开时限）"
    data_start: int  # index into sheet.rows


@dataclass
class RowData:
    sheet: str
    row: int
    names: list[str]
    code: str
    data: dict
    new_channels: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)  # reported, never block the import
    labels: dict[str, str] = field(default_factory=dict)  # key → column label, to place semantic problems
    rule_problems: list | None = None  # what validation.problems_in says of `data`, when already asked

    def problem(self, key: str, message: str) -> None:
        self.problems.append(ImportProblem(self.sheet, self.row, self.labels.get(key, ""), message))

    def warning(self, key: str, message: str) -> None:
        self.warnings.append(ImportProblem(self.sheet, self.row, self.labels.get(key, ""), message))


@lru_cache(maxsize=4096)
def channel_names(value: str) -> tuple[str, ...]:
    """The channel names chosen in a 公开渠道和载体 cell: the ■ ones of a ■/□ list, else every listed name. Catalogs
    repeat the same few hundred cells over thousands of rows, so each text is parsed once."""
    marked = CHANNEL_PATTERN.findall(value)
    if marked:
        names = [name.strip(" 、，,;；\n\t") for mark, name in marked if mark == SELECTED]
    else:
        names = [name.strip() for name in LIST_SEPARATORS.split(value)]
    return tuple(filter(None, names))


def header_keys(text: str) -> list[str]:
    return HEADER_ALIASES.get(re.sub(r"\s+", "", text), [])


def locate_layout(sheet: Sheet) -> Layout | None:
    for index, row in enumerate(sheet.rows[:10]):
        if not any(header_keys(text) for text in row) or not any(
            header_keys(text)[:1] in (["seq"], ["level1"], ["elements"]) or text == "公开事项" for text in row
        ):
            continue
        below = sheet.rows[index + 1] if index + 1 < len(sheet.rows) else []
        two_rows = any(header_keys(text) and text != top for text, top in zip(below, row, strict=False))
        columns, labels = {}, {}
        for position in range(max(len(row), len(below))):
            top = row[position] if position < len(row) else ""
            sub = below[position] if two_rows and position < len(below) else ""
            text = sub if sub and header_keys(sub) else top
            for key in header_keys(text):
                columns.setdefault(key, []).append(position)
            if header_keys(text):
                labels[position] = f"{column_letter(position)}（{text}）"
        return Layout(columns, labels, index + (2 if two_rows else 1))
    return None


def layout_problems(sheet: Sheet, layout: Layout | None) -> list[ImportProblem]:
    if layout is None:
        return [
            ImportProblem(
                sheet.name,
                0,
                "",
                _("找不到表头：表头应包含“序号”“公开事项”“公开内容（要素）”等列（国家标准目录模板）。"),
            )
        ]
    missing = [label for key, label in REQUIRED_COLUMNS.items() if key not in layout.columns]
    return [ImportProblem(sheet.name, 0, "", _("工作表缺少“%(column)s”列。") % {"column": label}) for label in missing]


def cell(row: list[str], layout: Layout, key: str) -> str:
    values = [row[index] for index in layout.columns.get(key, []) if index < len(row)]
    return values[0] if values else ""


class RowReader:
    """Reads the data rows of one sheet for one domain, with the catalog's channels and organizations."""

    def __init__(
        self,
        *,
        sheet: Sheet,
        layout: Layout,
        domain_code: str,
        context,
        organizations_by_name: dict,
        caches: dict | None = None,
    ):
        self.sheet, self.layout, self.domain_code = sheet, layout, domain_code
        self.context, self.organizations_by_name = context, organizations_by_name
        self.labels = {key: layout.labels[indexes[0]] for key, indexes in layout.columns.items()}
        # Each key's cell is its first column (a "乡、村级" column serves two keys): looked up once per sheet.
        self.positions = [(key, indexes[0]) for key, indexes in layout.columns.items()]
        # Catalogs repeat the same channel lists and responsible bodies over thousands of rows: parsed once each
        # (the caches may be shared by the readers of all of a workbook's sheets).
        caches = caches if caches is not None else {}
        self.channel_cache: dict[str, tuple[list[int], list[str]]] = caches.setdefault("channels", {})
        self.organization_cache: dict[str, list[int]] = caches.setdefault("organizations", {})
        self.last_time_limit = ""  # for "同上" (same as the row above) in the 公开时限 column

    def rows(self):
        for index in range(self.layout.data_start, len(self.sheet.rows)):
            values = self.sheet.rows[index]
            if not any(values):
                continue
            yield self.read(values, self.sheet.first_row + index)

    def read(self, values: list[str], number: int) -> RowData:
        width = len(values)
        cells = {key: values[index] if index < width else "" for key, index in self.positions}
        get = cells.get
        row = RowData(self.sheet.name, number, [], get("code") or "", {}, labels=self.labels)  # cells come stripped
        row.names = self.names(row, get)
        name = row.names[-1] if row.names else ""
        if any(get(key) for key in DETAIL_KEYS):
            row.data = self.details(row, get, name)
        else:
            row.data = normalized({"name": name, "domain": self.domain_code, "is_group": True})
        return row

    def names(self, row: RowData, get) -> list[str]:
        names = [get("level1") or "", get("level2") or "", get("level3") or ""]
        if not names[0]:
            row.problem("level1", _("请填写一级事项。"))
        if names[2] and not names[1]:
            row.problem("level2", _("填写了三级事项时必须同时填写二级事项。"))
        for key, name in zip(("level1", "level2", "level3"), names, strict=True):
            if len(name) > NAME_LENGTH:  # the upper levels become groups of their own, checked nowhere else
                row.problem(key, _("事项名称不能超过200个字。"))
        return [name for name in names if name]

    def details(self, row: RowData, get, name: str) -> dict:
        """The row's item data, built directly in the form `normalized` gives (cells are already stripped; lists
        sorted; levels in order), so that the thousands of rows of a catalog are not normalized a second time."""
        ticks = {}
        for key in TICK_KEYS:
            value = get(key)
            ticks[key] = bool(value) and (value in TICK_MARKS or self.not_a_tick(row, key, value))
        if ticks["audience_public"] and ticks["audience_group"]:
            row.problem("audience_public", _("公开对象只能勾选一项。"))
        if ticks["mode_active"] and ticks["mode_on_request"]:
            row.problem("mode_active", _("公开方式只能勾选一项。"))
        mode = Mode.ACTIVE if ticks["mode_active"] else Mode.ON_REQUEST if ticks["mode_on_request"] else ""
        responsible = get("responsible") or ""
        source, source_note = self.source(get("source"))
        return {
            "name": name,
            "parent": "",
            "domain": self.domain_code,
            "is_group": False,
            "elements": get("elements") or "",
            "basis": [dict(entry) for entry in basis_entries(get("basis") or "")],
            "time_limit": self.time_limit(row, get("time_limit") or ""),
            "responsible_text": responsible,
            "responsible_orgs": self.organizations(responsible),
            "channels": self.channels(row, get("channels") or ""),
            "audience": Audience.PUBLIC
            if ticks["audience_public"]
            else Audience.GROUP
            if ticks["audience_group"]
            else "",
            "mode": mode,
            "levels": [level for level, key in LEVEL_KEYS if ticks[key]],
            "stage": self.choice(row, "stage", get("stage"), STAGE_LABELS, STAGE_HINT),
            "attribute": self.attribute(row, get("attribute"), mode),
            "withheld_ground": self.ground(row, get("withheld_ground")),
            "source": source,
            "source_note": source_note,
        }

    def time_limit(self, row: RowData, text: str) -> str:
        """The row's 公开时限: "同上" becomes the text of the row above (in this sheet); a text with no computable
        meaning is kept as written, with a warning (row, column, text) and no due date — never a problem."""
        rule = parse_time_limit(text) if text else None
        if rule is not None and rule.same_as_above:
            if not self.last_time_limit:
                row.warning(
                    "time_limit",
                    _("公开时限写作“%(text)s”，但上方没有可沿用的公开时限：已按原文导入，不计算期限。")
                    % {"text": text},
                )
                return text
            text, rule = self.last_time_limit, parse_time_limit(self.last_time_limit)
        if rule is not None and rule.kind == TimeLimitKind.NOT_COMPUTABLE:
            row.warning("time_limit", not_computable_warning(text))
        if text:
            self.last_time_limit = text
        return text

    def not_a_tick(self, row: RowData, key: str, value: str) -> bool:
        row.problem(key, _("“%(value)s”不是勾选标记：请填“√”或留空。") % {"value": value})
        return False

    def choice(self, row: RowData, key: str, value, labels: dict, hint: str) -> str:
        if not value:
            return ""
        if value in labels:
            return labels[value]
        row.problem(key, _("“%(value)s”无法识别：%(hint)s。") % {"value": value, "hint": hint})
        return ""

    def attribute(self, row: RowData, value, mode: str) -> str:
        chosen = self.choice(row, "attribute", value, ATTRIBUTE_LABELS, ATTRIBUTE_HINT)
        if chosen:
            return chosen
        return Attribute.ON_REQUEST if mode == Mode.ON_REQUEST else Attribute.ACTIVE

    def ground(self, row: RowData, value) -> str:
        value = (value or "").strip()
        if not value:
            return ""
        if value in GROUND_LABELS:
            return GROUND_LABELS[value]
        for keyword, ground in GROUND_KEYWORDS:
            if keyword in value:
                return ground.value
        row.problem(
            "withheld_ground",
            _("不予公开依据“%(value)s”无法识别：请写明《条例》第十四条、第十五条或第十六条的具体情形。")
            % {"value": value},
        )
        return ""

    def source(self, value) -> tuple[str, str]:
        value = (value or "").strip()
        if not value:
            return "", ""
        if value in SOURCE_LABELS:
            return SOURCE_LABELS[value], ""
        return ItemSource.OTHER.value, re.sub(r"^其他[：:]\s*", "", value).strip()

    def channels(self, row: RowData, value: str) -> list[int]:
        """The sorted ids of the cell's channels; names not yet known are kept on the row to be created."""
        if value not in self.channel_cache:
            ids, new = set(), []
            for name in channel_names(value):
                channel = self.context.channels_by_name.get(name)
                if channel is None:
                    new.append(name)
                else:
                    ids.add(channel.pk)
            self.channel_cache[value] = (sorted(ids), new)
        ids, new = self.channel_cache[value]
        row.new_channels.extend(new)
        return list(ids)

    def organizations(self, text: str) -> list[int]:
        """The sorted ids of the organizations named in a 公开主体 cell (parsed once per text)."""
        if text not in self.organization_cache:
            parts = [part.strip() for part in LIST_SEPARATORS.split(text)]
            ids = {self.organizations_by_name[part] for part in parts if part in self.organizations_by_name}
            self.organization_cache[text] = sorted(ids)
        return list(self.organization_cache[text])
