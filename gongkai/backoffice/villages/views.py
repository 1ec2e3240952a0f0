"""The village back office for clerks and grid workers: issues on a phone (list, register with a photo, act)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core import audit
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.core.workdays import mark_provisional
from gongkai.orgs.models import Organization
from gongkai.villages import services
from gongkai.villages.access import (
    allowed_issue_actions,
    issue_for_staff,
    issues_for_staff,
    villages_for,
)
from gongkai.villages.models import IssuePhoto, IssueStatus
from gongkai.villages.selectors import annotate_issue_lights
from gongkai.villages.services.issues import ACTION_LABELS

from . import forms


def found_or_404(function, **kwargs):
    """Objects outside the person's scope answer 404: their existence is not disclosed."""
    try:
        return function(**kwargs)
    except AccessDenied as error:
        raise Http404 from error


@staff_required
def index(request):
    """The phone's home screen: the person's villages, what waits for them, big buttons for the usual tasks."""
    villages = list(villages_for(request.user).order_by("region__path", "sort_order"))
    waiting = issues_for_staff(request.user).exclude(status=IssueStatus.CLOSED).order_by("step_due_on")
    mine = [issue for issue in waiting[:50] if allowed_issue_actions(request.user, issue) - {"photo"}]
    shown = annotate_issue_lights(mine[:10], timezone.localdate())
    warnings = mark_provisional(shown, lambda row: row.step_started_on, lambda row: row.step_due_on)
    context = {"villages": villages, "issues": shown, "calendar_warnings": warnings}
    return render(request, "backoffice/villages/index.html", context)


@staff_required
def issues(request):
    status = request.GET.get("status", "")
    found = issues_for_staff(request.user).order_by("-created_at", "-id")
    if status in IssueStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    annotate_issue_lights(page.object_list, timezone.localdate())
    warnings = mark_provisional(page.object_list, lambda row: row.step_started_on, lambda row: row.step_due_on)
    context = {"page": page, "status": status, "statuses": IssueStatus.choices, "calendar_warnings": warnings}
    return render(request, "backoffice/villages/issues.html", context)


@staff_required
def issue_create(request):
    villages = villages_for(request.user)
    if not villages.exists():
        raise AccessDenied(_("您不负责任何村（社区），不能登记民情诉求。"))
    form = forms.IssueForm(request.POST or None, request.FILES or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = services.register_issue(
                village=data["village"],
                actor=request.user,
                channel=data["channel"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                location=data["location"],
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
            )
            if data.get("photo"):
                services.add_issue_photo(issue=issue, upload=data["photo"], actor=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已登记，查询码 %(code)s。") % {"code": issue.tracking_code})
            return redirect("backoffice:villages:issue", issue.pk)
    return render(request, "backoffice/villages/issue_form.html", {"form": form})


def assignees_for(issue):
    """The village itself, its township and the county's departments (active), nearest first."""
    village = issue.village
    above = [code for code in village.region.path.split("/") if code and code != village.region.division_code]
    return (
        Organization.objects.filter(Q(region__division_code__in=above) | Q(pk=village.pk), is_active=True)
        .select_related("region")
        .order_by("-region__depth", "sort_order", "id")
    )


@staff_required
def issue(request, issue_id):
    found = found_or_404(issue_for_staff, person=request.user, issue_id=issue_id)
    annotate_issue_lights([found], timezone.localdate())
    actions = allowed_issue_actions(request.user, found)
    steps = found.steps.select_related("actor", "organization").order_by("at", "id")
    context = {
        "issue": found,
        "actions": actions,
        "steps": [(step, ACTION_LABELS.get(step.action, step.action)) for step in steps],
        "photos": found.photos.all(),
        "assign_form": forms.AssignForm(assignees=assignees_for(found)) if "assign" in actions else None,
        "photo_form": forms.PhotoForm(),
    }
    return render(request, "backoffice/villages/issue.html", context)


@staff_required
@require_POST
def issue_contact(request, issue_id):
    """The reporter's name and phone, shown on request and logged: personal data is never displayed by default."""
    found = found_or_404(issue_for_staff, person=request.user, issue_id=issue_id)
    audit.log(
        "villages.issue.viewed_contact",
        actor=request.user,
        target=found,
        organization=found.village,
        ip_address=audit.client_ip(request),
    )
    return render(request, "backoffice/villages/contact.html", {"issue": found})


@staff_required
@require_POST
def issue_action(request, issue_id, action):
    found = found_or_404(issue_for_staff, person=request.user, issue_id=issue_id)
    post = request.POST
    calls = {
        "assign": lambda: services.assign_issue(
            issue=found,
            assignee=assignee_from(post, found),
            actor=request.user,
            note=post.get("note", ""),
        ),
        "return": lambda: services.return_issue(issue=found, actor=request.user, reason=post.get("reason", "")),
        "accept": lambda: services.accept_issue(issue=found, actor=request.user),
        "handle": lambda: services.handle_issue(issue=found, actor=request.user, result=post.get("result", "")),
        "review": lambda: services.review_issue(
            issue=found, actor=request.user, approve=post.get("approve") == "1", comment=post.get("comment", "")
        ),
        "feed_back": lambda: services.feed_back_issue(
            issue=found, actor=request.user, feedback=post.get("feedback", "")
        ),
        "rate": lambda: services.rate_issue(
            issue=found, actor=request.user, rating=post.get("rating"), comment=post.get("comment", "")
        ),
        "publish_case": lambda: services.publish_case(issue=found, actor=request.user, summary=post.get("summary", "")),
    }
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except DomainError as error:
        if isinstance(error, AccessDenied):
            raise
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("已办理：%(action)s。") % {"action": ACTION_LABELS.get(ACTION_DONE[action], action)}
        )
    return redirect("backoffice:villages:issue", found.pk)


ACTION_DONE = {
    "assign": "assigned",
    "return": "returned",
    "accept": "accepted",
    "handle": "handled",
    "review": "review_passed",
    "feed_back": "fed_back",
    "rate": "rated",
    "publish_case": "case_published",
}


def assignee_from(post, issue) -> Organization:
    form = forms.AssignForm(post, assignees=assignees_for(issue))
    if not form.is_valid():
        raise DomainError("villages.invalid", _("请选择承办单位。"), field="assignee")
    return form.cleaned_data["assignee"]


@staff_required
@require_POST
def issue_photo_add(request, issue_id):
    found = found_or_404(issue_for_staff, person=request.user, issue_id=issue_id)
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择或拍摄一张照片。"))
    else:
        try:
            services.add_issue_photo(issue=found, upload=form.cleaned_data["photo"], actor=request.user)
        except DomainError as error:
            if isinstance(error, AccessDenied):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("照片已上传（已缩小并去除位置信息）。"))
    return redirect("backoffice:villages:issue", found.pk)


@staff_required
def photo(request, photo_id):
    stored = IssuePhoto.objects.filter(pk=photo_id).select_related("issue").first()
    if stored is None:
        raise Http404
    found_or_404(issue_for_staff, person=request.user, issue_id=stored.issue_id)
    response = FileResponse(stored.file.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
