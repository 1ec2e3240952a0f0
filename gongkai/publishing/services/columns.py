"""Columns: seeding the standard tree for an organization, and the office's own columns."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role
from gongkai.orgs.models import Role

from ..errors import PublishingError, PublishingErrorCode
from ..models import Column, ColumnKind
from ..signals import columns_changed_after_commit
from ..standard_columns import genre_slugs, walk

OFFICE = (Role.OFFICE,)


def domain_columns(organization, parent: Column) -> int:
    from gongkai.catalog.models import Domain

    existing = set(Column.objects.filter(organization=organization, parent=parent).values_list("slug", flat=True))
    domains = Domain.objects.filter(is_active=True, is_national=True).order_by("sort_order", "code")
    new = [
        Column(
            organization=organization,
            parent=parent,
            slug=f"domain-{domain.code.lower()}",
            name=domain.name,
            kind=ColumnKind.DOMAIN,
            domain=domain,
            sort_order=number,
        )
        for number, domain in enumerate(domains, start=1)
        if f"domain-{domain.code.lower()}" not in existing
    ]
    Column.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def seed_columns(*, organization, actor=None) -> int:
    """Create the standard columns the organization lacks (safe to run again). Returns how many were created."""
    existing = {column.slug: column for column in Column.objects.filter(organization=organization)}
    created = 0
    for number, (parent_slug, standard) in enumerate(walk(), start=1):
        if standard.slug in existing:
            continue
        existing[standard.slug] = Column.objects.create(
            organization=organization,
            parent=existing.get(parent_slug),
            slug=standard.slug,
            name=str(standard.name),
            kind=standard.kind,
            description=str(standard.description),
            stage=standard.stage,
            sort_order=number,
        )
        created += 1
    created += domain_columns(organization, existing["domains"])
    if created:
        audit.log("publishing.columns.seeded", actor=actor, organization=organization, data={"created": created})
        columns_changed_after_commit(organization.pk)
    return created


def default_columns_for(organization, genre: str) -> list[Column]:
    slug = genre_slugs().get(genre)
    if slug is None:
        return []
    return list(Column.objects.filter(organization=organization, slug=slug, is_active=True))


def validate_column(column: Column) -> None:
    if not column.name.strip():
        raise PublishingError(PublishingErrorCode.INVALID, _("栏目名称不能为空。"), field="name")
    if column.parent and column.parent.organization_id != column.organization_id:
        raise PublishingError(PublishingErrorCode.COLUMN_ORGANIZATION, _("上级栏目必须属于同一机构。"), field="parent")
    clash = Column.objects.filter(organization=column.organization, slug=column.slug).exclude(pk=column.pk)
    if clash.exists():
        raise PublishingError(
            PublishingErrorCode.INVALID, _("栏目标识“%(slug)s”已被本机构使用。") % {"slug": column.slug}, field="slug"
        )


@transaction.atomic
def create_column(*, organization, actor, slug: str, name: str, parent: Column | None = None, **fields) -> Column:
    require_role(actor, organization, OFFICE, _("只有政务公开办公室可以管理栏目。"))
    column = Column(organization=organization, slug=slug.strip(), name=name.strip(), parent=parent, **fields)
    validate_column(column)
    column.full_clean()
    column.save()
    audit.log("publishing.column.created", actor=actor, target=column, organization=organization, data={"slug": slug})
    columns_changed_after_commit(organization.pk)
    return column


@transaction.atomic
def update_column(*, column: Column, actor, **fields) -> Column:
    column = Column.objects.select_for_update().get(pk=column.pk)
    require_role(actor, column.organization, OFFICE, _("只有政务公开办公室可以管理栏目。"))
    for name, value in fields.items():
        setattr(column, name, value)
    validate_column(column)
    column.save()
    audit.log(
        "publishing.column.updated",
        actor=actor,
        target=column,
        organization=column.organization,
        data={"fields": sorted(fields)},
    )
    columns_changed_after_commit(column.organization_id)
    return column


@transaction.atomic
def deactivate_column(*, column: Column, actor) -> Column:
    """Hide a column (never deleted: records keep their history of where they were listed)."""
    return update_column(column=column, actor=actor, is_active=False)
