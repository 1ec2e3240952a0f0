"""Back-office pages of the publishing module: work lists, the record page with its workflow actions, editing,
attachments, revisions, columns and index-number patterns, and the genres published only with an interpretation
(三同步). Views parse input and call services or selectors."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.audit import action_label
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.core.selectors import audit_entries
from gongkai.orgs.access import (
    MANAGERS,
    has_role,
    organization_for_staff,
    organizations_for,
    region_for_staff,
    regions_for,
    roles_of,
)
from gongkai.orgs.models import Role
from gongkai.publishing import history, services, wordimport
from gongkai.publishing.deadlines import annotate_lights
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import OPEN_STATUSES, Column, Genre, IndexScheme, RecordStatus
from gongkai.publishing.rules import DRAFTERS, allowed_actions
from gongkai.publishing.sanitizing import clean_html
from gongkai.publishing.selectors import (
    attachment_for_staff,
    column_tree,
    published_records,
    record_for_staff,
    records_for_staff,
)
from gongkai.publishing.services import interpretation
from gongkai.publishing.services.numbering import pattern_for
from gongkai.publishing.uploads import download_name

from . import forms
from .lists import BY_SLUG, visible_work_lists, work_list_records

PAGE_SIZE = 30


def failed(request, error: DomainError) -> None:
    messages.error(request, error.message)


def staff_organizations(person, roles=None):
    organizations = organizations_for(person, roles) if roles else organizations_for(person)
    return organizations.select_related("region").order_by("region__path", "sort_order", "id")


def marks_genres(person) -> bool:
    """Whether the publishing menu links to the page of genres needing an interpretation (offices, admins)."""
    return bool(roles_of(person) & set(MANAGERS))


@staff_required
def index(request):
    form = forms.FilterForm(request.GET or None, organizations=staff_organizations(request.user))
    records = records_for_staff(request.user).order_by("-updated_at")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            records = records.filter(title__icontains=data["q"]) | records.filter(doc_number__icontains=data["q"])
        if data["organization"]:
            records = records.filter(organization=data["organization"])
        if data["status"]:
            records = records.filter(status=data["status"])
        if data["stage"]:
            records = records.filter(effective_stage=data["stage"])
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    annotate_lights([record for record in page if record.status in OPEN_STATUSES], timezone.localdate())
    context = {
        "form": form,
        "page": page,
        "work_lists": visible_work_lists(request.user),
        "marks_genres": marks_genres(request.user),
    }
    return render(request, "backoffice/publishing/index.html", context)


@staff_required
def work_list(request, slug):
    if slug not in BY_SLUG or BY_SLUG[slug] not in visible_work_lists(request.user):
        raise Http404
    organizations = staff_organizations(request.user)
    organization_id = request.GET.get("organization") or None
    if organization_id and not organization_id.isdigit():
        raise Http404
    if organization_id and not organizations.filter(pk=organization_id).exists():
        raise AccessDenied()
    records = work_list_records(request.user, slug, organization_id)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    if BY_SLUG[slug].with_lights:
        annotate_lights(list(page), timezone.localdate())
    context = {
        "work_list": BY_SLUG[slug],
        "page": page,
        "organizations": organizations,
        "organization_id": organization_id,
        "work_lists": visible_work_lists(request.user),
        "marks_genres": marks_genres(request.user),
    }
    return render(request, "backoffice/publishing/list.html", context)


@staff_required(roles=(Role.CLERK, Role.OFFICE, Role.ADMIN))
def create(request):
    organizations = staff_organizations(request.user, DRAFTERS)
    wanted = request.POST.get("organization") or request.GET.get("organization") or ""
    chosen = organizations.filter(pk=wanted).first() if wanted.isdigit() else None
    organization = chosen or organizations.first()
    if organization is None:
        raise AccessDenied()
    if "import_docx" in request.POST:
        form = forms.CreateRecordForm(
            organizations=organizations, organization=organization, initial=imported_values(request)
        )
        return render(request, "backoffice/publishing/form.html", {"form": form, "title": _("起草政府信息")})
    form = forms.CreateRecordForm(
        request.POST or None, organizations=organizations, organization=organization, initial=initial_values(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.create_record(
                organization=form.cleaned_data["organization"], actor=request.user, **form.service_fields()
            )
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("backoffice:publishing:record", record.pk)
    return render(request, "backoffice/publishing/form.html", {"form": form, "title": _("起草政府信息")})


def imported_values(request) -> dict:
    """The form as the clerk filled it, with the body replaced by the chosen .docx converted to clean HTML.
    Nothing is saved: the clerk checks the result in the editor and saves it."""
    form_class = forms.CreateRecordForm if "organization" in request.POST else forms.CorrectRecordForm
    values = {
        name: request.POST.getlist(name)
        if getattr(field.widget, "allow_multiple_selected", False)
        else request.POST.get(name)
        for name, field in form_class.base_fields.items()
        if name in request.POST
    }
    upload = request.FILES.get("docx")
    if upload is None:
        messages.error(request, _("请先选择要导入的 Word（.docx）文档。"))
        return values
    try:
        values["body"] = wordimport.docx_to_html(upload, upload.name)
    except DomainError as error:
        failed(request, error)
    else:
        messages.success(
            request, _("已导入“%(name)s”：请在正文中核对转换结果，确认后点“保存”。") % {"name": upload.name}
        )
    return values


def initial_values(request) -> dict:
    initial = {"written_on": timezone.localdate()}
    if request.GET.get("interprets"):
        initial.update({"interprets": request.GET["interprets"], "genre": "interpretation"})
    return initial


@staff_required
def record(request, record_id):
    record = record_for_staff(record_id=record_id, person=request.user)
    if record.status in OPEN_STATUSES:
        annotate_lights([record], timezone.localdate())
    attachments = record.attachments.order_by("sort_order", "id")
    context = {
        "record": record,
        "attachments": attachments,
        "actions": allowed_actions(request.user, record),
        "revisions": record.revisions.select_related("created_by").order_by("-number"),
        "audit": audit_entries(target=str(record.pk)).filter(target_type="publishing.record")[:50],
        "findings": request.session.pop(f"publishing-findings-{record.pk}", None),
        "interpretations": record.interpretations.all(),
        "publish_form": forms.PublishForm(),
        "validity_form": forms.ValidityForm(initial={"validity": record.validity}),
        "attachment_form": forms.AttachmentForm(),
        "screening_url": screening_url(record),
    }
    return render(request, "backoffice/publishing/record.html", context)


def screening_url(record) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse("backoffice:screening:index") + f"?target=publishing.record:{record.pk}"
    except NoReverseMatch:
        return ""


@staff_required
def edit(request, record_id):
    record = record_for_staff(record_id=record_id, person=request.user, action="edit")
    if "import_docx" in request.POST:
        form = forms.RecordForm(instance=record, organization=record.organization, initial=imported_values(request))
        return render(
            request, "backoffice/publishing/form.html", {"form": form, "record": record, "title": _("修改草稿")}
        )
    form = forms.RecordForm(request.POST or None, instance=record, organization=record.organization)
    if request.method == "POST" and form.is_valid():
        record.refresh_from_db()
        try:
            services.update_record(record=record, actor=request.user, **form.service_fields())
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("backoffice:publishing:record", record.pk)
    return render(request, "backoffice/publishing/form.html", {"form": form, "record": record, "title": _("修改草稿")})


@staff_required
@never_cache
def preview(request, record_id):
    """The record as the public would see it (title, metadata box, body, attachments), marked 预览; only for staff
    who may see the record, never cached or indexed."""
    record = record_for_staff(record_id=record_id, person=request.user)
    context = {"record": record, "attachments": record.attachments.filter(is_active=True).order_by("sort_order", "id")}
    response = render(request, "backoffice/publishing/preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@staff_required
@require_POST
@never_cache
def preview_draft(request, record_id):
    """The form as typed, not saved, shown like `preview`: the editor's 预览 button posts here in a new tab."""
    record = record_for_staff(record_id=record_id, person=request.user)
    form = forms.RecordForm(request.POST, request.FILES, instance=record, organization=record.organization)
    form.is_valid()  # copies what parses onto the unsaved instance; a field with an error keeps its saved value
    record.body = clean_html(request.POST.get("body", record.body))
    context = {"record": record, "attachments": record.attachments.filter(is_active=True).order_by("sort_order", "id")}
    response = render(request, "backoffice/publishing/preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@staff_required(roles=(Role.CLERK, Role.OFFICE, Role.REVIEWER, Role.ADMIN))
@require_POST
def clean_body(request):
    """What the editor sends on paste (Word, WPS, web pages): the same cleaning as every save, as JSON."""
    return JsonResponse({"html": clean_html(request.POST.get("html", ""))})


@staff_required
@require_POST
def apply_masks(request, record_id):
    """Write screening's suggested masks into the draft: the posted finding, or every maskable one."""
    record = record_for_staff(record_id=record_id, person=request.user, action="edit")
    wanted = request.POST.getlist("finding")
    if not all(value.isdigit() for value in wanted):
        raise Http404
    try:
        applied = services.apply_suggested_masks(
            record=record, actor=request.user, finding_ids=[int(value) for value in wanted] or None
        )
    except DomainError as error:
        if isinstance(error, AccessDenied):
            raise
        failed(request, error)
    else:
        messages.success(request, _("已套用 %(count)s 处脱敏建议并重新预审。") % {"count": len(applied)})
    return redirect(reverse("backoffice:screening:index") + f"?target=publishing.record:{record.pk}")


@staff_required
def correct(request, record_id):
    record = record_for_staff(record_id=record_id, person=request.user, action="supervise")
    title = _("更正已发布的信息")
    if "import_docx" in request.POST:
        values = imported_values(request)
        form = forms.CorrectRecordForm(instance=record, organization=record.organization, initial=values)
        return render(request, "backoffice/publishing/form.html", {"form": form, "record": record, "title": title})
    form = forms.CorrectRecordForm(request.POST or None, instance=record, organization=record.organization)
    if request.method == "POST" and form.is_valid():
        record.refresh_from_db()
        try:
            services.correct_record(
                record=record, actor=request.user, change_note=form.cleaned_data["change_note"], **form.service_fields()
            )
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("已更正，更正说明已在信息页面公开。"))
            return redirect("backoffice:publishing:record", record.pk)
    context = {"form": form, "record": record, "title": title}
    return render(request, "backoffice/publishing/form.html", context)


