"""Disclosure deadlines in working days across holidays and adjusted weekends, and the traffic lights."""

from datetime import date

import pytest

from gongkai.catalog.tests.factories import catalog_of, item_data, make_tree
from gongkai.core.workdays import WorkCalendar
from gongkai.publishing import deadlines, services
from gongkai.publishing.models import Light, RecordStatus

from .factories import draft, force_status

# 2025-09-26 is a Friday. Working days after it: Sun 09-28 (调休上班), 09-29, 09-30, then the merged National Day and
# Mid-Autumn holiday 10-01..10-08, then 10-09, 10-10, Sat 10-11 (调休上班), 10-13 … so the 20th is Thu 10-30.
WRITTEN = date(2025, 9, 26)
DUE = date(2025, 10, 30)


def test_without_an_item_the_statutory_twenty_working_days_apply(department, clerk):
    record = draft(department, clerk, written_on=WRITTEN)
    assert record.due_on == DUE


def test_the_linked_item_time_limit_decides(department, clerk, office):
    catalog = catalog_of(department)
    _group, guide, _review = make_tree(catalog, office)  # 制定或获取信息之日起10个工作日内
    record = draft(department, clerk, written_on=WRITTEN, items=[guide])
    # 10th working day after 09-26: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16.
    assert record.due_on == date(2025, 10, 16)
    assert record.effective_stage == "service"


def test_an_item_without_a_working_day_rule_falls_back_to_the_statute(department, clerk, office):
    from gongkai.catalog.services import create_item

    catalog = catalog_of(department)
    item = create_item(catalog=catalog, actor=office, data=item_data(name="工作动态", time_limit="及时公开"))
    record = draft(department, clerk, written_on=WRITTEN, items=[item])
    assert record.due_on == DUE


@pytest.mark.parametrize(
    ("today", "light", "left"),
    [
        (date(2025, 9, 30), Light.GREEN, 17),  # eight holiday days in between do not count
        (date(2025, 10, 22), Light.GREEN, 6),
        (date(2025, 10, 23), Light.YELLOW, 5),
        (date(2025, 10, 30), Light.YELLOW, 0),
        (date(2025, 10, 31), Light.RED, -1),
    ],
)
def test_lights_count_working_days_left(department, clerk, today, light, left):
    record = draft(department, clerk, written_on=WRITTEN)
    [annotated] = deadlines.annotate_lights([record], today)
    assert (annotated.light, annotated.days_left) == (light, left)
    calendar = WorkCalendar.load(min(today, DUE), max(today, DUE))
    assert deadlines.light(DUE, today, calendar) == light


def test_records_published_after_their_due_date_are_marked_late(department, clerk, reviewer):
    late = services.publish_record(
        record=force_status(draft(department, clerk, written_on=WRITTEN), RecordStatus.CLEARED), actor=reviewer
    )
    assert late.published_late is True
    fresh = draft(department, clerk, written_on=date.today())
    fresh = services.publish_record(record=force_status(fresh, RecordStatus.CLEARED), actor=reviewer)
    assert fresh.published_late is False


def test_a_changed_holiday_schedule_moves_open_deadlines(department, clerk, django_capture_on_commit_callbacks):
    from gongkai.core.services import set_year_schedule

    record = draft(department, clerk, written_on=WRITTEN)
    with django_capture_on_commit_callbacks(execute=True):
        set_year_schedule(year=2025, holidays=[], workdays=[], notice="测试：取消全部节假日")
    record.refresh_from_db()
    # Monday to Friday minus the statutory holidays that no schedule can remove (国庆 10-01..10-03, 中秋 10-06):
    # the 20th working day after Fri 09-26 is Thu 10-30.
    assert record.due_on == date(2025, 10, 30)


def test_a_limit_relative_to_an_event_counts_from_the_records_event_date(department, clerk, office):
    from gongkai.catalog.services import create_item

    catalog = catalog_of(department)
    item = create_item(
        catalog=catalog, actor=office, data=item_data(name="行政处罚结果", time_limit="作出行政决定之日起7个工作日内")
    )
    without_event = draft(department, clerk, written_on=WRITTEN, items=[item])
    assert without_event.due_on == DUE  # no event date on the record: the statutory 20 working days
    with_event = draft(department, clerk, written_on=WRITTEN, items=[item], event_on=date(2025, 10, 9))
    # 7 working days after Thu 10-09: 10-10, Sat 10-11 (调休上班), 10-13, 10-14, 10-15, 10-16, 10-17.
    assert with_event.due_on == date(2025, 10, 17)
