"""The public engagement pages in a real browser at 360 px (Debian's chromium through Playwright, axe-core from npm):
no sideways scrolling, no serious or critical axe violation, no console error or failed request, and the two forms
usable on a small phone — ask a question and follow it with its tracking code, answer a survey.

The human check is passed as only the server could: the test reads the text question's answer from the browser's
server-side session.
"""

import pytest

from gongkai.core.tests.browser import NARROW, PageProblems, browser_session, page_problems
from gongkai.engagement import services
from gongkai.engagement.models import Inquiry, Response
from gongkai.portal.engagement.challenge import TEXT_KEY
from gongkai.services.tests.factories import GuideFactory

from .factories import answered, build_survey, open_call, submit

# serialized_rollback: the migrations' seed data (domains, channels) comes back after other tests flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport=NARROW, is_mobile=True, has_touch=True, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page, PageProblems(page)
    context.close()


@pytest.fixture
def engagement_site(seeded, department, government, clerk, reviewer, office):
    """A mailbox, a published answer (also a FAQ), an open call with a comment, an open survey, a published one
    answered online and at the window, and a service guide in force."""
    mailbox = services.save_mailbox(actor=office, organization=department, name="示范区民政局局长信箱", answer_days=5)
    inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
    services.publish_inquiry(actor=office, inquiry=inquiry, as_faq=True)
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    services.submit_comment(call=call, body="建议将高龄津贴的发放范围扩大到75周岁以上老人。", author_name="王某")
    survey, *_questions = build_survey(office, government, title="2026年政务公开满意度测评")
    services.open_survey(actor=office, survey=survey)
    done, overall, rating, *_rest = build_survey(office, government, title="2025年政务公开满意度测评")
    services.open_survey(actor=office, survey=done)
    services.submit_online_response(
        survey=done, values={overall.pk: overall.options.first().pk, rating.pk: 5}, session_key="a"
    )
    services.enter_paper_response(
        actor=office, survey=done, channel="window", values={overall.pk: overall.options.last().pk, rating.pk: 3}
    )
    services.close_survey(actor=office, survey=done)
    services.publish_results(actor=office, survey=done, summary="总体满意率为75%。")
    guide = GuideFactory(organization=department, name="高龄津贴发放")
    return {
        "mailbox": mailbox,
        "inquiry": inquiry,
        "call": call,
        "survey": survey,
        "published_survey": done,
        "guide": guide,
    }


def test_every_engagement_page_fits_360px_without_serious_accessibility_problems(
    live_server, narrow_page, engagement_site
):
    page, problems = narrow_page
    site = engagement_site
    paths = [
        "/engagement/",
        "/engagement/ask/",
        f"/engagement/ask/?mailbox={site['mailbox'].pk}",
        "/engagement/track/",
        "/engagement/answers/",
        "/engagement/faq/",
        f"/engagement/answers/{site['inquiry'].pk}/",
        "/engagement/calls/",
        f"/engagement/calls/{site['call'].pk}/",
        "/engagement/surveys/",
        f"/engagement/surveys/{site['survey'].pk}/",
        f"/engagement/surveys/{site['published_survey'].pk}/results/",
        site["guide"].get_absolute_url(),  # a service guide carries the 有用/没用 · 分享 · 阅读 block too
    ]
    failures = []
    for path in paths:
        response = page.goto(live_server.url + path, wait_until="load")
        assert response.status == 200, path
        failures += [f"{path}: {problem}" for problem in page_problems(page, problems)]
    assert failures == []


def test_a_citizen_asks_on_a_small_phone_and_follows_the_answer(live_server, narrow_page, engagement_site, department):
    page, problems = narrow_page
    page.goto(live_server.url + "/engagement/ask/")
    page.select_option("select[name=organization]", label=department.name)
    page.fill("input[name=subject]", "高龄津贴怎么申请")
    page.fill("textarea[name=question]", "我父亲今年八十岁，请问高龄津贴需要到哪里申请，要带什么材料？")
    page.fill("input[name=asker_name]", "李小梅")
    page.get_by_label("同意在去除姓名、电话等个人信息后公开我的咨询和答复").check()
    page.wait_for_load_state("networkidle")  # the captcha image has loaded (it also writes the session)
    text_answer = browser_session(page.context, live_server)[TEXT_KEY]["answers"][0]
    page.get_by_label("文字验证问题的答案").fill(text_answer)
    page.get_by_role("button", name="提交咨询").click()
    page.wait_for_url("**/engagement/ask/acknowledgement/")
    inquiry = Inquiry.objects.get(subject="高龄津贴怎么申请")
    assert inquiry.tracking_code in page.inner_text("main")
    assert page_problems(page, problems) == []
    page.goto(live_server.url + "/engagement/track/")
    page.fill("input[name=tracking_code]", inquiry.tracking_code)
    page.get_by_role("button", name="查询").click()
    main = page.inner_text("main")
    assert inquiry.tracking_code in main
    assert "李小梅" not in main
    assert page_problems(page, problems) == []


def test_a_citizen_answers_a_survey_on_a_small_phone(live_server, narrow_page, engagement_site):
    page, problems = narrow_page
    survey = engagement_site["survey"]
    page.goto(f"{live_server.url}/engagement/surveys/{survey.pk}/")
    page.get_by_role("group", name="1. 您对政务公开工作的总体评价").get_by_label("基本满意").check()
    page.get_by_role("group", name="2. 信息查找便利程度").get_by_label("4分").check()
    page.get_by_role("group", name="3. 您通过哪些渠道获取政府信息").get_by_label("微信").check()
    page.get_by_role("button", name="提交问卷").click()
    page.wait_for_url(f"**/engagement/surveys/{survey.pk}/thanks/")
    assert page_problems(page, problems) == []
    response = Response.objects.get(survey=survey)
    assert (response.channel, response.is_valid) == ("online", True)
    assert list(response.answers.values_list("option__label", "rating")) == [
        ("基本满意", None),
        (None, 4),
        ("微信", None),
    ]
