"""The three tables of the annual report in the official format of 国办公开办函〔2021〕30号.

Rows and columns are named by their official labels. A cell is addressed by a `Cell` (table, row path, column
path); the values of a whole report live in a flat `dict[str, value]` keyed by `Cell.key`, which is what the
report's snapshot stores and what the checks and the renderers read. `to_official` turns the flat values into
the nested JSON keyed by the official labels.
"""

from dataclasses import dataclass
from decimal import Decimal

TABLE_ACTIVE = "二"
TABLE_REQUESTS = "三"
TABLE_REVIEWS = "四"
TABLES = (TABLE_ACTIVE, TABLE_REQUESTS, TABLE_REVIEWS)

TABLE_TITLES = {
    TABLE_ACTIVE: "二、主动公开政府信息情况",
    TABLE_REQUESTS: "三、收到和处理政府信息公开申请情况",
    TABLE_REVIEWS: "四、政府信息公开行政复议、行政诉讼情况",
}

SEPARATOR = "/"


@dataclass(frozen=True)
class Cell:
    table: str
    row: tuple[str, ...]
    column: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.table}|{SEPARATOR.join(self.row)}|{SEPARATOR.join(self.column)}"

    @classmethod
    def from_key(cls, key: str) -> "Cell":
        table, row, column = key.split("|")
        return cls(table, tuple(row.split(SEPARATOR)) if row else (), tuple(column.split(SEPARATOR)))

    @property
    def label(self) -> str:
        """How a person names the cell: 表三“（三）不予公开 1.属于国家秘密”行“自然人”列."""
        row = " ".join(self.row[1:] if self.table == TABLE_ACTIVE or len(self.row) > 1 else self.row)
        column = " ".join(self.column)
        if not row:
            return f"表{self.table}“{column}”列"
        return f"表{self.table}“{row}”行“{column}”列"


# ---- Table 二: 主动公开政府信息情况 -------------------------------------------------------------------------------

ARTICLE_20_1 = "第二十条第（一）项"
ARTICLE_20_5 = "第二十条第（五）项"
ARTICLE_20_6 = "第二十条第（六）项"
ARTICLE_20_8 = "第二十条第（八）项"

REGULATION = "规章"
NORMATIVE = "行政规范性文件"
LICENSING = "行政许可"
PENALTY = "行政处罚"
COERCION = "行政强制"
FEE = "行政事业性收费"

MADE = "本年制发件数"
REPEALED = "本年废止件数"
IN_FORCE = "现行有效件数"
DECISIONS = "本年处理决定数量"
FEE_AMOUNT = "本年收费金额（单位：万元）"

ACTIVE_BLOCKS: list[tuple[str, list[str], list[str]]] = [
    (ARTICLE_20_1, [REGULATION, NORMATIVE], [MADE, REPEALED, IN_FORCE]),
    (ARTICLE_20_5, [LICENSING], [DECISIONS]),
    (ARTICLE_20_6, [PENALTY, COERCION], [DECISIONS]),
    (ARTICLE_20_8, [FEE], [FEE_AMOUNT]),
]

# Record genres (publishing.Genre values) behind each row of table 二.
GENRE_ROWS = {
    "regulation": (ARTICLE_20_1, REGULATION),
    "normative": (ARTICLE_20_1, NORMATIVE),
    "licensing": (ARTICLE_20_5, LICENSING),
    "penalty": (ARTICLE_20_6, PENALTY),
    "coercion": (ARTICLE_20_6, COERCION),
    "fee": (ARTICLE_20_8, FEE),
}
DOCUMENT_GENRES = ("regulation", "normative")
DECISION_GENRES = ("licensing", "penalty", "coercion")
FEE_GENRES = ("fee",)


def active_cells() -> list[Cell]:
    return [
        Cell(TABLE_ACTIVE, (block, content), (column,))
        for block, contents, columns in ACTIVE_BLOCKS
        for content in contents
        for column in columns
    ]


# ---- Table 三: 收到和处理政府信息公开申请情况 ---------------------------------------------------------------------

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
CARRIED_OUT = "四、结转下年度继续办理"
RESULTS_TOTAL = "（七）总计"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORGANIZATIONS_HEADER = "法人或其他组织"

NATURAL_PERSON = "自然人"
TOTAL = "总计"
ORGANIZATION_COLUMNS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
APPLICANT_COLUMNS = [NATURAL_PERSON, *ORGANIZATION_COLUMNS]
REQUEST_COLUMNS = [*APPLICANT_COLUMNS, TOTAL]

# applications.ApplicantType values → column of table 三.
APPLICANT_TYPE_COLUMNS = {
    "natural_person": NATURAL_PERSON,
    "business": "商业企业",
    "research": "科研机构",
    "nonprofit": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
}

