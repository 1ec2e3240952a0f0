"""Search backends behind one interface, chosen by settings.GONGKAI_SEARCH_BACKEND.

"auto" (the default) uses PostgreSQL full-text search when the database is PostgreSQL and the embedded engine
(Tantivy, an index on disk under settings.GONGKAI_SEARCH_INDEX_DIR) otherwise; "embedded" and "postgres" force one.
"service" asks the search service (`gongkai searchservice`, the embedded engine on one machine) at
settings.GONGKAI_SEARCH_SERVICE_URL: the choice for several app servers.
Both answer the same parsed queries with the same ordering rules:
- relevance: score (title words weigh more than body words), then newer first, then higher id;
- date: newer first, then higher id;
- documents whose document number or index number equals the query come before all others.
"""

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from ..errors import SearchError, SearchErrorCode
from .base import SearchBackend

BACKENDS = ("auto", "embedded", "postgres", "service")


def backend_name(setting: str | None = None) -> str:
    setting = (setting or settings.GONGKAI_SEARCH_BACKEND or "auto").strip().lower()
    if setting not in BACKENDS:
        raise SearchError(
            SearchErrorCode.UNKNOWN_BACKEND,
            _("未知的检索引擎“%(name)s”：可选 auto、embedded、postgres、service。") % {"name": setting},
        )
    if setting == "auto":
        return "postgres" if connection.vendor == "postgresql" else "embedded"
    if setting == "postgres" and connection.vendor != "postgresql":
        raise SearchError(SearchErrorCode.UNKNOWN_BACKEND, _("PostgreSQL 全文检索只能在 PostgreSQL 数据库上使用。"))
    if setting == "service" and not (settings.GONGKAI_SEARCH_SERVICE_URL and settings.GONGKAI_SEARCH_SERVICE_TOKEN):
        raise SearchError(
            SearchErrorCode.UNKNOWN_BACKEND,
            _("使用检索服务须设置 GONGKAI_SEARCH_SERVICE_URL 和 GONGKAI_SEARCH_SERVICE_TOKEN。"),
        )
    return setting


def get_backend(setting: str | None = None) -> SearchBackend:
    name = backend_name(setting)
    if name == "postgres":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if name == "service":
        from .service import ServiceBackend

        return ServiceBackend(
            settings.GONGKAI_SEARCH_SERVICE_URL,
            settings.GONGKAI_SEARCH_SERVICE_TOKEN,
            timeout=settings.GONGKAI_SEARCH_SERVICE_TIMEOUT,
        )
    from .embedded import EmbeddedBackend

    return EmbeddedBackend(settings.GONGKAI_SEARCH_INDEX_DIR)
