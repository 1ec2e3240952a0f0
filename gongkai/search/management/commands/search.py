"""`gongkai search reindex [--org ORG]` rebuilds the index; `gongkai search query "..." [--json]` shows the top
hits with their scores; `gongkai search status` says which engine serves searches and whether it needs a rebuild."""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organization
from gongkai.search.backends import get_backend
from gongkai.search.documents import SORT_DATE, SORT_RELEVANCE, SearchFilters
from gongkai.search.errors import SearchUnavailable
from gongkai.search.selectors import search
from gongkai.search.services import count_public_documents, reindex
from gongkai.search.vocabulary import current_dictionary


class Progress:
    """A progress line on stderr: done / total, percentage, rate."""

    def __init__(self, total: int, stream=None):
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        width = 30
        filled = min(width, int(width * done / self.total))
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {100 * done / self.total:5.1f}% {rate:,.0f}/s")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")


def organization_by_key(key: str) -> Organization:
    organization = Organization.objects.filter(credit_code=key).first()
    if organization is None and key.isdigit():
        organization = Organization.objects.filter(pk=int(key)).first()
    if organization is None:
        organization = Organization.objects.filter(name=key).first()
    if organization is None:
        raise CommandError(
            _("找不到机构“%(key)s”：请使用机构编号、统一社会信用代码或全称。") % {"key": key}, returncode=2
        )
    return organization


class Command(BaseCommand):
    help = "Full-text search: rebuild the index, run a query, or show the index status."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        rebuild = actions.add_parser("reindex", help="rebuild the index from everything public")
        rebuild.add_argument("--org", help="only this organization's documents (id, credit code or full name)")
        rebuild.add_argument(
            "--if-stale",
            action="store_true",
            help="only when the vocabulary changed since the last rebuild or there is no index (for cron)",
        )
        query = actions.add_parser("query", help="search as the public does and print the top hits")
        query.add_argument("text")
        query.add_argument("--json", action="store_true", help="print a JSON list of {kind, id, title, url, score}")
        query.add_argument("--limit", type=int, default=10)
        query.add_argument("--sort", choices=[SORT_RELEVANCE, SORT_DATE], default=SORT_RELEVANCE)
        query.add_argument("--org", help="only this organization's documents")
        actions.add_parser("status", help="which engine, how many documents, whether the dictionary changed")

    def handle(self, *args, **options):
        try:
            getattr(self, f"handle_{options['action']}")(options)
        except SearchUnavailable as error:  # the operator at the console may see where and why
            raise CommandError(f"{error.message} ({error.detail})", returncode=2) from error
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def handle_reindex(self, options):
        organization = organization_by_key(options["org"]) if options["org"] else None
        if options["if_stale"] and organization is None:
            built_with = get_backend().dictionary()
            if built_with is not None and built_with.version == current_dictionary().version:
                self.stdout.write(f"index up to date (dictionary {built_with.version}); nothing to do")
                return
        progress = Progress(count_public_documents(organization=organization), self.stderr._out)
        started = time.monotonic()
        count = reindex(organization=organization, progress=progress)
        progress.finish()
        backend = get_backend()
        self.stdout.write(
            f"indexed {count} document(s) with the {backend.name} backend in {time.monotonic() - started:.1f} s"
        )

    def handle_query(self, options):
        filters = SearchFilters(organization=str(organization_by_key(options["org"]).pk) if options["org"] else "")
        limit = min(max(options["limit"], 1), 100)
        page = search(options["text"], filters, sort=options["sort"], page_size=limit)
        hits = [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "score": round(hit.score, 6) if hit.score is not None else None,
                "exact": hit.exact,
                "snippet": str(hit.snippet),
            }
            for hit in page.hits
        ]
        if options["json"]:
            self.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{page.total} match(es)")
        for number, hit in enumerate(hits, start=1):
            score = "exact" if hit["exact"] else (f"{hit['score']:.4f}" if hit["score"] is not None else "-")
            self.stdout.write(f"{number:>3}. [{score}] {hit['kind']}:{hit['id']} {hit['title']}  {hit['url']}")

    def handle_status(self, options):
        backend = get_backend()
        built_with = backend.dictionary()
        current = current_dictionary()
        self.stdout.write(f"backend: {backend.name}")
        self.stdout.write(f"documents: {backend.document_count()}")
        self.stdout.write(f"dictionary: {built_with.version if built_with else '-'} (current {current.version})")
        if built_with is None or built_with.version != current.version:
            self.stdout.write(_("词典已变化或索引尚未建立：请运行 gongkai search reindex。"))
