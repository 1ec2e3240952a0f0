"""Adoption, as the catalog does it: a town or community adopts a county guide (or its township's copy) keeping the
code and a link to the source, sets its own counter, hours and phones, and follows the source's later versions
only when it chooses to (`follow_source`); what differs is shown as drift (`selectors.guide_drift`)."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit

from ..access import can_approve_guide
from ..errors import ServicesError, ServicesErrorCode
from ..guidedata import FIELDS, LOCAL_FIELDS, apply, snapshot
from ..models import Guide, GuideStatus
from .common import add_version, announce, locked, require_editor, validate


def require_adoptable(source: Guide, organization) -> None:
    source_path = source.organization.region.path
    own_path = organization.region.path
    if source.status != GuideStatus.IN_FORCE:
        raise ServicesError(
            ServicesErrorCode.NOT_ADOPTABLE, _("办事指南“%(name)s”不是在用指南，不能采用。") % {"name": source.name}
        )
    if own_path == source_path or not own_path.startswith(source_path):
        raise ServicesError(
            ServicesErrorCode.NOT_ADOPTABLE,
            _("只能采用上级区划机构的办事指南，“%(name)s”不在本机构的上级区划。") % {"name": source.name},
        )
    if Guide.objects.filter(organization=organization, source_guide=source).exists():
        raise ServicesError(ServicesErrorCode.NOT_ADOPTABLE, _("本机构已经采用过“%(name)s”。") % {"name": source.name})


@transaction.atomic
def adopt_guide(*, source: Guide, organization, actor, local: dict) -> Guide:
    """Copy `source` into `organization` with its local counter, hours and phones (`local`). A reviewer's or the
    office's adoption takes effect at once; a clerk's waits for review like a new guide."""
    source = Guide.objects.select_related("organization__region").get(pk=source.pk)
    copy = Guide(organization=organization, source_guide=source, adopted_version=source.version)
    require_editor(actor, copy)
    require_adoptable(source, organization)
    data = snapshot(source)
    data.update(catalog_item=None, record=None)
    data.update({key: (local.get(key) or data.get(key)) for key in LOCAL_FIELDS if key in local})
    validate(data, complete=True, organization=organization)
    apply(copy, data)
    approver = can_approve_guide(actor, copy)
    copy.status = GuideStatus.IN_FORCE if approver else GuideStatus.PENDING
    copy.submitted_by = actor
    copy.save()
    if approver:
        add_version(copy, actor=actor, approved_by=actor, note=_("采用上级办事指南"))
        copy.save(update_fields=["version"])
    audit.log("services.guide.adopted", actor=actor, target=copy, organization=organization,
              data={"source": source.pk, "source_version": source.version, "in_force": approver})  # fmt: skip
    if approver:
        announce(copy.pk)
    return copy


@transaction.atomic
def follow_source(*, guide: Guide, actor) -> Guide:
    """Take the source's current elements (keeping the local ones) as a new local version."""
    guide = locked(guide)
    require_editor(actor, guide)
    source = guide.source_guide
    if source is None or source.version <= (guide.adopted_version or 0):
        raise ServicesError(ServicesErrorCode.NO_SOURCE_CHANGE, _("上级办事指南没有新的版本。"))
    data = snapshot(source)
    own = snapshot(guide)
    data.update({key: own[key] for key in LOCAL_FIELDS})
    validate(data, complete=True, organization=guide.organization, exclude_id=guide.pk)
    changed = [key for key in FIELDS if own.get(key) != data.get(key)]
    apply(guide, data)
    guide.adopted_version = source.version
    if guide.status == GuideStatus.IN_FORCE:
        add_version(guide, actor=actor, note=_("同步上级办事指南第%(version)s版") % {"version": source.version})
    guide.save()
    audit.log("services.guide.source_followed", actor=actor, target=guide, organization=guide.organization,
              data={"source_version": source.version, "fields": changed})  # fmt: skip
    announce(guide.pk)
    return guide
