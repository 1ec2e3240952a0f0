"""Reply letters: filling a template's {{ 字段 }} placeholders, sanitizing, and rendering Word and PDF files in the
national document format (gongkai.core.documents)."""

import re

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.core import documents

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "u", "h2", "h3", "ol", "ul", "li", "table", "tr", "td", "th"}
ALLOWED_ATTRIBUTES = {"p": {"class"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
FIELDS = (
    "申请人",
    "收到日期",
    "查询码",
    "申请内容",
    "机关名称",
    "机关地址",
    "联系电话",
    "答复日期",
    "法律依据",
    "理由",
    "救济途径",
    "复议机关",
    "文书编号",
)
REQUIRED_FIELDS = ("救济途径",)


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def unknown_placeholders(body: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(body) if name not in FIELDS})


def missing_placeholders(body: str) -> list[str]:
    present = set(PLACEHOLDER.findall(body))
    return [name for name in REQUIRED_FIELDS if name not in present]


def fill(body: str, values: dict[str, str]) -> str:
    """Replace placeholders with escaped values; the result is sanitized again."""
    return sanitize(PLACEHOLDER.sub(lambda match: escape(values.get(match.group(1), "")), body))


def remedy_text(reviewing_body: str) -> str:
    return _(
        "如对本答复不服，可以自收到本答复之日起六十日内向%(body)s申请行政复议，"
        "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    ) % {"body": reviewing_body}


def reviewing_body(organization) -> str:
    """Under the Administrative Reconsideration Law (2023 revision) a county department or a township government
    is reviewed by the county-level government above it."""
    parent = organization.parent
    while parent is not None and parent.kind != "government":
        parent = parent.parent
    return parent.name if parent is not None else _("上一级人民政府")


def official_letter(*, title: str, reference: str, body: str, organization=None) -> documents.OfficialDocument:
    """The letter in the national letter format (信函格式, GB/T 9704-2012 §10.1): the organization's name as the
    letterhead, the reference under it, the template's body, and its closing signature lines set by the seal rule."""
    blocks = documents.blocks_from_html(body)
    signature = None
    closing = _closing_signature(blocks)
    if closing:
        issuer, date = closing
        del blocks[-2:]
        seal = documents.SealMode(organization.seal_mode) if organization is not None else documents.SealMode.STAMPED
        signature = documents.Signature(issuer, date, seal)
    issuer_name = organization.name if organization is not None else (signature.issuer if signature else "")
    head = documents.Head(documents.HeadStyle.LETTER, issuer_name, reference)
    return documents.OfficialDocument(title=title, blocks=blocks, head=head, signature=signature)


def _closing_signature(blocks) -> tuple[str, str] | None:
    """The template's last two right-aligned paragraphs (机关名称, 答复日期) become the document's signature."""
    if len(blocks) < 2:
        return None
    last_two = blocks[-2:]
    if all(isinstance(block, documents.Paragraph) and block.align == "right" for block in last_two):
        return last_two[0].text.strip(), last_two[1].text.strip()
    return None


def render_pdf(*, title: str, reference: str, body: str, organization=None) -> bytes:
    return documents.render_pdf(official_letter(title=title, reference=reference, body=body, organization=organization))


def render_docx(*, title: str, reference: str, body: str, organization=None) -> bytes:
    letter = official_letter(title=title, reference=reference, body=body, organization=organization)
    return documents.render_docx(letter)
