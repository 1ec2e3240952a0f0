"""The apply form's finish: an error summary at the top linking to each field, labels above full-width inputs, the
wrong captcha answer cleared, and a new captcha without reloading the form."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.tests.factories import applicant_data
from gongkai.core.tests.browser import PageProblems, browser_session
from gongkai.portal.applications.captcha import SESSION_KEY

APPLY = reverse("portal:applications:apply")
CAPTCHA = reverse("portal:applications:captcha")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(client, organization, **overrides):
    client.get(APPLY)
    data = {key: value for key, value in applicant_data().items() if value}
    data.update({"organization": organization.pk, "captcha": client.session[SESSION_KEY]["answer"]})
    data.update(overrides)
    return data


def test_error_summary_links_to_each_field_in_error(client, department):
    response = client.post(APPLY, form_data(client, department, applicant_name="", description=""))
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))]
    assert "请修改以下 2 处问题后再提交" in summary
    assert 'href="#id_applicant_name"' in summary
    assert 'href="#id_description"' in summary
    assert page.index('class="error-summary"') < page.index(f'<form method="post" action="{APPLY}"')


def test_no_summary_on_a_fresh_form(client, department):
    assert "error-summary" not in client.get(APPLY).content.decode()


def test_wrong_captcha_answer_is_cleared_and_other_answers_kept(client, department):
    response = client.post(APPLY, form_data(client, department, captcha="999"))
    page = response.content.decode()
    assert "验证码不正确" in page
    captcha_input = re.search(r"<input[^>]*name=\"captcha\"[^>]*>", page).group(0)
    assert "999" not in captcha_input
    assert 'value="' not in captcha_input
    assert applicant_data()["applicant_name"] in page


def test_new_captcha_without_reloading_the_form(client, department):
    client.get(APPLY)
    first = client.session[SESSION_KEY]["answer"]
    client.get(CAPTCHA)
    assert client.session[SESSION_KEY]["answer"] == first
    answers = set()
    for _attempt in range(5):
        client.get(CAPTCHA + "?new=1")
        answers.add(client.session[SESSION_KEY]["expression"])
    assert len(answers) > 1
    page = client.get(APPLY).content.decode()
    assert '<button type="button" id="captcha-refresh" class="link-button"' in page
    assert "hidden>" in page[page.index('id="captcha-refresh"') :][:200]


def test_labels_come_before_their_inputs_in_a_stacked_form(client, department):
    page = client.get(APPLY).content.decode()
    assert 'class="stacked-form"' in page
    assert page.index('for="id_applicant_name"') < page.index('id="id_applicant_name"')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_refresh_button_draws_a_new_sum_and_the_summary_link_moves_focus(live_server, phone_context, department):
    page = phone_context.new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + APPLY)
    seen = {browser_session(phone_context, live_server)[SESSION_KEY]["expression"]}
    for _attempt in range(
        3
    ):  # a new sum may repeat the old one by chance (1 in 360); three repeats in a row practically never happen
        with page.expect_response(lambda response: "new=1" in response.url):
            page.get_by_role("button", name="换一题").click()
        seen.add(browser_session(phone_context, live_server)[SESSION_KEY]["expression"])
    assert len(seen) > 1
    assert page.url.endswith(APPLY)
    label_box = page.locator('label[for="id_applicant_name"]').bounding_box()
    input_box = page.locator("#id_applicant_name").bounding_box()
    assert label_box["y"] + label_box["height"] <= input_box["y"] + 1
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    link = page.locator(".error-summary a").first
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()
    assert problems.take() == []
