"""The printable 督查通报 in the national document format (GB/T 9704-2012, `gongkai.core.documents`).

A 通报 is a 公文 the office sends to the organizations it inspected, so it uses the 文件格式: the issuer's red
发文机关标志 and 发文字号 with the red separator, the title, the organizations concerned as 主送机关, the notice's
text, the problems with their answers and the office's decisions as a table whose header repeats on every page, the
signature by the issuer's seal rule, and the 版记 (印发机关 and 印发日期).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import documents
from gongkai.core.documents.html import blocks_from_text

from .models import AnswerDecision, Notice

ADDRESSEES_LISTED = 5  # more organizations than this are addressed as 各有关单位
COLUMNS = (
    gettext_lazy("序号"),
    gettext_lazy("整改单位"),
    gettext_lazy("问题"),
    gettext_lazy("整改期限"),
    gettext_lazy("原因及整改结果"),
    gettext_lazy("验收"),
)


def default_problems(notice: Notice):
    return notice.problems.select_related("organization").prefetch_related(
        "answers__answered_by", "answers__decided_by"
    )


def _day(value) -> str:
    return documents.official_date(value) if value else "—"


def _answers(problem) -> tuple[str, str]:
    answered, decided = [], []
    for answer in problem.answers.all():
        answered.append(
            _("%(day)s 原因：%(cause)s；整改：%(rectification)s")
            % {"day": _day(answer.answered_on), "cause": answer.cause, "rectification": answer.rectification}
        )
        if answer.decision != AnswerDecision.PENDING:
            comment = f"：{answer.comment}" if answer.comment else ""
            decided.append(f"{answer.get_decision_display()}{comment}（{_day(answer.decided_on)}）")
    decided.append(problem.get_status_display())
    return "\n".join(answered) or _("尚未反馈"), "\n".join(decided)


def problems_table(problems) -> documents.Table:
    rows = [[documents.TableCell(str(name), header=True) for name in COLUMNS]]
    for number, problem in enumerate(problems, start=1):
        answers, decisions = _answers(problem)
        rows.append(
            [
                documents.TableCell(str(number)),
                documents.TableCell(problem.organization.name),
                documents.TableCell(problem.description, align="left"),
                documents.TableCell(_day(problem.due_on)),
                documents.TableCell(answers, align="left"),
                documents.TableCell(decisions, align="left"),
            ]
        )
    font = documents.geometry.SIZE["小五"]
    return documents.Table(len(COLUMNS), rows, header_rows=1, caption=_("问题清单及整改情况"), font_pt=font)


def addressee(problems) -> str:
    names = list(dict.fromkeys(problem.organization.name for problem in problems))
    if not names or len(names) > ADDRESSEES_LISTED:
        return _("各有关单位")
    return "、".join(names)


def notice_document(notice: Notice, problems=None) -> documents.OfficialDocument:
    problems = list(problems if problems is not None else default_problems(notice))
    issuer = notice.issuer
    # A draft has no date yet: the signature says so rather than printing a date nobody signed.
    date = notice.issued_on or _("（未印发）")
    return documents.OfficialDocument(
        title=notice.title,
        head=documents.Head(documents.HeadStyle.DOCUMENT, issuer.document_issuer_mark, notice.doc_number),
        addressee=addressee(problems),
        blocks=[*blocks_from_text(notice.body), problems_table(problems)],
        signature=documents.Signature(issuer.name, date, documents.SealMode(issuer.seal_mode)),
        imprint=documents.Imprint(printed_by=issuer.document_printed_by, printed_on=notice.issued_on),
    )


def notice_pdf(notice: Notice, problems=None) -> bytes:
    return documents.render_pdf(notice_document(notice, problems))


def notice_docx(notice: Notice, problems=None) -> bytes:
    return documents.render_docx(notice_document(notice, problems))
