"""The rules an item's data must satisfy, shared by the services, the back-office forms and the importer."""

from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organization

from .errors import Problem
from .itemdata import CHOICES, FIELDS
from .models import Attribute, Channel, Domain, Item, ItemStatus, Mode

LIVE_STATUSES = (ItemStatus.PROPOSED, ItemStatus.IN_FORCE)
SIZED_FIELDS = ("time_limit", "responsible_text", "source_note")


class CatalogContext:
    """What validating items of one catalog needs, loaded once (domains, channels) so imports stay fast."""

    def __init__(self, catalog):
        self.catalog = catalog
        organization = catalog.organization
        region_ids = organization.region.ancestors_and_self_ids()
        domains = list(
            Domain.objects.filter(
                Q(is_national=True) | Q(organization__region_id__in=region_ids), is_active=True
            ).order_by("-is_national", "sort_order", "code")
        )
        self.domains_by_code = {domain.code: domain for domain in domains}
        self.domains_by_name = {}
        for domain in domains:
            for name in [domain.name, *domain.aliases]:
                self.domains_by_name.setdefault(name, domain)
        channels = list(Channel.objects.filter(Q(organization=None) | Q(organization=organization)))
        self.channels_by_id = {channel.pk: channel for channel in channels}
        self.channels_by_name = {channel.name: channel for channel in channels}
        self.standard_channels = [channel for channel in channels if channel.is_standard]
        self._organization_ids = None

    @property
    def organization_ids(self) -> set[int]:
        if self._organization_ids is None:
            self._organization_ids = set(Organization.objects.filter(is_active=True).values_list("pk", flat=True))
        return self._organization_ids


def problems_in(data: dict, *, context: CatalogContext, item=None, check_tree: bool = True) -> list[Problem]:
    """Every rule `data` (normalized item data) breaks. `item` is the item being changed, None for a new one."""
    problems = basic_problems(data, context)
    if check_tree:
        problems += tree_problems(data, context, item)
    problems += choice_problems(data)
    problems += withheld_problems(data)
    if not data["is_group"]:
        problems += column_problems(data, context)
    return problems


def basic_problems(data: dict, context: CatalogContext) -> list[Problem]:
    problems = []
    if not data["name"]:
        problems.append(Problem("name", _("事项名称不能为空。")))
    elif len(data["name"]) > 200:
        problems.append(Problem("name", _("事项名称不能超过200个字。")))
    if data["domain"] not in context.domains_by_code:
        problems.append(
            Problem(
                "domain",
                _("领域“%(value)s”不存在：请使用26个国家试点领域之一或本机构已添加的地方领域。")
                % {"value": data["domain"]},
            )
        )
    return problems


def tree_problems(data: dict, context: CatalogContext, item) -> list[Problem]:
    parent = None
    if data["parent"]:
        parent = (
            Item.objects.filter(catalog=context.catalog, code=data["parent"], status__in=LIVE_STATUSES)
            .select_related("domain", "parent__parent")
            .first()
        )
        if parent is None:
            return [Problem("parent", _("上级事项“%(value)s”不在本目录中或已废止。") % {"value": data["parent"]})]
        if problem := parent_problem(parent, data, item):
            return [problem]
    siblings = Item.objects.filter(
        catalog=context.catalog, parent=parent, name=data["name"], status__in=LIVE_STATUSES
    ).exclude(pk=getattr(item, "pk", None))
    if data["name"] and (twin := siblings.first()):
        return [
            Problem(
                "name",
                _("同一上级事项下已有名为“%(name)s”的事项（编码%(code)s），事项名称不能重复。")
                % {"name": data["name"], "code": twin.code},
            )
        ]
    return []


def parent_problem(parent, data: dict, item) -> Problem | None:
    if item is not None:
        node = parent
        while node is not None:
            if node.pk == item.pk:
                return Problem("parent", _("不能把事项放到它自己或它的下级事项之下。"))
            node = node.parent
    if parent.depth >= 3:
        return Problem("parent", _("事项最多分三级：上级事项“%(name)s”已是三级事项。") % {"name": parent.name})
    if item is not None and parent.depth + subtree_height(item) > 3:
        return Problem("parent", _("移到“%(name)s”之下后，下级事项将超过三级。") % {"name": parent.name})
    if parent.domain.code != data["domain"]:
        return Problem(
            "parent",
            _("上级事项“%(name)s”属于“%(domain)s”领域，下级事项必须在同一领域。")
            % {"name": parent.name, "domain": parent.domain.name},
        )
    return None