# The result groups of row 三 with their leaves, in the official order; a group without leaves is itself a leaf.
RESULT_GROUPS: list[tuple[str, list[str]]] = [
    ("（一）予以公开", []),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    (
        "（三）不予公开",
        [
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
    ),
    (
        "（四）无法提供",
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    ),
    (
        "（五）不予处理",
        [
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "（六）其他处理",
        [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    ),
]

# applications.Outcome prefixes → result group; the number after the underscore is the leaf's position.
OUTCOME_GROUPS = {"withheld": 2, "unavailable": 3, "not_processed": 4, "other": 5}


def result_leaf_rows() -> list[tuple[str, ...]]:
    rows = []
    for group, leaves in RESULT_GROUPS:
        if leaves:
            rows.extend((RESULTS, group, leaf) for leaf in leaves)
        else:
            rows.append((RESULTS, group))
    return rows


RESULT_TOTAL_ROW = (RESULTS, RESULTS_TOTAL)
REQUEST_ROWS: list[tuple[str, ...]] = [(NEW,), (CARRIED_IN,), *result_leaf_rows(), RESULT_TOTAL_ROW, (CARRIED_OUT,)]


def outcome_row(outcome: str) -> tuple[str, ...]:
    """The row of table 三 that counts an application decided with `outcome` (applications.Outcome value)."""
    if outcome == "disclosed":
        return (RESULTS, RESULT_GROUPS[0][0])
    if outcome == "partially_disclosed":
        return (RESULTS, RESULT_GROUPS[1][0])
    prefix, _, number = outcome.rpartition("_")
    group, leaves = RESULT_GROUPS[OUTCOME_GROUPS[prefix]]
    return (RESULTS, group, leaves[int(number) - 1])


def request_cells() -> list[Cell]:
    return [Cell(TABLE_REQUESTS, row, (column,)) for row in REQUEST_ROWS for column in REQUEST_COLUMNS]


# ---- Table 四: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------------------------------

ADMINISTRATIVE_REVIEW = "行政复议"
LITIGATION = "行政诉讼"
DIRECT_SUIT = "未经复议直接起诉"
SUIT_AFTER_REVIEW = "复议后起诉"
UPHELD = "结果维持"
CORRECTED = "结果纠正"
OTHER_RESULT = "其他结果"
PENDING = "尚未审结"
RESULT_COLUMNS = [UPHELD, CORRECTED, OTHER_RESULT, PENDING, TOTAL]
REVIEW_GROUPS: list[tuple[str, ...]] = [
    (ADMINISTRATIVE_REVIEW,),
    (LITIGATION, DIRECT_SUIT),
    (LITIGATION, SUIT_AFTER_REVIEW),
]


def review_cells() -> list[Cell]:
    return [Cell(TABLE_REVIEWS, (), (*group, column)) for group in REVIEW_GROUPS for column in RESULT_COLUMNS]


# ---- All tables ---------------------------------------------------------------------------------------------------


def all_cells() -> list[Cell]:
    return active_cells() + request_cells() + review_cells()


CELL_KEYS = frozenset(cell.key for cell in all_cells())


def is_amount(cell: Cell) -> bool:
    return cell.table == TABLE_ACTIVE and cell.column == (FEE_AMOUNT,)


def zero_value(cell: Cell):
    return Decimal("0") if is_amount(cell) else 0


def empty_values() -> dict:
    return {cell.key: zero_value(cell) for cell in all_cells()}


def encode(values: dict) -> dict:
    """Values for a JSON field: amounts become strings, so no precision is lost."""
    return {key: (str(value) if isinstance(value, Decimal) else value) for key, value in values.items()}


def decode(data: dict) -> dict:
    values = empty_values()
    for key, value in data.items():
        if key in values:
            values[key] = Decimal(str(value)) if is_amount(Cell.from_key(key)) else int(value)
    return values


def parse_value(cell: Cell, text) -> int | Decimal:
    """A value typed by a person for `cell`; ValueError unless it is a non-negative number of the right kind."""
    text = str(text).strip()
    if is_amount(cell):
        value = Decimal(text)
        if not value.is_finite() or value < 0 or value.as_tuple().exponent < -4:
            raise ValueError(text)
        return value
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def to_official(values: dict) -> dict:
    """The three tables nested by their official row and column labels (the JSON export's shape)."""
    active: dict = {}
    for block, contents, columns in ACTIVE_BLOCKS:
        active[block] = {
            content: {column: _json(values[Cell(TABLE_ACTIVE, (block, content), (column,)).key]) for column in columns}
            for content in contents
        }
    requests: dict = {}
    for row in REQUEST_ROWS:
        node = requests
        for label in row[:-1]:
            node = node.setdefault(label, {})
        node[row[-1]] = {column: values[Cell(TABLE_REQUESTS, row, (column,)).key] for column in REQUEST_COLUMNS}
    reviews: dict = {}
    for group in REVIEW_GROUPS:
        node = reviews
        for label in group:
            node = node.setdefault(label, {})
        for column in RESULT_COLUMNS:
            node[column] = values[Cell(TABLE_REVIEWS, (), (*group, column)).key]
    return {
        TABLE_TITLES[TABLE_ACTIVE]: active,
        TABLE_TITLES[TABLE_REQUESTS]: requests,
        TABLE_TITLES[TABLE_REVIEWS]: reviews,
    }


def _json(value):
    return float(value) if isinstance(value, Decimal) else value


def add_values(total: dict, part: dict) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value
