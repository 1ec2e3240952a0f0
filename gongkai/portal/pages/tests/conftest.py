"""Static pages switched on, written to a fresh folder per test."""

import pytest

from gongkai.publishing.services import seed_columns


@pytest.fixture
def pages_dir(settings, tmp_path):
    settings.GONGKAI_STATIC_PAGES = True
    settings.GONGKAI_STATIC_PAGES_DIR = tmp_path / "pages"
    settings.GONGKAI_PUBLIC_URL = "http://testserver"
    settings.GONGKAI_CACHE_DIR = tmp_path / "cache"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.GONGKAI_STATIC_PAGES_DIR


@pytest.fixture
def columns(department):
    seed_columns(organization=department)
    return department


def all_file_texts(folder) -> dict:
    return {path: path.read_bytes().decode("utf-8", "replace") for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def one_variant(monkeypatch):
    """Only the default variant (Chinese, normal print): the tests that are not about variants run 4× faster."""
    from gongkai.portal.pages import storage

    monkeypatch.setattr(storage, "VARIANTS", storage.VARIANTS[:1])
