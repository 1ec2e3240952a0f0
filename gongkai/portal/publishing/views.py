"""Public pages of published government information. Every record reaches the public through
`published_records()` / `public_record()`; withdrawn and expired ones only as a notice that they were taken down."""

import hashlib
import io
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.catalog.models import Domain, Stage
from gongkai.catalog.selectors import public_item_for_records, public_items_of_record
from gongkai.orgs.models import Organization
from gongkai.publishing.models import AttachmentKind, Column, Genre, InterpretationKind, RecordStatus
from gongkai.publishing.selectors import (
    BROWSE_FACETS,
    browse_records,
    column_tree,
    descendant_slugs,
    in_column,
    public_attachment,
    public_record,
    published_records,
    related_records,
)
from gongkai.publishing.standard_columns import standard_slug
from gongkai.publishing.uploads import download_name

from ..pages import generation
from . import share
from .record_sections import record_sections

PAGE_SIZE = 20


def paginate(request, records):
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))


def qr_svg(url: str) -> bytes:
    """An SVG QR code of a page, for reading it on a phone (no JavaScript, no external service). A standalone file
    with the SVG namespace: without it a browser shows an `<img>` of it as broken (segno's `svg_inline` leaves the
    namespace out, for SVG written into HTML)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, dark="#1a1a1a", xmldecl=False)
    return out.getvalue()


def cached_qr(url: str) -> bytes:
    """The QR code of `url`, made once and kept as a file under GONGKAI_CACHE_DIR/qr-svg (named by the URL's hash;
    the files of the former folder `qr` lack the SVG namespace and are left unused)."""
    folder = Path(settings.GONGKAI_CACHE_DIR) / "qr-svg"
    path = folder / f"{hashlib.sha256(url.encode()).hexdigest()}.svg"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    content = qr_svg(url)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    os.replace(temporary, path)
    return content


RECORD_PARTS_SECONDS = 24 * 3600
RECORD_PARTS = ("nav", "top", "bottom", "related")


def record_parts_key(record, marker: str) -> str:
    """What a record page's cached parts depend on besides the record row: the marker of the last announced change
    (any publication, correction, withdrawal, catalog, column or site edit: `pages.generation`), the language and
    the day (the validity banner)."""
    return ":".join(
        (
            "portal:record-parts",
            str(record.pk),
            record.updated_at.isoformat(),
            marker,
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        )
    )


def interpretation_video(record):
    """The video a video interpretation shows in the page (its first video attachment), or None."""
    if record.genre != Genre.INTERPRETATION or record.interpretation_kind != InterpretationKind.VIDEO:
        return None
    return next((item for item in record.attachments.all() if item.kind == AttachmentKind.VIDEO), None)


def record_parts(record_id: int, key: str) -> dict | None:
    """The parts of a public record's page that depend only on the record (its index, body, attachments,
    interpretations, corrections, the share description), rendered once per key, without the request (no context
    processors: no query for the site). None when the record is not public."""
    found = public_record(record_id)
    if found is None or found.status != RecordStatus.PUBLISHED:
        return None
    context = {
        "record": found,
        "share_description": share.share_description(found),
        "corrections": [revision for revision in found.revisions.all() if revision.kind != "created"],
        "catalog_items": public_items_of_record(found),
        "related": related_records(found),
        "video": interpretation_video(found),
    }
    parts = {name: render_to_string(f"portal/publishing/_record_{name}.html", context) for name in RECORD_PARTS}
    parts["share_description"] = context["share_description"]
    cache.set(key, parts, RECORD_PARTS_SECONDS)
    return parts


def current_record(record_id: int):
    """The public record with only what the page needs beside its cached parts (a small query: the sections test
    whether the organization is a village)."""
    return (
        published_records()
        .filter(pk=record_id)
        .select_related("organization__region")
        .only("title", "status", "updated_at", "organization__region__level")
        .order_by()[:1]
    )


def record(request, record_id):
    # The key is taken before the database is read: a change committed meanwhile moves the marker, so what this
    # request renders is cached under the old key and never served after the change.
    marker = generation.current()
    current = next(iter(current_record(record_id)), None)
    if current is not None:
        key = record_parts_key(current, marker)
        parts = cache.get(key) or record_parts(current.pk, key)
        if parts is not None:
            context = {
                "record": current,
                "share_description": parts["share_description"],
                "parts": {name: mark_safe(parts[name]) for name in RECORD_PARTS},  # noqa: S308 - rendered templates
                "sections": [mark_safe(html) for html in record_sections(request, current)],  # noqa: S308 - same
            }
            return render(request, "portal/publishing/record.html", context)
    found = public_record(record_id)
    if found is None:
        raise Http404
    if found.status == RecordStatus.PUBLISHED:  # published between the two reads: rendered without the cache
        return record(request, record_id)
    return render(request, "portal/publishing/gone.html", {"record": found}, status=410)


def record_qr(request, record_id):
    """The record page's QR code (an image of the page's public address), only for a public record."""
    if not published_records().filter(pk=record_id).exists():
        raise Http404
    url = request.build_absolute_uri(reverse("portal:publishing:record", kwargs={"record_id": record_id}))
    return HttpResponse(cached_qr(url), content_type="image/svg+xml")


def share_image(request, record_id):
    """The record's share card (PNG), drawn once and then served from its file."""
    found = public_record(record_id)
    if found is None or found.status != RecordStatus.PUBLISHED:
        raise Http404
    url = request.build_absolute_uri(found.get_absolute_url())
    path = share.cached_share_image(found, url, settings.GONGKAI_SITE_NAME)
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def attachment(request, record_id, public_id):
    found = public_attachment(public_id)
    if found is None or found.record_id != int(record_id):
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=download_name(found.original_name, found.content_type),
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def records(request):
    page = paginate(request, published_records())
    context = {"page": page, "title": _("全部政府信息"), "organizations": listing_organizations()}
    return render(request, "portal/publishing/list.html", context)


