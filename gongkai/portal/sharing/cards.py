"""Share cards (分享卡片): the 1200×630 PNG that chat apps such as WeChat show when a portal link is pasted — the site's
name in a red band, a title, two grey lines (who and when) and the QR code of the page — and the short description
of the Open Graph tags. Used by record, service guide and comment call pages.

A card is drawn once and kept as a file under MEDIA_ROOT/share/<kind>/; its name carries a digest of what it shows,
so a corrected title draws a new card and an unchanged page is served from the file."""

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
QR_SIZE = 220
RED, INK, GREY = (183, 28, 28), (26, 26, 26), (90, 90, 90)
DESCRIPTION_CHARACTERS = 120


def short_description(text: str) -> str:
    """One line of at most 120 characters, cut with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= DESCRIPTION_CHARACTERS else text[: DESCRIPTION_CHARACTERS - 1] + "…"


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC from the font collection (the face whose name says SC)."""
    path = settings.GONGKAI_SHARE_FONT_BOLD if bold else settings.GONGKAI_SHARE_FONT
    for index in range(10):
        face = ImageFont.truetype(path, size, index=index)
        if " SC" in face.getname()[0]:
            return face
    return ImageFont.truetype(path, size)


def wrapped(text: str, face, width: int, max_lines: int) -> list[str]:
    lines, line = [], ""
    for character in text:
        if face.getlength(line + character) > width:
            lines.append(line)
            line = character
            if len(lines) == max_lines:
                break
        else:
            line += character
    else:
        lines.append(line)
        return lines
    lines[-1] = lines[-1][:-1] + "…"
    return lines


def qr_image(url: str) -> Image.Image:
    """The QR code at a whole number of pixels per module (scanners dislike uneven modules), centred in its box."""
    code = segno.make(url, error="m")
    width = code.symbol_size(scale=1, border=2)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, QR_SIZE // width), border=2)
    buffer.seek(0)
    symbol = Image.open(buffer).convert("RGB")
    box = Image.new("RGB", (QR_SIZE, QR_SIZE), "white")
    box.paste(symbol, ((QR_SIZE - symbol.width) // 2, (QR_SIZE - symbol.height) // 2))
    return box


def draw_card(*, title: str, lines: list[str], url: str, site_name: str, caption: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=RED)
    draw.text((MARGIN, 26), site_name, font=font(40, bold=True), fill="white")
    text_width = WIDTH - 2 * MARGIN - QR_SIZE - 40
    y = 140
    for line in wrapped(title, font(52, bold=True), text_width, 4):
        draw.text((MARGIN, y), line, font=font(52, bold=True), fill=INK)
        y += 70
    for offset, line in zip((150, 100), lines[:2], strict=False):
        draw.text((MARGIN, HEIGHT - offset), wrapped(line, font(34), text_width, 1)[0], font=font(34), fill=GREY)
    image.paste(qr_image(url), (WIDTH - MARGIN - QR_SIZE, HEIGHT - MARGIN - QR_SIZE - 30))
    caption_left = WIDTH - MARGIN - QR_SIZE / 2 - font(26).getlength(caption) / 2
    draw.text((caption_left, HEIGHT - MARGIN - 20), caption, font=font(26), fill=GREY)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_path(kind: str, key: int, fields: dict) -> Path:
    digest = hashlib.sha256("\n".join(str(fields[name]) for name in sorted(fields)).encode()).hexdigest()[:16]
    return Path(settings.MEDIA_ROOT) / "share" / kind / f"{key}-{digest}.png"


def cached_card(kind: str, key: int, fields: dict) -> Path:
    """The card's file, drawn now if it does not exist yet (written to a temporary file and renamed, so a
    concurrent request never reads half an image). `fields` are draw_card's arguments."""
    path = card_path(kind, key, fields)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = draw_card(**fields)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return path
