"""Public call pages: open calls, the comment form with its human check, masked comments, the adoption report."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.engagement import services
from gongkai.engagement.models import Comment

from .factories import call_data, open_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(department, clerk, reviewer, office):
    return open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)


def comment_form(client, call, **changes):
    client.get(reverse("portal:engagement:call", args=[call.pk]))
    data = {"body": "建议增加夜间服务。", "author_name": "钱七", "author_contact": "13812345678"}
    data["text_answer"] = client.session["engagement_text_challenge"]["answers"][0]
    data.update(changes)
    return data


def test_public_comment_is_shown_masked_without_its_author(client, call):
    url = reverse("portal:engagement:call", args=[call.pk])
    data = comment_form(client, call, body="建议增加夜间服务，可联系13912345678。")
    assert client.post(url, data).status_code == 302
    body = client.get(url).content.decode()
    assert "建议增加夜间服务" in body
    assert "13912345678" not in body
    assert "139****5678" in body
    assert "钱七" not in body
    assert "13812345678" not in body
    assert Comment.objects.get().author_name == "钱七"


@override_settings(GONGKAI_PUBLIC_FORM_RATE=1)
def test_comments_are_rate_limited(client, call):
    url = reverse("portal:engagement:call", args=[call.pk])
    assert client.post(url, comment_form(client, call)).status_code == 302
    assert client.post(url, comment_form(client, call)).status_code == 429
    assert Comment.objects.count() == 1


def test_draft_calls_are_not_public(client, department, clerk):
    draft_call = services.create_call(actor=clerk, organization=department, data=call_data(title="内部草稿"))
    assert client.get(reverse("portal:engagement:call", args=[draft_call.pk])).status_code == 404
    assert "内部草稿" not in client.get(reverse("portal:engagement:calls")).content.decode()


def test_list_page_queries_do_not_grow_with_calls(
    client, department, clerk, reviewer, office, django_assert_max_num_queries
):
    for number in range(5):
        open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department, title=f"征集{number}")
    with django_assert_max_num_queries(5):
        response = client.get(reverse("portal:engagement:calls"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("征集4") == 2
