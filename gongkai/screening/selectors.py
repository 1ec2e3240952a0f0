"""Reads of findings, the lexicon and scan runs; `finding_for_staff` is the one access function for findings."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Role

from .kinds import Severity
from .models import Expression, Finding, Lexicon, ScanRun

# Who may decide on a finding: warnings by anyone working in the organization; a blocking finding only by those
# who review; a secrecy marking only by the confidentiality officer, the disclosure office or an administrator.
DECIDE_WARNING_ROLES = ALL_ROLES
DECIDE_BLOCKING_ROLES = (Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER, Role.OFFICE, Role.ADMIN)
DECIDE_SECRET_ROLES = (Role.CONFIDENTIALITY_OFFICER, Role.OFFICE, Role.ADMIN)
MANAGE_LEXICON_ROLES = (Role.OFFICE, Role.ADMIN)


def _target_filter(target) -> Q:
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return Q(content_type=content_type, object_id=str(target.pk))


def findings_for(target, *, include_past: bool = False) -> QuerySet[Finding]:
    """Findings of the latest screening of `target` (with `include_past`, also those no longer found)."""
    findings = Finding.objects.filter(_target_filter(target))
    if not include_past:
        findings = findings.filter(is_current=True)
    return findings.select_related("decided_by").order_by("location", "start", "id")


def blocking_findings(target) -> QuerySet[Finding]:
    """Open findings that stop publication."""
    return findings_for(target).filter(status=Finding.Status.OPEN, severity=Severity.BLOCK)


def unacknowledged_warnings(target) -> QuerySet[Finding]:
    """Open warnings someone must acknowledge (accept or fix) before publication."""
    return findings_for(target).filter(status=Finding.Status.OPEN, severity=Severity.WARN)


def can_decide(person, finding: Finding) -> bool:
    if finding.kind == "secret_marking":
        roles = DECIDE_SECRET_ROLES
    elif finding.severity == Severity.BLOCK:
        roles = DECIDE_BLOCKING_ROLES
    else:
        roles = DECIDE_WARNING_ROLES
    return has_role(person, finding.organization, roles)


def finding_for_staff(*, finding_id: int, person, action: str = "view") -> Finding:
    """The access function for findings: "view" for staff of (or overseeing) the finding's organization, "decide"
    for the roles allowed to accept or fix it. Raises AccessDenied for anything else, including unknown ids."""
    try:
        finding = Finding.objects.select_related("organization__region", "decided_by", "content_type").get(
            pk=finding_id
        )
    except (Finding.DoesNotExist, ValueError, TypeError) as error:
        raise AccessDenied() from error
    if not has_role(person, finding.organization, ALL_ROLES):
        raise AccessDenied()
    if action == "decide" and not can_decide(person, finding):
        raise AccessDenied()
    return finding


def findings_visible_to(person) -> QuerySet[Finding]:
    return Finding.objects.filter(organization__in=organizations_for(person))


def can_manage_lexicon(person) -> bool:
    from gongkai.orgs.access import roles_of

    return bool(roles_of(person) & set(MANAGE_LEXICON_ROLES))


def require_lexicon_manager(person) -> None:
    """Office and administrators; `None` is the server's command line (whoever can run it administers the site)."""
    if person is not None and not can_manage_lexicon(person):
        raise AccessDenied()


def lexicon_entries(*, query: str = "", category: str = "", enabled: bool | None = None) -> QuerySet[Lexicon]:
    entries = Lexicon.objects.all()
    if query:
        entries = entries.filter(term__contains=query)
    if category:
        entries = entries.filter(category=category)
    if enabled is not None:
        entries = entries.filter(enabled=enabled)
    return entries.order_by("term")


def expressions(*, query: str = "", category: str = "", enabled: bool | None = None) -> QuerySet[Expression]:
    entries = Expression.objects.all()
    if query:
        entries = entries.filter(Q(wrong__contains=query) | Q(right__contains=query))
    if category:
        entries = entries.filter(category=category)
    if enabled is not None:
        entries = entries.filter(enabled=enabled)
    return entries.order_by("wrong")


def dashboard_rows(person, *, organization_ids=None) -> list[dict]:
    """Per organization: current findings by status and severity, for the organizations the person may see."""
    findings = findings_visible_to(person).filter(is_current=True)
    if organization_ids is not None:
        findings = findings.filter(organization_id__in=organization_ids)
    rows = (
        findings.values("organization_id", "organization__name")
        .annotate(
            total=Count("id"),
            open_blocking=Count("id", filter=Q(status=Finding.Status.OPEN, severity=Severity.BLOCK)),
            open_warnings=Count("id", filter=Q(status=Finding.Status.OPEN, severity=Severity.WARN)),
            accepted=Count("id", filter=Q(status=Finding.Status.ACCEPTED)),
            fixed=Count("id", filter=Q(status=Finding.Status.FIXED)),
        )
        .order_by("-open_blocking", "-total", "organization__name")
    )
    return list(rows)


def kind_counts(person, *, organization_id=None) -> list[dict]:
    findings = findings_visible_to(person).filter(is_current=True, status=Finding.Status.OPEN)
    if organization_id:
        findings = findings.filter(organization_id=organization_id)
    return list(findings.values("kind").annotate(total=Count("id")).order_by("-total", "kind"))


def scan_runs(person) -> QuerySet[ScanRun]:
    """Scan runs the person may see: whole-site runs for administrators and offices, organization runs by scope."""
    visible = organizations_for(person)
    from gongkai.orgs.access import is_admin

    runs = ScanRun.objects.select_related("organization", "started_by")
    if is_admin(person):
        return runs
    return runs.filter(organization__in=visible)


def open_scan_run(*, organization=None) -> ScanRun | None:
    """The latest interrupted or running scan with this scope, to resume."""
    return (
        ScanRun.objects.filter(
            organization=organization, status__in=(ScanRun.Status.RUNNING, ScanRun.Status.INTERRUPTED)
        )
        .order_by("-started_at", "-id")
        .first()
    )


def findings_for_staff(
    *,
    person,
    organization_id=None,
    kind: str = "",
    severity: str = "",
    status: str = "",
    current_only: bool = True,
    scan_run_id=None,
) -> QuerySet[Finding]:
    """The findings list of the back office, limited to what the person may see."""
    findings = findings_visible_to(person).select_related("organization", "decided_by", "content_type")
    if current_only:
        findings = findings.filter(is_current=True)
    if organization_id:
        findings = findings.filter(organization_id=organization_id)
    if kind:
        findings = findings.filter(kind=kind)
    if severity:
        findings = findings.filter(severity=severity)
    if status:
        findings = findings.filter(status=status)
    if scan_run_id:
        findings = findings.filter(scan_run_id=scan_run_id)
    return findings.order_by("-screened_at", "content_type_id", "object_id", "location", "start")


def target_findings_for_staff(*, person, content_type_id: int, object_id: str) -> QuerySet[Finding]:
    """All findings of one screened object; AccessDenied unless the person may see its organization.

    An object without findings gives an empty result: that reveals nothing about the object itself."""
    findings = Finding.objects.filter(content_type_id=content_type_id, object_id=str(object_id)).select_related(
        "organization__region", "decided_by"
    )
    organization_ids = set(findings.values_list("organization_id", flat=True))
    for organization_id in organization_ids:
        if not has_role(person, organization_id, ALL_ROLES):
            raise AccessDenied()
    return findings.order_by("-is_current", "location", "start", "id")