def _with(service, field: str, message):
    """A workflow action that passes one posted text (a comment or a reason) to its service."""
    return lambda post, record, user: (service(record=record, actor=user, **{field: post.get(field, "")}), message)


def _plain(service, message):
    return lambda post, record, user: (service(record=record, actor=user), message)


PERFORMERS = {
    "submit": _plain(services.submit_record, _lazy("已提交审核。")),
    "approve": _with(services.approve_record, "comment", _lazy("审核通过。")),
    "clear": _with(services.clear_record, "comment", _lazy("保密审查通过。")),
    "reject": _with(services.reject_record, "comment", _lazy("已退回修改。")),
    "publish": lambda post, record, user: publish(post, record, user),
    "unschedule": _plain(services.unschedule_record, _lazy("已取消定时发布。")),
    "emergency_publish": _with(services.emergency_publish_record, "reason", _lazy("已紧急发布。")),
    "exempt_interpretation": _with(services.exempt_from_interpretation, "reason", _lazy("已同意免于配套解读。")),
    "review_emergency": _with(services.review_emergency_publication, "comment", _lazy("补审完成。")),
    "withdraw": _with(services.withdraw_record, "reason", _lazy("已撤回。")),
    "expire": _plain(services.expire_record, _lazy("已下线。")),
    "validity": lambda post, record, user: change_validity(post, record, user),
}


