"""The self-inspection page: each site's predicted result (合格/不合格) with the findings to fix, a button to run
the check now, and one click to turn a finding into a problem of a draft notice."""

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import FAILED, run_job
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.oversight.access import OFFICE_ROLES, is_overseer
from gongkai.oversight.inspection import predicted
from gongkai.oversight.models import FindingStatus, InspectionRun
from gongkai.oversight.selectors import draft_notices, finding_for_staff, findings_for_staff
from gongkai.oversight.services import problem_from_finding
from gongkai.oversight.tasks import inspection_for

from .common import or_404


@staff_required
def inspection(request):
    findings = findings_for_staff(person=request.user).filter(status=FindingStatus.OPEN).select_related("problem")
    by_site = defaultdict(list)
    for finding in findings.order_by("organization__region__path", "organization__sort_order", "-veto", "id"):
        by_site[finding.organization].append(finding)
    sites = [
        {"organization": organization, "findings": rows, "result": predicted(rows)}
        for organization, rows in by_site.items()
    ]
    only = request.GET.get("result", "")
    if only == "failed":
        sites = [site for site in sites if not site["result"]["passed"]]
    drafts = draft_notices(person=request.user)
    context = {
        "sites": sites,
        "only": only,
        "is_overseer": is_overseer(request.user),
        "drafts": drafts[:20],
        "last_run": InspectionRun.objects.order_by("-started_at").first(),
    }
    return render(request, "backoffice/oversight/inspection.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def run(request):
    """Runs as a background job (inline without a queue); a refusal (not an overseer) is the task's failure."""
    if not is_overseer(request.user):
        messages.error(request, AccessDenied().message)
        return redirect("backoffice:oversight:inspection")

    def done(outcome):
        messages.success(
            request,
            _("检查完成：发现%(total)s个问题，其中单项否决%(veto)s个。外部链接由每日任务检查。")
            % {"total": outcome["total"], "veto": outcome["veto"]},
        )
        return redirect("backoffice:oversight:inspection")

    def failed():
        messages.error(request, FAILED)
        return redirect("backoffice:oversight:inspection")

    return run_job(request, inspection_for, done=done, failed=failed)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def to_problem(request, finding_id: int):
    finding = or_404(finding_for_staff, person=request.user, finding_id=finding_id)
    notice = draft_notices(person=request.user).filter(pk=request.POST.get("notice") or 0).first()
    if notice is None:
        messages.error(request, _("请先选择一份草稿状态的督查通报。"))
        return redirect("backoffice:oversight:inspection")
    try:
        problem_from_finding(finding=finding, notice=notice, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:oversight:inspection")
    messages.success(request, _("已列入通报“%(title)s”。") % {"title": notice.title})
    return redirect("backoffice:oversight:notice", notice_id=notice.pk)
