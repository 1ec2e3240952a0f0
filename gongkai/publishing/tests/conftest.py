"""Fixtures of the publishing tests."""

import pytest

from gongkai.publishing.services import seed_columns


@pytest.fixture
def columns(department):
    seed_columns(organization=department)
    return department


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
