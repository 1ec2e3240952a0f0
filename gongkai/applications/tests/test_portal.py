"""The public pages: online application with captcha and rate limit, acknowledgement, leak-free tracking."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Outcome, Status
from gongkai.core.models import AuditEntry

from .factories import applicant_data, make_application

pytestmark = pytest.mark.django_db
APPLY = reverse("portal:applications:apply")
TRACK = reverse("portal:applications:track")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(client, organization, **overrides):
    client.get(APPLY)
    answer = client.session["applications_captcha"]["answer"]
    data = {key: value for key, value in applicant_data().items() if value}
    data.update({"organization": organization.pk, "captcha": answer})
    data.update(overrides)
    return data


def test_apply_page_works_without_javascript_and_has_a_captcha_image(client, department):
    response = client.get(APPLY)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in body
    assert reverse("portal:applications:captcha") in body
    # Works without JavaScript: no inline script; the one script only shows the hidden 换一题 button.
    assert "<script>" not in body
    assert 'id="captcha-refresh" class="link-button" data-url="/apply/captcha.svg" hidden>' in body
    image = client.get(reverse("portal:applications:captcha"))
    assert image["Content-Type"] == "image/svg+xml"
    expression = client.session["applications_captcha"]["expression"]
    # The sum is drawn as strokes: the digits never appear as text in the image.
    assert expression not in image.content.decode()
    assert "<text" not in image.content.decode()


def test_online_application_is_received_today_and_acknowledged(client, department):
    response = client.post(APPLY, form_data(client, department))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.channel == "online"
    assert application.status == Status.REGISTERED
    acknowledgement = client.get(response["Location"])
    assert application.tracking_code in acknowledgement.content.decode()
    assert AuditEntry.objects.filter(action="applications.application.submitted").count() == 1


def test_wrong_captcha_is_refused_and_changes_the_challenge(client, department):
    data = form_data(client, department, captcha="999")
    response = client.post(APPLY, data)
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert Application.objects.count() == 0
    assert "applications_captcha" in client.session  # a fresh challenge for the next try


def test_captcha_answer_cannot_be_reused(client, department):
    data = form_data(client, department)
    assert client.post(APPLY, data).status_code == 302
    assert "applications_captcha" not in client.session
    second = client.post(APPLY, data)
    assert second.status_code == 200
    assert "验证码不正确" in second.content.decode()
    assert Application.objects.count() == 1


def test_apply_is_rate_limited_per_address(client, department, settings):
    settings.GONGKAI_PUBLIC_FORM_RATE = 2
    for _index in range(2):
        assert client.post(APPLY, form_data(client, department)).status_code == 302
    response = client.post(APPLY, form_data(client, department))
    assert response.status_code == 429
    assert Application.objects.count() == 2


def test_apply_without_csrf_token_is_refused(department):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(APPLY, {"organization": department.pk})
    assert response.status_code == 403
    assert Application.objects.count() == 0


def test_apply_page_query_count(client, department, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # 5, and (when not cached yet) the site settings in the footer
        assert client.get(APPLY).status_code == 200


@pytest.fixture
def delivered(clerk, reviewer, department):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    services.decide_application(
        actor=reviewer,
        application=application,
        outcome=Outcome.WITHHELD_4,
        legal_basis="条例第十五条",
        reasons="第三方不同意公开",
        on=date(2026, 10, 9),
    )
    services.generate_reply(actor=clerk, application=application)
    services.deliver_reply(actor=clerk, application=application, method="post", on=date(2026, 10, 10), reference="EMS1")
    return application


def test_tracking_shows_status_due_date_and_published_reply(client, delivered):
    response = client.post(TRACK, {"tracking_code": delivered.tracking_code.lower(), "phone_last4": "5678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "已送达" in body
    assert "（三）不予公开 4.保护第三方合法权益" in body
    assert "政府信息不予公开告知书" in body
    assert "第三方不同意公开" in body


def test_tracking_never_shows_personal_data(client, delivered):
    body = client.post(TRACK, {"tracking_code": delivered.tracking_code, "phone_last4": "5678"}).content.decode()
    for secret in (delivered.applicant_name, delivered.id_number, delivered.phone, delivered.email, delivered.address):
        assert secret not in body
    assert "张**" in body


def test_tracking_with_wrong_digits_shows_nothing(client, delivered, clerk, department):
    other = make_application(actor=clerk, organization=department, phone="13800001111", description="另一人的申请内容")
    response = client.post(TRACK, {"tracking_code": other.tracking_code, "phone_last4": "5678"})
    body = response.content.decode()
    assert "未找到对应的申请" in body
    assert other.tracking_code not in body.split("</form>")[-1]
    assert "另一人的申请内容" not in body


def test_tracking_is_rate_limited_per_code(client, delivered):
    for _index in range(5):
        client.post(TRACK, {"tracking_code": delivered.tracking_code, "phone_last4": "0000"})
    response = client.post(TRACK, {"tracking_code": delivered.tracking_code, "phone_last4": "5678"})
    assert response.status_code == 429
    assert "政府信息不予公开告知书" not in response.content.decode()


def test_tracking_is_rate_limited_per_address(client, delivered, settings):
    settings.GONGKAI_TRACKING_RATE = 3
    for _index in range(3):
        assert client.post(TRACK, {"tracking_code": "2026-XXXX-XXXX", "phone_last4": "1234"}).status_code == 200
    assert client.post(TRACK, {"tracking_code": delivered.tracking_code, "phone_last4": "5678"}).status_code == 429


def test_transferred_application_points_to_the_new_one(client, clerk, department, other_department):
    application = make_application(actor=clerk, organization=department)
    copy = services.transfer_application(
        actor=clerk, application=application, to_organization=other_department, reason="职责", on=date(2026, 9, 21)
    )
    body = client.post(TRACK, {"tracking_code": application.tracking_code, "phone_last4": "5678"}).content.decode()
    assert copy.tracking_code in body
    assert other_department.name in body


def test_tracking_explains_how_the_due_date_was_computed(client, clerk, department):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    services.start_consultation(actor=clerk, application=application, party="某某科技有限公司", on=date(2026, 9, 24))
    body = client.post(TRACK, {"tracking_code": application.tracking_code, "phone_last4": "5678"}).content.decode()
    assert "答复期限是怎样计算的" in body
    assert "计时暂停" in body
    assert "某某科技有限公司" not in body


def test_tracking_page_query_count(client, delivered, django_assert_max_num_queries):
    # 9 with the rate limit counted in the database (no Redis): one UPDATE and one read of the counter; and one
    # for the site settings in the footer.
    with django_assert_max_num_queries(10):
        response = client.post(TRACK, {"tracking_code": delivered.tracking_code, "phone_last4": "5678"})
    assert response.status_code == 200
    assert delivered.tracking_code in response.content.decode()
