"""The one indexing interface: a source lists what the public may see of one kind and turns it into documents.

Each source reads through its app's public selector only (records through `published_records()`), so nothing a
selector hides can reach the index. Search results are checked against the same selectors before they are shown,
so a document that left the public between indexing and searching is never returned either.
"""

import html
import re
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .documents import SearchDocument

CHUNK = 500


class Source:
    kind = ""
    label = ""

    def public_objects(self, organization_id: int | None = None) -> QuerySet:
        """Everything of this kind the public may see (of one organization, when given)."""
        raise NotImplementedError

    def to_document(self, obj) -> SearchDocument:
        raise NotImplementedError

    def vocabulary(self) -> Iterable[str]:
        """Words of this kind the segmenter should keep whole (item names, domain names …)."""
        return ()

    def indexed(self, objects: QuerySet) -> QuerySet:
        """Those of `objects` (public ones) that get a document of their own; by default all of them. A source may
        fold an object into another's document (an adopted catalog item into its source item)."""
        return objects

    def related_ids(self, ids: set[int]) -> set[int]:
        """Objects whose documents change when those objects change (besides themselves); by default none."""
        return set()

    def documents(self, organization_id: int | None = None) -> Iterator[SearchDocument]:
        for obj in self.indexed(self.public_objects(organization_id)).iterator(chunk_size=CHUNK):
            yield self.to_document(obj)

    def count(self, organization_id: int | None = None) -> int:
        return self.indexed(self.public_objects(organization_id)).count()

    def fetch(self, ids: list[int]) -> dict[int, SearchDocument]:
        """The documents of those ids that are public now; the others are missing from the result."""
        return {obj.pk: self.to_document(obj) for obj in self.indexed(self.public_objects().filter(pk__in=ids))}

    def public_ids(self, ids: list[int]) -> set[int]:
        return set(self.indexed(self.public_objects().filter(pk__in=ids)).values_list("pk", flat=True))


BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|tr|td|th|blockquote|pre|table)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Plain text of sanitized rich text, one line per block, entities decoded."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", value or "")))


def column_slugs(columns) -> tuple[str, ...]:
    """The slugs of a record's columns and of the columns above them: a record under 政策文件 is also found when
    filtering by 法定主动公开内容."""
    slugs = set()
    for column in columns:
        node, depth = column, 0
        while node is not None and depth < 3:
            slugs.add(node.slug)
            node, depth = node.parent, depth + 1
    return tuple(sorted(slugs))


