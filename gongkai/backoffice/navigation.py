"""The back office's main navigation. Modules whose pages do not exist yet are left out."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.access import roles_of
from gongkai.orgs.models import Role

STAFF = tuple(Role.values)
OVERSIGHT = (Role.ADMIN, Role.OFFICE)


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: tuple = STAFF


MAIN_NAVIGATION = [
    NavEntry(_("工作台"), "backoffice:home"),
    NavEntry(_("标准目录"), "backoffice:catalog:index"),
    NavEntry(_("信息发布"), "backoffice:publishing:index"),
    NavEntry(_("内容预审"), "backoffice:screening:index"),
    NavEntry(_("依申请公开"), "backoffice:applications:index"),
    NavEntry(_("办事服务"), "backoffice:services:index"),
    NavEntry(_("办件公开"), "backoffice:cases:index"),
    NavEntry(_("村（社区）"), "backoffice:villages:index"),
    NavEntry(_("政民互动"), "backoffice:engagement:index"),
    NavEntry(_("年度报告"), "backoffice:reports:index", OVERSIGHT + (Role.CLERK, Role.REVIEWER)),
    NavEntry(_("监督考核"), "backoffice:oversight:index"),
    NavEntry(_("全文检索"), "backoffice:search:index"),
    NavEntry(_("系统设置"), "backoffice:settings"),
    NavEntry(_("审计日志"), "backoffice:audit", OVERSIGHT),
]


def navigation_for(request) -> list[dict]:
    roles = roles_of(request.user)
    entries = []
    for entry in MAIN_NAVIGATION:
        if not roles & set(entry.roles):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append(
            {
                "label": entry.label,
                "url": url,
                "active": request.path.startswith(url) and url != "/backoffice/" or request.path == url,
            }
        )
    return entries