def perform(request, record, action):
    performer = PERFORMERS.get(action)
    if performer is None:
        raise Http404
    return performer(request.POST, record, request.user)


def publish(post, record, user):
    form = forms.PublishForm(post)
    at = form.cleaned_data["at"] if form.is_valid() else None
    result = services.publish_record(record=record, actor=user, at=at)
    return result, _("已定时发布。") if result.status == RecordStatus.SCHEDULED else _("已发布。")


def change_validity(post, record, user):
    form = forms.ValidityForm(post)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    replaced_by = None
    if data["replaced_by"].strip():
        replaced_by = published_records().filter(index_number=data["replaced_by"].strip()).first()
        if replaced_by is None:
            raise PublishingError(
                PublishingErrorCode.INVALID,
                _("没有找到索引号为“%(number)s”的已发布信息，请核对替代文件的索引号。")
                % {"number": data["replaced_by"]},
                field="replaced_by",
            )
    changed = services.change_validity(
        record=record, actor=user, validity=data["validity"], on=data["on"], note=data["note"], replaced_by=replaced_by
    )
    return changed, _("有效性已变更。")


@staff_required
@require_POST
def act(request, record_id, action):
    record = record_for_staff(record_id=record_id, person=request.user)
    try:
        _record, message = perform(request, record, action)
    except DomainError as error:
        if isinstance(error, AccessDenied):
            raise
        failed(request, error)
        remember_findings(request, record)
    else:
        messages.success(request, message)
    return redirect("backoffice:publishing:record", record.pk)


