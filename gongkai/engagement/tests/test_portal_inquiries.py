"""The public inquiry pages: CSRF, the two human checks, the personal-data warning, rate limits, tracking, lists."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from gongkai.engagement import services
from gongkai.engagement.models import Inquiry, Rating

from .factories import answered, submit

pytestmark = pytest.mark.django_db
ASK = reverse("portal:engagement:ask")
TRACK = reverse("portal:engagement:track")


def form(client, organization, *, text=True, **overrides):
    client.get(ASK)
    data = {
        "organization": organization.pk,
        "subject": "办理居住证",
        "question": "请问办理居住证需要哪些材料？",
        "asker_name": "李四",
        "asker_phone": "13912345678",
    }
    if text:
        data["text_answer"] = client.session["engagement_text_challenge"]["answers"][0]
    else:
        data["captcha"] = client.session["applications_captcha"]["answer"]
    data.update(overrides)
    return data


def test_blind_person_passes_with_the_text_question(client, department):
    page = client.get(ASK).content.decode()
    question = client.session["engagement_text_challenge"]["question"]
    assert question in page
    assert 'name="csrfmiddlewaretoken"' in page
    response = client.post(ASK, form(client, department))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.channel == "online"
    assert inquiry.tracking_code in client.get(response["Location"]).content.decode()


def test_image_captcha_also_passes(client, department):
    assert client.post(ASK, form(client, department, text=False)).status_code == 302
    assert Inquiry.objects.count() == 1


def test_wrong_answers_are_refused_and_the_challenge_is_used_up(client, department):
    data = form(client, department, text_answer="错误", captcha="0")
    response = client.post(ASK, data)
    assert response.status_code == 200
    assert "验证码或文字问题的答案不正确" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_csrf_is_required(department):
    client = Client(enforce_csrf_checks=True)
    response = client.post(ASK, {"organization": department.pk})
    assert response.status_code == 403


def test_citizen_is_warned_about_their_id_number_before_submitting(client, department):
    data = form(client, department, question="我的身份证号是11010519491231002X，请问怎么办？")
    response = client.post(ASK, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "身份证号码 1 处" in body
    assert "11010519491231002X" in body  # still in the textarea for the citizen to edit
    assert Inquiry.objects.count() == 0
    confirmed = form(client, department, question=data["question"], confirm_personal_data="on")
    assert client.post(ASK, confirmed).status_code == 302
    assert Inquiry.objects.count() == 1


@override_settings(GONGKAI_PUBLIC_FORM_RATE=2)
def test_submissions_are_rate_limited_per_address(client, department):
    for _attempt in range(2):
        assert client.post(ASK, form(client, department)).status_code == 302
    response = client.post(ASK, form(client, department))
    assert response.status_code == 429
    assert Inquiry.objects.count() == 2


def test_mailbox_form_sends_to_the_mailbox(client, office, government):
    mailbox = services.save_mailbox(actor=office, organization=government, name="区长信箱", kind="head")
    client.get(f"{ASK}?mailbox={mailbox.pk}")
    data = form(client, government, mailbox=mailbox.pk)
    del data["organization"]
    assert client.post(ASK, data).status_code == 302
    assert Inquiry.objects.get().mailbox == mailbox


def test_tracking_shows_the_answer_and_takes_a_rating_without_personal_data(client, department, clerk, reviewer):
    inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
    body = client.post(TRACK, {"tracking_code": inquiry.tracking_code.lower()}).content.decode()
    assert "需要身份证、户口簿和收入证明。" in body
    assert "13812345678" not in body
    assert "zhang@example.com" not in body
    response = client.post(
        reverse("portal:engagement:rate"), {"tracking_code": inquiry.tracking_code, "rating": Rating.SATISFIED}
    )
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.rating == Rating.SATISFIED


def test_unknown_codes_are_limited_per_code(client):
    for _attempt in range(5):
        assert "没有找到" in client.post(TRACK, {"tracking_code": "ZX2026-AAAAAAAA"}).content.decode()
    assert client.post(TRACK, {"tracking_code": "ZX2026-AAAAAAAA"}).status_code == 429


def test_published_lists_never_show_personal_data(
    client, department, clerk, reviewer, office, django_assert_max_num_queries
):
    for _index in range(3):
        inquiry = answered(
            submit(department, question="我是张三丰，电话13812345678。"), handler=clerk, reviewer=reviewer
        )
        services.publish_inquiry(actor=office, inquiry=inquiry)
    unpublished = submit(department, subject="未公开的咨询")
    with django_assert_max_num_queries(6):
        body = client.get(reverse("portal:engagement:answers")).content.decode()
    assert body.count("低保申请需要哪些材料") == 3
    assert unpublished.subject not in body
    detail = client.get(reverse("portal:engagement:answer", args=[inquiry.pk])).content.decode()
    for secret in ("张三丰", "13812345678", "zhang@example.com"):
        assert secret not in body
        assert secret not in detail
    assert client.get(reverse("portal:engagement:answer", args=[unpublished.pk])).status_code == 404


def test_pages_read_in_english(client, department):
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("看不到图片？请回答文字问题：").startswith("Cannot see the image?")
    client.cookies["django_language"] = "en"
    body = client.get(ASK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ask a question" in body
