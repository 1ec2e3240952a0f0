"""The five standard columns of village affairs (五务公开: 党务、政务、财务、村务/居务、服务) and their sub-columns.

Slugs are the same in every village, so the portal, the API and the finance and publicity services can find a
column without asking. 村务 is called 居务 in a community (a residents' committee in a street).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class VillageColumn:
    slug: str
    name: str
    community_name: str = ""
    children: tuple = ()


FIVE_AFFAIRS = (
    VillageColumn(
        "village-party",
        _("党务公开"),
        children=(
            VillageColumn("village-party-organization", _("组织建设")),
            VillageColumn("village-party-members", _("党员发展与管理")),
            VillageColumn("village-party-activities", _("党组织活动")),
        ),
    ),
    VillageColumn(
        "village-government",
        _("政务公开"),
        children=(
            VillageColumn("village-government-policies", _("惠民政策")),
            VillageColumn("village-government-assistance", _("社会救助")),
            VillageColumn("village-government-subsidies", _("补贴发放")),
        ),
    ),
    VillageColumn(
        "village-finance",
        _("财务公开"),
        children=(
            VillageColumn("village-finance-statements", _("收支明细")),
            VillageColumn("village-finance-assets", _("集体资产资源")),
            VillageColumn("village-finance-projects", _("项目资金")),
        ),
    ),
    VillageColumn(
        "village-affairs",
        _("村务公开"),
        community_name=_("居务公开"),
        children=(
            VillageColumn("village-affairs-decisions", _("重大事项决策")),
            VillageColumn("village-affairs-publicity", _("公示公告")),
            VillageColumn("village-affairs-projects", _("工程建设")),
        ),
    ),
    VillageColumn(
        "village-services",
        _("服务公开"),
        children=(
            VillageColumn("village-services-guides", _("便民服务指南")),
            VillageColumn("village-services-contacts", _("服务网格与联系人")),
        ),
    ),
)
PUBLICITY_COLUMN = "village-affairs-publicity"
FINANCE_COLUMN = "village-finance-statements"
TOP_SLUGS = tuple(column.slug for column in FIVE_AFFAIRS)


def walk():
    """(parent slug or None, column) in tree order."""
    for column in FIVE_AFFAIRS:
        yield None, column
        for child in column.children:
            yield column.slug, child


def is_community(organization) -> bool:
    """A residents' committee (社区) rather than a villagers' committee (村)."""
    return "社区" in (organization.short_name or organization.name) or "居民委员会" in organization.name
