"""Share cards for record pages: the text of the Open Graph tags, and a 1200×630 PNG per record (title, publishing
organization, date, QR code of the page) drawn by `portal.sharing.cards` and kept under MEDIA_ROOT/share/records/."""

from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.portal.sharing.cards import (  # noqa: F401 - the card's geometry, used by the tests
    HEIGHT,
    MARGIN,
    QR_SIZE,
    RED,
    WIDTH,
    cached_card,
    card_path,
    font,
    qr_image,
    short_description,
    wrapped,
)
from gongkai.publishing.sanitizing import html_to_text


def share_description(record) -> str:
    return short_description(record.summary or html_to_text(record.body) or "")


def card_fields(record, url: str, site_name: str) -> dict:
    day = record.published_at.date().isoformat() if record.published_at else record.written_on.isoformat()
    return {
        "title": record.title,
        "lines": [record.organization.name, day],
        "url": url,
        "site_name": str(site_name),
        "caption": _("扫码阅读全文"),
    }


def share_image_path(record, url: str, site_name: str) -> Path:
    return card_path("records", record.pk, card_fields(record, url, site_name))


def cached_share_image(record, url: str, site_name: str) -> Path:
    return cached_card("records", record.pk, card_fields(record, url, site_name))
