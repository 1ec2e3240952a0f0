"""The printable notice: the notice, every problem with its answers and the office's decisions, as HTML or PDF
(WeasyPrint with the Noto CJK font, as the annual reports)."""

from django.template.loader import render_to_string

from .models import Notice


def notice_html(notice: Notice, problems=None) -> str:
    problems = (
        problems
        if problems is not None
        else notice.problems.select_related("organization").prefetch_related(
            "answers__answered_by", "answers__decided_by"
        )
    )
    return render_to_string("oversight/notice.html", {"notice": notice, "problems": problems})


def notice_pdf(notice: Notice, problems=None) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    return HTML(string=notice_html(notice, problems)).write_pdf()
