"""Editing a draft questionnaire: change, remove (kept, marked removed) and reorder questions; nothing once open."""

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.engagement import services
from gongkai.engagement.errors import EngagementError, EngagementErrorCode
from gongkai.engagement.models import Option, Question
from gongkai.engagement.survey_results import results_for

from .factories import build_survey

pytestmark = pytest.mark.django_db


def texts(survey):
    return list(survey.questions.values_list("position", "text"))


def test_editing_a_question_keeps_its_options_in_order_and_marks_dropped_ones_removed(office, government):
    survey, overall, *_rest = build_survey(office, government)
    first_option = overall.options.get(label="满意")
    services.update_question(
        actor=office,
        question=overall,
        text="您对本区政务公开工作的总体评价",
        kind="single",
        options=[("非常满意", True), ("不满意", False)],
        measures_satisfaction=True,
    )
    overall.refresh_from_db()
    assert overall.text == "您对本区政务公开工作的总体评价"
    assert list(overall.options.values_list("label", "counts_as_satisfied")) == [("非常满意", True), ("不满意", False)]
    assert overall.options.first().pk == first_option.pk  # the first line updated the first option
    assert list(Option.with_removed.filter(question=overall, is_removed=True).values_list("label", flat=True)) == [
        "不满意"
    ]
    entry = AuditEntry.objects.get(action="engagement.survey.question_changed")
    assert entry.data["before"]["options"] == ["满意", "基本满意", "不满意"]
    assert entry.data["after"]["options"] == ["非常满意", "不满意"]


def test_a_changed_kind_drops_the_options_and_a_bad_edit_changes_nothing(office, government):
    survey, _overall, _rating, channels, _advice = build_survey(office, government)
    with pytest.raises(EngagementError) as error:
        services.update_question(actor=office, question=channels, text="渠道", kind="single", options=["网站"])
    assert error.value.field == "options"
    channels.refresh_from_db()
    assert (channels.text, channels.kind, channels.options.count()) == ("您通过哪些渠道获取政府信息", "multiple", 3)
    assert not AuditEntry.objects.filter(action="engagement.survey.question_changed").exists()
    services.update_question(actor=office, question=channels, text="获取信息是否方便", kind="rating")
    assert channels.options.count() == 0
    assert Option.with_removed.filter(question=channels).count() == 3


def test_removing_a_question_keeps_the_row_and_numbers_the_rest_again(office, government):
    survey, overall, rating, channels, advice = build_survey(office, government)
    services.remove_question(actor=office, question=rating)
    assert texts(survey) == [(0, overall.text), (1, channels.text), (2, advice.text)]
    assert Question.with_removed.get(pk=rating.pk).is_removed
    assert [result.question.pk for result in results_for(survey).questions] == [overall.pk, channels.pk, advice.pk]
    assert AuditEntry.objects.filter(action="engagement.survey.question_removed").count() == 1
    with pytest.raises(EngagementError):
        services.remove_question(actor=office, question=rating)
    services.add_question(actor=office, survey=survey, text="补充题", kind="text")
    assert texts(survey)[-1] == (3, "补充题")


def test_moving_questions_up_and_down_and_stopping_at_the_ends(office, government):
    survey, overall, rating, channels, advice = build_survey(office, government)
    services.move_question(actor=office, question=channels, up=True)
    assert [text for _position, text in texts(survey)] == [overall.text, channels.text, rating.text, advice.text]
    services.move_question(actor=office, question=overall, up=False)
    services.move_question(actor=office, question=advice, up=False)  # already last: nothing moves
    assert [text for _position, text in texts(survey)] == [channels.text, overall.text, rating.text, advice.text]
    assert [position for position, _text in texts(survey)] == [0, 1, 2, 3]
    assert AuditEntry.objects.filter(action="engagement.survey.question_moved").count() == 2


def test_an_open_survey_cannot_be_edited_and_a_clerk_never_can(office, government, make_person):
    survey, overall, rating, *_rest = build_survey(office, government)
    clerk = make_person("clerk", government)
    with pytest.raises(AccessDenied):
        services.remove_question(actor=clerk, question=rating)
    services.open_survey(actor=office, survey=survey)
    for attempt in (
        lambda: services.update_question(actor=office, question=overall, text="改", kind="text"),
        lambda: services.remove_question(actor=office, question=rating),
        lambda: services.move_question(actor=office, question=rating, up=True),
    ):
        with pytest.raises(EngagementError) as error:
            attempt()
        assert error.value.code == EngagementErrorCode.WRONG_STATE
    overall.refresh_from_db()
    assert overall.text == "您对政务公开工作的总体评价"
    assert survey.questions.count() == 4
    assert (
        not AuditEntry.objects.filter(action__startswith="engagement.survey.question_")
        .exclude(action="engagement.survey.question_added")
        .exists()
    )
