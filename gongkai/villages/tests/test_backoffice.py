"""The village back office: the permission matrix, registering with a photo, acting on a phone, printing."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongkai.core.models import AuditEntry
from gongkai.villages import services
from gongkai.villages.models import IssueStatus, ResidentIssue
from gongkai.villages.photos import clean_photo


def jpeg_with_gps(width=3000, height=2000) -> bytes:
    image = Image.new("RGB", (width, height), (30, 120, 200))
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # Model
    gps = {1: "N", 2: (31.0, 46.0, 12.0), 3: "E", 4: (119.0, 57.0, 30.0)}
    exif[0x8825] = gps
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def issue(village, grid_worker):
    return services.register_issue(
        village=village,
        actor=grid_worker,
        channel="grid",
        category="environment",
        title="垃圾桶满溢",
        description="花园小区东门垃圾桶已经两天没有清运。",
        reporter_name="钱女士",
        reporter_phone="13700001111",
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("grid_worker", 200),
        ("village_clerk", 200),
        ("township_reviewer", 200),
        ("office", 200),
        ("admin_person", 200),
        ("other_clerk", 404),
        ("department_clerk", 404),
    ],
)
def test_issue_page_permission_matrix(client, request, issue, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(f"/backoffice/villages/issues/{issue.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "钱女士" not in response.content.decode()  # contact details only on request


@pytest.mark.parametrize(
    ("who", "status"),
    [("grid_worker", 302), ("township_reviewer", 302), ("other_clerk", 404), ("department_clerk", 404)],
)
def test_assign_permission_matrix(client, request, issue, department, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/backoffice/villages/issues/{issue.pk}/assign/", {"assignee": department.pk})
    assert response.status_code == status
    expected = IssueStatus.ASSIGNED if status == 302 else IssueStatus.REGISTERED
    assert ResidentIssue.objects.get(pk=issue.pk).status == expected


def test_the_assignee_must_be_above_the_village(client, issue, grid_worker, other_village):
    client.force_login(grid_worker)
    client.post(f"/backoffice/villages/issues/{issue.pk}/assign/", {"assignee": other_village.pk})
    assert ResidentIssue.objects.get(pk=issue.pk).status == IssueStatus.REGISTERED


def test_viewing_the_contact_is_logged(client, issue, township_reviewer):
    client.force_login(township_reviewer)
    response = client.post(f"/backoffice/villages/issues/{issue.pk}/contact/")
    assert "13700001111" in response.content.decode()
    entry = AuditEntry.objects.get(action="villages.issue.viewed_contact")
    assert entry.actor == township_reviewer


def test_a_grid_worker_registers_an_issue_with_a_camera_photo(client, village, grid_worker):
    client.force_login(grid_worker)
    page = client.get("/backoffice/villages/issues/new/").content.decode()
    assert 'accept="image/*"' in page
    assert 'capture="environment"' in page
    response = client.post(
        "/backoffice/villages/issues/new/",
        {
            "village": village.pk,
            "channel": "grid",
            "category": "roads",
            "title": "桥面破损",
            "description": "村口小桥桥面有一处破洞，电动车经过很危险。",
            "reporter_name": "孙大伯",
            "reporter_phone": "13600002222",
            "photo": SimpleUploadedFile("IMG_0001.HEIC", jpeg_with_gps(), content_type="image/heic"),
        },
    )
    issue = ResidentIssue.objects.get()
    assert response.status_code == 302
    photo = issue.photos.get()
    assert (photo.width, photo.height) == (1600, 1067)
    with Image.open(photo.file.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    served = client.get(f"/backoffice/villages/photos/{photo.pk}/")
    assert served["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_a_picture_is_refused_by_content(village):
    from gongkai.villages.errors import VillagesError

    with pytest.raises(VillagesError):
        clean_photo(b"%PDF-1.4 pretending to be a photo")


def pdf_fonts(data: bytes) -> set[str]:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    return {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }


def test_the_notice_board_pdf_prints_a_village_record(client, village, village_clerk):
    publicity = services.create_publicity(
        organization=village,
        actor=village_clerk,
        title="2026年度东风社区文明家庭评选结果公示",
        kind="award",
        body="<p>经评议，以下家庭拟评为文明家庭。</p>",
        entries=[{"name": "周建华", "detail": "文明家庭"}],
    )
    client.force_login(village_clerk)
    for size in ("A4", "A3"):
        response = client.get(f"/backoffice/villages/records/{publicity.record_id}/notice.pdf?size={size}")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        assert any("FandolFang" in name for name in pdf_fonts(response.content))  # the document format's 仿宋
    response = client.get(f"/backoffice/villages/records/{publicity.record_id}/notice.docx")
    assert response.status_code == 200
    assert response.content.startswith(b"PK")


def test_the_workbench_shows_issues_waiting_for_the_person(client, issue, grid_worker, other_clerk):
    client.force_login(grid_worker)
    assert "垃圾桶满溢" in client.get("/backoffice/").content.decode()
    client.force_login(other_clerk)
    assert "垃圾桶满溢" not in client.get("/backoffice/").content.decode()
