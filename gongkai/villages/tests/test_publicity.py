"""公示: the objection window in working days across holidays, objections, the result, masking, going offline."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.services import publish_due
from gongkai.publishing.tests.factories import force_status
from gongkai.villages import selectors, services
from gongkai.villages.errors import VillagesError, VillagesErrorCode
from gongkai.villages.models import Objection, Publicity

ENTRIES = [
    {
        "name": "王建国",
        "id_number": "11010519491231002X",
        "address": "东风街道东风社区幸福路12号3栋",
        "detail": "保障3人，月保障金1260元",
    },
    {"name": "李敏", "id_number": "", "address": "", "detail": "联系电话13812345678"},
]


def make(village, village_clerk, **fields):
    values = {
        "title": "东风社区2026年第三批低保对象审核公示",
        "kind": "subsistence",
        "body": "<p>经民主评议，现予公示。</p>",
    }
    values["entries"] = ENTRIES
    return services.create_publicity(organization=village, actor=village_clerk, **(values | fields))


def published_on(publicity, day: date) -> Publicity:
    at = timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=9)))
    force_status(publicity.record, RecordStatus.PUBLISHED, published_at=at)
    return services.start_publicity(record_id=publicity.record_id)


def test_a_notice_lands_in_the_publicity_column_as_a_draft(village, village_clerk):
    publicity = make(village, village_clerk)
    assert publicity.record.status == RecordStatus.DRAFT
    assert list(publicity.record.columns.values_list("slug", flat=True)) == ["village-affairs-publicity"]
    assert publicity.entries.count() == 2
    assert publicity.keep_days is None  # a 低保 list stays online


def test_the_window_counts_working_days_across_national_day(village, village_clerk):
    publicity = published_on(make(village, village_clerk), date(2026, 9, 30))
    # 9/30, then 10/1–10/7 are holidays, 10/10 (Saturday) is a working day: 9/30, 10/8, 10/9, 10/10, 10/12–14.
    assert (publicity.starts_on, publicity.ends_on) == (date(2026, 9, 30), date(2026, 10, 14))
    services.submit_objection(
        publicity=publicity, text="王建国家有经营性车辆。", name="张三", phone="13912345678", on=date(2026, 10, 14)
    )
    with pytest.raises(VillagesError) as error:
        services.submit_objection(
            publicity=publicity, text="公示期后才看到。", name="张三", phone="13912345678", on=date(2026, 10, 15)
        )
    assert error.value.code == VillagesErrorCode.OUTSIDE_PERIOD
    assert Objection.objects.count() == 1


def test_a_notice_published_on_a_holiday_starts_on_the_next_working_day(village, village_clerk):
    publicity = published_on(make(village, village_clerk, kind="award"), date(2026, 10, 3))
    assert (publicity.starts_on, publicity.ends_on) == (date(2026, 10, 8), date(2026, 10, 15))
    with pytest.raises(VillagesError):
        services.submit_objection(
            publicity=publicity, text="节日期间提出的异议。", name="张三", phone="13912345678", on=date(2026, 10, 5)
        )
    assert publicity.record.__class__.objects.get(pk=publicity.record_id).display_until == date(2026, 11, 14)


def test_starting_twice_changes_nothing(village, village_clerk):
    publicity = published_on(make(village, village_clerk), date(2026, 9, 30))
    again = services.start_publicity(record_id=publicity.record_id)
    assert again.ends_on == date(2026, 10, 14)
    assert AuditEntry.objects.filter(action="villages.publicity.started").count() == 1


def test_bad_objections_are_refused_with_what_to_fix(village, village_clerk):
    publicity = published_on(make(village, village_clerk), date(2026, 9, 30))
    with pytest.raises(VillagesError) as error:
        services.submit_objection(
            publicity=publicity, text="有异议的内容", name="张三", phone="12345", on=date(2026, 10, 8)
        )
    assert "联系电话" in error.value.message
    assert not Objection.objects.exists()


def test_the_notice_ends_with_no_objection_or_the_result(village, village_clerk, township_reviewer):
    publicity = published_on(make(village, village_clerk), date(2026, 9, 30))
    assert selectors.publicity_state(publicity, date(2026, 10, 9)).phase == "open"
    assert selectors.publicity_state(publicity, date(2026, 10, 15)).message == "公示期满，无异议。"
    objection = services.submit_objection(
        publicity=publicity, text="王建国家有经营性车辆。", name="张三", phone="13912345678", on=date(2026, 10, 9)
    )
    with pytest.raises(VillagesError) as error:
        services.record_publicity_result(
            publicity=publicity, actor=township_reviewer, result="核查完毕", on=date(2026, 10, 15)
        )
    assert error.value.code == VillagesErrorCode.OPEN_OBJECTIONS
    services.answer_objection(
        objection=objection, actor=township_reviewer, answer="经入户核查，车辆已于2025年转让。", outcome="rejected"
    )
    with pytest.raises(VillagesError):
        services.record_publicity_result(publicity=publicity, actor=village_clerk, result="", on=date(2026, 10, 15))
    services.record_publicity_result(
        publicity=publicity,
        actor=village_clerk,
        result="公示期满，收到异议1件，经核查不成立，维持原审核结果。",
        on=date(2026, 10, 15),
    )
    state = selectors.publicity_state(Publicity.objects.get(pk=publicity.pk), date(2026, 10, 16))
    assert state.message == "公示期满，收到异议1件，经核查不成立，维持原审核结果。"
    assert state.objections == [
        {"text": "王建国家有经营性车辆。", "answer": "经入户核查，车辆已于2025年转让。", "outcome": "经核查异议不成立"}
    ]
    assert "张三" not in str(state)
    assert "13912345678" not in str(state)


def test_someone_from_another_village_cannot_answer(village, village_clerk, other_clerk):
    publicity = published_on(make(village, village_clerk), date(2026, 9, 30))
    objection = services.submit_objection(
        publicity=publicity, text="异议内容写清楚", name="张三", phone="13912345678", on=date(2026, 10, 9)
    )
    with pytest.raises(AccessDenied):
        services.answer_objection(objection=objection, actor=other_clerk, answer="不相干", outcome="rejected")
    objection.refresh_from_db()
    assert objection.answered_at is None


def test_public_lists_are_masked_by_the_screening_rules(village, village_clerk):
    publicity = make(village, village_clerk)
    rows = selectors.masked_entries(publicity)
    assert rows[0] == {
        "name": "王*国",
        "id_number": "11*************02X",
        "address": "东风街道****",
        "detail": "保障3人，月保障金1260元",
    }
    assert rows[1] == {"name": "李*", "id_number": "", "address": "", "detail": "联系电话138****5678"}


def test_a_wrong_id_number_in_the_list_is_refused(village, village_clerk):
    with pytest.raises(VillagesError) as error:
        make(village, village_clerk, entries=[{"name": "王建国", "id_number": "110105194912310021"}])
    assert "第1行" in error.value.message
    assert not Publicity.objects.exists()
    assert not Record.objects.exists()


def test_an_award_notice_goes_offline_by_its_rule(village, village_clerk):
    publicity = published_on(make(village, village_clerk, kind="award"), date(2026, 9, 30))
    record = Record.objects.get(pk=publicity.record_id)
    assert record.display_until == date(2026, 11, 13)  # 30 days after 10/14
    publish_due(now=timezone.make_aware(datetime(2026, 11, 14, 8)))
    record.refresh_from_db()
    assert record.status == RecordStatus.TAKEN_OFFLINE
