"""`gongkai opendata …`: catalog open datasets from a JSON description, list them with their lights.

gongkai opendata add FILE.json --by USER     create a dataset and its resources (all or nothing)
gongkai opendata list                        slug, light, update cycle, data update date, downloads, title

FILE.json: {"slug", "title", "publisher": ORG, "description", "update_cycle", "updated_on": "YYYY-MM-DD",
"contact", "fields": [{"name", "type", "description"}], "keywords"?, "licence"?, "domain"? (code),
"resources": [{"name", "format": "csv|xlsx|json", "file": "path relative to FILE.json"} or
{"name", "format", "query": "column_records|catalog_items|report_figures", "parameters": {…}}]}
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.models import Domain
from gongkai.catalog.selectors import organization_by_key
from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError
from gongkai.opendata import services
from gongkai.opendata.selectors import light_of, published_datasets
from gongkai.orgs.models import Person


class Command(BaseCommand):
    help = "Open-data catalog: add a dataset from a JSON description, list datasets with their lights."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="job", required=True)
        add = sub.add_parser("add", help="Create a dataset and its resources from a JSON file.")
        add.add_argument("file", type=Path)
        add.add_argument("--by", required=True, help="Username of the office member or administrator.")
        sub.add_parser("list", help="List published datasets with their lights.")

    def handle(self, *args, job, **options):
        ensure_database()
        try:
            getattr(self, job)(**options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def add(self, file: Path, by: str, **options):
        try:
            spec = json.loads(file.read_text(encoding="utf-8"))
            updated_on = date.fromisoformat(spec["updated_on"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(_("无法读取数据集描述 %(file)s：%(error)s") % {"file": file, "error": error}) from error
        actor = Person.objects.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(_("没有用户名为“%(username)s”的有效账号。") % {"username": by})
        publisher = organization_by_key(spec.get("publisher", ""))
        if publisher is None:
            raise CommandError(_("找不到提供机构“%(key)s”。") % {"key": spec.get("publisher", "")})
        domain = Domain.objects.filter(code=spec["domain"]).first() if spec.get("domain") else None
        metadata = {
            key: spec[key]
            for key in ("slug", "title", "description", "update_cycle", "contact", "fields")
            if key in spec
        }
        optional = {key: spec[key] for key in ("keywords", "licence") if key in spec}
        with transaction.atomic():
            dataset = services.create_dataset(
                publisher=publisher, actor=actor, updated_on=updated_on, domain=domain, **metadata, **optional
            )
            for resource in spec.get("resources", []):
                services.add_resource(dataset=dataset, actor=actor, **self.resource_arguments(file.parent, resource))
        self.stdout.write(
            _("已新增数据集“%(title)s”（%(slug)s），资源 %(count)s 个。")
            % {"title": dataset.title, "slug": dataset.slug, "count": dataset.resources.count()}
        )

    def resource_arguments(self, folder: Path, resource: dict) -> dict:
        arguments = {"name": resource.get("name", ""), "format": resource.get("format", "")}
        if resource.get("file"):
            try:
                arguments["data"] = (folder / resource["file"]).read_bytes()
            except OSError as error:
                raise CommandError(_("无法读取资源文件 %(file)s。") % {"file": resource["file"]}) from error
        else:
            arguments["query"] = resource.get("query", "")
            arguments["parameters"] = resource.get("parameters", {})
        return arguments

    def list(self, **options):
        today = timezone.localdate()
        for dataset in published_datasets().annotate(downloads=Sum("resources__download_count")):
            self.stdout.write(
                f"{dataset.slug}\t{light_of(dataset, today)}\t{dataset.update_cycle}\t"
                f"{dataset.updated_on.isoformat()}\t{dataset.downloads or 0}\t{dataset.title}"
            )
