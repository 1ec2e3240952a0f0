"""Fixtures of the API tests: tokens issued through the service, a clean rate-limit cache, private media."""

import pytest
from django.core.cache import cache

from gongkai.api import tokens
from gongkai.api.models import TokenScope


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def issue(office, department):
    """issue(*scopes, organization=department, **fields) -> (token, secret), issued by the office."""

    def make(*scopes, organization=None, **fields):
        issued = tokens.create_token(
            organization=organization or department,
            name=fields.pop("name", "区政务服务网办件系统"),
            scopes=list(scopes) or [TokenScope.RECORDS_WRITE],
            actor=office,
            **fields,
        )
        return issued.token, issued.secret

    return make


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
