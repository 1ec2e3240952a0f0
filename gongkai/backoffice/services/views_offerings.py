"""Back-office pages the office uses to offer services: theme packages, 一件事, the site category tree, and the
service sites (which departments, towns and villages keep for their own places)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.backoffice.decorators import staff_required
from gongkai.catalog.selectors import all_public_items
from gongkai.core.errors import AccessDenied
from gongkai.orgs.models import Role
from gongkai.publishing.selectors import published_records
from gongkai.services.access import editable_organizations, office_organizations
from gongkai.services.errors import ServicesError
from gongkai.services.models import Guide, GuideStatus, SiteCategory
from gongkai.services.selectors import (
    composite_for_staff,
    composites_for_staff,
    package_for_staff,
    packages_for_staff,
    site_for_staff,
    sites_for_staff,
)
from gongkai.services.services import add_site_photo, save_category, save_composite, save_package, save_site

from .forms import CategoryForm, CompositeForm, PackageForm, PhotoForm, SiteForm, show_error

OFFICE = (Role.OFFICE, Role.ADMIN)
KIND_WORDS = {"指南": "guide", "文件": "record", "事项": "catalog_item"}


def or_404(lookup, **kwargs):
    try:
        return lookup(**kwargs)
    except AccessDenied as error:
        raise Http404 from error


def find_guide(code: str, organizations):
    """The in-force guide with this code among the office's organizations; the county's own before adopted copies."""
    found = Guide.objects.filter(code=code, status=GuideStatus.IN_FORCE, organization__in=organizations).order_by(
        "source_guide_id", "id"
    )
    return found.select_related("organization").first()


def parse_entries(text: str, organizations, organization) -> list[dict]:
    entries = []
    for number, line in enumerate([line for line in text.splitlines() if line.strip()], start=1):
        head, _sep, note = line.partition("|")
        word, _space, key = head.strip().partition(" ")
        kind, key = KIND_WORDS.get(word), key.strip()
        target = None
        if kind == "guide":
            target = find_guide(key, organizations)
        elif kind == "record" and key.isdigit():
            target = published_records().filter(pk=int(key)).first()
        elif kind == "catalog_item":
            target = all_public_items().filter(code=key, catalog__organization=organization).first()
        if target is None:
            raise ValidationError(
                _("第%(line)s行“%(text)s”找不到对应的在用内容，请检查类别（指南/文件/事项）和编号。")
                % {"line": number, "text": head.strip()}
            )
        entries.append({kind: target, "note": note.strip()})
    return entries


def entries_text(package) -> str:
    lines = []
    for entry in package.entries.select_related("guide", "catalog_item"):
        if entry.guide_id:
            line = f"指南 {entry.guide.code}"
        elif entry.record_id:
            line = f"文件 {entry.record_id}"
        else:
            line = f"事项 {entry.catalog_item.code}"
        lines.append(f"{line} | {entry.note}" if entry.note else line)
    return "\n".join(lines)


@staff_required(roles=OFFICE)
def packages(request):
    context = {"packages": packages_for_staff(request.user), "composites": composites_for_staff(request.user)}
    return render(request, "backoffice/services/packages.html", context)


def office_organization(request):
    """The organization the office defines packages for: its first government (the district's)."""
    organization = office_organizations(request.user).filter(kind="government").order_by("region__depth", "id").first()
    if organization is None:
        raise Http404
    return organization


@staff_required(roles=OFFICE)
def package_edit(request, package_id: int | None = None):
    package = or_404(package_for_staff, person=request.user, package_id=package_id) if package_id else None
    organization = package.organization if package else office_organization(request)
    initial = {}
    if package is not None:
        initial = {key: getattr(package, key) for key in PackageForm.base_fields if key != "entries"}
        initial["entries"] = entries_text(package)
    form = PackageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            entries = parse_entries(fields.pop("entries"), office_organizations(request.user), organization)
            package = save_package(
                organization=organization, fields=fields, entries=entries, actor=request.user, package=package
            )
        except ValidationError as error:
            form.add_error("entries", error)
        except ServicesError as error:
            show_error(form, error)
        else:
            messages.success(request, _("主题服务包已保存。"))
            return redirect("backoffice:services:package_edit", package_id=package.pk)
    context = {"form": form, "package": package}
    return render(request, "backoffice/services/package_form.html", context, status=400 if form.errors else 200)


@staff_required(roles=OFFICE)
def composite_edit(request, composite_id: int | None = None):
    composite = or_404(composite_for_staff, person=request.user, composite_id=composite_id) if composite_id else None
    organization = composite.organization if composite else office_organization(request)
    initial = {}
    if composite is not None:
        initial = {key: getattr(composite, key) for key in CompositeForm.base_fields if key != "guides"}
        initial["guides"] = "\n".join(part.guide.code for part in composite.parts.select_related("guide"))
    form = CompositeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        codes = [line.strip() for line in fields.pop("guides").splitlines() if line.strip()]
        guides = [find_guide(code, office_organizations(request.user)) for code in codes]
        missing = [code for code, guide in zip(codes, guides, strict=True) if guide is None]
        if missing:
            form.add_error("guides", _("找不到在用的办事指南：%(codes)s") % {"codes": "、".join(missing)})
        else:
            try:
                composite = save_composite(
                    organization=organization, fields=fields, guides=guides, actor=request.user, composite=composite
                )
            except ServicesError as error:
                show_error(form, error)
            else:
                messages.success(request, _("“一件事”已保存。"))
                return redirect("backoffice:services:composite_edit", composite_id=composite.pk)
    context = {"form": form, "composite": composite}
    return render(request, "backoffice/services/composite_form.html", context, status=400 if form.errors else 200)


@staff_required(roles=OFFICE)
def categories(request):
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        parent = fields.pop("parent")
        try:
            save_category(fields=fields, parent=parent, actor=request.user, organization=office_organization(request))
        except ServicesError as error:
            show_error(form, error)
        else:
            messages.success(request, _("分类已保存。"))
            return redirect("backoffice:services:categories")
    tree = SiteCategory.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(
        request, "backoffice/services/categories.html", {"form": form, "tree": tree}, status=400 if form.errors else 200
    )


@staff_required
def sites(request):
    found = sites_for_staff(request.user)
    return render(request, "backoffice/services/sites.html", {"sites": found[:500], "count": found.count()})


@staff_required
def site_edit(request, site_id: int | None = None):
    site = or_404(site_for_staff, person=request.user, site_id=site_id) if site_id else None
    organizations = editable_organizations(request.user)
    form = SiteForm(request.POST or None, organizations=organizations, site=site)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        organization = site.organization if site else fields.pop("organization")
        fields.pop("organization", None)
        position = {key: fields.pop(key) for key in ("latitude", "longitude", "coordinate_system")}
        try:
            site = save_site(
                organization=organization,
                category=fields.pop("category"),
                fields=fields,
                actor=request.user,
                site=site,
                guides=site.guides.all() if site else (),
                **position,
            )
        except ServicesError as error:
            show_error(form, error)
        else:
            messages.success(request, _("服务点已保存。"))
            return redirect("backoffice:services:site_edit", site_id=site.pk)
    context = {"form": form, "site": site, "photo_form": PhotoForm()}
    return render(request, "backoffice/services/site_form.html", context, status=400 if form.errors else 200)


@staff_required
def site_photo(request, site_id: int):
    site = or_404(site_for_staff, person=request.user, site_id=site_id)
    if request.method != "POST":
        return redirect("backoffice:services:site_edit", site_id=site.pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_site_photo(
                site=site,
                data=form.cleaned_data["image"].read(),
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except ServicesError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("照片已上传。"))
    else:
        messages.error(request, _("请选择照片并填写图片说明。"))
    return redirect("backoffice:services:site_edit", site_id=site.pk)
