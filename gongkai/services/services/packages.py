"""Theme packages and 一件事, defined by the disclosure office. Their entries are the package's content: a save
replaces them as a whole, and the audit entry keeps the previous list."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from ..access import can_manage_packages
from ..errors import Invalid, Problem
from ..models import CompositePart, CompositeService, GuideStatus, PackageEntry, ThemePackage

PACKAGE_FIELDS = ("slug", "title", "kind", "audience", "life_event", "introduction", "sort_order", "is_published")
COMPOSITE_FIELDS = ("slug", "name", "introduction", "life_event", "is_published")


def require_office(actor, organization) -> None:
    if not can_manage_packages(actor, organization):
        raise AccessDenied(_("主题服务包和“一件事”由政务公开办公室维护。"))


def entry_target(entry) -> tuple[str, int]:
    for key in ("guide", "record", "catalog_item"):
        if getattr(entry, f"{key}_id"):
            return key, getattr(entry, f"{key}_id")
    return "", 0


def package_problems(fields: dict, entries: list[dict], package) -> list[Problem]:
    problems = []
    if not (fields.get("title") or "").strip():
        problems.append(Problem("title", _("请填写服务包名称。")))
    if not (fields.get("introduction") or "").strip():
        problems.append(Problem("introduction", _("请填写服务包导语。")))
    taken = ThemePackage.objects.filter(slug=fields.get("slug"))
    if package is not None:
        taken = taken.exclude(pk=package.pk)
    if not fields.get("slug") or taken.exists():
        problems.append(Problem("slug", _("网址标识不能为空，也不能与其他服务包重复。")))
    if not entries:
        problems.append(Problem("entries", _("服务包至少要有一项办事指南、政策文件或目录事项。")))
    for index, entry in enumerate(entries, start=1):
        targets = [key for key in ("guide", "record", "catalog_item") if entry.get(key)]
        if len(targets) != 1:
            problems.append(Problem("entries", _("第%(index)s项应当只指向一项内容。") % {"index": index}))
        elif entry.get("guide") and entry["guide"].status != GuideStatus.IN_FORCE:
            problems.append(
                Problem("entries", _("办事指南“%(name)s”不在用，不能放入服务包。") % {"name": entry["guide"].name})
            )
    return problems


@transaction.atomic
def save_package(*, organization, fields: dict, entries: list[dict], actor, package=None) -> ThemePackage:
    """Create or change a package with its ordered entries (each {"guide"|"record"|"catalog_item": obj, "note"})."""
    require_office(actor, organization if package is None else package.organization)
    problems = package_problems(fields, entries, package)
    if problems:
        raise Invalid(problems)
    if package is None:
        package = ThemePackage(organization=organization, created_by=actor)
    else:
        package = ThemePackage.objects.select_for_update().get(pk=package.pk)
    previous = [entry_target(entry) for entry in package.entries.all()] if package.pk else []
    for key in PACKAGE_FIELDS:
        if key in fields:
            setattr(package, key, fields[key])
    package.save()
    package.entries.all().delete()
    PackageEntry.objects.bulk_create(
        PackageEntry(package=package, position=position, guide=entry.get("guide"), record=entry.get("record"),
                     catalog_item=entry.get("catalog_item"), note=(entry.get("note") or "")[:200])
        for position, entry in enumerate(entries, start=1)
    )  # fmt: skip
    audit.log("services.package.saved", actor=actor, target=package, organization=package.organization,
              data={"previous_entries": previous, "entries": len(entries)})  # fmt: skip
    return package


def composite_problems(fields: dict, guides: list, composite) -> list[Problem]:
    problems = []
    if not (fields.get("name") or "").strip():
        problems.append(Problem("name", _("请填写“一件事”的名称。")))
    if not (fields.get("introduction") or "").strip():
        problems.append(Problem("introduction", _("请填写“一件事”的导语。")))
    taken = CompositeService.objects.filter(slug=fields.get("slug"))
    if composite is not None:
        taken = taken.exclude(pk=composite.pk)
    if not fields.get("slug") or taken.exists():
        problems.append(Problem("slug", _("网址标识不能为空，也不能与其他“一件事”重复。")))
    if len({guide.pk for guide in guides}) != len(guides):
        problems.append(Problem("guides", _("同一办事指南只能列入一次。")))
    if len({guide.organization_id for guide in guides}) < 2:
        problems.append(Problem("guides", _("“一件事”应当包含至少两个机构的办事指南。")))
    problems += [
        Problem("guides", _("办事指南“%(name)s”不在用，不能列入。") % {"name": guide.name})
        for guide in guides
        if guide.status != GuideStatus.IN_FORCE
    ]
    return problems


@transaction.atomic
def save_composite(*, organization, fields: dict, guides: list, actor, composite=None) -> CompositeService:
    """Create or change a 一件事 with its guides in the order the applicant goes through them."""
    require_office(actor, organization if composite is None else composite.organization)
    problems = composite_problems(fields, guides, composite)
    if problems:
        raise Invalid(problems)
    if composite is None:
        composite = CompositeService(organization=organization, created_by=actor)
    else:
        composite = CompositeService.objects.select_for_update().get(pk=composite.pk)
    previous = list(composite.parts.values_list("guide_id", flat=True)) if composite.pk else []
    for key in COMPOSITE_FIELDS:
        if key in fields:
            setattr(composite, key, fields[key])
    composite.save()
    composite.parts.all().delete()
    CompositePart.objects.bulk_create(
        CompositePart(composite=composite, position=position, guide=guide)
        for position, guide in enumerate(guides, start=1)
    )
    audit.log("services.composite.saved", actor=actor, target=composite, organization=composite.organization,
              data={"previous_guides": previous, "guides": [guide.pk for guide in guides]})  # fmt: skip
    return composite