def browse(request):
    """信息公开目录: every public record, narrowed by organization, 主题分类, 体裁 and catalog domain; each facet lists
    its values with counts as links (no JavaScript), the chosen ones with a link to drop them."""
    chosen = {name: request.GET.get(name, "").strip()[:40] for name in BROWSE_FACETS}
    chosen = {name: value for name, value in chosen.items() if value}
    records, facets = browse_records(chosen=chosen)
    groups = []
    titles = {
        "organization": _("按发布机构"),
        "subject": _("按主题分类"),
        "genre": _("按体裁分类"),
        "domain": _("按目录领域"),
    }
    for name in BROWSE_FACETS:
        others = {key: value for key, value in chosen.items() if key != name}
        entries = [
            {
                **entry,
                "url": "?" + urlencode({**others, name: entry["value"]}),
                "chosen": chosen.get(name) == entry["value"],
            }
            for entry in facets[name]
        ]
        groups.append(
            {
                "name": name,
                "title": titles[name],
                "entries": entries,
                "clear": "?" + urlencode(others) if name in chosen else "",
            }
        )
    page = paginate(request, records.select_related("organization"))
    context = {"page": page, "groups": groups, "chosen": chosen, "query": urlencode(chosen)}
    return render(request, "portal/publishing/browse.html", context)


def listing_organizations():
    return Organization.objects.filter(is_active=True, records__status=RecordStatus.PUBLISHED).distinct()


def column(request, slug):
    organization = None
    if request.GET.get("organization"):
        if not request.GET["organization"].isdigit():
            raise Http404
        organization = get_object_or_404(Organization, pk=request.GET["organization"], is_active=True)
    columns = Column.objects.filter(slug=slug, is_active=True)
    if organization is not None:
        columns = columns.filter(organization=organization)
    sample = columns.select_related("domain").first()
    standard = standard_slug(slug)
    if sample is None and standard is None:
        raise Http404
    title = sample.name if sample else str(standard.name)
    tree = column_tree(sample.organization) if sample else []
    node = find(tree, slug)
    slugs, stages, domains = descendant_slugs(node) if node else ([slug], [], [])
    listed = in_column(published_records(), slugs, stages=stages, domain_ids=domains)
    if organization is not None:
        listed = listed.filter(organization=organization)
    context = {
        "page": paginate(request, listed),
        "title": title,
        "column": node or sample,
        "description": (sample.description if sample else "") or (standard.description if standard else ""),
        "children": node.children_list if node else [],
        "organization": organization,
        "feed_slug": slug,
    }
    return render(request, "portal/publishing/list.html", context)


def find(tree, slug):
    for node in tree:
        if node.slug == slug:
            return node
        found = find(node.children_list, slug)
        if found:
            return found
    return None


def organization(request, organization_id):
    found = get_object_or_404(Organization, pk=organization_id, is_active=True)
    context = {
        "page": paginate(request, published_records().filter(organization=found)),
        "title": found.name,
        "organization": found,
        "children": column_tree(found),
    }
    return render(request, "portal/publishing/list.html", context)


def item(request, organization_id, code):
    found = public_item_for_records(organization_id, code)
    if found is None:
        raise Http404
    listed = published_records().filter(items=found)
    context = {"page": paginate(request, listed), "title": found.name, "item": found}
    return render(request, "portal/publishing/list.html", context)


def domain(request, code):
    found = get_object_or_404(Domain, code=code.upper(), is_active=True)
    listed = in_column(published_records(), [], domain_ids=[found.pk])
    return render(request, "portal/publishing/list.html", {"page": paginate(request, listed), "title": found.name})


def stage(request, stage):
    if stage not in Stage.values:
        raise Http404
    listed = published_records().filter(effective_stage=stage)
    context = {"page": paginate(request, listed), "title": Stage(stage).label, "stages": Stage.choices}
    return render(request, "portal/publishing/list.html", context)
