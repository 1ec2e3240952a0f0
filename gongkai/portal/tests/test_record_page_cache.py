"""The dynamic record page keeps its record-only parts (index, body, attachments, corrections) in the cache, keyed
by the record's last change and the marker every announced change moves (`portal.pages.generation`): a cached page
costs one query (the site settings are cached under the same marker), and no change — a correction, a withdrawal,
a changed validity, the replacement taken down, an expiry — is ever answered from a stale part."""

import pytest
from django.utils import timezone

from gongkai.portal.pages import generation
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache_dir(settings, tmp_path):
    settings.GONGKAI_CACHE_DIR = tmp_path / "cache"


def published(department, clerk, reviewer, **fields):
    return services.publish_record(
        record=force_status(draft(department, clerk, **fields), RecordStatus.CLEARED), actor=reviewer
    )


@pytest.fixture
def record(department, clerk, reviewer):
    return published(department, clerk, reviewer, title="关于春季防火的通告", body="<p>禁止野外用火。</p>")


def test_a_cached_record_page_costs_one_query(client, record, django_assert_num_queries):
    first = client.get(record.get_absolute_url())
    with django_assert_num_queries(1):  # the record's state
        second = client.get(record.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert "禁止野外用火。" in second.content.decode()


def test_a_correction_is_shown_at_once(client, record, reviewer):
    assert "禁止野外用火。" in client.get(record.get_absolute_url()).content.decode()
    services.correct_record(record=record, actor=reviewer, change_note="更正措辞", body="<p>严禁野外用火。</p>")
    page = client.get(record.get_absolute_url()).content.decode()
    assert "严禁野外用火。" in page
    assert "禁止野外用火。" not in page
    assert "更正措辞" in page


@pytest.mark.parametrize("take_down", ["withdraw", "expire"])
def test_a_record_taken_down_answers_gone_at_once(client, record, reviewer, office, take_down):
    assert client.get(record.get_absolute_url()).status_code == 200
    if take_down == "withdraw":
        services.withdraw_record(record=record, actor=reviewer, reason="内容有误")
    else:
        services.expire_record(record=record, actor=office)
    response = client.get(record.get_absolute_url())
    assert response.status_code == 410
    assert "禁止野外用火。" not in response.content.decode()


def test_a_changed_validity_and_a_withdrawn_replacement_are_shown_at_once(
    client, record, department, clerk, reviewer, django_capture_on_commit_callbacks
):
    new = published(department, clerk, reviewer, title="关于春季防火的通告（2026年）")
    assert 'class="validity-banner"' not in client.get(record.get_absolute_url()).content.decode()
    services.change_validity(
        record=record, actor=reviewer, validity="repealed", on=timezone.localdate(), replaced_by=new
    )
    page = client.get(record.get_absolute_url()).content.decode()
    assert 'class="validity-banner"' in page
    assert new.get_absolute_url() in page
    with django_capture_on_commit_callbacks(execute=True):  # the withdrawal is announced after its commit
        services.withdraw_record(record=new, actor=reviewer, reason="内容有误")
    page = client.get(record.get_absolute_url()).content.decode()
    assert 'class="validity-banner"' in page
    assert new.get_absolute_url() not in page


def test_every_announced_change_moves_the_marker(record, reviewer, django_capture_on_commit_callbacks):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_record(record=record, actor=reviewer, change_note="更正标题", title="关于春季森林防火的通告")
    assert generation.current() != before


def test_each_language_has_its_own_parts(client, record):
    chinese = client.get(record.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(record.get_absolute_url()).content.decode()
    assert "索引号" in chinese
    assert "索引号" not in english
    assert "Index number" in english
