"""`gongkai publishing …`: the publishing jobs for cron and operators.

gongkai publishing publish-due            publish scheduled records whose time came; take ended displays down
gongkai publishing seed-columns [--organization ID]   give organizations the standard column tree
gongkai publishing recompute-deadlines    recompute due dates of unpublished records
gongkai publishing interpretation-genres REGION [--add GENRE] [--remove GENRE]   genres needing an interpretation
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = "Publishing jobs: publish-due (for cron), seed-columns, recompute-deadlines."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="job", required=True)
        sub.add_parser("publish-due", help="Publish scheduled records that are due and expire ended displays.")
        seed = sub.add_parser("seed-columns", help="Create the standard columns every organization lacks.")
        seed.add_argument("--organization", type=int, help="Only this organization (id).")
        sub.add_parser("recompute-deadlines", help="Recompute the due dates of unpublished records.")
        genres = sub.add_parser(
            "interpretation-genres",
            help="List, add or remove the genres a region's records publish with an interpretation.",
        )
        genres.add_argument("region", help="division code of the region")
        genres.add_argument("--add", action="append", default=[], metavar="GENRE")
        genres.add_argument("--remove", action="append", default=[], metavar="GENRE")

    def handle(self, *args, job, **options):
        ensure_database()
        try:
            getattr(self, job.replace("-", "_"))(**options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def publish_due(self, **options):
        from gongkai.publishing.services import publish_due

        result = publish_due()
        self.stdout.write(
            _("已发布 %(published)s 条，已下线 %(expired)s 条，未能发布 %(failed)s 条。")
            % {
                "published": len(result["published"]),
                "expired": len(result["expired"]),
                "failed": len(result["failed"]),
            }
        )
        for record_id, message in result["failed"]:
            self.stderr.write(_("信息 %(id)s 未能发布：%(message)s") % {"id": record_id, "message": message})
        if result["failed"]:
            raise CommandError(_("有定时发布的信息未能发布，请到工作台处理。"), returncode=1)

    def seed_columns(self, organization=None, **options):
        from gongkai.orgs.models import Organization
        from gongkai.publishing.services import seed_columns

        organizations = Organization.objects.filter(is_active=True).order_by("pk")
        if organization:
            organizations = organizations.filter(pk=organization)
            if not organizations.exists():
                raise CommandError(_("没有编号为 %(id)s 的有效机构。") % {"id": organization})
        total, count = 0, organizations.count()
        for number, item in enumerate(organizations, start=1):
            total += seed_columns(organization=item)
            sys.stderr.write(f"\r{number}/{count}")
        sys.stderr.write("\n")
        self.stdout.write(_("共新建 %(count)s 个栏目。") % {"count": total})

    def interpretation_genres(self, region, add=(), remove=(), **options):
        """三同步: 行政规范性文件 always needs an interpretation; the office marks further genres for its region."""
        from gongkai.orgs.models import Region
        from gongkai.publishing.models import Genre
        from gongkai.publishing.services import mark_interpretation_genre, unmark_interpretation_genre
        from gongkai.publishing.services.interpretation import genres_needing_interpretation

        found = Region.objects.filter(division_code=region).first()
        if found is None:
            raise CommandError(_("未找到行政区划代码为 %(code)s 的地区。") % {"code": region}, returncode=2)
        for genre in add:
            mark_interpretation_genre(region=found, genre=genre, actor=None)
        for genre in remove:
            unmark_interpretation_genre(region=found, genre=genre, actor=None)
        names = sorted(str(Genre(genre).label) for genre in genres_needing_interpretation(found))
        self.stdout.write(
            _("%(region)s须配套政策解读的体裁：%(genres)s") % {"region": found.name, "genres": "、".join(names)}
        )

    def recompute_deadlines(self, **options):
        from gongkai.publishing.services import recompute_due_dates

        changed = recompute_due_dates()
        self.stdout.write(_("%(count)s 条信息的公开期限已更新。") % {"count": changed})
