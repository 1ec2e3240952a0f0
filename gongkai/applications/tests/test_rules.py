"""Outcomes ↔ the annual report's rows, the 109号 fee bands, lights and the repeat/mass hints."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications import fees, selectors
from gongkai.applications.models import Outcome
from gongkai.applications.outcomes import OUTCOME_ROWS, row_label

from .factories import make_application

OFFICIAL_ROWS = [
    ("disclosed", "（一）予以公开"),
    ("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld_1", "（三）不予公开 1.属于国家秘密"),
    ("withheld_2", "（三）不予公开 2.其他法律行政法规禁止公开"),
    ("withheld_3", "（三）不予公开 3.危及“三安全一稳定”"),
    ("withheld_4", "（三）不予公开 4.保护第三方合法权益"),
    ("withheld_5", "（三）不予公开 5.属于三类内部事务信息"),
    ("withheld_6", "（三）不予公开 6.属于四类过程性信息"),
    ("withheld_7", "（三）不予公开 7.属于行政执法案卷"),
    ("withheld_8", "（三）不予公开 8.属于行政查询事项"),
    ("unavailable_1", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable_2", "（四）无法提供 2.没有现成信息需要另行制作"),
    ("unavailable_3", "（四）无法提供 3.补正后申请内容仍不明确"),
    ("not_processed_1", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed_2", "（五）不予处理 2.重复申请"),
    ("not_processed_3", "（五）不予处理 3.要求提供公开出版物"),
    ("not_processed_4", "（五）不予处理 4.无正当理由大量反复申请"),
    ("not_processed_5", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"),
    ("other_1", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_2", "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_3", "（六）其他处理 3.其他"),
]


def test_outcomes_are_exactly_the_annual_report_rows_in_order():
    assert [(value, row_label(value)) for value in Outcome.values] == OFFICIAL_ROWS
    assert Outcome.OTHER_1.label == "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert set(OUTCOME_ROWS) == set(Outcome.values)


@pytest.mark.parametrize(
    ("prior", "items", "expected"),
    [(0, 10, 0), (9, 2, 100), (10, 1, 100), (29, 2, 300), (30, 1, 200), (40, 1, 300), (50, 1, 400), (0, 31, 2200)],
)
def test_per_item_fee_is_progressive_by_the_natural_month(prior, items, expected):
    assert fees.per_item_fee(prior_items=prior, items=items) == Decimal(expected)


@pytest.mark.parametrize(
    ("pages", "expected"), [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)]
)
def test_per_page_fee_is_progressive_by_volume(pages, expected):
    assert fees.per_page_fee(pages=pages) == Decimal(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "light"),
    [
        (date(2026, 10, 14), "green"),  # 6 working days left (10-15, 16, 19, 20, 21, 22)
        (date(2026, 10, 15), "yellow"),  # 5 left
        (date(2026, 10, 22), "yellow"),  # the due date itself
        (date(2026, 10, 23), "red"),
    ],
)
def test_lights(clerk, department, today, light):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    assert selectors.light_of(application, today) == light
    assert {item.pk for item in selectors.filter_by_light(department.applications.all(), light, today)} == {
        application.pk
    }


@pytest.mark.django_db
def test_repeat_and_mass_hints(clerk, department):
    first = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    again = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 2))
    other = make_application(
        actor=clerk, organization=department, received_on=date(2026, 9, 3), description="本区公共厕所建设规划"
    )
    assert selectors.hints_for(first) == []
    repeat = selectors.hints_for(again)
    assert [hint.kind for hint in repeat] == ["repeat"]
    assert repeat[0].tracking_codes == (first.tracking_code,)
    assert selectors.hints_for(other) == []
    for day in range(7, 16):
        last = make_application(
            actor=clerk, organization=department, received_on=date(2026, 9, day), description=f"第{day}号文件"
        )
    assert "mass" in [hint.kind for hint in selectors.hints_for(last)]


@pytest.mark.django_db
def test_consultation_after_a_correction_is_not_red_from_the_old_correction_deadline(clerk, department):
    from gongkai.applications import services

    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    services.request_correction(
        actor=clerk,
        application=application,
        items="时间范围",
        correction_due_on=date(2026, 9, 25),
        on=date(2026, 9, 21),
    )
    services.receive_correction(actor=clerk, application=application, on=date(2026, 9, 22))
    services.start_consultation(actor=clerk, application=application, party="第三方", on=date(2026, 9, 23))
    application.refresh_from_db()
    today = date(2026, 10, 30)
    assert selectors.light_of(application, today) == "green"
    assert list(selectors.filter_by_light(department.applications.all(), "red", today)) == []
    assert [item.pk for item in selectors.filter_by_light(department.applications.all(), "green", today)] == [
        application.pk
    ]
