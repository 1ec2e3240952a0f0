"""The office's site settings (name, logo, sponsor, registration numbers, footer contacts) and the visitors' error
reports (我为政府网站找错)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.orgs.access import MANAGERS, site_region_for_staff, site_regions_for
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import SiteErrorReport, SiteSettings
from gongkai.orgs.selectors import site_error_reports_for
from gongkai.orgs.services import handle_site_error_report, update_site_settings

from .forms import SiteSettingsForm, show_error


def _chosen_region(request):
    region_id = request.GET.get("region", "")
    if region_id:
        if not region_id.isdigit():
            raise Http404
        return site_region_for_staff(person=request.user, region_id=int(region_id))
    region = site_regions_for(request.user).order_by("path").first()
    if region is None:
        raise PermissionDenied(_("网站设置由县级政务公开办公室或系统管理员维护。"))
    return region


@staff_required(roles=MANAGERS)
def site_settings(request):
    region = _chosen_region(request)
    current = SiteSettings.objects.filter(region=region).first() or SiteSettings(region=region)
    form = SiteSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            update_site_settings(region=region, actor=request.user, **form.cleaned_data)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("网站设置已保存。"))
            return redirect(f"{request.path}?region={region.pk}")
    context = {"form": form, "region": region, "regions": site_regions_for(request.user).order_by("path")}
    return render(request, "backoffice/system/site_settings.html", context)


@staff_required(roles=MANAGERS)
def site_errors(request):
    status = request.GET.get("status", SiteErrorReport.Status.NEW)
    if status not in SiteErrorReport.Status.values and status != "all":
        status = SiteErrorReport.Status.NEW
    reports = site_error_reports_for(request.user, status="" if status == "all" else status)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/system/site_errors.html",
        {"page": page, "status": status, "statuses": SiteErrorReport.Status.choices},
    )


@require_POST
@staff_required(roles=MANAGERS)
def site_error_handle(request, report_id: int):
    report = site_error_reports_for(request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    try:
        handle_site_error_report(report=report, actor=request.user, note=request.POST.get("note", ""))
    except OrgsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已标记为已处理。"))
    return redirect("backoffice:system:site_errors")
