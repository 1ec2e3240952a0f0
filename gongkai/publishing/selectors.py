"""Reads of the publishing app.

`published_records()` is THE public selector: the portal, feeds, the sitemap and search reach records only through
it. `record_for_staff()` is the one access function for staff. Nothing else hands a record to anyone.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from gongkai.catalog.models import Item
from gongkai.core.errors import AccessDenied, NotInScope
from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for, review_roles

from .models import GONE_STATUSES, Attachment, Attribute, Column, Genre, Record, RecordStatus, Revision
from .rules import CONFIDENTIALITY, DRAFTERS, OFFICE, PUBLISHERS, REVIEWERS, SUPERVISORS

PUBLIC_STATUSES = (RecordStatus.PUBLISHED,)
STAFF_ACTIONS = {
    "view": ALL_ROLES,
    "edit": DRAFTERS,
    "review": REVIEWERS,
    "clear": CONFIDENTIALITY,
    "publish": PUBLISHERS,
    "supervise": SUPERVISORS,
    "emergency": OFFICE,
}


def published_records() -> QuerySet[Record]:
    """Every record the public may see: published (not withdrawn, not expired), actively disclosed."""
    return (
        Record.objects.filter(status__in=PUBLIC_STATUSES, attribute=Attribute.ACTIVE, index_number__isnull=False)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )


def is_public(record: Record) -> bool:
    """What `published_records()` asks of a record, for one already loaded (no query)."""
    return record.status in PUBLIC_STATUSES and record.attribute == Attribute.ACTIVE and record.index_number is not None


def public_record(record_id) -> Record | None:
    """A record page for the public: the full record when public; when withdrawn or expired, the record (the page
    shows only the notice); None for anything that never was public."""
    try:
        record_id = int(record_id)
    except (TypeError, ValueError):
        return None
    public = (
        published_records().filter(pk=record_id).select_related("interprets", "replaced_by", "organization__region")
    )
    record = public.prefetch_related(
        Prefetch("items", queryset=Item.objects.select_related("catalog__organization", "domain")),
        "channels",
        Prefetch(
            "attachments",
            # The text extracted for search and screening can be megabytes: not loaded for the page.
            queryset=Attachment.objects.filter(is_active=True)
            .defer("extracted_text", "extracted_segments")
            .order_by("sort_order", "id"),
        ),
        # The page lists interpretations by title: their bodies are not loaded.
        Prefetch(
            "interpretations",
            queryset=published_records().select_related(None).only("title", "interprets", "interpretation_kind"),
        ),
        Prefetch("revisions", queryset=Revision.objects.filter(is_public=True).order_by("number")),
    ).first()
    if record is not None:
        if record.interprets_id and not is_public(record.interprets):
            record.interprets = None
        return record
    return (
        Record.objects.filter(pk=record_id, status__in=GONE_STATUSES, attribute=Attribute.ACTIVE)
        .select_related("organization")
        .first()
    )


RELATED_LIMIT = 6
BROWSE_FACETS = ("organization", "subject", "genre", "domain")


def browse_records(*, chosen: dict[str, str]) -> tuple[QuerySet[Record], dict[str, list[dict]]]:
    """The 信息公开目录 browser: public records narrowed by organization (id), 主题分类, 体裁 and catalog domain (code),
    and for each facet the values present among the narrowed records with their counts (four grouped queries).
    Unknown values narrow to nothing rather than fail."""
    from django.db.models import Count

    from .models import SubjectCategory

    records = published_records()
    organization = chosen.get("organization", "")
    if organization:
        records = records.filter(organization_id=int(organization) if organization.isdigit() else 0)
    if chosen.get("subject"):
        records = records.filter(subject_category=chosen["subject"])
    if chosen.get("genre"):
        records = records.filter(genre=chosen["genre"])
    if chosen.get("domain"):
        records = records.filter(
            pk__in=Record.items.through.objects.filter(item__domain__code=chosen["domain"]).values("record_id")
        )
    subject_labels, genre_labels = dict(SubjectCategory.choices), dict(Genre.choices)
    by_organization = records.order_by().values("organization_id", "organization__name").annotate(count=Count("pk"))
    by_subject = records.order_by().values("subject_category").annotate(count=Count("pk"))
    by_genre = records.order_by().values("genre").annotate(count=Count("pk"))
    by_domain = (
        Record.items.through.objects.filter(record__in=records.order_by().values("pk"))
        .values("item__domain__code", "item__domain__name")
        .annotate(count=Count("record_id", distinct=True))
    )
    facets = {
        "organization": [
            {"value": str(row["organization_id"]), "label": row["organization__name"], "count": row["count"]}
            for row in by_organization
        ],
        "subject": [
            {
                "value": row["subject_category"],
                "label": subject_labels.get(row["subject_category"], ""),
                "count": row["count"],
            }
            for row in by_subject
        ],
        "genre": [
            {"value": row["genre"], "label": genre_labels.get(row["genre"], ""), "count": row["count"]}
            for row in by_genre
        ],
        "domain": [
            {"value": row["item__domain__code"], "label": row["item__domain__name"], "count": row["count"]}
            for row in by_domain
        ],
    }
    for values in facets.values():
        values.sort(key=lambda entry: (-entry["count"], str(entry["label"])))
    return records, facets


def related_records(record: Record, *, limit: int = RELATED_LIMIT) -> list[Record]:
    """Public records related to a public record, newest first, in one query: under one of its catalog items or
    columns, interpreting the same document (or interpreted by it), or of the same organization and 主题分类 (not
    the catch-all 综合政务). Only titles and dates are loaded."""
    from .models import SubjectCategory

    columns = Record.columns.through.objects.filter(record_id=record.pk).values("column_id")
    items = Record.items.through.objects.filter(record_id=record.pk).values("item_id")
    related = Q(columns__in=columns) | Q(items__in=items)
    if record.interprets_id:
        related |= Q(interprets_id=record.interprets_id) | Q(pk=record.interprets_id)
    related |= Q(interprets_id=record.pk)
    if record.subject_category != SubjectCategory.GENERAL:
        related |= Q(organization_id=record.organization_id, subject_category=record.subject_category)
    ids = published_records().filter(related).exclude(pk=record.pk).exclude(pk=record.replaced_by_id or 0).values("pk")
    return list(
        Record.objects.filter(pk__in=ids).only("title", "published_at").order_by("-published_at", "-pk")[:limit]
    )


def records_showing(record_id) -> list[int]:
    """The public records whose pages may show the record's title (the reverse of `related_records`, and the
    pages that link it as the document interpreted, an interpretation or the replacing document), whatever the
    record's own status: what a withdrawal or expiry must take off other pages at once.

    The related list shows each page's RELATED_LIMIT newest related records, so a group (a column, a catalog item,
    an organization's 主题分类, the interpretations of one document) can put the record on its members' pages only
    while fewer than RELATED_LIMIT + 2 of its members are newer (a page leaves out itself and its replacement).
    """
    from .models import SubjectCategory

    record = Record.objects.filter(pk=int(record_id)).first()
    if record is None:
        return []
    others = published_records().exclude(pk=record.pk).order_by()
    showing = set(
        others.filter(
            Q(replaced_by_id=record.pk) | Q(interprets_id=record.pk) | Q(pk=record.interprets_id or 0)
        ).values_list("pk", flat=True)
    )
    groups = [others.filter(columns=pk) for pk in record.columns.values_list("pk", flat=True)]
    groups += [others.filter(items=pk) for pk in record.items.values_list("pk", flat=True)]
    if record.interprets_id:
        groups.append(others.filter(interprets_id=record.interprets_id))
    if record.subject_category != SubjectCategory.GENERAL:
        groups.append(others.filter(organization_id=record.organization_id, subject_category=record.subject_category))
    newer = Q(published_at__gt=record.published_at) | Q(published_at=record.published_at, pk__gt=record.pk)
    for group in groups:
        if record.published_at is None or group.filter(newer).count() < RELATED_LIMIT + 2:
            showing.update(group.values_list("pk", flat=True))
    return sorted(showing)


def public_attachment(public_id) -> Attachment | None:
    """An attachment the public may download: active, of a public record."""
    return (
        Attachment.objects.filter(public_id=public_id, is_active=True, record__in=published_records())
        .select_related("record")
        .first()
    )


def record_for_staff(*, record_id, person, action: str = "view") -> Record:
    """The record if `person` may do `action` on it (see STAFF_ACTIONS); AccessDenied otherwise, unknown ids too."""
    try:
        record = Record.objects.select_related(
            "organization__region", "created_by", "submitted_by", "reviewed_by", "cleared_by", "published_by"
        ).get(pk=int(record_id))
    except (Record.DoesNotExist, TypeError, ValueError) as error:
        raise NotInScope() from error
    if not has_role(person, record.organization, ALL_ROLES):
        raise NotInScope()
    roles = STAFF_ACTIONS[action]
    if action in ("review", "clear"):
        roles = review_roles(record.organization, roles)
    if not has_role(person, record.organization, roles):
        raise AccessDenied()
    return record


def attachment_for_staff(*, public_id, person) -> Attachment:
    attachment = Attachment.objects.filter(public_id=public_id).select_related("record__organization").first()
    if attachment is None or not has_role(person, attachment.record.organization, ALL_ROLES):
        raise NotInScope()
    return attachment


def records_for_staff(person, *, organization_id=None) -> QuerySet[Record]:
    """Records of every organization the person works in or oversees."""
    records = Record.objects.filter(organization__in=organizations_for(person)).select_related(
        "organization__region", "created_by"
    )
    if organization_id:
        records = records.filter(organization_id=organization_id)
    return records


def in_column(records: QuerySet[Record], column_slugs, *, stages=(), domain_ids=()) -> QuerySet[Record]:
    """Records listed in any column with one of `column_slugs`, or (for view columns) of those stages or domains."""
    member = Column.records.through.objects.filter(
        record_id=OuterRef("pk"), column__slug__in=list(column_slugs), column__is_active=True
    )
    condition = Q(Exists(member))
    if stages:
        condition |= Q(effective_stage__in=list(stages))
    if domain_ids:
        item_link = Record.items.through.objects.filter(record_id=OuterRef("pk"), item__domain_id__in=list(domain_ids))
        condition |= Q(Exists(item_link))
    return records.filter(condition)


def column_tree(organization) -> list[Column]:
    """The organization's active columns as a tree (children in `children_list`), one query."""
    columns = list(Column.objects.filter(organization=organization, is_active=True).order_by("sort_order", "id"))
    by_id = {column.pk: column for column in columns}
    roots = []
    for column in columns:
        column.children_list = []
    for column in columns:
        parent = by_id.get(column.parent_id)
        (parent.children_list if parent else roots).append(column)
    return roots


