"""Back-office pages of the standard catalog: browse, edit, approve, history, import, export, adoption."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import FAILED, download_job, run_job
from gongkai.catalog import selectors
from gongkai.catalog.access import can_approve, can_edit_catalog
from gongkai.catalog.errors import CatalogError, ItemInvalid
from gongkai.catalog.importing import import_catalog
from gongkai.catalog.itemdata import snapshot
from gongkai.catalog.models import Attribute, ChangeSetStatus, Mode, Stage
from gongkai.catalog.services import (
    accept_source_change,
    add_local_channel,
    add_local_domain,
    adopt_items,
    approve_change_set,
    create_item,
    keep_local_version,
    reject_change_set,
    retire_item,
    update_item,
    withdraw_change_set,
)
from gongkai.catalog.tasks import EXPORT_SUFFIXES, export_catalog, import_catalog_upload, upload_dir
from gongkai.catalog.timelimits import time_limit_warning
from gongkai.catalog.validation import CatalogContext
from gongkai.jobs.progress import done_before
from gongkai.orgs.access import organizations_for
from gongkai.orgs.models import Level

from .forms import DecisionForm, ImportForm, ItemForm, LocalChannelForm, LocalDomainForm, RetireForm


@staff_required
def index(request):
    catalogs = selectors.catalogs_for_staff(request.user)
    pending = selectors.pending_change_sets_for_approver(request.user)
    return render(request, "backoffice/catalog/index.html", {"catalogs": catalogs, "pending": pending[:20]})


def filters_from(request) -> selectors.ItemFilters:
    get = request.GET.get
    responsible = get("responsible", "")
    return selectors.ItemFilters(
        domain=get("domain", ""),
        level=get("level", ""),
        stage=get("stage", ""),
        mode=get("mode", ""),
        attribute=get("attribute", ""),
        responsible=int(responsible) if responsible.isdigit() else None,
        status=get("status", "in_force"),
        q=get("q", "").strip(),
    )


@staff_required
def browse(request, catalog_id):
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id)
    filters = filters_from(request)
    items = selectors.filtered_items(catalog, filters)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    context = CatalogContext(catalog)
    return render(
        request,
        "backoffice/catalog/browse.html",
        {
            "catalog": catalog,
            "page": page,
            "filters": filters,
            "domains": context.domains_by_code.values(),
            "levels": Level.choices,
            "stages": Stage.choices,
            "modes": Mode.choices,
            "attributes": Attribute.choices,
            "responsibles": ItemForm(context=context).fields["responsible_orgs"].queryset,
            "pending_ids": selectors.pending_item_ids(catalog),
            "can_edit": can_edit_catalog(request.user, catalog),
            "offers": selectors.items_with_source_changes(catalog)[:20],
        },
    )


def show_problems(form, error: ItemInvalid) -> None:
    for problem in error.problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


@staff_required
def create(request, catalog_id):
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id, action="edit")
    context = CatalogContext(catalog)
    form = ItemForm(request.POST or None, context=context, initial={"parent": request.GET.get("parent", "")})
    if request.method == "POST" and form.is_valid():
        try:
            item = create_item(
                catalog=catalog, actor=request.user, data=form.item_data(), note=form.cleaned_data["note"]
            )
        except ItemInvalid as error:
            show_problems(form, error)
        else:
            messages.success(request, applied_message(request.user, catalog))
            warn_time_limit(request, form)
            return redirect("backoffice:catalog:item", item_id=item.pk)
    return render(request, "backoffice/catalog/item_form.html", {"catalog": catalog, "form": form, "item": None})


def warn_time_limit(request, form) -> None:
    """A saved 公开时限 that computes no due date is said once more on the page the person lands on."""
    if form.time_limit_warning:
        messages.warning(request, form.time_limit_warning)


def applied_message(person, catalog) -> str:
    if can_approve(person, catalog):
        return _("已保存并生效。")
    return _("已提交，待政务公开办公室审批后生效。")


@staff_required
def item(request, item_id):
    shown = selectors.item_for_staff(person=request.user, item_id=item_id)
    pending = shown.changes.filter(is_pending=True).select_related("change_set__proposed_by", "item").first()
    return render(
        request,
        "backoffice/catalog/item.html",
        {
            "catalog": shown.catalog,
            "item": shown,
            "history": selectors.item_history(shown),
            "drift": selectors.drift(shown),
            "pending": pending,
            "pending_changes": selectors.pending_change_view(pending) if pending else [],
            "can_edit": can_edit_catalog(request.user, shown.catalog),
            "retire_form": RetireForm(),
            "time_limit_warning": time_limit_warning(shown.time_limit),
        },
    )


@staff_required
def edit(request, item_id):
    shown = selectors.item_for_staff(person=request.user, item_id=item_id, action="edit")
    context = CatalogContext(shown.catalog)
    form = ItemForm(request.POST or None, context=context, initial=ItemForm.initial_from(snapshot(shown)))
    if request.method == "POST" and form.is_valid():
        try:
            update_item(item=shown, actor=request.user, data=form.item_data(), note=form.cleaned_data["note"])
        except ItemInvalid as error:
            show_problems(form, error)
        except CatalogError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, applied_message(request.user, shown.catalog))
            warn_time_limit(request, form)
            return redirect("backoffice:catalog:item", item_id=shown.pk)
    return render(request, "backoffice/catalog/item_form.html", {"catalog": shown.catalog, "form": form, "item": shown})


@require_POST
@staff_required
def retire(request, item_id):
    shown = selectors.item_for_staff(person=request.user, item_id=item_id, action="edit")
    try:
        retire_item(item=shown, actor=request.user, reason=request.POST.get("reason", ""))
    except CatalogError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, applied_message(request.user, shown.catalog))
    return redirect("backoffice:catalog:item", item_id=shown.pk)


@require_POST
@staff_required
def source_change(request, item_id):
    shown = selectors.item_for_staff(person=request.user, item_id=item_id, action="edit")
    try:
        if request.POST.get("decision") == "accept":
            accept_source_change(item=shown, actor=request.user)
        else:
            keep_local_version(item=shown, actor=request.user)
    except CatalogError as error:
        messages.error(request, error.message)
    return redirect("backoffice:catalog:item", item_id=shown.pk)


@staff_required
def changes(request):
    pending = selectors.pending_change_sets_for_approver(request.user)
    return render(request, "backoffice/catalog/changes.html", {"pending": pending})


@staff_required
def change_set(request, change_set_id):
    shown = selectors.change_set_for_staff(person=request.user, change_set_id=change_set_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = request.POST.get("decision"), form.cleaned_data["note"]
        try:
            if decision == "approve":
                approve_change_set(change_set=shown, actor=request.user, note=note)
            elif decision == "reject":
                reject_change_set(change_set=shown, actor=request.user, note=note)
            else:
                withdraw_change_set(change_set=shown, actor=request.user)
        except CatalogError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已处理。"))
            return redirect("backoffice:catalog:change_set", change_set_id=shown.pk)
    entries = [
        (change, selectors.pending_change_view(change) if change.is_pending else [])
        for change in shown.changes.select_related("item").order_by("id")[:500]
    ]
    return render(
        request,
        "backoffice/catalog/change_set.html",
        {
            "change_set": shown,
            "entries": entries,
            "form": form,
            "is_pending": shown.status == ChangeSetStatus.PENDING,
            "can_approve": can_approve(request.user, shown.catalog) and shown.proposed_by_id != request.user.pk,
            "is_proposer": shown.proposed_by_id == request.user.pk,
        },
    )


@staff_required
def import_file(request, catalog_id):
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id, action="edit")
    form, result, token = ImportForm(), None, ""
    if request.method == "POST" and request.POST.get("token"):
        return confirm_import(request, catalog, request.POST["token"])
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            result = import_catalog(
                catalog=catalog, content=content, actor=request.user, dry_run=True, file_name=upload.name
            )
            if result.ok:
                token = str(uuid.uuid4())
                (upload_dir() / f"{token}.bin").write_bytes(content)
    return render(
        request,
        "backoffice/catalog/import.html",
        {"catalog": catalog, "form": form, "result": result, "token": token, "name": request.FILES.get("file", "")},
    )


def confirm_import(request, catalog, token: str):
    """The checked workbook is imported by a background job (inline without a queue)."""
    try:
        token = str(uuid.UUID(token))
    except ValueError as error:
        raise Http404 from error
    if not (upload_dir() / f"{token}.bin").exists() and not done_before(f"catalog.import:{token}"):
        raise Http404
    browse_url = reverse("backoffice:catalog:browse", kwargs={"catalog_id": catalog.pk})

    def done(outcome):
        if not outcome["ok"]:
            messages.error(
                request, _("导入未完成，没有写入任何内容：%(problems)s") % {"problems": "；".join(outcome["problems"])}
            )
            return redirect("backoffice:catalog:import", catalog_id=catalog.pk)
        messages.success(
            request,
            _("导入完成：新增 %(created)s 项，更新 %(updated)s 项，未变 %(unchanged)s 项。")
            % {"created": outcome["created"], "updated": outcome["updated"], "unchanged": outcome["unchanged"]},
        )
        return redirect(browse_url)

    def failed():
        messages.error(request, FAILED)
        return redirect("backoffice:catalog:import", catalog_id=catalog.pk)

    return run_job(
        request,
        import_catalog_upload,
        done=done,
        failed=failed,
        catalog_id=catalog.pk,
        token=token,
        file_name=request.POST.get("name", "")[:200],
    )


@staff_required
def export(request, catalog_id, suffix):
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id)
    if suffix not in EXPORT_SUFFIXES:
        raise Http404
    back = reverse("backoffice:catalog:browse", kwargs={"catalog_id": catalog.pk})
    return download_job(request, export_catalog, back=back, catalog_id=catalog.pk, suffix=suffix)


@staff_required
def adopt(request, catalog_id):
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id, action="edit")
    candidates = selectors.adoptable_items(catalog)
    if request.method == "POST":
        chosen = list(candidates.filter(pk__in=request.POST.getlist("items")))
        try:
            created = adopt_items(catalog=catalog, source_items=chosen, actor=request.user)
        except CatalogError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已采用 %(count)s 项。") % {"count": len(created)})
            return redirect("backoffice:catalog:browse", catalog_id=catalog.pk)
    page = Paginator(candidates.filter(is_group=False), 100).get_page(request.GET.get("page"))
    return render(request, "backoffice/catalog/adopt.html", {"catalog": catalog, "page": page})


@staff_required
def reference(request, catalog_id):
    """Local domains (office) and local channels (editors) of the catalog's organization."""
    catalog = selectors.catalog_for_staff(person=request.user, catalog_id=catalog_id, action="edit")
    domain_form = LocalDomainForm(request.POST if "add_domain" in request.POST else None, prefix="domain")
    channel_form = LocalChannelForm(request.POST if "add_channel" in request.POST else None, prefix="channel")
    try:
        if domain_form.is_bound and domain_form.is_valid():
            add_local_domain(organization=catalog.organization, actor=request.user, **domain_form.cleaned_data)
            messages.success(request, _("已添加地方领域。"))
            return redirect("backoffice:catalog:reference", catalog_id=catalog.pk)
        if channel_form.is_bound and channel_form.is_valid():
            add_local_channel(organization=catalog.organization, actor=request.user, **channel_form.cleaned_data)
            messages.success(request, _("已添加本地渠道。"))
            return redirect("backoffice:catalog:reference", catalog_id=catalog.pk)
    except CatalogError as error:
        (domain_form if "add_domain" in request.POST else channel_form).add_error(error.field, error.message)
    context = CatalogContext(catalog)
    return render(
        request,
        "backoffice/catalog/reference.html",
        {
            "catalog": catalog,
            "domains": context.domains_by_code.values(),
            "channels": context.channels_by_id.values(),
            "domain_form": domain_form,
            "channel_form": channel_form,
            "can_approve": can_approve(request.user, catalog),
        },
    )


@staff_required
def picker_items(request):
    """The item picker's search (JSON): items the organization may use whose code, name or parent path matches `q`,
    grouped by catalog. Only for an organization the person works in or oversees (else 404)."""
    organization = organizations_for(request.user).filter(pk=_int(request.GET.get("organization"))).first()
    if organization is None:
        raise Http404
    query = request.GET.get("q", "").strip()[:100]
    items = selectors.search_usable_items(organization, query) if query else []
    groups: dict[int, dict] = {}
    for item in items:
        group = groups.setdefault(item.catalog_id, {"catalog": item.catalog.organization.display_name, "items": []})
        group["items"].append(
            {"id": item.pk, "code": item.code, "name": item.name, "path": selectors.parent_path(item)}
        )
    return JsonResponse({"groups": list(groups.values())})


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None
