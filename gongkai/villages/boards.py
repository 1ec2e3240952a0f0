"""公示栏: a printable notice (A4 or A3 PDF) of a village record with its publicity dates and a QR code to the page.

Personal data in a publicity list is printed masked, as online. The PDF needs a CJK font (Debian fonts-noto-cjk,
installed by scripts/system-deps); without it WeasyPrint prints empty boxes.
"""

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .selectors import masked_entries, publicity_state

SIZES = ("A4", "A3")


def notice_html(record, *, url: str, size: str = "A4") -> str:
    publicity = getattr(record, "publicity", None)  # the reverse one-to-one raises AttributeError when absent
    today = timezone.localdate()
    context = {
        "record": record,
        "size": size if size in SIZES else "A4",
        "publicity": publicity,
        "entries": masked_entries(publicity) if publicity else [],
        "state": publicity_state(publicity, today) if publicity else None,
        "qr": mark_safe(segno.make(url, error="m").svg_inline(scale=4, dark="#000")),  # noqa: S308 - segno output
        "url": url,
        "printed_on": today,
    }
    return render_to_string("villages/notice_board.html", context)


def notice_pdf(record, *, url: str, size: str = "A4") -> bytes:
    from weasyprint import HTML

    return HTML(string=notice_html(record, url=url, size=size), base_url=None).write_pdf()
