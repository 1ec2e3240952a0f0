"""Back-office pages: the permission matrix, the workflow buttons, work lists and the workbench panels."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import Record, RecordStatus

from .factories import draft, force_status
from .test_attachments import png_bytes

S = RecordStatus
WHO = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


def login(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


def expected(who, allowed):
    """Anonymous visitors sign in; outside their organizations staff get 404 (no existence oracle); inside, a role
    that may not do this gets 403."""
    if who == "anonymous":
        return 302
    if who == "other_clerk":
        return 404
    return 200 if who in allowed else 403


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("page", "allowed"),
    [
        ("record", {"clerk", "reviewer", "office", "admin_person"}),
        ("edit", {"clerk", "office", "admin_person"}),
    ],
)
def test_draft_pages_permission_matrix(client, request, department, clerk, who, page, allowed):
    record = draft(department, clerk)
    login(client, request, who)
    response = client.get(reverse(f"backoffice:publishing:{page}", args=[record.pk]))
    assert response.status_code == expected(who, allowed)


@pytest.mark.parametrize("who", WHO)
def test_approve_permission_matrix(client, request, department, clerk, who):
    record = services.submit_record(record=draft(department, clerk), actor=clerk)
    login(client, request, who)
    response = client.post(reverse("backoffice:publishing:act", args=[record.pk, "approve"]))
    record.refresh_from_db()
    if who in ("reviewer", "admin_person"):
        assert response.status_code == 302
        assert record.status == S.REVIEWED
    else:
        assert record.status == S.SUBMITTED
        assert response.status_code == {"anonymous": 302, "other_clerk": 404}.get(who, 403)


@pytest.mark.parametrize("who", WHO)
def test_staff_attachment_download_permission_matrix(client, request, department, clerk, who):
    record = draft(department, clerk)
    attachment = services.add_attachment(record=record, upload=SimpleUploadedFile("a.png", png_bytes()), actor=clerk)
    login(client, request, who)
    response = client.get(reverse("backoffice:publishing:attachment", args=[attachment.public_id]))
    assert response.status_code == expected(who, {"clerk", "reviewer", "office", "admin_person"})


@pytest.mark.parametrize("who", WHO)
def test_index_pattern_permission_matrix(client, request, department, who):
    login(client, request, who)
    response = client.post(
        reverse("backoffice:publishing:set_pattern", args=[department.pk]),
        {"pattern": "{credit_code}/{year}-{serial:06d}"},
    )
    from gongkai.publishing.models import IndexScheme

    changed = IndexScheme.objects.filter(organization=department).exists()
    assert changed == (who in ("office", "admin_person"))
    assert response.status_code == (302 if who in ("anonymous", "office", "admin_person") else 403)


def test_refused_transition_shows_a_message_and_the_findings(client, department, clerk):
    record = draft(department, clerk, body="<p>联系电话：13812345678</p>")
    client.force_login(clerk)
    response = client.post(reverse("backoffice:publishing:act", args=[record.pk, "submit"]), follow=True)
    content = response.content.decode()
    assert "必须修改" in content
    assert "13812345678" in content
    assert Record.objects.get(pk=record.pk).status == S.DRAFT


def test_clerk_drafts_through_the_form(client, columns, clerk):
    client.force_login(clerk)
    assert client.get(reverse("backoffice:publishing:create")).status_code == 200
    response = client.post(
        reverse("backoffice:publishing:create"),
        {
            "organization": columns.pk,
            "title": "关于2025年春节期间便民服务安排的通知",
            "written_on": "2025-01-20",
            "genre": "notice",
            "subject_category": "general",
            "body": "<p>安排如下。</p><script>alert(1)</script>",
            "attribute": "active",
            "validity": "in_force",
            "decision_count": "0",
        },
    )
    record = Record.objects.get()
    assert response.status_code == 302
    assert record.body == "<p>安排如下。</p>"
    assert list(record.columns.values_list("slug", flat=True)) == ["notices"]


def test_work_lists_and_workbench_show_lights(client, department, clerk, reviewer):
    from datetime import date

    record = services.submit_record(record=draft(department, clerk, written_on=date(2025, 1, 2)), actor=clerk)
    client.force_login(reviewer)
    response = client.get(reverse("backoffice:publishing:list", args=["review"]))
    assert [item.pk for item in response.context["page"]] == [record.pk]
    assert response.context["page"][0].light == "red"
    home = client.get(reverse("backoffice:home")).content.decode()
    assert "待我审核" in home
    assert "light-red" in home
    assert record.title in home


def test_office_filters_work_lists_by_organization(client, department, other_department, clerk, other_clerk, office):
    mine = services.submit_record(record=draft(department, clerk), actor=clerk)
    theirs = services.submit_record(record=draft(other_department, other_clerk), actor=other_clerk)
    client.force_login(office)
    everything = client.get(reverse("backoffice:publishing:list", args=["overdue"]))
    assert {item.pk for item in everything.context["page"]} == {mine.pk, theirs.pk}
    filtered = client.get(reverse("backoffice:publishing:list", args=["overdue"]) + f"?organization={department.pk}")
    assert [item.pk for item in filtered.context["page"]] == [mine.pk]


def test_revision_page_shows_the_diff(client, department, clerk, reviewer):
    record = force_status(draft(department, clerk, body="<p>第一行</p><p>旧的第二行</p>"), S.CLEARED)
    record = services.publish_record(record=record, actor=reviewer)
    services.correct_record(
        record=record, actor=reviewer, change_note="更正第二行", body="<p>第一行</p><p>新的第二行</p>"
    )
    client.force_login(clerk)
    response = client.get(reverse("backoffice:publishing:revision", args=[record.pk, 3]))
    content = response.content.decode()
    assert "<del>- 旧的第二行</del>" in content
    assert "<ins>+ 新的第二行</ins>" in content


def test_list_pages_have_bounded_queries(client, department, clerk, office, django_assert_max_num_queries):
    for _ in range(15):
        services.submit_record(record=draft(department, clerk), actor=clerk)
    client.force_login(office)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("backoffice:publishing:list", args=["overdue"])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("backoffice:publishing:index")).status_code == 200


def test_bad_organization_filters_do_not_break_pages(client, department, office):
    client.force_login(office)
    assert client.get(reverse("backoffice:publishing:list", args=["overdue"]) + "?organization=x").status_code == 404
    assert client.get(reverse("backoffice:publishing:columns") + "?organization=x").status_code == 200
    assert client.get(reverse("backoffice:home") + "?organization=x").status_code == 200


def test_the_workbench_panel_marks_a_deadline_computed_over_a_provisional_year(client, department, clerk, reviewer):
    from datetime import date

    from gongkai.core.models import ScheduleYear

    record = services.submit_record(record=draft(department, clerk, written_on=date(2025, 1, 2)), actor=clerk)
    assert ScheduleYear.objects.filter(year=2025).exists()  # the seeded official 2025 schedule
    client.force_login(reviewer)
    home = client.get(reverse("backoffice:home")).content.decode()
    assert f"{record.due_on:%Y-%m-%d}（暂定）" not in home
    ScheduleYear.objects.filter(year=2025).delete()  # as if the office had never loaded 2025
    home = client.get(reverse("backoffice:home")).content.decode()
    assert f"{record.due_on:%Y-%m-%d}（暂定）" in home
    assert "2025年的节假日安排尚未录入" in home
    listed = client.get(reverse("backoffice:publishing:list", args=["review"])).content.decode()
    assert f"{record.due_on:%Y-%m-%d}（暂定）" in listed


def test_the_form_chooses_the_interpretation_kind_and_explains_what_is_missing(client, columns, clerk):
    policy = force_status(draft(columns, clerk, genre="policy"), S.PUBLISHED)
    client.force_login(clerk)
    form = client.get(reverse("backoffice:publishing:create")).content.decode()
    assert 'name="interpretation_kind"' in form
    assert 'name="transcript"' in form
    fields = {
        "organization": columns.pk,
        "title": "视频解读：便民服务安排",
        "written_on": "2025-01-20",
        "genre": "interpretation",
        "interprets": policy.pk,
        "interpretation_kind": "video",
        "subject_category": "general",
        "body": "<p>解读如下。</p>",
        "attribute": "active",
        "validity": "in_force",
        "decision_count": "0",
    }
    refused = client.post(reverse("backoffice:publishing:create"), fields)
    assert refused.status_code == 200
    assert "视频解读须填写视频文字稿" in refused.content.decode()
    assert not Record.objects.filter(genre="interpretation").exists()
    response = client.post(reverse("backoffice:publishing:create"), {**fields, "transcript": "各位市民：……"})
    assert response.status_code == 302
    record = Record.objects.get(genre="interpretation")
    assert (record.interpretation_kind, record.transcript) == ("video", "各位市民：……")
    page = client.get(reverse("backoffice:publishing:record", args=[record.pk])).content.decode()
    assert "<dt>解读形式</dt><dd>视频解读</dd>" in page


def test_work_lists_put_red_then_yellow_then_the_rest_by_due_date_with_the_reason(client, department, clerk, reviewer):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.core.workdays import add_workdays

    today = timezone.localdate()
    due = {  # least urgent first
        "没有期限的信息": None,
        "期限尚远的信息": add_workdays(today, 15).date,
        "临近期限的信息": add_workdays(today, 2).date,
        "已经逾期的信息": today - timedelta(days=5),
    }
    for title, due_on in due.items():
        record = services.submit_record(record=draft(department, clerk, title=title), actor=clerk)
        Record.objects.filter(pk=record.pk).update(due_on=due_on)  # test set-up only
    client.force_login(reviewer)
    response = client.get(reverse("backoffice:publishing:list", args=["review"]))
    assert response.status_code == 200
    assert [record.title for record in response.context["page"]] == [
        "已经逾期的信息",
        "临近期限的信息",
        "期限尚远的信息",
        "没有期限的信息",
    ]
    body = response.content.decode()
    for reason in ("公开期限已过", "公开期限剩 2 个工作日", "公开期限剩 15 个工作日"):
        assert reason in body
    home = client.get(reverse("backoffice:home")).content.decode()
    panel = home[home.index("待我审核") :]
    positions = [panel.index(title) for title in reversed(list(due))]
    assert positions == sorted(positions)
    assert f"公开期限已过（{due['已经逾期的信息']:%Y-%m-%d}）· 示范区民政局" in panel
