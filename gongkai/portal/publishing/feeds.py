"""RSS and Atom feeds per column (django.contrib.syndication), built on the public selector only."""

from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.publishing.models import Column
from gongkai.publishing.sanitizing import html_to_text
from gongkai.publishing.selectors import column_tree, descendant_slugs, in_column, published_records
from gongkai.publishing.standard_columns import standard_slug

FEED_SIZE = 30
# An empty feed's "last built" date: Django would put the current time there, which changes the bytes of every
# statically published empty feed on each render. A fixed date keeps them identical until an entry appears.
EMPTY_FEED_DATE = datetime(2020, 1, 1, tzinfo=UTC)


class StableDateMixin:
    def latest_post_date(self):
        if not self.items:
            return EMPTY_FEED_DATE
        return super().latest_post_date()


class StableRss(StableDateMixin, Rss201rev2Feed):
    pass


class StableAtom(StableDateMixin, Atom1Feed):
    pass


class ColumnFeed(Feed):
    feed_type = StableRss

    def get_object(self, request, slug):
        sample = Column.objects.filter(slug=slug, is_active=True).select_related("organization").first()
        standard = standard_slug(slug)
        if sample is None and standard is None:
            raise Http404
        node = None
        if sample is not None:
            stack = list(column_tree(sample.organization))
            while stack and node is None:
                candidate = stack.pop()
                node = candidate if candidate.slug == slug else None
                stack.extend(candidate.children_list)
        return {"slug": slug, "name": sample.name if sample else str(standard.name), "node": node}

    def title(self, obj):
        return _("%(column)s · 政府信息公开") % {"column": obj["name"]}

    def link(self, obj):
        return reverse("portal:publishing:column", kwargs={"slug": obj["slug"]})

    def description(self, obj):
        return _("“%(column)s”栏目最新发布的政府信息。") % {"column": obj["name"]}

    def items(self, obj):
        slugs, stages, domains = descendant_slugs(obj["node"]) if obj["node"] else ([obj["slug"]], [], [])
        return in_column(published_records(), slugs, stages=stages, domain_ids=domains)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """Readers render a description as HTML: the plain text is escaped, so a body that shows "<script>" as text
        (stored as &lt;script&gt;) reaches the reader as text again, never as markup."""
        return escape(item.summary or html_to_text(item.body)[:300])

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.corrected_at or item.published_at

    def item_author_name(self, item):
        return item.organization.name

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False


class AtomColumnFeed(ColumnFeed):
    feed_type = StableAtom
    subtitle = ColumnFeed.description
