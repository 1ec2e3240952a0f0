"""`gongkai tokens …`: API tokens for business systems, from the command line.

gongkai tokens list [--org ORG]
gongkai tokens create --org ORG --name NAME --scope records:write [--scope …] [--expires YYYY-MM-DD]
                      [--rate N] --by USER
gongkai tokens rotate ID --by USER
gongkai tokens revoke ID --by USER

ORG is an organization's id or unified social credit code; USER is the username of the office member or
administrator on whose authority the change is made (it is checked and written to the audit log). The secret is
printed once, on stdout, and never stored.
"""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.api import tokens
from gongkai.api.models import ApiToken, TokenScope
from gongkai.catalog.selectors import organization_by_key
from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Person


class Command(BaseCommand):
    help = "API tokens for business systems: list, create, rotate, revoke."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="job", required=True)
        listing = sub.add_parser("list", help="List tokens (never their secrets).")
        listing.add_argument("--org", help="Only this organization (id or credit code).")
        create = sub.add_parser("create", help="Create a token and print its secret once.")
        create.add_argument("--org", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--scope", action="append", required=True, choices=TokenScope.values)
        create.add_argument("--expires", help="Last valid day, YYYY-MM-DD.")
        create.add_argument("--rate", type=int, default=120, help="Calls per minute (default 120).")
        create.add_argument("--by", required=True, help="Username of the office member or administrator.")
        for name in ("rotate", "revoke"):
            action = sub.add_parser(name, help=f"{name.capitalize()} a token.")
            action.add_argument("token_id", type=int)
            action.add_argument("--by", required=True)

    def handle(self, *args, job, **options):
        ensure_database()
        try:
            getattr(self, job)(**options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def person(self, username: str) -> Person:
        person = Person.objects.filter(username=username, is_active=True).first()
        if person is None:
            raise CommandError(_("没有用户名为“%(username)s”的有效账号。") % {"username": username})
        return person

    def organization(self, key: str):
        organization = organization_by_key(key)
        if organization is None:
            raise CommandError(_("找不到机构“%(key)s”：请填写机构编号或统一社会信用代码。") % {"key": key})
        return organization

    def token(self, token_id: int) -> ApiToken:
        token = ApiToken.objects.filter(pk=token_id).first()
        if token is None:
            raise CommandError(_("没有编号为 %(id)s 的接口令牌。") % {"id": token_id})
        return token

    def list(self, org=None, **options):
        found = ApiToken.objects.select_related("organization").order_by("organization_id", "name", "id")
        if org:
            found = found.filter(organization=self.organization(org))
        for token in found:
            state = _("已吊销") if token.revoked_at else (_("有效") if token.is_usable() else _("已过期"))
            self.stdout.write(
                f"{token.pk}\tgk_{token.key_prefix}_…\t{token.name}\t{token.organization.name}\t"
                f"{','.join(token.scopes)}\t{state}"
            )

    def create(self, org, name, scope, expires, rate, by, **options):
        expires_at = None
        if expires:
            try:
                expires_at = timezone.make_aware(datetime.combine(date.fromisoformat(expires), time.max))
            except ValueError as error:
                raise CommandError(_("到期日期应为 YYYY-MM-DD，例如 2027-12-31。")) from error
        issued = tokens.create_token(
            organization=self.organization(org),
            name=name,
            scopes=scope,
            expires_at=expires_at,
            rate_per_minute=rate,
            actor=self.person(by),
        )
        self.stderr.write(_("已创建令牌 %(id)s“%(name)s”。令牌只显示这一次：") % {"id": issued.token.pk, "name": name})
        self.stdout.write(issued.secret)

    def rotate(self, token_id, by, **options):
        issued = tokens.rotate_token(token=self.token(token_id), actor=self.person(by))
        self.stderr.write(_("已轮换令牌 %(id)s，旧令牌已失效。新令牌只显示这一次：") % {"id": token_id})
        self.stdout.write(issued.secret)

    def revoke(self, token_id, by, **options):
        token = tokens.revoke_token(token=self.token(token_id), actor=self.person(by))
        self.stdout.write(_("已吊销令牌 %(id)s“%(name)s”。") % {"id": token.pk, "name": token.name})
