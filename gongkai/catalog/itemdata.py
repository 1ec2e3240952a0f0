"""An item's columns as plain data: the shape of version snapshots, proposed changes, imports and diffs.

Data is a dict with the keys of `FIELDS`; references are by stable keys: `parent` is the parent's code ("" for
none), `domain` the domain code, `responsible_orgs` and `channels` sorted lists of ids, `levels` a list of
`orgs.Level` values, `basis` a list of {"document": "《…》（…）", "articles": "第…条"}.
"""

import re
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Level

from .models import Attribute, Audience, ItemSource, Mode, Stage, WithheldGround
from .models.items import LEVEL_FIELDS

FIELDS = {
    "name": _("事项名称"),
    "parent": _("上级事项"),
    "domain": _("领域"),
    "is_group": _("仅作分组"),
    "elements": _("公开内容（要素）"),
    "basis": _("公开依据"),
    "time_limit": _("公开时限"),
    "responsible_text": _("公开主体"),
    "responsible_orgs": _("公开主体机构"),
    "channels": _("公开渠道和载体"),
    "audience": _("公开对象"),
    "mode": _("公开方式"),
    "levels": _("公开层级"),
    "stage": _("五公开"),
    "attribute": _("公开属性"),
    "withheld_ground": _("不予公开依据"),
    "source": _("事项来源"),
    "source_note": _("来源说明"),
}

SCALAR_FIELDS = (
    "name",
    "is_group",
    "elements",
    "basis",
    "time_limit",
    "responsible_text",
    "audience",
    "mode",
    "stage",
    "attribute",
    "withheld_ground",
    "source",
    "source_note",
)

CHOICES = {
    "audience": Audience,
    "mode": Mode,
    "stage": Stage,
    "attribute": Attribute,
    "withheld_ground": WithheldGround,
    "source": ItemSource,
}

LEVEL_ORDER = [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]
ARTICLES_PATTERN = re.compile(r"第[一二三四五六七八九十百零〇0-9]+条.*$")


def empty_data() -> dict:
    return {
        "name": "",
        "parent": "",
        "domain": "",
        "is_group": False,
        "elements": "",
        "basis": [],
        "time_limit": "",
        "responsible_text": "",
        "responsible_orgs": [],
        "channels": [],
        "audience": "",
        "mode": "",
        "levels": [],
        "stage": "",
        "attribute": Attribute.ACTIVE.value,
        "withheld_ground": "",
        "source": "",
        "source_note": "",
    }


LEVEL_VALUES = [level.value for level in LEVEL_ORDER]
TEXT_KEYS = ("name", "elements", "time_limit", "responsible_text", "source_note")


def normalized(data: dict) -> dict:
    """Fill missing keys, sort id lists and order levels, so equal content gives equal dicts."""
    result = empty_data()
    result.update({key: value for key, value in data.items() if key in FIELDS})
    for key in TEXT_KEYS:
        result[key] = (result[key] or "").strip()
    result["responsible_orgs"] = sorted({int(pk) for pk in result["responsible_orgs"]})
    result["channels"] = sorted({int(pk) for pk in result["channels"]})
    levels = set(result["levels"])
    result["levels"] = [level for level in LEVEL_VALUES if level in levels]
    basis = []
    for entry in result["basis"]:
        document, articles = entry.get("document", "").strip(), entry.get("articles", "").strip()
        if document or articles:
            basis.append({"document": document, "articles": articles})
    result["basis"] = basis
    result["is_group"] = bool(result["is_group"])
    return result


def snapshot(item, *, responsible_org_ids=None, channel_ids=None, parent_code=None) -> dict:
    """The item's current columns as data. Pass what is already known (m2m ids, parent code) to save queries."""
    if responsible_org_ids is None:
        responsible_org_ids = [org.pk for org in item.responsible_orgs.all()]
    if channel_ids is None:
        channel_ids = [channel.pk for channel in item.channels.all()]
    data = {key: getattr(item, key) for key in SCALAR_FIELDS}
    data.update(
        parent=parent_code if parent_code is not None else (item.parent.code if item.parent_id else ""),
        domain=item.domain.code,
        responsible_orgs=responsible_org_ids,
        channels=channel_ids,
        levels=item.levels,
    )
    return normalized(data)


def same_as_item(data: dict, item, *, responsible_org_ids, channel_ids, parent_code: str) -> bool:
    """Whether normalized `data` equals `snapshot(item, ...)`, answered without normalizing the item's columns
    when they are stored exactly as `data` has them (nearly always): `normalized` maps equal values to equal
    results and leaves normalized data unchanged, so equal stored columns mean an equal snapshot. Columns that
    differ as stored are normalized and compared again, as `snapshot` would."""
    current = {key: getattr(item, key) for key in SCALAR_FIELDS}
    current.update(
        parent=parent_code,
        domain=item.domain.code,
        responsible_orgs=responsible_org_ids,
        channels=channel_ids,
        levels=item.levels,
    )
    return current == data or normalized(current) == data


def diff(old: dict, new: dict) -> list[str]:
    """The keys whose values differ between two data dicts."""
    old, new = normalized(old or {}), normalized(new or {})
    return [key for key in FIELDS if old[key] != new[key]]


def parse_basis(text: str) -> list[dict]:
    """Split a 公开依据 cell into entries (one per line or per "；"), each with its article references apart."""
    entries = []
    for part in re.split(r"[\n；;]+", text or ""):
        part = part.strip()
        if not part:
            continue
        split_at = part.rfind("》") + 1
        head, tail = part[:split_at], part[split_at:]
        match = ARTICLES_PATTERN.search(tail)
        if match:
            entries.append({"document": head + tail[: match.start()], "articles": match.group(0)})
        else:
            entries.append({"document": part, "articles": ""})
    return entries


@lru_cache(maxsize=4096)
def basis_entries(text: str) -> tuple[dict, ...]:
    """`parse_basis(text)` as normalized entries (stripped, none empty), parsed once per text: a catalog repeats
    its few hundred legal bases over thousands of items. The dicts are shared: copy them before changing one."""
    entries = []
    for entry in parse_basis(text):
        document, articles = entry["document"].strip(), entry["articles"].strip()
        if document or articles:
            entries.append({"document": document, "articles": articles})
    return tuple(entries)


def render_basis(basis: list[dict], separator: str = "\n") -> str:
    return separator.join(entry["document"] + entry["articles"] for entry in basis)


def level_fields(levels: list[str]) -> dict:
    chosen = set(levels)
    return {field: level in chosen for level, field in LEVEL_FIELDS.items()}


def display_value(key: str, value, *, organizations: dict, channels: dict) -> str:
    """A data value as people read it (for diffs and history)."""
    if key in CHOICES:
        return str(CHOICES[key](value).label) if value else ""
    if key == "levels":
        return "、".join(str(Level(level).label) for level in value)
    if key == "responsible_orgs":
        return "、".join(organizations.get(pk, f"#{pk}") for pk in value)
    if key == "channels":
        return "、".join(channels.get(pk, f"#{pk}") for pk in value)
    if key == "basis":
        return render_basis(value, "；")
    if key == "is_group":
        return str(_("是")) if value else str(_("否"))
    return str(value or "")
