"""The national catalog template's column layout (DOMAIN.md §3), shared by the importer and the exporter.

One worksheet per domain (named after it). Row 1 is a title; rows 2–3 are the two header rows: grouped headers
(公开事项, 公开对象, 公开方式, 公开层级) are merged across their sub-columns, single headers merged down both rows.
After the national columns come the columns this platform adds: 五公开, 公开属性, 不予公开依据, 事项来源, 统一编码.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Attribute, ItemSource, Stage, WithheldGround


@dataclass(frozen=True)
class Column:
    key: str
    top: str
    sub: str = ""
    width: int = 12


COLUMNS = [
    Column("seq", "序号", width=6),
    Column("level1", "公开事项", "一级事项", 14),
    Column("level2", "公开事项", "二级事项", 14),
    Column("level3", "公开事项", "三级事项", 14),
    Column("elements", "公开内容（要素）", width=36),
    Column("basis", "公开依据", width=36),
    Column("time_limit", "公开时限", width=20),
    Column("responsible", "公开主体", width=20),
    Column("channels", "公开渠道和载体", width=30),
    Column("audience_public", "公开对象", "全社会", 7),
    Column("audience_group", "公开对象", "特定群体", 7),
    Column("mode_active", "公开方式", "主动", 6),
    Column("mode_on_request", "公开方式", "依申请", 6),
    Column("level_county", "公开层级", "县级", 6),
    Column("level_township", "公开层级", "乡级", 6),
    Column("level_village", "公开层级", "村级", 6),
    Column("stage", "五公开", width=8),
    Column("attribute", "公开属性", width=10),
    Column("withheld_ground", "不予公开依据", width=20),
    Column("source", "事项来源", width=14),
    Column("code", "统一编码", width=20),
]

# Header texts seen in real catalogs, mapped to column keys (a header may stand for two level columns).
HEADER_ALIASES = {
    "序号": ["seq"],
    "一级事项": ["level1"],
    "二级事项": ["level2"],
    "三级事项": ["level3"],
    "公开内容（要素）": ["elements"],
    "公开内容(要素)": ["elements"],
    "公开内容": ["elements"],
    "公开依据": ["basis"],
    "公开时限": ["time_limit"],
    "公开主体": ["responsible"],
    "公开渠道和载体": ["channels"],
    "公开渠道": ["channels"],
    "全社会": ["audience_public"],
    "特定群体": ["audience_group"],
    "特定群众": ["audience_group"],
    "主动": ["mode_active"],
    "主动公开": ["mode_active"],
    "依申请": ["mode_on_request"],
    "依申请公开": ["mode_on_request"],
    "县级": ["level_county"],
    "乡级": ["level_township"],
    "村级": ["level_village"],
    "乡、村级": ["level_township", "level_village"],
    "乡村级": ["level_township", "level_village"],
    "五公开": ["stage"],
    "五公开类别": ["stage"],
    "公开属性": ["attribute"],
    "不予公开依据": ["withheld_ground"],
    "事项来源": ["source"],
    "统一编码": ["code"],
    "事项编码": ["code"],
}

REQUIRED_COLUMNS = {
    "level1": _("一级事项"),
    "elements": _("公开内容（要素）"),
    "basis": _("公开依据"),
    "time_limit": _("公开时限"),
    "responsible": _("公开主体"),
    "channels": _("公开渠道和载体"),
    "audience_public": _("全社会"),
    "mode_active": _("主动"),
}

HEADER_LABELS = {column.key: column.sub or column.top for column in COLUMNS}

TICK = "√"
TICK_MARKS = {"√", "✓", "✔", "☑", "v", "V", "是", "Y", "y", "1"}
SELECTED, NOT_SELECTED = "■", "□"

STAGE_LABELS = {
    **{str(stage.label): stage.value for stage in Stage},
    **{str(stage.label).removesuffix("公开"): stage.value for stage in Stage},
}
ATTRIBUTE_LABELS = {str(attribute.label): attribute.value for attribute in Attribute}
SOURCE_LABELS = {str(source.label): source.value for source in ItemSource}
GROUND_LABELS = {str(ground.label): ground.value for ground in WithheldGround}
GROUND_KEYWORDS = [
    ("国家秘密", WithheldGround.STATE_SECRET),
    ("禁止公开", WithheldGround.PROHIBITED_BY_LAW),
    ("安全", WithheldGround.SECURITY_STABILITY),
    ("社会稳定", WithheldGround.SECURITY_STABILITY),
    ("商业秘密", WithheldGround.THIRD_PARTY),
    ("个人隐私", WithheldGround.THIRD_PARTY),
    ("第三方", WithheldGround.THIRD_PARTY),
    ("内部事务", WithheldGround.INTERNAL_AFFAIRS),
    ("过程性", WithheldGround.PROCESS_INFORMATION),
    ("执法案卷", WithheldGround.ENFORCEMENT_FILES),
]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
