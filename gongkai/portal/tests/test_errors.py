"""The error pages under production settings (DEBUG off): styled, translated, with the site header and a way back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import include, path

from gongkai.portal import errors
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("boom")


# A URL configuration with two failing views in front of the real one, naming the same handlers as gongkai/urls.py.
urlpatterns = [
    path("forbidden-for-test/", _forbidden),
    path("broken-for-test/", _broken),
    path("", include("gongkai.urls")),
]
handler403 = "gongkai.portal.errors.permission_denied"
handler404 = "gongkai.portal.errors.page_not_found"
handler500 = "gongkai.portal.errors.server_error"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def assert_site_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert 'class="site-header"' in page
    assert heading in page
    assert 'href="/"' in page


def test_missing_page_is_the_styled_404_with_the_site_header(client, db):
    response = client.get("/no-such-page/")
    assert_site_page(response, 404, "您访问的页面不存在")
    assert "返回首页" in response.content.decode()
    assert "Not Found" not in response.content.decode()


def test_404_is_translated(client, db):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "The page you asked for does not exist" in page
    assert "您访问的页面不存在" not in page


def test_forbidden_public_page_is_the_styled_403(client, db):
    response = client.get("/forbidden-for-test/")
    assert response.status_code == 403
    assert_site_page(response, 403, "您无权访问此页面")


def test_back_office_404_leads_back_to_the_desk(client, db):
    response = client.get("/backoffice/no-such-page/")
    assert response.status_code == 404
    assert 'href="/backoffice/"' in response.content.decode()


def test_server_error_is_the_styled_500_without_the_database(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken-for-test/")
    assert_site_page(response, 500, "服务器出错了")
    assert "boom" not in response.content.decode()


def test_server_error_falls_back_to_plain_html_when_the_template_fails(monkeypatch):
    def failing(name):
        raise OSError("template store unreachable")

    monkeypatch.setattr(errors.loader, "get_template", failing)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "服务器出错了" in response.content.decode()


def test_withdrawn_record_is_the_styled_410(client, department, clerk, reviewer):
    record = services.publish_record(
        record=force_status(draft(department, clerk), RecordStatus.CLEARED), actor=reviewer
    )
    services.withdraw_record(record=record, actor=reviewer, reason="已废止")
    response = client.get(record.get_absolute_url())
    assert_site_page(response, 410, record.title)
    assert "已废止" in response.content.decode()


def test_generic_410_page(rf, db):
    request = rf.get("/gone/")
    response = errors.gone(request)
    assert response.status_code == 410
    assert "此信息已不再公开" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_error_pages_pass_axe_and_fit_a_phone(live_server, browser):
    from gongkai.core.tests.browser import NARROW, axe_violations, overflow

    context = browser.new_context(viewport=NARROW, locale="zh-CN")
    page = context.new_page()
    failures = []
    for url, status in (("/no-such-page/", 404), ("/forbidden-for-test/", 403), ("/broken-for-test/", 500)):
        response = page.goto(live_server.url + url, wait_until="load")
        assert response.status == status
        failures += [f"{url}: {problem}" for problem in axe_violations(page) + overflow(page)]
    context.close()
    assert not failures, "\n".join(failures)