def remember_findings(request, record) -> None:
    """After a refused transition, run the checks in their own transaction so their findings are kept and shown."""
    try:
        report = services.check_record(record=record, actor=request.user)
    except DomainError:
        return
    request.session[f"publishing-findings-{record.pk}"] = [
        {"message": issue.message, "location": issue.location, "blocking": issue.blocking, "ack": issue.acknowledged}
        for issue in report.issues
    ]


@staff_required
@require_POST
def check(request, record_id):
    record = record_for_staff(record_id=record_id, person=request.user)
    remember_findings(request, record)
    count = len(request.session.get(f"publishing-findings-{record.pk}", []))
    messages.info(request, _("内容预审完成，发现 %(count)s 个问题。") % {"count": count})
    return redirect("backoffice:publishing:record", record.pk)


@staff_required
@require_POST
def attach(request, record_id):
    record = record_for_staff(record_id=record_id, person=request.user, action="edit")
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        try:
            services.add_attachment(record=record, upload=form.cleaned_data["file"], actor=request.user)
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("附件已上传。"))
    return redirect("backoffice:publishing:record", record.pk)


@staff_required
@require_POST
def detach(request, record_id, public_id):
    record = record_for_staff(record_id=record_id, person=request.user, action="edit")
    attachment = get_object_or_404(record.attachments, public_id=public_id)
    try:
        services.remove_attachment(attachment=attachment, actor=request.user)
    except DomainError as error:
        failed(request, error)
    return redirect("backoffice:publishing:record", record.pk)


@staff_required
def attachment(request, public_id):
    attachment = attachment_for_staff(public_id=public_id, person=request.user)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )


@staff_required
def revision(request, record_id, number):
    record = record_for_staff(record_id=record_id, person=request.user)
    current = get_object_or_404(record.revisions, number=number)
    previous = record.revisions.filter(number__lt=number).order_by("-number").first()
    context = {"record": record, "revision": current, "previous": previous, "diff": history.diff(previous, current)}
    return render(request, "backoffice/publishing/revision.html", context)


@staff_required
def columns(request):
    organizations = staff_organizations(request.user)
    chosen = request.GET.get("organization", "")
    organization = (organizations.filter(pk=chosen).first() if chosen.isdigit() else None) or organizations.first()
    if organization is None:
        raise AccessDenied()
    can_manage = has_role(request.user, organization, (Role.OFFICE,))
    context = {
        "organizations": organizations,
        "organization": organization,
        "tree": column_tree(organization),
        "can_manage": can_manage,
        "form": forms.ColumnForm(organization=organization),
        "pattern": pattern_for(organization),
        "pattern_form": forms.PatternForm(initial={"pattern": pattern_for(organization)}),
        "custom_pattern": IndexScheme.objects.filter(organization=organization).exists(),
    }
    return render(request, "backoffice/publishing/columns.html", context)


