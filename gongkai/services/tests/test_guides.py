import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.services.errors import Invalid, ServicesError
from gongkai.services.models import Guide, GuideChange, GuideStatus
from gongkai.services.services import (
    approve_guide,
    approve_guide_change,
    create_guide,
    reject_guide_change,
    submit_guide,
    update_guide,
)

from .factories import guide_data

pytestmark = pytest.mark.django_db


def test_clerk_submits_and_another_reviewer_puts_the_guide_in_force(department, clerk, reviewer):
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    assert (guide.status, guide.version) == (GuideStatus.DRAFT, 0)
    submit_guide(guide=guide, actor=clerk)
    guide = approve_guide(guide=guide, actor=reviewer)
    assert (guide.status, guide.version) == (GuideStatus.IN_FORCE, 1)
    version = guide.versions.get()
    assert (version.number, version.changed_by, version.approved_by) == (1, clerk, reviewer)
    assert version.data["statutory_days"] == 30
    assert list(AuditEntry.objects.filter(target_id=str(guide.pk)).values_list("action", flat=True).order_by("id")) == [
        "services.guide.created",
        "services.guide.submitted",
        "services.guide.approved",
    ]


def test_reviewer_cannot_approve_own_submission(department, reviewer):
    guide = create_guide(organization=department, data=guide_data(), actor=reviewer)
    submit_guide(guide=guide, actor=reviewer)
    with pytest.raises(ServicesError) as raised:
        approve_guide(guide=guide, actor=reviewer)
    assert raised.value.code == "services.self_approval"
    guide.refresh_from_db()
    assert (guide.status, guide.version) == (GuideStatus.PENDING, 0)


def test_incomplete_guide_cannot_be_submitted_and_stays_a_draft(department, clerk):
    guide = create_guide(organization=department, data=guide_data(complaint_phone=""), actor=clerk)
    with pytest.raises(Invalid) as raised:
        submit_guide(guide=guide, actor=clerk)
    assert raised.value.message == "请填写投诉电话。"
    guide.refresh_from_db()
    assert guide.status == GuideStatus.DRAFT


def test_promised_above_statutory_is_refused_and_nothing_is_written(department, clerk):
    with pytest.raises(Invalid):
        create_guide(organization=department, data=guide_data(promised_days=31), actor=clerk)
    assert not Guide.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="services.").exists()


def test_clerk_of_another_department_cannot_create_there(department, other_clerk):
    with pytest.raises(AccessDenied):
        create_guide(organization=department, data=guide_data(), actor=other_clerk)
    assert not Guide.objects.exists()


def test_editing_an_in_force_guide_makes_a_new_version_at_once(guide_in_force, clerk):
    guide = update_guide(guide=guide_in_force, data=guide_data(counter_hours="工作日 8:30—17:30"), actor=clerk)
    assert (guide.version, guide.counter_hours) == (2, "工作日 8:30—17:30")
    assert list(guide.versions.values_list("number", flat=True)) == [2, 1]


def test_change_of_statutory_limit_waits_for_review_then_takes_effect(guide_in_force, clerk, reviewer):
    change = update_guide(guide=guide_in_force, data=guide_data(statutory_days=20), actor=clerk, note="新规定")
    assert isinstance(change, GuideChange)
    guide_in_force.refresh_from_db()
    assert (guide_in_force.statutory_days, guide_in_force.version) == (30, 1)
    with pytest.raises(ServicesError) as raised:
        update_guide(guide=guide_in_force, data=guide_data(basis="新依据"), actor=clerk)
    assert raised.value.code == "services.pending_change"
    with pytest.raises(AccessDenied):
        approve_guide_change(change=change, actor=clerk)
    guide = approve_guide_change(change=change, actor=reviewer)
    assert (guide.statutory_days, guide.version) == (20, 2)
    assert guide.versions.get(number=2).note == "新规定"


def test_rejected_change_needs_a_reason_and_leaves_the_guide(guide_in_force, clerk, reviewer):
    change = update_guide(guide=guide_in_force, data=guide_data(basis="另一依据"), actor=clerk)
    with pytest.raises(ServicesError):
        reject_guide_change(change=change, actor=reviewer, reason=" ")
    change = reject_guide_change(change=change, actor=reviewer, reason="依据未生效")
    guide_in_force.refresh_from_db()
    assert (change.status, guide_in_force.basis) == ("rejected", guide_data()["basis"])


def test_unchanged_edit_is_refused(guide_in_force, clerk):
    with pytest.raises(ServicesError) as raised:
        update_guide(guide=guide_in_force, data=guide_data(), actor=clerk)
    assert raised.value.message == "没有任何修改。"


def test_codes_are_unique_within_an_organization(guide_in_force, department, clerk):
    with pytest.raises(Invalid) as raised:
        create_guide(organization=department, data=guide_data(), actor=clerk)
    assert raised.value.message == "本机构已有编码为320416-MZ-001的办事指南。"
