"""公示栏: a printable notice (A4 or A3 PDF) of a village record with its publicity dates and a QR code to the page.

Laid out by `gongkai.core.documents` (GB/T 9704-2012). A notice posted on a board is a public notice (公告、公示):
it is addressed to everyone, so it has no 主送机关, and it is not distributed, so it has no 版记; a village committee
is not an organ with a 发文机关标志, so it has no red head either. What remains is the plain format: the title in
小标宋, the body on the 22 × 28 grid in 仿宋, the masked list as a table, the committee's name and the publication date
by its seal rule (a village stamps its notices), then the QR code. A3 is the A4 page enlarged by √2, as the
photocopier in the village office would enlarge it. Personal data in a publicity list is printed masked, as online.
"""

import io

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import documents

from .selectors import masked_entries, publicity_state

SIZES = ("A4", "A3")
QR_WIDTH_MM = 30
ENTRY_COLUMNS = (
    gettext_lazy("序号"),
    gettext_lazy("姓名"),
    gettext_lazy("身份证号"),
    gettext_lazy("住址"),
    gettext_lazy("公示内容"),
)


def period_text(publicity) -> str:
    if publicity.starts_on:
        return _(
            "公示期：%(start)s至%(end)s（%(days)s个工作日）。公示期内如有异议，请向村（居）委会或乡镇（街道）反映，"
            "也可扫描二维码在线提出。"
        ) % {
            "start": documents.official_date(publicity.starts_on),
            "end": documents.official_date(publicity.ends_on),
            "days": publicity.working_days,
        }
    return _("公示期：自发布之日起%(days)s个工作日。") % {"days": publicity.working_days}


def entries_table(entries: list[dict]) -> documents.Table:
    rows = [[documents.TableCell(str(name), header=True) for name in ENTRY_COLUMNS]]
    for number, entry in enumerate(entries, start=1):
        cells = [str(number), entry.get("name", ""), entry.get("id_number", ""), entry.get("address", "")]
        rows.append([documents.TableCell(text) for text in cells] + [documents.TableCell(entry.get("detail", ""))])
    return documents.Table(len(ENTRY_COLUMNS), rows, header_rows=1, font_pt=documents.geometry.SIZE["四号"])


def qr_code(url: str) -> bytes:
    output = io.BytesIO()
    segno.make(url, error="m").save(output, kind="png", scale=8, border=2)
    return output.getvalue()


def notice_document(record, *, url: str) -> documents.OfficialDocument:
    publicity = getattr(record, "publicity", None)  # the reverse one-to-one raises AttributeError when absent
    today = timezone.localdate()
    blocks: list[documents.Block] = []
    if publicity is not None:
        blocks.append(documents.Paragraph([documents.Run(period_text(publicity), bold=True)]))
    blocks += documents.blocks_from_html(record.body)
    if publicity is not None:
        entries = masked_entries(publicity)
        if entries:
            blocks.append(entries_table(entries))
        state = publicity_state(publicity, today)
        if state.phase == "ended":
            blocks.append(documents.Paragraph([documents.Run(state.message, bold=True)]))
    organization = record.organization
    published = timezone.localdate(record.published_at) if record.published_at else _("（尚未发布）")
    caption = _("扫码查看网上原文　打印日期：%(day)s") % {"day": documents.official_date(today)}
    return documents.OfficialDocument(
        title=record.title,
        blocks=blocks,
        signature=documents.Signature(organization.name, published, documents.SealMode(organization.seal_mode)),
        postscript=[documents.Image(qr_code(url), QR_WIDTH_MM, caption)],
    )


def notice_pdf(record, *, url: str, size: str = "A4") -> bytes:
    return documents.render_pdf(notice_document(record, url=url), paper=size if size in SIZES else "A4")


def notice_docx(record, *, url: str) -> bytes:
    return documents.render_docx(notice_document(record, url=url))
