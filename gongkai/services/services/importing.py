"""Bulk loading: many complete guides or sites at once, all or nothing, for the office (the demo, a migration from
an old guide system). Each guide is validated as a submission would be; a problem anywhere writes nothing."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from ..access import can_approve_guide, can_edit_site
from ..coordinates import to_stored
from ..errors import Invalid, Problem
from ..guidedata import apply, normalized, snapshot
from ..models import Guide, GuideStatus, GuideVersion, Site
from ..validation import guide_problems
from .sites import SITE_FIELDS, site_problems


def guide_rows_problems(rows) -> list[Problem]:
    problems, seen = [], set()
    for number, (organization, data) in enumerate(rows, start=1):
        key = (organization.pk, data.get("code"))
        for problem in guide_problems(data, complete=True):
            problems.append(
                Problem(problem.field, _("第%(row)s条：%(message)s") % {"row": number, "message": problem.message})
            )
        if key in seen or Guide.objects.filter(organization=organization, code=data.get("code")).exists():
            problems.append(
                Problem("code", _("第%(row)s条：编码%(code)s重复。") % {"row": number, "code": data.get("code")})
            )
        seen.add(key)
    return problems


@transaction.atomic
def import_guides(*, rows: list[tuple], actor) -> list[Guide]:
    """Put `rows` of (organization, data) in force as version 1, approved by `actor` (a reviewer or the office of
    each organization). One audit entry per organization lists the codes."""
    rows = [(organization, normalized(data)) for organization, data in rows]
    for organization, _data in rows:
        if not can_approve_guide(actor, Guide(organization=organization)):
            raise AccessDenied(_("只有审核人、政务公开办公室或系统管理员可以批量导入办事指南。"))
    problems = guide_rows_problems(rows)
    if problems:
        raise Invalid(problems)
    guides = []
    for organization, data in rows:
        guide = Guide(organization=organization, status=GuideStatus.IN_FORCE, version=1, submitted_by=actor)
        apply(guide, data)
        guides.append(guide)
    Guide.objects.bulk_create(guides)
    now = timezone.now()
    GuideVersion.objects.bulk_create(
        GuideVersion(guide=guide, number=1, data=snapshot(guide), effective_from=now, changed_by=actor,
                     approved_by=actor, note=_("批量导入"))
        for guide in guides
    )  # fmt: skip
    codes = defaultdict(list)
    for guide in guides:
        codes[guide.organization].append(guide.code)
    for organization, organization_codes in codes.items():
        audit.log("services.guide.imported", actor=actor, target=organization, organization=organization,
                  data={"count": len(organization_codes), "codes": organization_codes[:200]})  # fmt: skip
    return guides


@transaction.atomic
def import_sites(*, rows: list[dict], actor) -> list[Site]:
    """Create sites from rows {organization, category, latitude, longitude, coordinate_system, guides?, **fields}."""
    problems = []
    for number, row in enumerate(rows, start=1):
        if not can_edit_site(actor, Site(organization=row["organization"])):
            raise AccessDenied(_("您不能维护本机构以外的服务点。"))
        for problem in site_problems(row, row["category"], float(row["latitude"]), float(row["longitude"])):
            problems.append(
                Problem(problem.field, _("第%(row)s条：%(message)s") % {"row": number, "message": problem.message})
            )
    if problems:
        raise Invalid(problems)
    sites = []
    for row in rows:
        site = Site(organization=row["organization"], category=row["category"])
        site.latitude, site.longitude = to_stored(row["latitude"], row["longitude"], row["coordinate_system"])
        for key in SITE_FIELDS:
            if key in row:
                setattr(site, key, row[key])
        sites.append(site)
    Site.objects.bulk_create(sites)
    links = [
        Site.guides.through(site_id=site.pk, guide_id=guide.pk)
        for site, row in zip(sites, rows, strict=True)
        for guide in row.get("guides", ())
    ]
    Site.guides.through.objects.bulk_create(links)
    audit.log("services.site.imported", actor=actor, target=None, data={"count": len(sites)})
    return sites