def back_to_columns(organization):
    return redirect(reverse("backoffice:publishing:columns") + f"?organization={organization.pk}")


@staff_required
@require_POST
def seed(request, organization_id):
    organization = organization_for_staff(person=request.user, organization_id=organization_id, action="manage")
    created = services.seed_columns(organization=organization, actor=request.user)
    messages.success(request, _("已补齐 %(count)s 个标准栏目。") % {"count": created})
    return back_to_columns(organization)


@staff_required
@require_POST
def add_column(request, organization_id):
    organization = organization_for_staff(person=request.user, organization_id=organization_id, action="manage")
    form = forms.ColumnForm(request.POST, organization=organization)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.create_column(organization=organization, actor=request.user, **data)
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("栏目已创建。"))
    else:
        messages.error(request, "；".join(str(error) for errors in form.errors.values() for error in errors))
    return back_to_columns(organization)


@staff_required
@require_POST
def hide_column(request, column_id):
    column = get_object_or_404(Column, pk=column_id)
    organization_for_staff(person=request.user, organization_id=column.organization_id, action="manage")
    services.deactivate_column(column=column, actor=request.user)
    messages.success(request, _("栏目已停用。"))
    return back_to_columns(column.organization)


@staff_required
@require_POST
def set_pattern(request, organization_id):
    organization = organization_for_staff(person=request.user, organization_id=organization_id, action="manage")
    form = forms.PatternForm(request.POST)
    if form.is_valid():
        try:
            services.set_index_pattern(
                organization=organization, pattern=form.cleaned_data["pattern"], actor=request.user
            )
        except DomainError as error:
            failed(request, error)
        else:
            messages.success(request, _("索引号格式已保存，只影响今后发布的信息。"))
    return back_to_columns(organization)


def interpretation_history(region) -> list:
    """The latest marks and unmarks of the region's office, newest first, with readable action labels."""
    entries = list(
        audit_entries().filter(action__startswith="publishing.interpretation_genre.", data__region=region.name)[:20]
    )
    for entry in entries:
        entry.action_label = action_label(entry.action)
        genre = entry.data.get("genre", "")
        entry.genre_label = Genre(genre).label if genre in Genre.values else genre
    return entries


@staff_required(roles=MANAGERS)
def interpretation_genres(request):
    """三同步: the genres the office of a region marks as published only with a policy interpretation, besides
    行政规范性文件 (always). Offices see and change their own region and the regions below; administrators all."""
    regions = regions_for(request.user).order_by("path")
    wanted = request.POST.get("region") or request.GET.get("region") or ""
    if wanted and not wanted.isdigit():
        raise Http404
    region = region_for_staff(person=request.user, region_id=int(wanted)) if wanted else regions.first()
    if region is None:
        raise AccessDenied()
    inherited = interpretation.inherited_marks(region)
    choices = [(value, label) for value, label in interpretation.markable_genres() if value not in inherited]
    form = forms.InterpretationGenresForm(
        request.POST or None, choices=choices, initial={"genres": sorted(interpretation.own_marks(region))}
    )
    if request.method == "POST" and form.is_valid():
        try:
            marked, unmarked = services.set_interpretation_genres(
                region=region, genres=form.cleaned_data["genres"], actor=request.user
            )
        except DomainError as error:
            form.add_error("genres", error.message)
        else:
            if marked or unmarked:
                messages.success(
                    request,
                    _("已保存%(region)s须配套政策解读的体裁：新增 %(marked)s 个，取消 %(unmarked)s 个。")
                    % {"region": region.name, "marked": len(marked), "unmarked": len(unmarked)},
                )
            else:
                messages.info(request, _("没有改动。"))
            return redirect(reverse("backoffice:publishing:interpretation_genres") + f"?region={region.pk}")
    context = {
        "regions": regions,
        "region": region,
        "form": form,
        "always": [Genre(genre).label for genre in sorted(interpretation.ALWAYS)],
        "inherited": [(Genre(genre).label, name) for genre, name in sorted(inherited.items())],
        "history": interpretation_history(region),
    }
    return render(request, "backoffice/publishing/interpretation_genres.html", context)
