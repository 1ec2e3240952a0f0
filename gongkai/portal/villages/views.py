"""Public village pages: the villages and their five columns, objections to a notice, residents' issues (intake,
tracking and rating, anonymized statistics, solved cases) and the electronic screen."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Level, Organization
from gongkai.portal.applications import captcha
from gongkai.portal.applications.ratelimit import over_limit
from gongkai.publishing.selectors import column_tree, descendant_slugs, in_column, published_records
from gongkai.villages import selectors, services
from gongkai.villages.columns import TOP_SLUGS
from gongkai.villages.models import ResidentIssue
from gongkai.villages.services.publicity import in_window

from .forms import IssueForm, ObjectionForm, RatingForm, TrackForm

SCREEN_REFRESH_SECONDS = 300
FAILED_TRACKS_PER_HOUR = 10


def public_village(organization_id) -> Organization:
    village = selectors.villages().filter(pk=organization_id).first()
    if village is None:
        raise Http404
    return village


def index(request):
    villages = selectors.villages().order_by("region__path")
    by_township: dict = {}
    for village in villages:
        by_township.setdefault(village.parent, []).append(village)
    return render(request, "portal/villages/index.html", {"by_township": by_township})


def village(request, organization_id):
    found = public_village(organization_id)
    records = published_records().filter(organization=found)
    columns = []
    for column in column_tree(found):
        if column.slug not in TOP_SLUGS:
            continue
        slugs, _stages, _domains = descendant_slugs(column)
        columns.append((column, in_column(records, slugs)[:5]))
    return render(request, "portal/villages/village.html", {"village": found, "columns": columns})


def screen(request, organization_id):
    """电子屏: full screen, large type, the latest notices rotating by CSS alone, the page reloading itself."""
    organization = Organization.objects.filter(pk=organization_id, is_active=True).select_related("region").first()
    if organization is None or organization.region.level not in (Level.VILLAGE, Level.TOWNSHIP):
        raise Http404
    records = list(selectors.screen_records(organization))
    context = {
        "organization": organization,
        "records": records,
        "refresh": SCREEN_REFRESH_SECONDS,
        "seconds_each": 12,
        "cycle": 12 * max(len(records), 1),
        "now": timezone.localtime(),
    }
    response = render(request, "portal/villages/screen.html", context)
    response["Cache-Control"] = f"public, max-age={SCREEN_REFRESH_SECONDS // 2}"
    return response


def captcha_failed(form) -> None:
    form.is_valid()
    form.add_error("captcha", _("验证码不正确，请按新图片重新计算。"))


@never_cache
@require_http_methods(["GET", "POST"])
def objection(request, record_id):
    publicity = selectors.public_publicity(record_id)
    if publicity is None:
        raise Http404
    today = timezone.localdate()
    form = ObjectionForm(request.POST or None)
    limited = done = False
    if request.method == "POST" and in_window(publicity, today):
        if over_limit(request, "villages.objection", settings.GONGKAI_PUBLIC_FORM_RATE):
            limited = True
        elif not captcha.check(request.session, request.POST.get("captcha", "")):
            captcha_failed(form)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_objection(
                    publicity=publicity,
                    text=data["text"],
                    name=data["name"],
                    phone=data["phone"],
                    ip_address=client_ip(request),
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                done = True
    captcha.new_challenge(request.session)
    context = {
        "publicity": publicity,
        "record": publicity.record,
        "form": form,
        "open": in_window(publicity, today),
        "state": selectors.publicity_state(publicity, today),
        "limited": limited,
        "done": done,
    }
    return render(request, "portal/villages/objection.html", context, status=429 if limited else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def issue_create(request):
    form = IssueForm(request.POST or None, villages=selectors.villages().order_by("region__path"))
    limited = False
    created = None
    if request.method == "POST":
        if over_limit(request, "villages.issue", settings.GONGKAI_PUBLIC_FORM_RATE):
            limited = True
        elif not captcha.check(request.session, request.POST.get("captcha", "")):
            captcha_failed(form)
        elif form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key != "captcha"}
            try:
                created = services.register_issue(channel="portal", ip_address=client_ip(request), **data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    captcha.new_challenge(request.session)
    context = {"form": form, "limited": limited, "created": created}
    return render(request, "portal/villages/issue_form.html", context, status=429 if limited else 200)


def tracked_issue(request, code: str, tail: str) -> ResidentIssue | None:
    issue = (
        ResidentIssue.objects.filter(tracking_code=code.strip().upper()).select_related("village", "assignee").first()
    )
    if issue is None or not issue.reporter_phone.endswith(tail.strip()):
        over_limit(request, "villages.track.failed", FAILED_TRACKS_PER_HOUR)
        return None
    return issue


@never_cache
@require_http_methods(["GET", "POST"])
def issue_track(request):
    """The resident follows an issue with its code and the last 4 digits of the phone, and rates it at the end."""
    from django.core.cache import cache

    data = request.POST if request.method == "POST" else request.GET
    form = TrackForm(data if "code" in data else None)
    issue, message, limited = None, "", False
    if form.is_bound and form.is_valid():
        key = f"ratelimit:villages.track.failed:{client_ip(request) or 'unknown'}"
        if (cache.get(key) or 0) >= FAILED_TRACKS_PER_HOUR:
            limited = True
        else:
            issue = tracked_issue(request, form.cleaned_data["code"], form.cleaned_data["phone_tail"])
            if issue is None:
                message = _("查询码或电话后4位不对，请核对后再查。")
    rating_form = None
    if issue is not None and request.method == "POST" and "rating" in request.POST:
        rating_form = RatingForm(request.POST)
        if rating_form.is_valid():
            try:
                issue = services.rate_issue(
                    issue=issue, rating=rating_form.cleaned_data["rating"], comment=rating_form.cleaned_data["comment"]
                )
                message = _("感谢您的评价。")
            except DomainError as error:
                message = error.message
    if issue is not None and rating_form is None:
        rating_form = RatingForm(initial={"code": issue.tracking_code, "phone_tail": form.cleaned_data["phone_tail"]})
    steps = issue.steps.exclude(action="reminded").order_by("at") if issue else []
    context = {"form": form, "issue": issue, "steps": steps, "message": message, "rating_form": rating_form}
    return render(request, "portal/villages/issue_track.html", context, status=429 if limited else 200)


def issue_statistics(request):
    stats = selectors.issue_statistics()
    chart = {"categories": [{"name": str(name), "value": count} for name, count in stats["by_category"]]}
    context = {
        "stats": stats,
        "chart": chart,
        "cases": selectors.public_cases()[:20],
    }
    return render(request, "portal/villages/issues.html", context)
