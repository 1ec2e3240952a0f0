"""Signing in: audit entries for every login and failure, lockout after repeated failures, session expiry."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.core.middleware import REFRESHED_AT
from gongkai.core.models import AuditEntry
from gongkai.orgs.tests.factories import PASSWORD

LOGIN = "backoffice:login"


def attempt(client, username, password):
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def test_successful_login_is_audited(client, clerk):
    response = attempt(client, "clerk", PASSWORD)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="orgs.login.succeeded")
    assert entry.actor == clerk
    assert entry.ip_address == "127.0.0.1"


def test_failed_login_is_audited_and_counted(client, clerk):
    response = attempt(client, "clerk", "wrong password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    entry = AuditEntry.objects.get(action="orgs.login.failed")
    assert entry.actor is None
    assert entry.data == {"username": "clerk", "failed_logins": 1}
    clerk.refresh_from_db()
    assert clerk.failed_logins == 1


def test_failed_login_for_an_unknown_username_is_audited(client, db):
    attempt(client, "nobody", "whatever")
    entry = AuditEntry.objects.get(action="orgs.login.failed")
    assert entry.data == {"username": "nobody"}
    assert entry.target_id == ""


def test_account_locks_after_repeated_failures_even_for_the_right_password(client, clerk):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        attempt(client, "clerk", "wrong password")
    clerk.refresh_from_db()
    assert clerk.locked_until is not None
    response = attempt(client, "clerk", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="orgs.login.succeeded").exists()
    assert AuditEntry.objects.filter(action="orgs.login.failed").count() == settings.LOGIN_MAX_FAILURES + 1


def test_lock_expires_after_the_lockout_period(client, clerk):
    clerk.failed_logins = settings.LOGIN_MAX_FAILURES
    clerk.locked_until = timezone.now() - timedelta(seconds=1)
    clerk.save()
    assert attempt(client, "clerk", PASSWORD).status_code == 302
    clerk.refresh_from_db()
    assert clerk.failed_logins == 0
    assert clerk.locked_until is None


def test_fewer_failures_than_the_limit_do_not_lock(client, clerk):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        attempt(client, "clerk", "wrong password")
    assert attempt(client, "clerk", PASSWORD).status_code == 302


def test_logout_is_audited(client, clerk):
    client.force_login(clerk)
    client.post(reverse("backoffice:logout"))
    assert AuditEntry.objects.filter(action="orgs.logout", actor=clerk).count() == 1


def test_session_is_short_lived_and_ends_with_the_browser(client, clerk):
    attempt(client, "clerk", PASSWORD)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert client.session.get_expire_at_browser_close() is True


def test_expired_session_sends_back_to_login(client, office):
    attempt(client, "office", PASSWORD)
    assert client.get(reverse("backoffice:settings")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("backoffice:settings"))
    assert response.status_code == 302
    assert response.url.startswith(reverse(LOGIN))


def test_activity_extends_the_session(client, office):
    attempt(client, "office", PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get(reverse("backoffice:settings")).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + timedelta(minutes=29)


def test_unknown_wrong_and_locked_accounts_get_the_same_message(client, clerk, make_person, department):
    locked = make_person("clerk", department, username="locked_clerk")
    locked.locked_until = timezone.now() + timedelta(minutes=10)
    locked.save()

    def message(username, password):
        content = attempt(client, username, password).content.decode()
        return [line for line in content.splitlines() if "用户名或密码错误" in line]

    assert message("nobody", "x") == message("clerk", "wrong") == message("locked_clerk", PASSWORD) != []


def test_one_address_is_throttled_after_repeated_failures_across_accounts(client, clerk, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for index in range(3):
        attempt(client, f"guess{index}", "wrong")
    response = attempt(client, "clerk", PASSWORD)
    assert response.status_code == 200
    assert "登录失败次数过多，请 15 分钟后再试" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = client.post(reverse(LOGIN), {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert other.status_code == 302


def test_a_wrong_current_password_counts_as_a_failed_login_and_locks_the_account(client, clerk):
    client.force_login(clerk)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(
            reverse("backoffice:password"),
            {"current_password": "guess", "password": "a-new-passphrase-9", "password_again": "a-new-passphrase-9"},
        )
    assert AuditEntry.objects.filter(action="orgs.login.failed", target_id=str(clerk.pk)).count() == 5
    clerk.refresh_from_db()
    assert clerk.locked_until is not None
    assert response.status_code == 302
    assert response.url == reverse(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_session_ends_eight_hours_after_sign_in_however_active(client, office):
    attempt(client, "office", PASSWORD)
    assert client.get(reverse("backoffice:settings")).status_code == 200
    session = client.session
    session["signed_in_at"] -= settings.SESSION_ABSOLUTE_AGE - 60
    session.save()
    assert client.get(reverse("backoffice:settings")).status_code == 200  # 7 h 59 min: still signed in
    session = client.session
    session["signed_in_at"] -= 120
    session.save()
    response = client.get(reverse("backoffice:settings"))
    assert response.status_code == 302
    assert response.url.startswith(reverse(LOGIN))
    assert settings.SESSION_ABSOLUTE_AGE == 8 * 3600


def test_a_signed_in_session_slides_its_idle_limit_and_a_visitors_session_is_not_rewritten(client, clerk):
    attempt(client, "clerk", PASSWORD)
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get(reverse("backoffice:home")).status_code == 200
    # The first request after signing in pushes the idle limit out again …
    assert Session.objects.get(session_key=key).expire_date > soon + timedelta(minutes=20)
    # … the requests of the next minute do not write the session again (a page and its images do not race) …
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get(reverse("backoffice:home")).status_code == 200
    assert Session.objects.get(session_key=key).expire_date == soon
    # … and the first one after that minute does.
    session = client.session
    session[REFRESHED_AT] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert client.get(reverse("backoffice:home")).status_code == 200
    assert Session.objects.get(session_key=key).expire_date > soon + timedelta(minutes=20)

    visitor = Client()
    visitor_session = SessionStore()
    visitor_session["captcha"] = "7"
    visitor_session.create()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = visitor_session.session_key
    Session.objects.filter(session_key=visitor_session.session_key).update(expire_date=soon)
    assert visitor.get("/").status_code == 200
    # A visitor's page view does not write their session (no write per page, no race between a page and its images).
    assert Session.objects.get(session_key=visitor_session.session_key).expire_date == soon
