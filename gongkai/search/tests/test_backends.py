"""The same behaviour from both backends (the PostgreSQL case exists only when the tests run on PostgreSQL)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.search import selectors
from gongkai.search.backends import backend_name, get_backend
from gongkai.search.documents import SORT_DATE, SearchFilters
from gongkai.search.errors import SearchError
from gongkai.search.models import Term
from gongkai.search.segmentation import Dictionary
from gongkai.search.services import refresh_documents, reindex


def at(day, hour=9):
    return timezone.make_aware(datetime(2025, 3, day, hour, 0))


def search(backend, text, filters=None, **kwargs):
    return selectors.search(text, filters, backend=backend, **kwargs)


def keys(page):
    return [hit.key for hit in page.hits]


def test_auto_chooses_postgres_on_postgresql_and_the_embedded_engine_otherwise(db, settings):
    settings.GONGKAI_SEARCH_BACKEND = "auto"
    expected = "postgres" if connection.vendor == "postgresql" else "embedded"

    assert backend_name() == expected
    assert get_backend().name == expected


def test_unknown_backend_setting_is_an_error(db, settings):
    settings.GONGKAI_SEARCH_BACKEND = "elastic"

    with pytest.raises(SearchError) as error:
        get_backend()

    assert error.value.code == "search.unknown_backend"


def test_title_match_ranks_above_body_match(backend, notices):
    notices.add(1, "关于做好防汛工作的通知", "低保 " * 8 + "的有关事项。", date=at(20))
    notices.add(2, "关于调整低保标准的通知", "为保障困难群众基本生活。", date=at(1))
    notices.add(3, "关于春耕生产的通知", "春耕备耕。", date=at(21))
    reindex()

    page = search(backend, "低保")

    assert keys(page) == ["notice:2", "notice:1"]
    assert page.total == 2
    assert page.hits[0].score > page.hits[1].score


def test_every_word_must_match(backend, notices):
    notices.add(1, "关于调整低保标准的通知", "城乡低保标准提高。")
    notices.add(2, "关于临时救助标准的通知", "临时救助。")
    notices.add(3, "关于低保审批的通知", "低保对象名单公示。")
    reindex()

    assert keys(search(backend, "低保 标准")) == ["notice:1"]
    assert keys(search(backend, "低保标准")) == ["notice:1"]


def test_equal_scores_list_newer_first(backend, notices):
    notices.add(1, "养老服务补贴发放公示", "", date=at(1))
    notices.add(2, "养老服务补贴发放公示", "", date=at(3))
    notices.add(3, "养老服务补贴发放公示", "", date=at(2))
    reindex()

    assert keys(search(backend, "养老服务")) == ["notice:2", "notice:3", "notice:1"]


def test_sort_by_date_lists_newest_first_whatever_the_score(backend, notices):
    notices.add(1, "低保标准调整", "低保 低保 低保", date=at(1))
    notices.add(2, "工作动态", "其中提到低保。", date=at(5))
    notices.add(3, "低保名单", "", date=at(3))
    reindex()

    page = search(backend, "低保", sort=SORT_DATE)

    assert keys(page) == ["notice:2", "notice:3", "notice:1"]
    assert [hit.score for hit in page.hits] == [None, None, None]


def test_exact_phrase_must_appear_literally(backend, notices):
    notices.add(1, "申请条件说明", "最低生活保障的申请条件如下。")
    notices.add(2, "条件与申请", "符合条件的家庭可以申请。")
    reindex()

    assert keys(search(backend, '"申请条件"')) == ["notice:1"]
    assert sorted(keys(search(backend, "申请 条件"))) == ["notice:1", "notice:2"]


def test_document_number_finds_that_document_first(backend, notices):
    notices.add(1, "关于转发常政办发〔2019〕54号文件的通知", "根据常政办发〔2019〕54号要求。" * 3, date=at(10))
    notices.add(
        2,
        "关于全面推进基层政务公开标准化规范化工作的实施意见",
        "正文",
        date=at(1),
        lookup_keys=["常政办发〔2019〕54号", "11320499MB0000001X/2019-00054"],
    )
    reindex()

    for query in ["常政办发〔2019〕54号", "常政办发[2019]54号", "常政办发（2019）54号"]:
        page = search(backend, query)
        assert keys(page)[0] == "notice:2", query
        assert page.hits[0].exact
        assert page.total == len(page.hits) == len(set(keys(page)))
    assert keys(search(backend, "11320499MB0000001X/2019-00054")) == ["notice:2"]


def test_filters_narrow_the_results(backend, notices):
    notices.add(
        1,
        "低保资金公示",
        date=at(2),
        filters={
            "organization": ("7",),
            "stage": ("result",),
            "validity": ("in_force",),
            "file_type": ("pdf", "xlsx"),
            "column": ("statutory",),
            "domain": ("SHJZ",),
        },
    )
    notices.add(
        2,
        "低保政策解读",
        date=at(10),
        filters={
            "organization": ("8",),
            "stage": ("decision",),
            "validity": ("repealed",),
            "file_type": ("docx",),
            "column": ("policy",),
            "domain": ("SHJZ",),
        },
    )
    reindex()

    assert keys(search(backend, "低保", SearchFilters(organization="7"))) == ["notice:1"]
    assert keys(search(backend, "低保", SearchFilters(stage="decision"))) == ["notice:2"]
    assert keys(search(backend, "低保", SearchFilters(validity="in_force"))) == ["notice:1"]
    assert keys(search(backend, "低保", SearchFilters(file_type="xlsx"))) == ["notice:1"]
    assert keys(search(backend, "低保", SearchFilters(column="policy"))) == ["notice:2"]
    assert len(keys(search(backend, "低保", SearchFilters(domain="SHJZ")))) == 2
    assert keys(search(backend, "低保", SearchFilters(date_from=date(2025, 3, 10)))) == ["notice:2"]
    assert keys(search(backend, "低保", SearchFilters(date_to=date(2025, 3, 9)))) == ["notice:1"]
    assert keys(search(backend, "低保", SearchFilters(date_from=date(2025, 3, 2), date_to=date(2025, 3, 2)))) == [
        "notice:1"
    ]
    assert keys(search(backend, "低保", SearchFilters(organization="7", stage="decision"))) == []
    # Filters alone list everything they allow, newest first.
    assert keys(search(backend, "", SearchFilters(domain="SHJZ"))) == ["notice:2", "notice:1"]


def test_snippets_are_escaped_and_marked(backend, notices):
    notices.add(
        1, "<b>低保</b>公告", "前文。" * 20 + "<script>alert(1)</script>城乡低保标准为每月800元。" + "后文。" * 30
    )
    reindex()

    hit = search(backend, "低保").hits[0]

    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>低保</mark>标准" in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.title_html == "&lt;b&gt;<mark>低保</mark>&lt;/b&gt;公告"


def test_paging_covers_every_hit_once(backend, notices):
    for number in range(1, 26):
        notices.add(number, f"第{number}期低保公示", date=at(1 + number % 20, hour=number % 12))
    reindex()

    first = search(backend, "低保", page=1, page_size=10)
    second = search(backend, "低保", page=2, page_size=10)
    third = search(backend, "低保", page=3, page_size=10)

    assert first.total == 25
    assert first.num_pages == 3
    assert len(set(keys(first) + keys(second) + keys(third))) == 25


def test_withdrawn_and_unpublished_documents_are_never_returned(backend, notices):
    notices.add(1, "低保名单公示")
    notices.add(2, "低保审核草稿", public=False)
    reindex()
    assert keys(search(backend, "低保")) == ["notice:1"]

    # Left the public after indexing and before the index heard of it: still not shown.
    notices.public.discard(1)
    assert keys(search(backend, "低保")) == []
    assert backend.contains("notice:1")


def test_synonyms_widen_a_word(backend, notices, admin_person):
    Term.objects.create(word="低保", synonyms=["最低生活保障"])
    notices.add(1, "最低生活保障标准调整")
    notices.add(2, "低保名单")
    reindex()

    assert sorted(keys(search(backend, "低保"))) == ["notice:1", "notice:2"]
    assert sorted(keys(search(backend, "最低生活保障"))) == ["notice:1", "notice:2"]


def test_queries_use_the_dictionary_the_index_was_built_with(backend, notices):
    notices.add(1, "推进老旧小区改造")
    reindex()
    built_with = backend.dictionary()

    Term.objects.create(word="老旧小区改造")

    assert backend.dictionary() == built_with
    assert "老旧小区改造" not in built_with.words
    assert keys(search(backend, "老旧小区改造")) == ["notice:1"]
    reindex()
    assert "老旧小区改造" in backend.dictionary().words
    assert keys(search(backend, "老旧小区改造")) == ["notice:1"]
    assert keys(search(backend, "老旧")) == ["notice:1"]


def test_upsert_replaces_and_remove_deletes(backend, notices):
    first = notices.add(1, "低保名单")
    backend.upsert([first])
    assert keys(search(backend, "低保")) == ["notice:1"]

    backend.upsert([notices.add(1, "特困人员名单")])
    assert keys(search(backend, "低保")) == []
    assert keys(search(backend, "特困")) == ["notice:1"]
    assert backend.document_count() == 1

    backend.remove(["notice:1"])
    assert keys(search(backend, "特困")) == []
    assert backend.document_count() == 0


def test_embedded_rebuild_replays_changes_made_while_it_ran(db, settings, notices):
    # (The PostgreSQL rebuild is one transaction: writes made meanwhile wait for it and apply on top.)
    settings.GONGKAI_SEARCH_BACKEND = "embedded"
    backend = get_backend()
    notices.add(1, "低保名单")
    notices.add(2, "特困人员名单")
    reindex()

    def documents():
        yield notices.documents_by_id[1]
        yield notices.documents_by_id[2]
        # Meanwhile record 2 is withdrawn and record 3 published.
        notices.public.discard(2)
        backend.remove(["notice:2"])
        backend.upsert([notices.add(3, "临时救助名单")])

    backend.rebuild(documents(), Dictionary.from_words([]), refresh=refresh_documents)

    assert backend.contains("notice:1")
    assert not backend.contains("notice:2")
    assert backend.contains("notice:3")


def test_reindex_of_one_organization_leaves_the_others(backend, notices, department, other_department):
    notices.add(1, "民政低保", filters={"organization": (str(department.pk),)})
    notices.add(2, "财政低保", filters={"organization": (str(other_department.pk),)})
    reindex()
    notices.add(1, "民政特困", filters={"organization": (str(department.pk),)})
    notices.add(2, "财政特困", filters={"organization": (str(other_department.pk),)})

    count = reindex(organization=department)

    assert count == 1
    assert keys(search(backend, "特困")) == ["notice:1"]
    assert keys(search(backend, "低保")) == ["notice:2"]


def test_a_query_of_punctuation_only_finds_nothing(backend, notices):
    notices.add(1, "低保名单公示")
    reindex()

    assert search(backend, "〔〕，。").total == 0
    assert search(backend, "").hits == []


def test_many_equal_scores_still_list_the_newest_first(backend, notices):
    for number in range(1, 71):
        notices.add(number, "行政处罚决定信息公开", "", date=at(1 + number % 28, hour=number % 24))
    reindex()

    first = search(backend, "行政处罚", page_size=10)

    expected = sorted(range(1, 71), key=lambda n: (1 + n % 28, n % 24, n), reverse=True)[:10]
    assert keys(first) == [f"notice:{n}" for n in expected]


def test_embedded_index_files_are_read_ahead_when_a_process_opens_it(db, settings, notices, monkeypatch):
    from gongkai.search.backends import embedded

    settings.GONGKAI_SEARCH_BACKEND = "embedded"
    backend = get_backend()
    notices.add(1, "低保名单")
    reindex()
    generation = backend.root / backend._current_name()
    monkeypatch.delitem(embedded._open_indexes, str(generation))  # as in a process that has not opened it yet
    read = []

    def recording_open(file, mode="r", *args, **kwargs):
        if mode == "rb":
            read.append(Path(file))
        return open(file, mode, *args, **kwargs)

    monkeypatch.setattr(embedded, "open", recording_open, raising=False)

    assert keys(search(backend, "低保")) == ["notice:1"]
    backend.wait_for_preload()

    assert {file for file in generation.iterdir() if file.is_file()} <= set(read)


def test_a_query_with_very_many_matches_is_counted_and_ranked_within_bounds(backend, notices, monkeypatch):
    # PostgreSQL counts exactly up to COUNT_CAP, estimates above it, and ranks over the newest RANK_CANDIDATES
    # matches then (docs/search.md); here both bounds are tiny so that eight documents pass them.
    from gongkai.search.backends import postgres

    monkeypatch.setattr(postgres, "COUNT_CAP", 3)
    monkeypatch.setattr(postgres, "RANK_CANDIDATES", 4)
    monkeypatch.setattr(postgres, "DATE_WALK_COST", 0)  # always rank the newest candidates above the cap
    for number in range(1, 8):
        notices.add(number, f"第{number}期春耕生产通知", "低保对象名单。", date=at(number))
    notices.add(8, "低保标准调整公示", "本期公示。", date=at(6, hour=8))  # the title match, among the newest
    reindex()

    page = search(backend, "低保", page_size=3)

    assert keys(page)[0] == "notice:8"  # ranked, not merely the newest first
    assert keys(page)[1:] == ["notice:7", "notice:6"]
    assert page.total >= 4  # exact (8) on the embedded engine, PostgreSQL's estimate above the cap
    assert page.num_pages >= 2


def test_documents_in_force_rank_above_repealed_lapsed_and_replaced_ones(backend, notices):
    # The superseded documents match better (the word in their titles) and are newer; they still come last.
    notices.add(1, "低保标准（已废止）", "低保", date=at(20), filters={"validity": ("repealed",)})
    notices.add(2, "低保办法（已失效）", "低保", date=at(19), filters={"validity": ("lapsed",)})
    notices.add(3, "低保细则（旧）", "低保", date=at(18), filters={"validity": ("in_force", "replaced")})
    notices.add(4, "关于社会救助的通知", "低保 资金", date=at(1), filters={"validity": ("in_force",)})
    notices.add(5, "社会救助问答", "低保", date=at(2))  # no validity at all: counts as in force
    reindex()

    page = search(backend, "低保")

    assert keys(page)[:2] == ["notice:5", "notice:4"] or keys(page)[:2] == ["notice:4", "notice:5"]
    assert set(keys(page)[2:]) == {"notice:1", "notice:2", "notice:3"}
    assert page.total == 5
    # Pages cut across the two groups without losing or repeating a document.
    pages = [search(backend, "低保", page_size=2, page=number) for number in (1, 2, 3)]
    assert [key for one in pages for key in keys(one)] == keys(page)
    assert all(one.total == 5 for one in pages)
    # Sorted by date, or narrowed to one validity, the order is the plain one.
    assert keys(search(backend, "低保", sort=SORT_DATE))[0] == "notice:1"
    assert keys(search(backend, "低保", SearchFilters(validity="repealed"))) == ["notice:1"]
