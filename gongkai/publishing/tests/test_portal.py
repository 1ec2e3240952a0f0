"""Public pages: only published, not-withdrawn records reach lists, feeds, the sitemap and attachment URLs."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import Column, Record, RecordStatus
from gongkai.publishing.selectors import published_records

from .factories import draft, force_status
from .test_attachments import pdf_bytes

S = RecordStatus


def published(department, clerk, reviewer, **fields):
    record = force_status(draft(department, clerk, **fields), S.CLEARED)
    return services.publish_record(record=record, actor=reviewer)


@pytest.fixture
def records(columns, clerk, reviewer):
    """One record in each state, all in the 通知公告 column; titles say what they are."""
    department = columns
    made = {}
    for status in S:
        record = draft(department, clerk, title=f"状态{status.value}的通知")
        if status == S.PUBLISHED:
            record = services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
        elif status in (S.WITHDRAWN, S.TAKEN_OFFLINE):
            record = services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
            if status == S.WITHDRAWN:
                services.withdraw_record(record=record, actor=reviewer, reason="内容已过时")
            else:
                services.expire_record(record=record, actor=reviewer)
        else:
            record = force_status(record, status)
        made[status] = record
    return made


def test_public_selector_holds_only_published_records(records):
    assert list(published_records().values_list("title", flat=True)) == ["状态published的通知"]


def test_withheld_and_on_request_records_are_never_public(columns, clerk):
    record = force_status(draft(columns, clerk, attribute="on_request"), S.PUBLISHED)
    assert not published_records().filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("records", {}),
        ("column", {"slug": "notices"}),
        ("column", {"slug": "statutory"}),
        ("feed_rss", {"slug": "notices"}),
        ("feed_atom", {"slug": "statutory"}),
        ("sitemap", {}),
    ],
)
def test_lists_feeds_and_sitemap_show_only_the_published_record(client, records, name, kwargs):
    response = client.get(reverse(f"portal:publishing:{name}", kwargs=kwargs))
    assert response.status_code == 200
    content = response.content.decode()
    for status, record in records.items():
        if status == S.PUBLISHED:
            assert record.get_absolute_url() in content
        else:
            assert f"/records/{record.pk}/" not in content
            assert record.title not in content


def test_organization_page_lists_its_published_records(client, records, department):
    response = client.get(reverse("portal:publishing:organization", args=[department.pk]))
    assert [record.title for record in response.context["page"]] == ["状态published的通知"]


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.REVIEWED, S.CLEARED, S.SCHEDULED])
def test_unpublished_record_pages_do_not_exist(client, records, status):
    assert client.get(records[status].get_absolute_url()).status_code == 404


def test_withdrawn_page_says_so_and_shows_no_body(client, records):
    response = client.get(records[S.WITHDRAWN].get_absolute_url())
    assert response.status_code == 410
    content = response.content.decode()
    assert "撤回理由：内容已过时" in content
    assert "现将有关事项通知如下" not in content


def test_record_page_has_metadata_box_qr_code_and_interpretation_links(client, columns, clerk, reviewer):
    # 三同步: the normative document is published once its interpretation has been submitted with it.
    policy = force_status(draft(columns, clerk, genre="normative", doc_number="青民规〔2025〕1号"), S.CLEARED)
    reading = force_status(
        draft(columns, clerk, genre="interpretation", interprets=policy, title="一图读懂低保新规"), S.CLEARED
    )
    policy = services.publish_record(record=policy, actor=reviewer)
    reading = services.publish_record(record=reading, actor=reviewer)
    response = client.get(policy.get_absolute_url())
    content = response.content.decode()
    assert policy.index_number in content
    assert "青民规〔2025〕1号" in content
    qr_url = f"{policy.get_absolute_url()}qr.svg"
    assert f'<img src="{qr_url}"' in content
    qr = client.get(qr_url)
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')  # an <img> shows it only then
    assert client.get(qr_url).content == qr.content  # made once, then read from the cache file
    assert reading.get_absolute_url() in content
    back = client.get(reading.get_absolute_url()).content.decode()
    assert policy.get_absolute_url() in back


def test_withdrawn_interpretation_is_not_linked(client, columns, clerk, reviewer):
    policy = published(columns, clerk, reviewer, genre="policy")
    reading = published(columns, clerk, reviewer, genre="interpretation", interprets=policy, title="政策问答")
    services.withdraw_record(record=reading, actor=reviewer, reason="有误")
    assert "政策问答" not in client.get(policy.get_absolute_url()).content.decode()


def test_attachment_urls_serve_only_public_records(client, columns, clerk, reviewer):
    record = draft(columns, clerk)
    services.add_attachment(record=record, upload=SimpleUploadedFile("通知.pdf", pdf_bytes("附件正文")), actor=clerk)
    attachment = record.attachments.get()
    url = reverse("portal:publishing:attachment", args=[record.pk, attachment.public_id])
    assert client.get(url).status_code == 404
    services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    services.withdraw_record(record=Record.objects.get(pk=record.pk), actor=reviewer, reason="附件有误")
    assert client.get(url).status_code == 404
    assert not str(attachment.file.name).startswith("通知")


def test_attachment_of_another_record_id_is_refused(client, columns, clerk, reviewer):
    record = draft(columns, clerk)
    services.add_attachment(record=record, upload=SimpleUploadedFile("a.pdf", pdf_bytes("x")), actor=clerk)
    services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
    other = published(columns, clerk, reviewer)
    url = reverse("portal:publishing:attachment", args=[other.pk, record.attachments.get().public_id])
    assert client.get(url).status_code == 404


def test_column_list_paginates_with_few_queries(client, columns, clerk, reviewer, django_assert_max_num_queries):
    for number in range(25):
        published(columns, clerk, reviewer, title=f"第{number}号公告")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:publishing:column", kwargs={"slug": "notices"}))
    assert response.status_code == 200
    assert len(response.context["page"]) == 20
    assert response.context["page"].paginator.count == 25
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:publishing:records") + "?page=2")
    assert response.status_code == 200
    assert len(response.context["page"]) == 5


def test_record_page_queries_are_bounded(client, columns, clerk, reviewer, django_assert_max_num_queries):
    record = published(columns, clerk, reviewer)
    with django_assert_max_num_queries(12):
        assert client.get(record.get_absolute_url()).status_code == 200


def test_stage_and_domain_views_list_records_by_their_items(client, columns, clerk, reviewer, office):
    from gongkai.catalog.tests.factories import catalog_of, make_tree

    _group, guide, _review = make_tree(catalog_of(columns), office)
    record = published(columns, clerk, reviewer, items=[guide], written_on=date(2025, 5, 6))
    for url in (
        reverse("portal:publishing:stage", args=["service"]),
        reverse("portal:publishing:domain", args=[guide.domain.code]),
        reverse("portal:publishing:item", args=[columns.pk, guide.code]),
        reverse("portal:publishing:column", kwargs={"slug": "stage-service"}),
        reverse("portal:publishing:column", kwargs={"slug": f"domain-{guide.domain.code.lower()}"}),
    ):
        response = client.get(url)
        assert [item.pk for item in response.context["page"]] == [record.pk], url
    assert client.get(reverse("portal:publishing:stage", args=["result"])).context["page"].paginator.count == 0


def test_home_page_links_the_standard_columns(client, columns):
    content = client.get(reverse("portal:home")).content.decode()
    for slug in ("guide", "rules", "statutory", "annual-reports"):
        assert reverse("portal:publishing:column", kwargs={"slug": slug}) in content
        assert client.get(reverse("portal:publishing:column", kwargs={"slug": slug})).status_code == 200


def test_unknown_column_is_not_found(client, columns):
    assert client.get(reverse("portal:publishing:column", kwargs={"slug": "no-such-column"})).status_code == 404
    assert Column.objects.filter(slug="guide").count() == 1


def test_bad_query_parameters_are_not_found_not_errors(client, columns):
    url = reverse("portal:publishing:column", kwargs={"slug": "notices"})
    assert client.get(url + "?organization=abc").status_code == 404
    assert client.get(url + "?page=abc").status_code == 200
    assert client.get(reverse("portal:publishing:stage", args=["nonsense"])).status_code == 404


@pytest.mark.parametrize("feed", ["feed_rss", "feed_atom"])
def test_feeds_escape_markup_that_a_body_shows_as_text(client, columns, clerk, reviewer, feed):
    """A body that shows "<img onerror>" as text must reach feed readers (which render descriptions as HTML) as
    text: the XML carries it escaped twice."""
    body = "<p>示例：&lt;img src=x onerror=alert(1)&gt; 与 &amp;lt;</p>"
    published(columns, clerk, reviewer, body=body, summary="")
    response = client.get(reverse(f"portal:publishing:{feed}", kwargs={"slug": "notices"}))
    content = response.content.decode()
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in content
    assert "<img" not in content
    assert "&lt;img" not in content.replace("&amp;lt;img", "")


@pytest.mark.parametrize(
    ("uploaded", "served"), [("通知.exe", "通知.pdf"), ("通知.PDF", "通知.pdf"), ("..\\\\a\\\\通知", "通知.pdf")]
)
def test_downloads_take_their_extension_from_the_checked_content(client, columns, clerk, reviewer, uploaded, served):
    from urllib.parse import quote

    record = draft(columns, clerk)
    services.add_attachment(record=record, upload=SimpleUploadedFile(uploaded, pdf_bytes("x")), actor=clerk)
    services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
    url = reverse("portal:publishing:attachment", args=[record.pk, record.attachments.get().public_id])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert quote(served) in response["Content-Disposition"]
    client.force_login(clerk)
    staff = client.get(reverse("backoffice:publishing:attachment", args=[record.attachments.get().public_id]))
    assert quote(served) in staff["Content-Disposition"]
