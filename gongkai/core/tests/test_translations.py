"""English is complete: every message of every catalog (the project's and each app's own) has its translation."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(ROOT.glob("**/locale/en/LC_MESSAGES/django.po"))


def test_the_catalogs_are_found():
    assert ROOT / "locale/en/LC_MESSAGES/django.po" in CATALOGS
    assert len(CATALOGS) > 5


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_is_translated(catalog, tmp_path):
    result = subprocess.run(  # noqa: S603 - msgfmt from gettext on our own file
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(catalog)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
