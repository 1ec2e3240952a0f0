"""`gongkai searchservice [--bind HOST:PORT] [--workers N] [--threads N]`: serve this machine's search index to the
app servers (docs/search.md, "The search service"). Runs gunicorn in the foreground, as systemd expects
(deploy/systemd/gongkai-search.service)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.search.checks import MIN_TOKEN_LENGTH


class Command(BaseCommand):
    help = "Serve this machine's search index to the app servers over HTTP (the search service)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8700", help="HOST:PORT on the private network (default 127.0.0.1:8700)"
        )
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
        parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")

    def handle(self, *args, **options):
        token = settings.GONGKAI_SEARCH_SERVICE_TOKEN
        if len(token) < MIN_TOKEN_LENGTH:
            raise CommandError(
                _(
                    "检索服务需要 GONGKAI_SEARCH_SERVICE_TOKEN（至少 %(length)s 个字符，各应用服务器与检索服务相同），"
                    "可用 `python -c 'import secrets; print(secrets.token_urlsafe(32))'` 生成。"
                )
                % {"length": MIN_TOKEN_LENGTH},
                returncode=2,
            )
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError(_("--workers 和 --threads 至少为 1。"), returncode=2)
        from gunicorn.app.base import BaseApplication

        from gongkai.search.service import application

        class SearchService(BaseApplication):
            def load_config(self) -> None:
                for name, value in {
                    "bind": [options["bind"]],
                    "workers": options["workers"],
                    "threads": options["threads"],
                    "worker_class": "gthread",
                    "keepalive": 75,  # app servers keep their connection open between searches
                    "timeout": 120,
                    "graceful_timeout": 30,
                    "accesslog": None,
                    "loglevel": "warning",
                    "proc_name": "gongkai-search",
                }.items():
                    self.cfg.set(name, value)

            def load(self) -> Any:
                return application

        self.stdout.write(
            _("检索服务：索引 %(index)s，监听 %(bind)s。")
            % {"index": settings.GONGKAI_SEARCH_INDEX_DIR, "bind": options["bind"]}
        )
        self.stdout.flush()
        SearchService().run()
