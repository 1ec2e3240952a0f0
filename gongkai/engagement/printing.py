"""The adoption report (采纳情况反馈) of a comment call as a document in the national format (GB/T 9704-2012).

The report is the organization's public answer to everyone who commented, published on the call page: like a
公告 it has no 主送机关 and no 版记, and it is published rather than sent, so it carries no red 发文机关标志 (the plain
format). Its title follows the call's ("关于《…》公开征求意见采纳情况的说明"); the body is the overview under
"一、总体情况" and the items under "二、意见采纳情况" as a table whose header repeats on every page; the organization
signs it by its seal rule with the publication date.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import documents
from gongkai.core.documents.html import blocks_from_text

from .models import AdoptionReport, CommentCall

COLUMNS = (
    gettext_lazy("序号"),
    gettext_lazy("意见归类"),
    gettext_lazy("意见摘要"),
    gettext_lazy("采纳情况"),
    gettext_lazy("理由说明"),
    gettext_lazy("意见数"),
)
CALL_SUFFIXES = ("的公告", "的通知")


def report_title(call: CommentCall) -> str:
    for suffix in CALL_SUFFIXES:
        if call.title.endswith(suffix) and "征求意见" in call.title:
            return _("%(call)s采纳情况的说明") % {"call": call.title.removesuffix(suffix)}
    return _("关于“%(call)s”意见采纳情况的说明") % {"call": call.title}


def items_table(report: AdoptionReport) -> documents.Table:
    rows = [[documents.TableCell(str(name), header=True) for name in COLUMNS]]
    items = report.items.filter(is_current=True).prefetch_related("comments")
    for number, item in enumerate(items, start=1):
        rows.append(
            [
                documents.TableCell(str(number)),
                documents.TableCell(item.topic, align="left"),
                documents.TableCell(item.gist, align="left"),
                documents.TableCell(item.get_decision_display()),
                documents.TableCell(item.reason or "—", align="left"),
                documents.TableCell(str(len(item.comments.all()))),
            ]
        )
    return documents.Table(len(COLUMNS), rows, header_rows=1, font_pt=documents.geometry.SIZE["五号"])


def adoption_document(report: AdoptionReport) -> documents.OfficialDocument:
    call = report.call
    organization = call.organization
    received = call.comments.count()
    blocks: list[documents.Block] = [
        documents.Heading(1, _("一、总体情况")),
        documents.Paragraph.of(
            _("本次征集自%(start)s至%(end)s，共收到意见%(count)s条。")
            % {
                "start": documents.official_date(call.starts_on),
                "end": documents.official_date(call.ends_on),
                "count": received,
            }
        ),
        *blocks_from_text(report.overview),
        documents.Heading(1, _("二、意见采纳情况")),
        items_table(report),
    ]
    date = timezone.localdate(report.published_at) if report.published_at else _("（未公开）")
    return documents.OfficialDocument(
        title=report_title(call),
        blocks=blocks,
        signature=documents.Signature(organization.name, date, documents.SealMode(organization.seal_mode)),
    )


def adoption_pdf(report: AdoptionReport) -> bytes:
    return documents.render_pdf(adoption_document(report))


def adoption_docx(report: AdoptionReport) -> bytes:
    return documents.render_docx(adoption_document(report))
