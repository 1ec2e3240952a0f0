"""The standard columns of a 政府信息公开 platform (国办公开办函〔2019〕61号), shown on the portal home page.

Each column links to the page a module provides; a column whose module is not installed yet shows no link.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StandardColumn:
    slug: str
    title: str
    description: str
    url_name: str


STANDARD_COLUMNS = [
    StandardColumn(
        "guide",
        _("政府信息公开指南"),
        _("公开的分类、编排体系、获取方式和工作机构联系方式。"),
        "portal:publishing:column",
    ),
    StandardColumn("rules", _("政府信息公开制度"), _("本机关政府信息公开工作的各项制度。"), "portal:publishing:column"),
    StandardColumn(
        "statutory",
        _("法定主动公开内容"),
        _("《条例》第二十条规定应当主动公开的政府信息。"),
        "portal:publishing:column",
    ),
    StandardColumn(
        "annual-reports",
        _("政府信息公开年报"),
        _("历年政府信息公开工作年度报告。"),
        "portal:publishing:column",
    ),
]


def column_links() -> list[dict]:
    links = []
    for column in STANDARD_COLUMNS:
        try:
            url = reverse(column.url_name, kwargs={"slug": column.slug})
        except NoReverseMatch:
            url = ""
        links.append({"slug": column.slug, "title": column.title, "description": column.description, "url": url})
    return links


def optional_url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
