"""Security headers: the Content-Security-Policy with a nonce for inline scripts, Permissions-Policy, and
`Cache-Control: no-store` on every response that may carry personal data."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_ROOT = Path(settings.BASE_DIR)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=\"\{\{ csp_nonce \}\}\")[^>]*>", re.IGNORECASE)


def templates():
    return sorted(TEMPLATE_ROOT.glob("*/templates/**/*.html"))


def test_no_template_has_an_inline_event_handler_or_a_script_without_the_nonce():
    offenders = [
        str(path.relative_to(TEMPLATE_ROOT))
        for path in templates()
        if INLINE_HANDLER.search(text := path.read_text(encoding="utf-8")) or INLINE_SCRIPT.search(text)
    ]
    assert len(templates()) > 50
    assert offenders == []


@pytest.mark.django_db
def test_every_page_carries_the_policy_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy  # plus a nonce when the page has an inline script (next test)
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "camera=()" in response["Permissions-Policy"]
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_an_inline_script_carries_the_nonce_of_its_response(client, admin_person):
    client.force_login(admin_person)
    response = client.get("/backoffice/applications/statistics/")
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert (
        client.get("/backoffice/applications/statistics/")["Content-Security-Policy"]
        != response["Content-Security-Policy"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/backoffice/login/", "/apply/", "/apply/track/", "/apply/acknowledgement/"])
def test_pages_with_personal_data_are_never_stored_even_for_anonymous_visitors(client, path):
    cache_control = client.get(path)["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/backoffice/", "/backoffice/applications/", "/backoffice/audit/", "/", "/records/", "/search/?q=低保"]
)
def test_every_response_to_a_signed_in_person_is_never_stored(client, admin_person, path):
    client.force_login(admin_person)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
