"""The apply form's accessible text question, the identity-document scan (checked by content, private, downloaded
only by staff with access and logged), the paper form and 申请须知."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.tests.factories import applicant_data
from gongkai.core.models import AuditEntry
from gongkai.portal.engagement.challenge import TEXT_KEY

APPLY = reverse("portal:applications:apply")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_cache_and_media(settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


def form_data(client, organization, **overrides):
    client.get(APPLY)
    data = {key: value for key, value in applicant_data().items() if value}
    data.update({"organization": organization.pk, "captcha": "", "text_answer": client.session[TEXT_KEY]["answers"][0]})
    data.update(overrides)
    return data


def test_the_text_question_is_on_the_page_and_answers_the_check(client, department):
    page = client.get(APPLY).content.decode()
    question = client.session[TEXT_KEY]["question"]
    assert question in page
    assert 'aria-describedby="text-question"' in page

    response = client.post(APPLY, form_data(client, department))

    assert response.status_code == 302
    assert Application.objects.count() == 1


def test_a_wrong_text_answer_and_no_image_answer_is_refused(client, department):
    response = client.post(APPLY, form_data(client, department, text_answer="不对"))

    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert not Application.objects.exists()


def test_id_document_scan_is_kept_privately_by_content_type(client, department, settings):
    scan = SimpleUploadedFile("身份证.jpeg", PNG, content_type="image/jpeg")  # a PNG under a .jpeg name

    response = client.post(APPLY, form_data(client, department, id_document=scan))

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.id_document_type == "image/png"
    assert application.id_document.name.endswith(".png")
    assert "身份证" not in application.id_document.name
    path = application.id_document.path
    assert "/private/applications/id/" in path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not an image", "须是 JPG、PNG 图片或 PDF 文件"),
        (b"", "是空文件"),
    ],
)
def test_a_scan_that_is_not_an_image_or_pdf_is_refused(client, department, content, message):
    scan = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")

    response = client.post(APPLY, form_data(client, department, id_document=scan))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_scan_over_the_limit_is_refused(client, department, settings):
    settings.GONGKAI_MAX_ID_DOCUMENT_BYTES = 100
    scan = SimpleUploadedFile("scan.pdf", PDF + b"\x00" * 200, content_type="application/pdf")

    response = client.post(APPLY, form_data(client, department, id_document=scan))

    assert response.status_code == 200
    assert "超过了" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_download_the_scan_and_every_download_is_logged(client, department, clerk, other_clerk):
    scan = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    client.post(APPLY, form_data(client, department, id_document=scan))
    application = Application.objects.get()
    url = reverse("backoffice:applications:id_document", args=[application.pk])

    client.force_login(other_clerk)
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="applications.personal_data.viewed").exists()

    client.force_login(clerk)
    page = client.get(reverse("backoffice:applications:applicant", args=[application.pk])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert f"{application.tracking_code}-id.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="applications.personal_data.viewed", actor=clerk).count() == 2


def test_no_scan_answers_404(client, department, clerk):
    client.post(APPLY, form_data(client, department))
    application = Application.objects.get()
    client.force_login(clerk)

    response = client.get(reverse("backoffice:applications:id_document", args=[application.pk]))

    assert response.status_code == 404


def test_guide_explains_time_limits_fees_and_tracking(client, db):
    response = client.get(reverse("portal:applications:guide"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "20个工作日内答复" in page
    assert "最长不超过20个工作日" in page
    assert "不收取费用" in page
    assert reverse("portal:applications:track") in page
    assert reverse("portal:applications:guide") in client.get(APPLY).content.decode()


def test_paper_form_prints_as_html_and_downloads_as_docx(client, db):
    url = reverse("portal:applications:paper_form")
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "所需政府信息的内容描述" in page
    assert "□ 居民身份证" in page

    download = client.get(url, {"format": "docx"})

    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "政府信息公开申请表" in xml
    assert "所需政府信息的内容描述" in xml


def test_the_load_drill_answers_the_text_question_from_the_page_as_any_client_can(client, department):
    # bench/drills.py submits 1,000 applications through the production stack; it reads no server state, so its
    # solver must answer both kinds of question exactly as they are printed on the page.
    from bench.drills import solve_text_question

    kinds = set()
    for _ in range(40):
        page = client.get(APPLY).content.decode()
        challenge = client.session[TEXT_KEY]
        kinds.add("加" in challenge["question"])
        assert solve_text_question(page) in challenge["answers"]
    assert kinds == {True, False}  # both the sum and the character question were met
    assert solve_text_question("<p>没有问题的页面</p>") is None
