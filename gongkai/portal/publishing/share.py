"""Share cards for record pages: the text of the Open Graph tags, and a 1200×630 PNG per record (title, publishing
organization, date, QR code of the page) that chat apps show when a link is pasted.

The image is drawn once and kept as a file under MEDIA_ROOT/share/records/; its name carries a digest of what it
shows, so a corrected title draws a new image and an unchanged record is served from the file."""

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from gongkai.publishing.sanitizing import html_to_text

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
QR_SIZE = 220
RED, INK, GREY = (183, 28, 28), (26, 26, 26), (90, 90, 90)
DESCRIPTION_CHARACTERS = 120


def share_description(record) -> str:
    text = (record.summary or html_to_text(record.body) or "").strip().replace("\n", " ")
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


def draw_card(*, title: str, publisher: str, day: str, url: str, site_name: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=RED)
    draw.text((MARGIN, 26), site_name, font=font(40, bold=True), fill="white")
    text_width = WIDTH - 2 * MARGIN - QR_SIZE - 40
    y = 140
    for line in wrapped(title, font(52, bold=True), text_width, 4):
        draw.text((MARGIN, y), line, font=font(52, bold=True), fill=INK)
        y += 70
    draw.text((MARGIN, HEIGHT - 150), publisher, font=font(34), fill=GREY)
    draw.text((MARGIN, HEIGHT - 100), day, font=font(34), fill=GREY)
    image.paste(qr_image(url), (WIDTH - MARGIN - QR_SIZE, HEIGHT - MARGIN - QR_SIZE - 30))
    draw.text((WIDTH - MARGIN - QR_SIZE + 30, HEIGHT - MARGIN - 20), _("扫码阅读全文"), font=font(26), fill=GREY)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_fields(record, url: str, site_name: str) -> dict:
    return {
        "title": record.title,
        "publisher": record.organization.name,
        "day": record.published_at.date().isoformat() if record.published_at else record.written_on.isoformat(),
        "url": url,
        "site_name": str(site_name),
    }


def share_image_path(record, url: str, site_name: str) -> Path:
    fields = card_fields(record, url, site_name)
    digest = hashlib.sha256("\n".join(fields.values()).encode()).hexdigest()[:16]
    return Path(settings.MEDIA_ROOT) / "share" / "records" / f"{record.pk}-{digest}.png"


def cached_share_image(record, url: str, site_name: str) -> Path:
    """The card's file, drawn now if it does not exist yet (written to a temporary file and renamed, so a
    concurrent request never reads half an image)."""
    path = share_image_path(record, url, site_name)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = draw_card(**card_fields(record, url, site_name))
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return path
