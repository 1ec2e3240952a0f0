"""Settings pages for the region tree and the organizations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.orgs.access import (
    MANAGERS,
    organization_for_staff,
    region_for_staff,
    regions_for,
    require_may_add_region,
    roles_of,
)
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Region
from gongkai.orgs.selectors import organization_directory, organizations_managed_by, region_tree
from gongkai.orgs.services import (
    create_organization,
    create_region,
    set_organization_active,
    set_village_review,
    update_organization,
)

from .forms import OrganizationForm, RegionForm, show_error


@staff_required(roles=MANAGERS)
def regions(request):
    form = RegionForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data["parent"]
        parent = require_may_add_region(person=request.user, parent=parent)
        try:
            region = create_region(
                name=form.cleaned_data["name"],
                division_code=form.cleaned_data["division_code"].strip(),
                parent=parent,
                actor=request.user,
            )
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已新增行政区划“%(name)s”。") % {"name": region.name})
            return redirect("backoffice:system:regions")
    roots = region_tree(regions_for(request.user))
    return render(request, "backoffice/system/regions.html", {"roots": roots, "form": form})


@staff_required
@require_POST
def region_village_review(request, region_id):
    """Switch whether a township's villages publish through the township's reviewers (office or admin above it)."""
    region = region_for_staff(person=request.user, region_id=region_id)
    through_township = request.POST.get("through_township") == "1"
    try:
        set_village_review(region=region, through_township=through_township, actor=request.user)
    except OrgsError as error:
        messages.error(request, error.message)
    else:
        message = (
            _("%(name)s下辖村（社区）的信息由本乡镇（街道）审核人和保密审查员审核。")
            if through_township
            else _("%(name)s下辖村（社区）的信息由村（居）委会自行审核。")
        )
        messages.success(request, message % {"name": region.name})
    return redirect("backoffice:system:regions")


@staff_required
def organizations(request):
    """Managers see the organizations they oversee (with edit links); other staff a read-only directory."""
    query = request.GET.get("q", "").strip()
    region_id = request.GET.get("region") or None
    if region_id:
        region_id = int(region_id) if region_id.isdigit() else 0
    manages = bool(roles_of(request.user) & set(MANAGERS))
    if manages:
        if region_id:
            region_for_staff(person=request.user, region_id=region_id)
        found = organizations_managed_by(request.user, query=query, region_id=region_id)
        regions = regions_for(request.user)
    else:
        found = organization_directory(request.user, query=query, region_id=region_id)
        regions = Region.objects.filter(pk__in=organization_directory(request.user).values("region_id"))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/system/organizations.html",
        {
            "page": page,
            "query": query,
            "regions": regions.order_by("path"),
            "region_id": region_id,
            "manages": manages,
        },
    )


@staff_required(roles=MANAGERS)
def organization_create(request):
    form = OrganizationForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        region = region_for_staff(person=request.user, region_id=fields.pop("region").pk)
        try:
            organization = create_organization(region=region, actor=request.user, **fields)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已新增机构“%(name)s”。") % {"name": organization.name})
            return redirect("backoffice:system:organization_edit", organization_id=organization.pk)
    return render(request, "backoffice/system/organization_form.html", {"form": form, "organization": None})


@staff_required(roles=MANAGERS)
def organization_edit(request, organization_id: int):
    organization = organization_for_staff(person=request.user, organization_id=organization_id, action="manage")
    form = OrganizationForm(request.POST or None, instance=organization, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            update_organization(organization=organization, actor=request.user, **form.cleaned_data)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("机构信息已保存。"))
            return redirect("backoffice:system:organization_edit", organization_id=organization.pk)
    return render(request, "backoffice/system/organization_form.html", {"form": form, "organization": organization})


@require_POST
@staff_required(roles=MANAGERS)
def organization_active(request, organization_id: int):
    organization = organization_for_staff(person=request.user, organization_id=organization_id, action="manage")
    active = request.POST.get("active") == "1"
    try:
        set_organization_active(organization=organization, active=active, actor=request.user)
    except OrgsError as error:
        messages.error(request, error.message)
    else:
        message = _("已恢复机构“%(name)s”。") if active else _("已停用机构“%(name)s”，其人员在该机构的角色随之失效。")
        messages.success(request, message % {"name": organization.name})
    return redirect("backoffice:system:organization_edit", organization_id=organization.pk)
