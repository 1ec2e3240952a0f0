"""sitemap.xml: every public record page (and the column pages), from the public selector only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.publishing.models import Column
from gongkai.publishing.selectors import published_records


class RecordSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return published_records().select_related(None).only("pk", "published_at", "corrected_at").order_by("pk")

    def lastmod(self, item):
        return item.corrected_at or item.published_at


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return sorted(set(Column.objects.filter(is_active=True).values_list("slug", flat=True)))

    def location(self, item):
        return reverse("portal:publishing:column", kwargs={"slug": item})


SITEMAPS = {"records": RecordSitemap, "columns": ColumnSitemap}
