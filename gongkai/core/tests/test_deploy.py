"""Production settings pass `gongkai check --deploy --fail-level WARNING` (also run by .ci/run in a subprocess)."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import gongkai

SECURITY_SETTINGS = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "PASSWORD_HASHERS",
    "MIDDLEWARE",
    "MAILERS",
)


def production_settings(monkeypatch, **environment) -> dict:
    """The settings module evaluated afresh with a production environment (nothing else is touched)."""
    module = settings_module(monkeypatch, **environment)
    return {name: getattr(module, name) for name in SECURITY_SETTINGS}


def settings_module(monkeypatch, **environment):
    monkeypatch.delenv("GONGKAI_TESTING", raising=False)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    path = Path(gongkai.__file__).parent / "settings.py"
    spec = importlib.util.spec_from_file_location("gongkai_production_settings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def production(monkeypatch):
    return production_settings(
        monkeypatch,
        DJANGO_DEBUG="0",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
        ALLOWED_HOSTS="gongkai.example.gov.cn",
    )


def test_production_settings_pass_the_deployment_check(production, db):
    output = io.StringIO()
    with override_settings(**production):
        call_command("check", deploy=True, fail_level="WARNING", stdout=output)
    assert "System check identified no issues" in output.getvalue()


def test_the_deployment_check_would_catch_debug(production, db):
    with override_settings(**(production | {"DEBUG": True})), pytest.raises(SystemCheckError):
        call_command("check", deploy=True, fail_level="WARNING", verbosity=0)


def test_production_hashes_passwords_with_argon2(production):
    assert production["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SESSION_COOKIE_SECURE"] is True


def test_kept_database_connections_are_checked_before_reuse(monkeypatch):
    """After PostgreSQL restarts, every kept connection is dead: without the check each gunicorn worker's next
    request failed with a server error (the pgrestart drill in bench/drills.py found it)."""
    module = settings_module(
        monkeypatch,
        DJANGO_DEBUG="0",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
        ALLOWED_HOSTS="gongkai.example.gov.cn",
        DATABASE_URL="postgres://gongkai@127.0.0.1:5432/gongkai",
    )
    database = module.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True
