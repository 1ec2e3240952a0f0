"""Settings pages for the working-day calendar: the loaded years, one year's schedule, regional holidays."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.core.models import ScheduleYear, WorkdayOverride
from gongkai.core.selectors import month_grid, national_overrides, regional_holidays, schedule_lines, schedule_years
from gongkai.core.services import (
    add_regional_holiday,
    parse_schedule_lines,
    remove_regional_holiday,
    schedule_text_from_upload,
    set_year_schedule,
)
from gongkai.core.workdays import missing_year_warning
from gongkai.orgs.access import MANAGERS, may_edit_national_schedule, region_for_staff, regions_for, roles_of
from gongkai.orgs.selectors import regions_of_memberships

from .forms import RegionalHolidayForm, ScheduleForm

FIRST_YEAR, LAST_YEAR = 2000, 2100
# (short label, full name) of each weekday, Monday first.
WEEKDAYS = (
    (pgettext_lazy("weekday", "一"), pgettext_lazy("weekday", "星期一")),
    (pgettext_lazy("weekday", "二"), pgettext_lazy("weekday", "星期二")),
    (pgettext_lazy("weekday", "三"), pgettext_lazy("weekday", "星期三")),
    (pgettext_lazy("weekday", "四"), pgettext_lazy("weekday", "星期四")),
    (pgettext_lazy("weekday", "五"), pgettext_lazy("weekday", "星期五")),
    (pgettext_lazy("weekday", "六"), pgettext_lazy("weekday", "星期六")),
    (pgettext_lazy("weekday", "日"), pgettext_lazy("weekday", "星期日")),
)


def checked_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@staff_required
def years(request):
    return render(
        request,
        "backoffice/system/calendar_years.html",
        {
            "years": schedule_years(today=timezone.localdate()),
            "may_edit": may_edit_national_schedule(request.user),
        },
    )


@staff_required
def year(request, year: int):
    year = checked_year(year)
    overrides = national_overrides(year)
    holidays = {item.on: item.name for item in overrides if item.kind == WorkdayOverride.Kind.HOLIDAY}
    workdays = {item.on: item.name for item in overrides if item.kind == WorkdayOverride.Kind.WORKDAY}
    manages = bool(roles_of(request.user) & set(MANAGERS))
    scope = (regions_for(request.user) if manages else regions_of_memberships(request.user)).values_list(
        "id", flat=True
    )
    context = {
        "year": year,
        "schedule": ScheduleYear.objects.filter(year=year).first(),
        "missing_warning": missing_year_warning(year),
        "holidays": [item for item in overrides if item.kind == WorkdayOverride.Kind.HOLIDAY],
        "workdays": [item for item in overrides if item.kind == WorkdayOverride.Kind.WORKDAY],
        "months": [(month, month_grid(year, month, holidays=holidays, workdays=workdays)) for month in range(1, 13)],
        "weekdays": WEEKDAYS,
        "regional": regional_holidays(year=year, region_ids=scope),
        "regional_form": RegionalHolidayForm(person=request.user, initial={"on": f"{year}-01-01"}),
        "manages": manages,
        "may_edit": may_edit_national_schedule(request.user),
    }
    return render(request, "backoffice/system/calendar_year.html", context)


@staff_required(roles=MANAGERS)
def year_edit(request, year: int):
    year = checked_year(year)
    if not may_edit_national_schedule(request.user):
        raise AccessDenied(_("全国节假日安排由系统管理员或区县政务公开办公室录入。"))
    schedule = ScheduleYear.objects.filter(year=year).first()
    initial = {"text": schedule_lines(year), "notice": schedule.notice if schedule else ""}
    form = ScheduleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            text = schedule_text_from_upload(upload.read()) if upload else form.cleaned_data["text"]
            holidays, workdays = parse_schedule_lines(text)
            set_year_schedule(
                year=year,
                holidays=holidays,
                workdays=workdays,
                notice=form.cleaned_data["notice"],
                source=ScheduleYear.Source.IMPORT if upload else ScheduleYear.Source.OFFICE,
                actor=request.user,
            )
        except DomainError as error:
            form.add_error("file" if upload else "text", error.message)
        else:
            messages.success(
                request,
                _("已保存 %(year)s 年节假日安排：放假 %(holidays)s 天，调休上班 %(workdays)s 天。")
                % {"year": year, "holidays": len(holidays), "workdays": len(workdays)},
            )
            return redirect("backoffice:system:calendar_year", year=year)
    return render(request, "backoffice/system/calendar_edit.html", {"form": form, "year": year, "schedule": schedule})


@require_POST
@staff_required(roles=MANAGERS)
def regional_holiday_add(request):
    form = RegionalHolidayForm(request.POST, person=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("backoffice:system:calendar")
    region = region_for_staff(person=request.user, region_id=form.cleaned_data["region"].pk)
    on = form.cleaned_data["on"]
    try:
        add_regional_holiday(region=region, on=on, name=form.cleaned_data["name"], actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("已为%(region)s新增 %(day)s %(name)s。")
            % {"region": region.name, "day": on.isoformat(), "name": form.cleaned_data["name"]},
        )
    return redirect("backoffice:system:calendar_year", year=on.year)


@require_POST
@staff_required(roles=MANAGERS)
def regional_holiday_remove(request, override_id: int):
    override = WorkdayOverride.objects.select_related("region").filter(pk=override_id).exclude(region=None).first()
    if override is None:
        raise AccessDenied()
    region_for_staff(person=request.user, region_id=override.region_id)
    year = override.on.year
    try:
        remove_regional_holiday(override=override, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已删除%(region)s的额外假日。") % {"region": override.region.name})
    return redirect("backoffice:system:calendar_year", year=year)
