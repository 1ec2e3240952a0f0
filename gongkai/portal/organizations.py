"""The directory of departments and towns/streets, and each organization's profile page (机构概况)."""

from django.http import Http404
from django.shortcuts import render

from gongkai.orgs.models import Organization
from gongkai.orgs.selectors import public_directory
from gongkai.publishing.selectors import column_tree
from gongkai.services.selectors import public_guides

from .columns import optional_url


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def directory(request):
    """The district's government, its departments, then the towns and streets (organizations of the regions below)."""
    organizations = list(public_directory())
    top = [o for o in organizations if o.region.parent_id is None]
    context = {
        "district": [o for o in top if o.kind == Organization.Kind.GOVERNMENT],
        "departments": [o for o in top if o.kind != Organization.Kind.GOVERNMENT],
        "towns": [o for o in organizations if o.region.parent_id is not None],
    }
    return render(request, "portal/organizations/directory.html", context)


def profile(request, organization_id: int):
    organization = public_directory().filter(pk=organization_id).select_related("parent").first()
    if organization is None:
        raise Http404
    leaders = []
    for line in _lines(organization.leaders):
        parts = line.replace("：", " ").split(None, 2)
        leaders.append(
            {"name": parts[0], "title": parts[1] if len(parts) > 1 else "", "duty": parts[2] if len(parts) > 2 else ""}
        )
    context = {
        "organization": organization,
        "leaders": leaders,
        "internal_units": _lines(organization.internal_units),
        "functions": _lines(organization.functions),
        "guides": public_guides().filter(organization=organization).order_by("code")[:50],
        "columns": column_tree(organization),
        "records_url": optional_url("portal:publishing:organization", organization_id=organization.pk),
    }
    return render(request, "portal/organizations/profile.html", context)
