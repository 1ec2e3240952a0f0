"""Indexing after commit, in one write per transaction, and the demo step."""

from io import StringIO

from django.db import transaction

from gongkai.core import deferral
from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.orgs import demo as orgs_demo
from gongkai.search import demo as search_demo
from gongkai.search import selectors
from gongkai.search.models import Term
from gongkai.search.services import index_after_commit


def test_changes_of_one_transaction_are_indexed_together_after_commit(
    backend, notices, django_capture_on_commit_callbacks
):
    notices.add(1, "低保名单公示")
    notices.add(2, "低保资金公示")
    notices.add(3, "低保草稿", public=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        index_after_commit(kind="notice", object_id=1)
        index_after_commit(kind="notice", object_id=2)
        index_after_commit(kind="notice", object_id=3)
        assert backend.document_count() == 0

    assert len(callbacks) == 1
    assert backend.document_count() == 2
    assert not backend.contains("notice:3")


def test_keys_of_a_rolled_back_transaction_are_not_lost(backend, notices, django_capture_on_commit_callbacks):
    notices.add(1, "低保名单公示")
    notices.add(2, "特困人员名单")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                index_after_commit(kind="notice", object_id=1)
                raise RuntimeError
        except RuntimeError:
            pass
        index_after_commit(kind="notice", object_id=2)

    assert len(callbacks) == 1
    assert backend.contains("notice:1")
    assert backend.contains("notice:2")


def test_a_record_leaving_the_public_is_removed_by_indexing(backend, notices, django_capture_on_commit_callbacks):
    notices.add(1, "低保名单公示")
    with django_capture_on_commit_callbacks(execute=True):
        index_after_commit(kind="notice", object_id=1)
    notices.public.discard(1)

    with django_capture_on_commit_callbacks(execute=True):
        index_after_commit(kind="notice", object_id=1)

    assert not backend.contains("notice:1")


def test_demo_step_adds_terms_builds_the_index_and_changes_nothing_the_second_time(backend, notices):
    context = DemoContext(stdout=StringIO())
    orgs_demo.build(context)
    notices.add(1, "关于提高城乡低保标准的通知", "最低生活保障标准每人每月提高50元。")

    search_demo.build(context)

    assert Term.objects.filter(word="最低生活保障", synonyms=["低保"]).exists()
    assert [hit.key for hit in selectors.search("最低生活保障").hits] == ["notice:1"]
    assert [hit.key for hit in selectors.search("低保").hits] == ["notice:1"]
    entries = AuditEntry.objects.filter(action__startswith="search.").count()
    terms = Term.objects.count()

    search_demo.build(context)

    assert AuditEntry.objects.filter(action__startswith="search.").count() == entries
    assert Term.objects.count() == terms
    assert "检索索引已是最新" in context.stdout.getvalue()


def test_a_bulk_build_leaves_indexing_to_the_demo_step_which_then_rebuilds(
    backend, notices, django_capture_on_commit_callbacks
):
    context = DemoContext(stdout=StringIO())
    orgs_demo.build(context)
    notices.add(1, "低保名单公示")
    search_demo.build(context)  # the index is now up to date with one document
    notices.add(2, "特困人员名单")
    notices.public.discard(1)

    with deferral.deferring("search"):
        with django_capture_on_commit_callbacks(execute=True):
            index_after_commit(kind="notice", object_id=2)
        assert not backend.contains("notice:2")  # left for the last step
        search_demo.build(context)  # the count (1 public, 1 indexed) would not tell, the deferral does

    assert backend.contains("notice:2")
    assert not backend.contains("notice:1")
    assert "检索索引已重建" in context.stdout.getvalue()


def test_nothing_is_deferred_outside_a_bulk_build(backend, notices, django_capture_on_commit_callbacks):
    notices.add(1, "低保名单公示")
    with django_capture_on_commit_callbacks(execute=True):
        index_after_commit(kind="notice", object_id=1)
    assert backend.contains("notice:1")
    assert not deferral.was_deferred("search")