def subtree_height(item) -> int:
    children = list(item.children.filter(status__in=LIVE_STATUSES).only("pk"))
    return 1 + max((subtree_height(child) for child in children), default=0)


CHOICE_VALUES = {key: frozenset(choices.values) for key, choices in CHOICES.items()}


def choice_problems(data: dict) -> list[Problem]:
    problems = []
    for key, values in CHOICE_VALUES.items():
        if data[key] and data[key] not in values:
            problems.append(
                Problem(key, _("%(field)s的值“%(value)s”无效。") % {"field": FIELDS[key], "value": data[key]})
            )
    return problems


def withheld_problems(data: dict) -> list[Problem]:
    if data["attribute"] == Attribute.WITHHELD and not data["withheld_ground"]:
        return [
            Problem(
                "withheld_ground",
                _("不予公开的事项必须写明不予公开依据（《条例》第十四、十五、十六条所列情形）。"),
            )
        ]
    if data["attribute"] != Attribute.WITHHELD and data["withheld_ground"]:
        return [Problem("withheld_ground", _("只有公开属性为“不予公开”的事项才填写不予公开依据。"))]
    return []


def column_problems(data: dict, context: CatalogContext) -> list[Problem]:  # noqa: C901 - one rule per template column
    problems = []
    if not data["elements"]:
        problems.append(Problem("elements", _("请填写公开内容（要素）。")))
    if not data["basis"]:
        problems.append(Problem("basis", _("请至少填写一条公开依据。")))
    if not data["responsible_text"] and not data["responsible_orgs"]:
        problems.append(Problem("responsible_text", _("请填写公开主体。")))
    unknown_orgs = set(data["responsible_orgs"]) - context.organization_ids
    if unknown_orgs:
        problems.append(Problem("responsible_orgs", _("所选公开主体机构不存在或已停用。")))
    if set(data["channels"]) - set(context.channels_by_id):
        problems.append(Problem("channels", _("所选公开渠道不属于本目录可用的渠道。")))
    problems += time_limit_problems(data)
    problems += length_problems(data)
    if data["attribute"] == Attribute.WITHHELD:
        return problems
    if not data["channels"]:
        problems.append(Problem("channels", _("请至少选择一个公开渠道和载体。")))
    if not data["audience"]:
        problems.append(Problem("audience", _("请勾选公开对象（全社会或特定群体）。")))
    if not data["mode"]:
        problems.append(Problem("mode", _("请勾选公开方式（主动或依申请）。")))
    elif data["attribute"] == Attribute.ACTIVE and data["mode"] != Mode.ACTIVE:
        problems.append(Problem("mode", _("公开属性为“主动公开”时，公开方式应为“主动”。")))
    elif data["attribute"] == Attribute.ON_REQUEST and data["mode"] != Mode.ON_REQUEST:
        problems.append(Problem("mode", _("公开属性为“依申请公开”时，公开方式应为“依申请”。")))
    if not data["levels"]:
        problems.append(Problem("levels", _("请至少勾选一个公开层级（县级、乡级、村级）。")))
    return problems


def length_problems(data: dict) -> list[Problem]:
    """Texts stored as written in fields of a fixed length: a longer one is refused, never cut."""
    problems = []
    for name in SIZED_FIELDS:
        field = Item._meta.get_field(name)
        length = len(data.get(name) or "")
        if field.max_length is not None and length > field.max_length:
            problems.append(
                Problem(
                    name,
                    _("%(field)s不能超过%(limit)s个字（现有%(length)s个）。")
                    % {"field": field.verbose_name, "limit": field.max_length, "length": length},
                )
            )
    return problems


def time_limit_problems(data: dict) -> list[Problem]:
    """Only an empty 公开时限 is a problem: a text with no computable meaning is kept as written (kind "not
    computable", no due date) and reported as a warning where it enters (see `gongkai.catalog.timelimits`)."""
    if not data["time_limit"] and data["attribute"] != Attribute.WITHHELD:
        return [Problem("time_limit", _("请填写公开时限。"))]
    return []