def descendant_slugs(column: Column) -> tuple[list[str], list[str], list[int]]:
    """Slugs, stages and domain ids of a column and all columns below it."""
    slugs, stages, domains = [], [], []
    stack = [column]
    while stack:
        node = stack.pop()
        slugs.append(node.slug)
        if node.stage:
            stages.append(node.stage)
        if node.domain_id:
            domains.append(node.domain_id)
        stack.extend(getattr(node, "children_list", None) or list(node.children.filter(is_active=True)))
    return slugs, stages, domains


def policies_lacking_interpretation(records: QuerySet[Record] | None = None) -> QuerySet[Record]:
    """Published policy documents marked as needing an interpretation that have no published one."""
    records = published_records() if records is None else records.filter(status=RecordStatus.PUBLISHED)
    interpreted = Record.objects.filter(
        interprets=OuterRef("pk"), status=RecordStatus.PUBLISHED, genre=Genre.INTERPRETATION
    )
    return records.filter(needs_interpretation=True).exclude(genre=Genre.INTERPRETATION).filter(~Exists(interpreted))


def interpretable_policies(organization_ids) -> QuerySet[Record]:
    """Policy records an interpretation may point at (published, of the given organizations)."""
    return (
        Record.objects.filter(organization_id__in=organization_ids, index_number__isnull=False)
        .exclude(genre=Genre.INTERPRETATION)
        .filter(Q(needs_interpretation=True) | Q(genre__in=[Genre.POLICY, Genre.NORMATIVE, Genre.REGULATION]))
        .order_by("-published_at")
    )
