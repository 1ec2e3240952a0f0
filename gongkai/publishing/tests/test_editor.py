"""The record editor in the back office: preview, .docx import into the form, paste cleaning, image descriptions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError
from gongkai.publishing.models import Record, RecordStatus

from .factories import draft, force_status
from .test_backoffice import WHO, expected, login
from .test_sanitizing import fixture
from .test_wordimport import word_file


@pytest.mark.parametrize("who", WHO)
def test_preview_permission_matrix(client, request, department, clerk, who):
    record = draft(department, clerk, body="<p>预览正文</p>")
    login(client, request, who)
    response = client.get(reverse("backoffice:publishing:preview", args=[record.pk]))
    assert response.status_code == expected(who, {"clerk", "reviewer", "office", "admin_person"})


def test_preview_shows_the_draft_as_the_public_page_marked_and_not_cached_or_indexed(client, department, clerk):
    record = draft(department, clerk, body="<h2>一、总体要求</h2><table><tr><td>城市</td></tr></table>")
    client.force_login(clerk)
    response = client.get(reverse("backoffice:publishing:preview", args=[record.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    body = "<h2>一、总体要求</h2><table><tbody><tr><td>城市</td></tr></tbody></table>"
    assert f'<div class="record-body">{body}</div>' in html
    assert "<strong>预览</strong>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert 'class="meta-box"' in html


def form_data(record, **changes):
    data = {
        "title": record.title, "written_on": "2025-03-03", "genre": record.genre, "subject_category": "general",
        "decision_count": "0",
        "attribute": record.attribute, "validity": record.validity, "body": record.body,
    }  # fmt: skip
    data.update(changes)
    return data


def test_docx_import_fills_the_body_in_the_form_without_saving(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    data = form_data(record, title="改过的标题", import_docx="1", docx=SimpleUploadedFile("通知.docx", word_file()))
    response = client.post(reverse("backoffice:publishing:edit", args=[record.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "已导入“通知.docx”：请在正文中核对转换结果，确认后点“保存”。" in html
    assert "&lt;ol&gt;&lt;li&gt;加强动态管理&lt;/li&gt;" in html  # in the textarea, for the editor
    assert 'value="改过的标题"' in html
    assert Record.objects.get(pk=record.pk).body == record.body
    assert Record.objects.get(pk=record.pk).title == record.title


def test_docx_import_of_a_file_with_images_keeps_the_form_and_says_why(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    upload = SimpleUploadedFile("通知.docx", word_file(with_image=True))
    response = client.post(
        reverse("backoffice:publishing:edit", args=[record.pk]), form_data(record, import_docx="1", docx=upload)
    )
    assert response.status_code == 200
    assert "文档中有 1 张图片，正文导入不接收图片。" in response.content.decode()
    assert Record.objects.get(pk=record.pk).body == record.body


def test_docx_import_on_the_new_record_page(client, department, clerk):
    client.force_login(clerk)
    data = {"organization": department.pk, "title": "新通知", "import_docx": "1"}
    data["docx"] = SimpleUploadedFile("通知.docx", word_file())
    response = client.post(reverse("backoffice:publishing:create"), data)
    assert response.status_code == 200
    assert "&lt;h2&gt;关于做好2026年城乡居民最低生活保障工作的通知&lt;/h2&gt;" in response.content.decode()
    assert not Record.objects.exists()


def test_saving_word_paste_through_the_textarea_stores_the_clean_body(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:publishing:edit", args=[record.pk]), form_data(record, body=fixture("wps_paste.html"))
    )
    assert response.status_code == 302
    body = Record.objects.get(pk=record.pk).body
    assert body.startswith("<p><b>示范区民政局办事指南</b></p><ol><li>申请条件</li>")
    assert "mso-" not in body
    assert "<font" not in body


def test_plain_text_typed_without_the_editor_is_saved_as_paragraphs(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    client.post(reverse("backoffice:publishing:edit", args=[record.pk]), form_data(record, body="第一段\n第二段"))
    assert Record.objects.get(pk=record.pk).body == "<p>第一段</p><p>第二段</p>"


def test_an_image_without_description_is_refused_naming_it_and_nothing_changes(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    body = '<p><img src="https://www.example.gov.cn/upload/flow.png"></p>'
    response = client.post(reverse("backoffice:publishing:edit", args=[record.pk]), form_data(record, body=body))
    assert response.status_code == 200
    assert "正文中的图片“flow.png”没有图片说明（替代文字）" in response.content.decode()
    assert Record.objects.get(pk=record.pk).body == record.body
    assert AuditEntry.objects.filter(action="publishing.record.updated").count() == 0


def test_image_descriptions_are_required_by_the_service_too(department, clerk):
    with pytest.raises(PublishingError) as caught:
        draft(department, clerk, body='<img src="/media/a.png" alt=""><img src="/media/b.png">')
    assert caught.value.message.startswith("正文中的图片“a.png”“b.png”没有图片说明")
    assert not Record.objects.exists()
    record = draft(department, clerk, body='<img src="/media/a.png" alt="办事流程图">')
    assert record.body == '<img src="/media/a.png" alt="办事流程图">'


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("clerk", 200), ("reviewer", 200)])
def test_paste_cleaning_endpoint_is_for_staff_and_cleans_like_a_save(client, request, department, who, status):
    login(client, request, who)
    response = client.post(reverse("backoffice:publishing:clean_body"), {"html": fixture("word_paste.html")})
    assert response.status_code == status
    if status == 200:
        assert response.json()["html"] == services.editing.clean_html(fixture("word_paste.html"))
        assert "<ol><li>加强动态管理" in response.json()["html"]


def test_the_form_loads_the_editor_and_keeps_a_textarea(client, department, clerk):
    record = draft(department, clerk)
    client.force_login(clerk)
    html = client.get(reverse("backoffice:publishing:edit", args=[record.pk])).content.decode()
    assert "data-rich-text" in html
    assert "<textarea" in html
    assert 'enctype="multipart/form-data"' in html
    assert "/static/vendor/tinymce/tinymce.min.js" in html
    assert 'name="import_docx"' in html


def test_docx_import_on_the_correction_page_changes_nothing_until_saved(client, department, clerk, reviewer):
    record = force_status(draft(department, clerk), RecordStatus.PUBLISHED)
    client.force_login(reviewer)
    data = form_data(record, change_note="更正正文", import_docx="1")
    data["docx"] = SimpleUploadedFile("通知.docx", word_file())
    response = client.post(reverse("backoffice:publishing:correct", args=[record.pk]), data)
    assert response.status_code == 200
    assert "&lt;ol&gt;&lt;li&gt;加强动态管理&lt;/li&gt;" in response.content.decode()
    assert Record.objects.get(pk=record.pk).body == record.body
    assert not AuditEntry.objects.filter(action="publishing.record.corrected").exists()


def test_preview_of_the_form_as_typed_shows_it_cleaned_and_saves_nothing(client, department, clerk, other_clerk):
    record = draft(department, clerk)
    url = reverse("backoffice:publishing:preview_draft", args=[record.pk])
    data = form_data(record, title="尚未保存的标题", body=fixture("wps_paste.html"))
    client.force_login(other_clerk)
    assert client.post(url, data).status_code == 404
    client.force_login(clerk)
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="record-title">尚未保存的标题</h1>' in html
    assert "<ol><li>申请条件</li>" in html
    assert "mso-" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert Record.objects.get(pk=record.pk).title == record.title
    assert Record.objects.get(pk=record.pk).body == record.body
