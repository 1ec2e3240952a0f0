"""Chinese first: the browser's Accept-Language does not switch the interface; the language switch does."""

import pytest

pytestmark = pytest.mark.django_db


def test_english_browser_still_gets_chinese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    assert "政府信息公开" in response.content.decode()


def test_language_switch_selects_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies["django_language"] = "fr"
    response = client.get("/")
    assert response.headers["Content-Language"] == "zh-hans"


@pytest.mark.parametrize(
    "url", ["/catalog/abc%00def/", "/catalog/?domain=%00", "/search/?q=%E6%94%BF%00", "/records/?organization=1%00"]
)
def test_nul_characters_are_refused_with_400_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


def test_nul_in_a_posted_form_field_is_refused(client):
    response = client.post("/backoffice/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_a_number_out_of_range_while_binding_answers_404_in_a_path_and_400_otherwise(rf):
    from django.urls import resolve

    from gongkai.core.middleware import NumberOutOfRangeMiddleware

    middleware = NumberOutOfRangeMiddleware(lambda request: None)
    request = rf.get("/records/99999999999999999999/")
    request.resolver_match = resolve("/records/99999999999999999999/")
    assert middleware.process_exception(request, OverflowError("too large")).status_code == 404
    request = rf.get("/reports/?organization=99999999999999999999")
    request.resolver_match = resolve("/reports/")
    assert middleware.process_exception(request, OverflowError("too large")).status_code == 400
    assert middleware.process_exception(request, ValueError("other")) is None
