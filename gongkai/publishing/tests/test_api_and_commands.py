"""The JSON API and the `gongkai publishing` command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.publishing import services
from gongkai.publishing.models import Column, Record, RecordStatus

from .factories import draft, force_status

S = RecordStatus


def test_api_lists_only_public_records(client, department, clerk, reviewer):
    public = services.publish_record(record=force_status(draft(department, clerk), S.CLEARED), actor=reviewer)
    force_status(draft(department, clerk), S.SUBMITTED)
    data = client.get("/api/v1/publishing/records/").json()
    assert data["count"] == 1
    assert data["results"][0]["index_number"] == public.index_number
    assert client.get(f"/api/v1/publishing/records/{public.pk}/").json()["title"] == public.title


def test_api_hides_drafts_and_reports_withdrawal(client, department, clerk, reviewer):
    hidden = draft(department, clerk)
    assert client.get(f"/api/v1/publishing/records/{hidden.pk}/").status_code == 404
    public = services.publish_record(record=force_status(draft(department, clerk), S.CLEARED), actor=reviewer)
    services.withdraw_record(record=public, actor=reviewer, reason="已废止")
    response = client.get(f"/api/v1/publishing/records/{public.pk}/")
    assert response.status_code == 410
    assert response.json()["withdrawal_reason"] == "已废止"
    assert "body_html" not in response.json()


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("other_clerk", 404), ("clerk", 403), ("reviewer", 200), ("office", 403)]
)
def test_api_workflow_action_permissions(client, request, department, clerk, who, status):
    record = services.submit_record(record=draft(department, clerk), actor=clerk)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/api/v1/publishing/staff/records/{record.pk}/approve/", {}, content_type="application/json"
    )
    assert response.status_code == status
    assert Record.objects.get(pk=record.pk).status == (S.REVIEWED if status == 200 else S.SUBMITTED)


def test_api_refused_transition_is_a_coded_error(client, department, clerk, reviewer):
    record = draft(department, clerk)
    client.force_login(reviewer)
    response = client.post(
        f"/api/v1/publishing/staff/records/{record.pk}/approve/", {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "publishing.illegal_transition"


def test_publish_due_command(department, clerk, reviewer):
    record = force_status(draft(department, clerk), S.SCHEDULED, published_by=reviewer)
    out = StringIO()
    call_command("publishing", "publish-due", stdout=out)
    assert "已发布 1 条" in out.getvalue()
    assert Record.objects.get(pk=record.pk).status == S.PUBLISHED


def test_publish_due_command_fails_loudly_when_a_record_is_blocked(department, clerk, reviewer):
    record = force_status(
        draft(department, clerk, body="<p>13812345678</p>"),
        S.SCHEDULED,
        published_by=reviewer,
        scheduled_for=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(CommandError):
        call_command("publishing", "publish-due", stdout=StringIO(), stderr=StringIO())
    assert Record.objects.get(pk=record.pk).status == S.SCHEDULED


def test_seed_columns_command_is_idempotent(department, other_department):
    call_command("publishing", "seed-columns", stdout=StringIO(), stderr=StringIO())
    count = Column.objects.count()
    assert Column.objects.filter(organization=department, slug="statutory").exists()
    call_command("publishing", "seed-columns", stdout=StringIO(), stderr=StringIO())
    assert Column.objects.count() == count
