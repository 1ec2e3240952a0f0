"""Seeding the five village columns (五务公开) for a village or community."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.publishing.models import Column, ColumnKind

from ..access import is_village
from ..columns import is_community, walk
from ..errors import VillagesError, VillagesErrorCode


@transaction.atomic
def seed_village_columns(*, organization, actor=None) -> int:
    """Create the five columns and their sub-columns the village lacks (safe to run again); how many were made."""
    if not is_village(organization):
        raise VillagesError(
            VillagesErrorCode.NOT_A_VILLAGE,
            _("“%(name)s”不是村（居）委会，不设五务公开栏目。") % {"name": organization},
        )
    existing = {column.slug: column for column in Column.objects.filter(organization=organization)}
    community = is_community(organization)
    created = 0
    for number, (parent_slug, standard) in enumerate(walk(), start=1):
        if standard.slug in existing:
            continue
        name = standard.community_name if community and standard.community_name else standard.name
        existing[standard.slug] = Column.objects.create(
            organization=organization,
            parent=existing.get(parent_slug),
            slug=standard.slug,
            name=str(name),
            kind=ColumnKind.CUSTOM,
            sort_order=number,
        )
        created += 1
    if created:
        audit.log(
            "villages.columns.seeded",
            actor=actor,
            target=organization,
            organization=organization,
            data={"created": created},
        )
    return created
