"""Catalogs and their local reference data (local domains and channels)."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.orgs.models import Organization

from ..access import can_approve
from ..errors import CatalogError, CatalogErrorCode
from ..models import Catalog, Channel, Domain

DOMAIN_CODE_PATTERN = re.compile(r"^[A-Z0-9]{2,12}$")
AREA_KINDS = (Organization.Kind.GOVERNMENT, Organization.Kind.STREET_OFFICE, Organization.Kind.COMMITTEE)


def prefix_for(organization: Organization) -> str:
    """The region's division code without its trailing zero groups; departments add their id after a dash."""
    code = organization.region.division_code
    while len(code) > 6 and code.endswith("000"):
        code = code[:-3]
    if organization.kind not in AREA_KINDS or Catalog.objects.filter(prefix=code).exists():
        code = f"{code}-{organization.pk}"
    return code


@transaction.atomic
def ensure_catalog(*, organization: Organization, actor=None) -> Catalog:
    """The organization's catalog, created (with its code prefix) the first time it is needed."""
    catalog = Catalog.objects.filter(organization=organization).select_related("organization__region").first()
    if catalog is not None:
        return catalog
    catalog = Catalog.objects.create(organization=organization, prefix=prefix_for(organization))
    audit.log(
        "catalog.catalog.created",
        actor=actor,
        target=catalog,
        organization=organization,
        data={"prefix": catalog.prefix},
    )
    return catalog


@transaction.atomic
def add_local_domain(*, organization: Organization, actor, code: str, name: str) -> Domain:
    """Add a local domain to an organization (office or administrator only)."""
    catalog = ensure_catalog(organization=organization, actor=actor)
    if not can_approve(actor, catalog):
        raise AccessDenied(_("只有政务公开办公室可以添加地方领域。"))
    code, name = (code or "").strip().upper(), (name or "").strip()
    if not DOMAIN_CODE_PATTERN.match(code):
        raise CatalogError(CatalogErrorCode.INVALID, _("领域代码应为2至12位大写字母或数字。"), field="code")
    if not name:
        raise CatalogError(CatalogErrorCode.INVALID, _("请填写领域名称。"), field="name")
    if Domain.objects.filter(code=code).exists():
        raise CatalogError(CatalogErrorCode.INVALID, _("领域代码“%(code)s”已被使用。") % {"code": code}, field="code")
    if Domain.objects.filter(name=name, is_national=True).exists():
        raise CatalogError(
            CatalogErrorCode.INVALID, _("“%(name)s”是国家试点领域，无需添加。") % {"name": name}, field="name"
        )
    domain = Domain.objects.create(
        code=code, name=name, organization=organization, sort_order=Domain.objects.count() + 1
    )
    audit.log("catalog.domain.created", actor=actor, target=domain, organization=organization, data={"code": code})
    return domain


@transaction.atomic
def add_local_channel(*, organization: Organization, actor, name: str) -> Channel:
    """Add an organization's own channel (e.g. a village's WeChat group) beside the standard checklist."""
    name = (name or "").strip()
    if not name:
        raise CatalogError(CatalogErrorCode.INVALID, _("请填写渠道名称。"), field="name")
    existing = Channel.objects.filter(name=name, organization__in=[None, organization]).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            channel = Channel.objects.create(name=name, organization=organization, sort_order=200)
    except IntegrityError as error:
        raise CatalogError(CatalogErrorCode.INVALID, _("渠道“%(name)s”已存在。") % {"name": name}) from error
    audit.log("catalog.channel.created", actor=actor, target=channel, organization=organization, data={"name": name})
    return channel
