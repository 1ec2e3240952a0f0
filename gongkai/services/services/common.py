"""Pieces every guide service uses: locking, access checks, validation, versions and the after-commit signal."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.models import Item, ItemStatus
from gongkai.core.errors import AccessDenied
from gongkai.publishing.models import Record

from ..access import can_approve_guide, can_edit_guide
from ..errors import Invalid, Problem, ServicesError, ServicesErrorCode
from ..guidedata import snapshot
from ..models import Guide, GuideVersion
from ..signals import guide_changed
from ..validation import guide_problems


def locked(guide: Guide) -> Guide:
    return Guide.objects.select_for_update().select_related("organization__region").get(pk=guide.pk)


def require_editor(actor, guide: Guide) -> None:
    if not can_edit_guide(actor, guide):
        raise AccessDenied(_("您不能修改本机构以外的办事指南。"))


def require_approver(actor, guide: Guide, submitted_by_id) -> None:
    if not can_approve_guide(actor, guide):
        raise AccessDenied(_("只有本机构的审核人、政务公开办公室或系统管理员可以审核办事指南。"))
    if submitted_by_id is not None and submitted_by_id == actor.pk:
        raise ServicesError(ServicesErrorCode.SELF_APPROVAL, _("不能审核自己提交的内容，请由其他审核人审核。"))


def require_state(guide: Guide, states, action: str) -> None:
    if guide.status not in states:
        raise ServicesError(
            ServicesErrorCode.WRONG_STATE,
            _("办事指南“%(name)s”当前为“%(status)s”，不能%(action)s。")
            % {"name": guide.name, "status": guide.get_status_display(), "action": action},
        )


def validate(data: dict, *, complete: bool, organization, exclude_id=None) -> None:
    problems = guide_problems(data, complete=complete)
    taken = Guide.objects.filter(organization=organization, code=(data.get("code") or "").strip())
    if exclude_id:
        taken = taken.exclude(pk=exclude_id)
    if data.get("code") and taken.exists():
        problems.append(Problem("code", _("本机构已有编码为%(code)s的办事指南。") % {"code": data["code"]}))
    problems += relation_problems(data, organization)
    if problems:
        raise Invalid(problems)


def relation_problems(data: dict, organization) -> list[Problem]:
    """The catalog item must be a 办事指南 item in force; the record must be the organization's own."""
    problems = []
    item_id, record_id = data.get("catalog_item"), data.get("record")
    item_id, record_id = getattr(item_id, "pk", item_id), getattr(record_id, "pk", record_id)
    if item_id and not Item.objects.filter(pk=item_id, status=ItemStatus.IN_FORCE, name__contains="办事指南").exists():
        problems.append(Problem("catalog_item", _("所选目录事项不是在用的“办事指南”事项。")))
    if record_id and not Record.objects.filter(pk=record_id, organization=organization).exists():
        problems.append(Problem("record", _("所选发布信息不属于本机构。")))
    return problems


def add_version(guide: Guide, *, actor, approved_by=None, note: str = "") -> GuideVersion:
    guide.version += 1
    return GuideVersion.objects.create(
        guide=guide,
        number=guide.version,
        data=snapshot(guide),
        effective_from=timezone.now(),
        changed_by=actor if getattr(actor, "pk", None) else None,
        approved_by=approved_by,
        note=note[:300],
    )


def announce(guide_id: int) -> None:
    transaction.on_commit(lambda: guide_changed.send(sender=Guide, guide_id=guide_id))
