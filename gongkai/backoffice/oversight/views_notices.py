"""Back-office pages of inspection notices and rectification: the office drafts, issues, accepts or returns;
each organization answers its own problems. Buttons follow `allowed_actions`."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.core.workdays import mark_provisional
from gongkai.orgs.access import has_role, organizations_for
from gongkai.oversight.access import OFFICE_ROLES, is_overseer
from gongkai.oversight.models import Answer, NoticeStatus, ProblemStatus
from gongkai.oversight.printing import notice_docx as render_notice_docx
from gongkai.oversight.printing import notice_pdf as render_notice_pdf
from gongkai.oversight.selectors import (
    annotate_problem_lights,
    notice_for_staff,
    notices_for_staff,
    problem_for_staff,
    problems_by_urgency,
    problems_for_staff,
    visible_problems,
)
from gongkai.oversight.services import (
    accept_problem,
    add_problem,
    answer_problem,
    create_notice,
    issue_notice,
    publish_notice,
    return_problem,
)
from gongkai.oversight.services.notices import allowed_actions

from .common import or_404


@staff_required
def notices(request):
    context = {
        "notices": notices_for_staff(person=request.user).order_by("-created_at")[:200],
        "may_issue": is_overseer(request.user),
        "issuers": organizations_for(request.user, OFFICE_ROLES).filter(memberships__person=request.user).distinct(),
    }
    return render(request, "backoffice/oversight/notices.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def notice_create(request):
    issuer = organizations_for(request.user, OFFICE_ROLES).filter(pk=request.POST.get("issuer") or 0).first()
    if issuer is None:
        messages.error(request, _("请选择通报机关。"))
        return redirect("backoffice:oversight:notices")
    try:
        notice = create_notice(
            issuer=issuer,
            title=request.POST.get("title", ""),
            doc_number=request.POST.get("doc_number", ""),
            body=request.POST.get("body", ""),
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:oversight:notices")
    return redirect("backoffice:oversight:notice", notice_id=notice.pk)


@staff_required
def notice(request, notice_id: int):
    notice = or_404(notice_for_staff, person=request.user, notice_id=notice_id)
    is_issuer = has_role(request.user, notice.issuer, OFFICE_ROLES)
    today = timezone.localdate()
    problems = list(visible_problems(person=request.user, notice=notice))
    for problem in problems:
        problem.overdue = problem.is_overdue(today)
    context = {
        "calendar_warnings": mark_provisional(problems, lambda row: notice.issued_on, lambda row: row.due_on),
        "notice": notice,
        "problems": problems,
        "is_issuer": is_issuer,
        "is_draft": notice.status == NoticeStatus.DRAFT,
        "organizations": organizations_for(request.user, OFFICE_ROLES).order_by("region__path", "sort_order")[:500]
        if is_issuer
        else [],
    }
    return render(request, "backoffice/oversight/notice.html", context)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@staff_required
def notice_pdf(request, notice_id: int):
    notice = or_404(notice_for_staff, person=request.user, notice_id=notice_id)
    problems = visible_problems(person=request.user, notice=notice)
    response = HttpResponse(render_notice_pdf(notice, problems), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.pdf"'
    return response


@staff_required
def notice_docx(request, notice_id: int):
    """The same notice as a Word file in the national document format, for the office to edit and stamp."""
    notice = or_404(notice_for_staff, person=request.user, notice_id=notice_id)
    problems = visible_problems(person=request.user, notice=notice)
    response = HttpResponse(render_notice_docx(notice, problems), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.docx"'
    return response


@require_POST
@staff_required(roles=OFFICE_ROLES)
def notice_act(request, notice_id: int, action: str):
    notice = or_404(notice_for_staff, person=request.user, notice_id=notice_id)
    try:
        if action == "issue":
            issue_notice(notice=notice, actor=request.user)
            messages.success(request, _("通报已印发，各单位可以看到并反馈。"))
        elif action == "publish":
            publish_notice(notice=notice, actor=request.user)
            messages.success(request, _("通报已在门户网站公开。"))
        elif action == "problem":
            add_typed_problem(request, notice)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("backoffice:oversight:notice", notice_id=notice.pk)


def add_typed_problem(request, notice) -> None:
    scope = organizations_for(request.user, OFFICE_ROLES)
    organization = scope.filter(pk=request.POST.get("organization") or 0).first()
    if organization is None:
        messages.error(request, _("请选择整改单位。"))
        return
    days = request.POST.get("deadline_days", "10")
    add_problem(
        notice=notice,
        organization=organization,
        description=request.POST.get("description", ""),
        deadline_days=int(days) if days.isdigit() else 0,
        url=request.POST.get("url", ""),
        actor=request.user,
    )
    messages.success(request, _("问题已添加。"))


@staff_required
def problems(request):
    today = timezone.localdate()
    rows = problems_by_urgency(problems_for_staff(person=request.user))
    status = request.GET.get("status", "")
    if status in ProblemStatus.values:
        rows = rows.filter(status=status)
    rows = annotate_problem_lights(rows[:300], today)
    for problem in rows:
        problem.overdue = problem.is_overdue(today)
    warnings = mark_provisional(rows, lambda row: row.notice.issued_on, lambda row: row.due_on)
    return render(
        request,
        "backoffice/oversight/problems.html",
        {"problems": rows, "statuses": ProblemStatus.choices, "status": status, "calendar_warnings": warnings},
    )


@staff_required
def problem(request, problem_id: int):
    problem = or_404(problem_for_staff, person=request.user, problem_id=problem_id)
    context = {
        "problem": problem,
        "answers": problem.answers.select_related("answered_by", "decided_by"),
        "actions": allowed_actions(request.user, problem),
        "overdue": problem.is_overdue(timezone.localdate()),
    }
    return render(request, "backoffice/oversight/problem.html", context)


@require_POST
@staff_required
def problem_act(request, problem_id: int, action: str):
    problem = or_404(problem_for_staff, person=request.user, problem_id=problem_id)
    data = request.POST
    calls = {
        "answer": lambda: answer_problem(
            problem=problem,
            cause=data.get("cause", ""),
            rectification=data.get("rectification", ""),
            evidence=request.FILES.get("evidence"),
            actor=request.user,
        ),
        "accept": lambda: accept_problem(problem=problem, comment=data.get("comment", ""), actor=request.user),
        "return": lambda: return_problem(problem=problem, comment=data.get("comment", ""), actor=request.user),
    }
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已保存。"))
    return redirect("backoffice:oversight:problem", problem_id=problem.pk)


@staff_required
def answer_evidence(request, answer_id: int):
    answer = Answer.objects.filter(pk=answer_id).select_related("problem").first()
    if answer is None or not answer.evidence:
        raise Http404
    or_404(problem_for_staff, person=request.user, problem_id=answer.problem_id)
    return FileResponse(answer.evidence.open("rb"), as_attachment=True, filename=answer.evidence_name)
