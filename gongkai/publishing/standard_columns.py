"""The standard column tree every organization gets (国办公开办函〔2019〕61号 and Art 20 of the Regulations)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import ColumnKind, Genre, Stage


@dataclass(frozen=True)
class StandardColumn:
    slug: str
    name: str
    kind: str = ColumnKind.PLATFORM
    description: str = ""
    genres: tuple = ()
    stage: str = ""
    children: tuple = field(default_factory=tuple)


def statutory(slug, name, description, *genres) -> StandardColumn:
    return StandardColumn(slug, name, ColumnKind.STATUTORY, description, tuple(genres))


STATUTORY_CHILDREN = (
    statutory(
        "organization",
        _("机构职能"),
        _("第二十条第（二）项：职能、机构设置、办公地址、办公时间、联系方式、负责人姓名。"),
        Genre.ORGANIZATION,
    ),
    statutory(
        "policies",
        _("政策文件"),
        _("第二十条第（一）项：规章和行政规范性文件等。"),
        Genre.REGULATION,
        Genre.NORMATIVE,
        Genre.POLICY,
    ),
    statutory("interpretations", _("政策解读"), _("对政策文件的解读。"), Genre.INTERPRETATION),
    statutory("plans", _("规划计划"), _("第二十条第（三）项：规划及相关政策。"), Genre.PLAN),
    statutory("statistics", _("统计信息"), _("第二十条第（四）项。"), Genre.STATISTICS),
    statutory("licensing", _("行政许可"), _("第二十条第（五）项：依据、条件、程序及办理结果。"), Genre.LICENSING),
    statutory(
        "penalties",
        _("行政处罚和行政强制"),
        _("第二十条第（六）项：依据、条件、程序及有一定社会影响的处罚决定。"),
        Genre.PENALTY,
        Genre.COERCION,
    ),
    statutory("budgets", _("财政预决算"), _("第二十条第（七）项。"), Genre.BUDGET),
    statutory("fees", _("行政事业性收费"), _("第二十条第（八）项：收费项目及其依据、标准。"), Genre.FEE),
    statutory(
        "procurement", _("政府采购"), _("第二十条第（九）项：集中采购项目的目录、标准及实施情况。"), Genre.PROCUREMENT
    ),
    statutory("projects", _("重大建设项目"), _("第二十条第（十）项：批准和实施情况。"), Genre.PROJECT),
    statutory(
        "livelihood",
        _("民生保障"),
        _("第二十条第（十一）项：扶贫、教育、医疗、社会保障、促进就业等政策措施及实施情况。"),
    ),
    statutory(
        "emergency",
        _("应急管理"),
        _("第二十条第（十二）项：突发公共事件应急预案、预警信息及应对情况。"),
        Genre.EMERGENCY,
    ),
    statutory(
        "inspections",
        _("监督检查"),
        _("第二十条第（十三）项：环保、公共卫生、安全生产、食品药品、产品质量监督检查情况。"),
    ),
    statutory(
        "recruitment",
        _("公务员招考"),
        _("第二十条第（十四）项：招考职位、名额、报考条件及录用结果。"),
        Genre.RECRUITMENT,
    ),
    statutory(
        "notices", _("通知公告"), _("第二十条第（十五）项：其他依法应当主动公开的信息。"), Genre.NOTICE, Genre.OTHER
    ),
)

STAGE_CHILDREN = tuple(
    StandardColumn(f"stage-{stage.value}", stage.label, ColumnKind.STAGE, stage=stage.value) for stage in Stage
)

STANDARD_TREE = (
    StandardColumn(
        "guide",
        _("政府信息公开指南"),
        description=_("公开的分类、编排体系、获取方式和工作机构联系方式。"),
        genres=(Genre.GUIDE,),
    ),
    StandardColumn(
        "rules", _("政府信息公开制度"), description=_("本机关政府信息公开工作的各项制度。"), genres=(Genre.RULES,)
    ),
    StandardColumn(
        "statutory",
        _("法定主动公开内容"),
        description=_("《条例》第二十条规定应当主动公开的政府信息。"),
        children=STATUTORY_CHILDREN,
    ),
    StandardColumn(
        "annual-reports",
        _("政府信息公开年报"),
        description=_("历年政府信息公开工作年度报告。"),
        genres=(Genre.ANNUAL_REPORT,),
    ),
    StandardColumn(
        "five-disclosures",
        _("五公开"),
        ColumnKind.STAGE,
        _("按决策、执行、管理、服务、结果公开查看。"),
        children=STAGE_CHILDREN,
    ),
    StandardColumn("domains", _("重点领域信息"), ColumnKind.DOMAIN, _("按基层政务公开标准目录的试点领域查看。")),
)


def walk(columns=STANDARD_TREE, parent=None):
    """(parent slug, column) for the whole tree, parents first."""
    for column in columns:
        yield parent, column
        yield from walk(column.children, column.slug)


def genre_slugs() -> dict[str, str]:
    """The standard column a record of each genre goes to when its author picks none."""
    return {genre: column.slug for _parent, column in walk() for genre in column.genres}


def standard_slug(slug: str) -> StandardColumn | None:
    return next((column for _parent, column in walk() if column.slug == slug), None)
