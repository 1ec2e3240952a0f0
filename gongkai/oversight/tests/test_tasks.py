"""The daily jobs on `gongkai scheduler`, and the trend's month-end scores kept in the cache until a write."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.jobs.schedule import entry
from gongkai.oversight.models import Group, Method
from gongkai.oversight.scoring import month_ends, refresh_trends, trend
from gongkai.oversight.services import activate_scheme, add_manual_entry, revoke_manual_entry
from gongkai.oversight.tasks import refresh_scores
from gongkai.publishing.tests.test_attachments import pdf_bytes

from .conftest import TODAY


def test_the_daily_jobs_are_on_the_schedule():
    assert entry("oversight.inspect").task_path == "gongkai.oversight.tasks.daily_inspection"
    assert entry("oversight.scores").task_path == "gongkai.oversight.tasks.refresh_scores"
    assert entry("oversight.remind").task_path == "gongkai.oversight.tasks.daily_reminders"
    assert [entry(name).at.hour for name in ("oversight.inspect", "oversight.scores", "oversight.remind")] == [2, 4, 8]


def manual_scheme(scheme, indicator, office):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=100, points_each=0)
    activate_scheme(scheme=scheme, actor=office)
    return manual


def deduct(manual, department, office, on: date, points="4"):
    upload = SimpleUploadedFile("记录.pdf", pdf_bytes("evidence"), content_type="application/pdf")
    return add_manual_entry(
        indicator=manual,
        organization=department,
        points=points,
        reason="督查发现",
        occurred_on=on,
        evidence=upload,
        actor=office,
    )


def row_of(data, name):
    return next(row["scores"] for row in data["rows"] if row["name"] == name)


def test_refresh_computes_the_closed_months_and_the_trend_reads_them(
    scheme, indicator, office, department, other_department, django_assert_max_num_queries
):
    manual = manual_scheme(scheme, indicator, office)
    deduct(manual, department, office, date(2026, 2, 10))
    assert refresh_trends(today=TODAY) == 5  # January to May for the one group with indicators
    with django_assert_max_num_queries(14):  # the live board only: the five closed months come from the cache
        data = trend(scheme, Group.DEPARTMENTS, TODAY)
    assert data["months"] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert row_of(data, department.display_name) == [100.0, 96.0, 96.0, 96.0, 96.0, 96.0]


def test_a_deduction_in_a_closed_month_shows_in_the_trend_at_once(
    scheme, indicator, office, department, django_capture_on_commit_callbacks
):
    manual = manual_scheme(scheme, indicator, office)
    refresh_trends(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        entry = deduct(manual, department, office, date(2026, 3, 3), points="2.5")
    assert row_of(trend(scheme, Group.DEPARTMENTS, TODAY), department.display_name)[1:3] == [100.0, 97.5]
    with django_capture_on_commit_callbacks(execute=True):
        revoke_manual_entry(entry=entry, reason="复核不属实", actor=office)
    assert row_of(trend(scheme, Group.DEPARTMENTS, TODAY), department.display_name)[2] == 100.0


def test_refresh_scores_task_runs_inline(scheme, indicator, office, department):
    manual_scheme(scheme, indicator, office)
    today = timezone.localdate()
    expected = len(month_ends(2026, today)) - 1 if today.year <= 2027 else 0
    assert refresh_scores.enqueue().return_value == expected