def absolute_url(obj) -> str:
    """The object's public page, or "" while the portal module that shows it is not installed."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def _words(text: str) -> list[str]:
    return [word for word in text.replace("、", " ").replace("，", " ").replace(",", " ").split() if word]


class RecordSource(Source):
    """Published records: title, summary, body, attachment text, document number, index number, keywords."""

    kind = "record"
    label = _("政府信息")

    def public_objects(self, organization_id: int | None = None) -> QuerySet:
        from gongkai.publishing.selectors import published_records

        records = published_records()
        if organization_id is not None:
            records = records.filter(organization_id=organization_id)
        return records.select_related("organization").prefetch_related(
            "attachments", "columns__parent__parent", "items__domain"
        )

    def to_document(self, record) -> SearchDocument:
        attachments = [attachment for attachment in record.attachments.all() if attachment.is_active]
        domains = sorted({item.domain.code for item in record.items.all()})
        body_parts = [
            record.summary,
            html_to_text(record.body),
            *(attachment.extracted_text for attachment in attachments),
        ]
        extra = [record.doc_number, record.index_number or "", " ".join(_words(record.keywords))]
        return SearchDocument(
            kind=self.kind,
            id=record.pk,
            title=record.title,
            body="\n".join(part for part in body_parts if part),
            url=absolute_url(record),
            date=record.published_at,
            fields={
                "organization": record.organization.name,
                "doc_number": record.doc_number,
                "index_number": record.index_number or "",
                "written_on": record.written_on.isoformat() if record.written_on else "",
                "validity": str(record.get_validity_display()),
                "standing": "replaced" if record.replaced_by_id else record.validity,
            },
            filters={
                "organization": (str(record.organization_id),),
                "column": column_slugs(record.columns.all()),
                "domain": tuple(domains),
                "stage": (record.effective_stage,) if record.effective_stage else (),
                "validity": (record.validity, "replaced") if record.replaced_by_id else (record.validity,),
                "file_type": tuple(sorted({attachment.extension.lstrip(".").lower() for attachment in attachments})),
            },
            lookup_keys=tuple(key for key in (record.doc_number, record.index_number) if key),
            extra="\n".join(part for part in extra if part),
        )


def searched_content(item) -> tuple:
    """What an item's document is made of, apart from its organization: two items with the same content make the
    same document."""
    return (
        item.name,
        item.parent.name if item.parent_id else "",
        item.domain_id,
        item.elements,
        item.basis,
        item.time_limit,
        item.responsible_text,
        item.stage,
    )


def public_adoptions():
    """Adopted copies the public may see, with what their documents are made of (and their own copies, one level
    down: a village may adopt its township's copy of a county item)."""
    from gongkai.catalog.selectors import all_public_items

    copies = all_public_items().select_related("parent", "catalog__organization")
    copies = copies.order_by("catalog__organization__region__path", "catalog__organization__sort_order", "id")
    return copies.prefetch_related(Prefetch("adoptions", queryset=copies))


class ItemSource(Source):
    """Catalog items in force (not retired), with their elements, legal basis, time limit and responsible body.

    An adopted copy that still reads exactly as its source (同一事项、统一编码: same code, same name, same content)
    does not get a document of its own: it is folded into its source's document, which lists the adopting
    organizations (linking to their copies) and is found under each of them. A copy that differs from its source
    (a local edit, or a source change not taken) has its own document again.
    """

    kind = "item"
    label = _("公开事项")

    def public_objects(self, organization_id: int | None = None) -> QuerySet:
        """With an organization: the items whose documents name it, those of its catalog, those of any catalog
        it is a responsible body of, and those its copies are folded into, as an organization's reindex replaces
        every document that names it."""
        from gongkai.catalog.models import Item
        from gongkai.catalog.selectors import all_public_items

        items = all_public_items()
        if organization_id is not None:
            named = Item.objects.filter(
                Q(catalog__organization_id=organization_id)
                | Q(responsible_orgs__id=organization_id)
                | Q(adoptions__catalog__organization_id=organization_id)
                | Q(adoptions__adoptions__catalog__organization_id=organization_id)
            )
            items = items.filter(pk__in=named.values("pk"))
        return items.select_related("catalog__organization", "domain", "parent").prefetch_related(
            "responsible_orgs", Prefetch("adoptions", queryset=public_adoptions())
        )

    def indexed(self, objects: QuerySet) -> QuerySet:
        folded = self.folded_ids(objects)
        return objects.exclude(pk__in=folded) if folded else objects

    def folded_ids(self, objects: QuerySet) -> set[int]:
        """The adopted copies among `objects` that read exactly as their source, itself public."""
        from gongkai.catalog.selectors import all_public_items

        copies = (
            objects.filter(source_item__in=all_public_items())
            .select_related("parent", "source_item__parent")
            .prefetch_related(None)
        )
        return {copy.pk for copy in copies if searched_content(copy) == searched_content(copy.source_item)}

    def related_ids(self, ids: set[int]) -> set[int]:
        """The sources (two levels up) and the copies (two levels down) of those items: a copy folds into or out of
        its source's document when either changes."""
        from gongkai.catalog.models import Item

        related: set[int] = set()
        ids = list(ids)
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            for source_id, grand_source_id in Item.objects.filter(pk__in=chunk, source_item__isnull=False).values_list(
                "source_item_id", "source_item__source_item_id"
            ):
                related.update(pk for pk in (source_id, grand_source_id) if pk)
            related.update(
                Item.objects.filter(Q(source_item_id__in=chunk) | Q(source_item__source_item_id__in=chunk)).values_list(
                    "pk", flat=True
                )
            )
        return related - set(ids)

    def folded_copies(self, item) -> list:
        """The public copies of `item` (and of those copies) folded into its document."""
        content = searched_content(item)
        folded = []
        for copy in item.adoptions.all():
            if searched_content(copy) == content:
                folded.append(copy)
                folded += [grandcopy for grandcopy in copy.adoptions.all() if searched_content(grandcopy) == content]
        return folded

    def to_document(self, item) -> SearchDocument:
        basis = [
            " ".join(str(part) for part in entry.values()) if isinstance(entry, dict) else str(entry)
            for entry in item.basis or []
        ]
        body_parts = [
            item.parent.name if item.parent else "",
            item.domain.name,
            item.elements,
            *basis,
            item.time_limit,
            item.responsible_text,
        ]
        folded = self.folded_copies(item)
        organizations = {
            item.catalog.organization_id,
            *(org.pk for org in item.responsible_orgs.all()),
            *(copy.catalog.organization_id for copy in folded),
        }
        fields = {"organization": item.catalog.organization.name, "code": item.code, "domain": item.domain.name}
        if folded:
            fields["adopted_by"] = [
                {"organization": copy.catalog.organization.name, "url": absolute_url(copy)} for copy in folded
            ]
        return SearchDocument(
            kind=self.kind,
            id=item.pk,
            title=item.name,
            body="\n".join(part for part in body_parts if part),
            url=absolute_url(item),
            date=item.updated_at,
            fields=fields,
            filters={
                "organization": tuple(sorted(str(pk) for pk in organizations)),
                "domain": (item.domain.code,),
                "stage": (item.stage,) if item.stage else (),
            },
            lookup_keys=(item.code,),
            extra=item.code,
        )

    def vocabulary(self) -> Iterable[str]:
        from gongkai.catalog.models import Domain

        yield from Domain.objects.filter(is_active=True).values_list("name", flat=True)
        yield from self.public_objects().values_list("name", flat=True)


class GuideSource(Source):
    """Service guides in force: name, legal basis, scope, conditions, materials, steps and FAQs.

    An adopted copy in force (a town's or community's) is folded into its source's document, which is then found
    under the adopting organizations too, as the same guide with local counters need not be listed once per town.
    """

    kind = "guide"
    label = _("办事指南")

    def public_objects(self, organization_id: int | None = None) -> QuerySet:
        from gongkai.services.selectors import public_guides

        guides = public_guides()
        if organization_id is not None:
            guides = guides.filter(Q(organization_id=organization_id) | Q(adoptions__organization_id=organization_id))
        return guides.prefetch_related(Prefetch("adoptions", queryset=public_guides()))

    def indexed(self, objects: QuerySet) -> QuerySet:
        from gongkai.services.selectors import public_guides

        return objects.exclude(source_guide__in=public_guides())

    def related_ids(self, ids: set[int]) -> set[int]:
        from gongkai.services.models import Guide

        related = set(
            Guide.objects.filter(pk__in=ids, source_guide__isnull=False).values_list("source_guide_id", flat=True)
        )
        related |= set(Guide.objects.filter(source_guide_id__in=ids).values_list("pk", flat=True))
        return related - set(ids)

    def to_document(self, guide) -> SearchDocument:
        copies = list(guide.adoptions.all())
        body_parts = [
            guide.basis,
            guide.scope,
            guide.conditions,
            " ".join(material.get("name", "") for material in guide.materials),
            " ".join(f"{step.get('name', '')} {step.get('action', '')}" for step in guide.steps),
            " ".join(f"{faq.get('question', '')} {faq.get('answer', '')}" for faq in guide.faqs),
        ]
        fields = {"organization": guide.organization.name, "code": guide.code}
        if copies:
            fields["adopted_by"] = [
                {"organization": copy.organization.name, "url": absolute_url(copy)} for copy in copies
            ]
        return SearchDocument(
            kind=self.kind,
            id=guide.pk,
            title=guide.name,
            body="\n".join(part for part in body_parts if part),
            url=absolute_url(guide),
            date=guide.updated_at,
            fields=fields,
            filters={
                "organization": tuple(sorted({str(guide.organization_id), *(str(c.organization_id) for c in copies)}))
            },
            lookup_keys=(guide.code,),
            extra=guide.code,
        )

    def vocabulary(self) -> Iterable[str]:
        return self.indexed(self.public_objects()).values_list("name", flat=True)


SOURCE_CLASSES: list[type[Source]] = [RecordSource, ItemSource, GuideSource]
_extra_sources: list[Source] = []


def sources() -> list[Source]:
    return [cls() for cls in SOURCE_CLASSES] + list(_extra_sources)


def source_for(kind: str) -> Source | None:
    return next((source for source in sources() if source.kind == kind), None)


def register_source(source: Source) -> None:
    """Add a source (later modules: service guides, answered inquiries; tests)."""
    _extra_sources.append(source)


def unregister_source(source: Source) -> None:
    _extra_sources.remove(source)
