"""Context for public pages: the main navigation of the portal and the office's site settings (name, footer)."""

import functools

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.selectors import public_site_settings

from .columns import optional_url
from .pages import generation

SITE_SETTINGS_SECONDS = 600

PORTAL_NAVIGATION = [
    (_("政府信息公开"), "portal:publishing:records"),
    (_("标准目录"), "portal:catalog:index"),
    (_("办事服务"), "portal:services:index"),
    (_("依申请公开"), "portal:applications:apply"),
    (_("政民互动"), "portal:engagement:index"),
    (_("年度报告"), "portal:reports:index"),
    (_("数据统计"), "portal:statistics:index"),
    (_("搜索"), "portal:search:search"),
]


def portal(request):
    if request.path.startswith(("/backoffice/", "/api/", "/django-admin/")):
        return {}
    entries = [
        {"label": label, "url": url, "current": request.path.startswith(url)} for label, url in navigation_urls()
    ]
    context = {"portal_navigation": entries, "site": site_settings()}
    if context["site"] and context["site"].site_name:
        context["site_name"] = context["site"].site_name
    return context


@functools.cache
def navigation_urls() -> tuple[tuple, ...]:
    """The main navigation's (label, URL) pairs of the installed areas, resolved once per process: the URLconf does
    not change while it runs (labels stay lazy, translated when shown)."""
    return tuple((label, url) for label, name in PORTAL_NAVIGATION if (url := optional_url(name)))


def site_settings():
    """The portal's site settings, read once per change rather than once per page: cached under the pages marker,
    which moves when they are saved (`site_changed`, see pages/receivers.py), in every process at once."""
    key = f"portal:site-settings:{generation.current()}"
    cached = cache.get(key)
    if cached is None:
        cached = (public_site_settings(),)  # a tuple, so that "never saved" (None) is cached too
        cache.set(key, cached, SITE_SETTINGS_SECONDS)
    return cached[0]
