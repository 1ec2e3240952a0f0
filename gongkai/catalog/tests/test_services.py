"""Items through the services: codes for life, versions with diffs, approval of clerks' changes, retirement."""

import pytest

from gongkai.catalog.errors import CatalogError, ItemInvalid
from gongkai.catalog.models import ChangeSetStatus, Item, ItemStatus, ItemVersion
from gongkai.catalog.selectors import item_history
from gongkai.catalog.services import (
    approve_change_set,
    create_item,
    reject_change_set,
    retire_item,
    update_item,
    withdraw_change_set,
)
from gongkai.catalog.signals import item_changed
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry

from .factories import catalog_of, group_data, item_data, make_tree


@pytest.fixture
def catalog(department):
    return catalog_of(department)


def test_office_creates_an_item_in_force_with_a_readable_code(catalog, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    assert item.code == f"{catalog.prefix}-SHJZ-0001"
    assert item.status == ItemStatus.IN_FORCE
    assert item.version == 1
    version = item.versions.get()
    assert (version.number, version.effective_to, version.changed_by, version.approved_by) == (1, None, office, office)
    assert AuditEntry.objects.filter(action="catalog.item.created", target_id=str(item.pk)).count() == 1


def test_codes_follow_per_domain_and_survive_edits_and_retirement(catalog, office):
    first = create_item(catalog=catalog, actor=office, data=item_data())
    second = create_item(catalog=catalog, actor=office, data=item_data(name="政策法规文件"))
    other = create_item(catalog=catalog, actor=office, data=item_data(name="项目审批", domain="ZDJS"))
    assert [first.code[-9:], second.code[-9:], other.code[-9:]] == ["SHJZ-0001", "SHJZ-0002", "ZDJS-0001"]
    update_item(item=first, actor=office, data=item_data(name="最低生活保障办事指南", domain="YLFW"))
    first.refresh_from_db()
    assert first.code == f"{catalog.prefix}-SHJZ-0001"
    retire_item(item=second, actor=office, reason="并入其他事项")
    third = create_item(catalog=catalog, actor=office, data=item_data(name="监督检查"))
    assert third.code.endswith("SHJZ-0003")  # the retired 0002 is never handed out again
    assert Item.objects.filter(pk=second.pk, status=ItemStatus.RETIRED).exists()


def test_an_edit_opens_a_new_version_and_the_history_shows_each_changed_field(catalog, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    update_item(
        item=item, actor=office, data=item_data(time_limit="自信息形成或者变更之日起20个工作日内", levels=["county"])
    )
    item.refresh_from_db()
    assert item.version == 2
    assert item.time_limit_days == 20
    versions = list(ItemVersion.objects.filter(item=item).order_by("number"))
    assert versions[0].effective_to == versions[1].effective_from
    assert versions[1].effective_to is None
    latest = item_history(item)[0]
    assert latest.version.number == 2
    assert [(change.label, change.old, change.new) for change in latest.changes] == [
        ("公开时限", "制定或获取信息之日起10个工作日内", "自信息形成或者变更之日起20个工作日内"),
        ("公开层级", "县级、乡级", "县级"),
    ]


def test_an_edit_that_changes_nothing_is_refused(catalog, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    with pytest.raises(CatalogError, match="没有修改任何内容。"):
        update_item(item=item, actor=office, data=item_data())
    assert ItemVersion.objects.filter(item=item).count() == 1


def test_a_clerks_edit_waits_for_the_office(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    update_item(item=item, actor=clerk, data=item_data(elements="办理条件、申请材料"), note="精简要素")
    item.refresh_from_db()
    assert item.elements.startswith("办理事项")  # nothing in force yet
    assert item.version == 1
    change_set = item.changes.get().change_set
    assert change_set.status == ChangeSetStatus.PENDING
    approve_change_set(change_set=change_set, actor=office, note="同意")
    item.refresh_from_db()
    assert (item.elements, item.version) == ("办理条件、申请材料", 2)
    version = item.versions.get(number=2)
    assert (version.changed_by, version.approved_by, version.note) == (clerk, office, "精简要素")


def test_a_clerks_new_item_gets_its_code_at_once_but_is_in_force_only_after_approval(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=clerk, data=item_data())
    assert item.code.endswith("SHJZ-0001")
    assert (item.status, item.version) == (ItemStatus.PROPOSED, 0)
    change_set = item.changes.get().change_set
    approve_change_set(change_set=change_set, actor=office)
    item.refresh_from_db()
    assert (item.status, item.version) == (ItemStatus.IN_FORCE, 1)


def test_a_rejected_new_item_keeps_its_code_out_of_use(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=clerk, data=item_data())
    reject_change_set(change_set=item.changes.get().change_set, actor=office, note="与已有事项重复")
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    again = create_item(catalog=catalog, actor=office, data=item_data())
    assert again.code.endswith("SHJZ-0002")


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=clerk, data=item_data())
    change_set = item.changes.get().change_set
    with pytest.raises(CatalogError, match="请写明退回理由。"):
        reject_change_set(change_set=change_set, actor=office, note=" ")
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.PENDING


def test_nobody_approves_their_own_change(catalog, make_person, department, office):
    clerk_and_office = make_person("clerk", department, username="both")
    from gongkai.orgs.tests.factories import MembershipFactory

    item = create_item(catalog=catalog, actor=clerk_and_office, data=item_data())
    MembershipFactory(person=clerk_and_office, organization=office.memberships.get().organization, role="office")
    from gongkai.orgs.access import forget_memberships

    forget_memberships(clerk_and_office)
    with pytest.raises(CatalogError, match="不能审批自己提交的目录变更。"):
        approve_change_set(change_set=item.changes.get().change_set, actor=clerk_and_office)


def test_a_clerk_cannot_approve(catalog, clerk, office, reviewer):
    item = create_item(catalog=catalog, actor=clerk, data=item_data())
    with pytest.raises(AccessDenied):
        approve_change_set(change_set=item.changes.get().change_set, actor=reviewer)
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED


def test_only_one_pending_change_per_item(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    update_item(item=item, actor=clerk, data=item_data(elements="甲"))
    with pytest.raises(CatalogError, match="已有待审批的修改"):
        update_item(item=item, actor=clerk, data=item_data(elements="乙"))


def test_an_approval_after_a_newer_edit_is_refused_as_a_conflict(catalog, clerk, office, admin_person):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    update_item(item=item, actor=clerk, data=item_data(elements="甲"))
    change_set = item.changes.get().change_set
    withdraw_change_set(change_set=change_set, actor=clerk)
    update_item(item=item, actor=office, data=item_data(elements="乙"))
    update_item(item=item, actor=clerk, data=item_data(elements="丙"))
    pending = item.changes.get(is_pending=True)
    pending.base_version = 1
    pending.save()
    with pytest.raises(CatalogError, match="在提交后已被修改"):
        approve_change_set(change_set=pending.change_set, actor=admin_person)
    item.refresh_from_db()
    assert item.elements == "乙"


def test_retiring_keeps_the_item_and_closes_its_version(catalog, office):
    group, guide, review = make_tree(catalog, office)
    with pytest.raises(CatalogError, match="下还有在用的下级事项"):
        retire_item(item=group, actor=office, reason="调整")
    with pytest.raises(CatalogError, match="请写明废止原因。"):
        retire_item(item=guide, actor=office, reason="")
    retire_item(item=guide, actor=office, reason="调整")
    guide.refresh_from_db()
    assert (guide.status, guide.retired_reason) == (ItemStatus.RETIRED, "调整")
    assert guide.versions.get().effective_to == guide.retired_at


def test_a_clerks_retirement_waits_for_approval(catalog, clerk, office):
    item = create_item(catalog=catalog, actor=office, data=item_data())
    retire_item(item=item, actor=clerk, reason="不再适用")
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_FORCE
    approve_change_set(change_set=item.changes.get().change_set, actor=office)
    item.refresh_from_db()
    assert (item.status, item.retired_reason) == (ItemStatus.RETIRED, "不再适用")


def test_items_nest_at_most_three_levels(catalog, office):
    first = create_item(catalog=catalog, actor=office, data=group_data("一级"))
    second = create_item(catalog=catalog, actor=office, data=group_data("二级", parent=first.code))
    third = create_item(catalog=catalog, actor=office, data=item_data(name="三级", parent=second.code))
    with pytest.raises(ItemInvalid) as error:
        create_item(catalog=catalog, actor=office, data=item_data(name="四级", parent=third.code))
    assert error.value.message == "事项最多分三级：上级事项“三级”已是三级事项。"


def test_item_changed_is_sent_after_commit(catalog, office, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, item_id, **kwargs):
        received.append(item_id)

    item_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = create_item(catalog=catalog, actor=office, data=item_data())
        with django_capture_on_commit_callbacks(execute=True):
            retire_item(item=item, actor=office, reason="调整")
    finally:
        item_changed.disconnect(receiver)
    assert received == [item.pk, item.pk]


def test_due_date_of_an_item_uses_its_rule(catalog, office):
    from datetime import date

    item = create_item(catalog=catalog, actor=office, data=item_data(time_limit="自信息形成或者变更之日起20个工作日内"))
    assert item.due_date(date(2026, 9, 18)).date == date(2026, 10, 22)
    promptly = create_item(catalog=catalog, actor=office, data=item_data(name="过程信息", time_limit="及时公开"))
    assert promptly.due_date(date(2026, 9, 18)) is None
