"""Find the free font files that PDFs embed for each face (Fandol from TeX Live, AR PL, Noto CJK)."""

import os
from functools import cache
from pathlib import Path

from .geometry import FACES, Face

SEARCH_DIRECTORIES = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
)


def search_directories() -> list[Path]:
    extra = [part for part in os.environ.get("GONGKAI_FONT_DIRS", "").split(os.pathsep) if part]
    return [Path(directory) for directory in (*extra, *SEARCH_DIRECTORIES) if Path(directory).is_dir()]


@cache
def _index() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in search_directories():
        for path in directory.rglob("*"):
            if path.suffix.lower() in {".otf", ".ttf", ".ttc"}:
                found.setdefault(path.name, path)
    return found


def font_file(face: Face) -> Path | None:
    index = _index()
    return next((index[name] for name in face.pdf_files if name in index), None)


def font_face_css() -> str:
    """@font-face rules naming each face's file; a face without a file falls back to its installed family."""
    rules = []
    for face in FACES:
        path = font_file(face)
        source = f'url("{path.as_uri()}")' if path else f'local("{face.pdf_fallback}")'
        rules.append(f'@font-face {{ font-family: "{face.pdf_family}"; src: {source}; }}')
    return "\n".join(rules)


def missing_faces() -> list[str]:
    """Faces whose own free font is not installed (the PDF then uses a Noto CJK fallback): for `gongkai check`."""
    return [face.word_name for face in FACES if font_file(face) is None]


def fonts_check(app_configs=None, **kwargs):
    """`gongkai check`: warn when a face's free font is missing, so PDFs would fall back to Noto CJK."""
    from django.core.checks import Warning as CheckWarning

    missing = missing_faces()
    if not missing:
        return []
    return [
        CheckWarning(
            f"公文 PDF 所需的免费字体缺失：{'、'.join(missing)}。",
            hint="Install Debian's texlive-lang-chinese (Fandol fonts): scripts/system-deps does it.",
            id="gongkai.W101",
        )
    ]
