"""Site-wide public pages: robots.txt, the HTML site map and the error report form (我为政府网站找错)."""

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.core.ratelimit import over_limit
from gongkai.orgs import selectors as org_selectors
from gongkai.orgs.services import report_site_error

from .columns import column_links, optional_url
from .context_processors import PORTAL_NAVIGATION
from .engagement import challenge
from .engagement.forms import HumanCheckMixin

THANKS_SESSION_KEY = "site_error_reported"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /backoffice/",
        "Disallow: /api/",
        "Disallow: /django-admin/",
        "Disallow: /site-error/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:publishing:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_page(request):
    """Every section of the portal in one page, with the standard columns and the organizations."""
    sections = []
    for label, name in PORTAL_NAVIGATION:
        url = optional_url(name)
        if url:
            sections.append({"label": label, "url": url})
    context = {
        "sections": sections,
        "columns": [column for column in column_links() if column["url"]],
        "organizations": org_selectors.public_directory(),
        "directory_url": optional_url("portal:organizations"),
    }
    return render(request, "portal/site/sitemap.html", context)


class SiteErrorForm(HumanCheckMixin):
    page_url = forms.CharField(label=gettext_lazy("出错页面地址"), max_length=500, required=False)
    description = forms.CharField(
        label=gettext_lazy("问题描述"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("请写明错误的内容，如错别字、链接打不开、信息过期等。"),
    )
    contact = forms.CharField(label=gettext_lazy("联系方式（可不填）"), max_length=100, required=False)


def _page_from(request) -> str:
    page = request.GET.get("page", "")
    if page and url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}):
        return page[:500]
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def site_error(request):
    form = SiteErrorForm(request.POST or None, initial={"page_url": _page_from(request)})
    limited = False
    if request.method == "POST":
        if over_limit(request, "portal.site_error", settings.GONGKAI_PUBLIC_FORM_RATE):
            limited = True
        elif form.is_valid():
            if challenge.passed(
                request.session, image_answer=form.cleaned_data["captcha"], text_answer=form.cleaned_data["text_answer"]
            ):
                region = org_selectors.portal_region()
                try:
                    if region is None:
                        raise DomainError("site.unconfigured", _("网站尚未设置行政区划，暂时无法提交。"))
                    report_site_error(
                        region=region,
                        description=form.cleaned_data["description"],
                        page_url=form.cleaned_data["page_url"],
                        contact=form.cleaned_data["contact"],
                        ip_address=client_ip(request),
                    )
                except DomainError as error:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                else:
                    request.session[THANKS_SESSION_KEY] = True
                    return redirect("portal:site_error_thanks")
            else:
                form.add_error("captcha", _("验证码或文字问题的答案不正确，请按新的题目重新回答（二者答对其一即可）。"))
    context = {"form": form, "limited": limited, "text_question": challenge.new_challenges(request.session)}
    return render(request, "portal/site/site_error.html", context, status=429 if limited else 200)


@never_cache
def site_error_thanks(request):
    if not request.session.pop(THANKS_SESSION_KEY, False):
        return redirect("portal:site_error")
    return render(request, "portal/site/site_error_thanks.html")
