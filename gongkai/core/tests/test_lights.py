"""The one traffic light: thresholds, labels, the organization's regional calendar, provisional warnings."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.lights import LABELS, Light, light_for, lights_for, yellow_until
from gongkai.core.services import add_regional_holiday
from gongkai.orgs.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("deadline", "light", "left"),
    [
        (None, Light.GREEN, None),
        (date(2026, 8, 31), Light.RED, -1),
        (TODAY, Light.YELLOW, 0),
        (date(2026, 9, 8), Light.YELLOW, 5),
        (date(2026, 9, 9), Light.GREEN, 6),
    ],
)
def test_thresholds(deadline, light, left):
    signal = light_for(deadline, today=TODAY)
    assert (signal.light, signal.days_left) == (light, left)
    assert signal.label == str(LABELS[light])
    assert signal.warnings == []


def test_labels_are_chinese():
    assert [str(LABELS[light]) for light in Light] == ["正常", "临近期限", "已超期"]


def test_the_regional_calendar_turns_green_into_yellow():
    county = RegionFactory(name="示范县", division_code="450999000000")
    township = RegionFactory(name="示范镇", division_code="450999001000", parent=county)
    add_regional_holiday(region=county, on=date(2026, 9, 3), name="地方节日")
    deadline = date(2026, 9, 9)
    assert light_for(deadline, today=TODAY).light == Light.GREEN
    regional = light_for(deadline, today=TODAY, region=township)
    assert (regional.light, regional.days_left) == (Light.YELLOW, 5)
    assert yellow_until(TODAY, region=township) == date(2026, 9, 9)
    assert yellow_until(TODAY) == date(2026, 9, 8)
    many = lights_for({"national": (deadline, None), "regional": (deadline, township)}, today=TODAY)
    assert (many["national"].light, many["regional"].light) == (Light.GREEN, Light.YELLOW)


def test_a_deadline_in_a_provisional_year_carries_the_warning():
    signal = light_for(date(2027, 1, 4), today=date(2026, 12, 28))
    assert signal.light == Light.YELLOW
    assert signal.days_left == 4  # 12-29, 12-30, 12-31, 01-04: 元旦 is never a working day
    assert "2027年" in signal.warnings[0]


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 1)), st.integers(min_value=0, max_value=30))
def test_yellow_until_agrees_with_the_light(today, offset):
    deadline = today + timedelta(days=offset)
    is_yellow = light_for(deadline, today=today).light == Light.YELLOW
    assert is_yellow == (deadline <= yellow_until(today))


def test_a_kind_of_short_deadline_sets_its_own_yellow_threshold_and_keeps_the_rest():
    """Village issue steps (one working day) and rectifications (three) use the same light with a nearer yellow."""
    assert light_for(date(2026, 9, 2), today=TODAY, yellow_workdays=1).light == Light.YELLOW
    assert light_for(date(2026, 9, 3), today=TODAY, yellow_workdays=1).light == Light.GREEN
    assert light_for(date(2026, 8, 31), today=TODAY, yellow_workdays=1).light == Light.RED
    many = lights_for({"a": (date(2026, 9, 4), None), "b": (date(2026, 9, 7), None)}, today=TODAY, yellow_workdays=3)
    assert (many["a"].light, many["b"].light) == (Light.YELLOW, Light.GREEN)
