"""Back-office services pages: the permission matrix over a department's guide, site and the office's packages,
and the main flows through the forms (create from lines, review of a statutory change, adoption, coordinates)."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from gongkai.backoffice.services.forms import initial_for
from gongkai.core.models import AuditEntry
from gongkai.services.models import Guide, GuideChange, GuideStatus, SitePhoto
from gongkai.services.services import create_guide, save_category, save_package, save_site, submit_guide

from .factories import GuideFactory, guide_data

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "public", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


@pytest.fixture
def public(make_person):
    """A signed-in account with no role anywhere (the public never has one)."""
    return make_person(username="resident")


@pytest.fixture
def guide(department):
    return GuideFactory(
        organization=department,
        name="低保审核确认",
        steps=[{"name": "受理", "actor": "窗口", "action": "查验", "days": 1}],
    )


@pytest.fixture
def site(government, department, office):
    top = save_category(fields={"code": "admin", "name": "行政"}, parent=None, actor=office, organization=government)
    sub = save_category(
        fields={"code": "centre", "name": "便民服务中心"}, parent=top, actor=office, organization=government
    )
    return save_site(
        organization=department,
        category=sub,
        fields={"name": "便民服务中心", "address": "府前街1号"},
        latitude="31.78",
        longitude="119.95",
        coordinate_system="cgcs2000",
        actor=office,
    )


@pytest.fixture
def package(government, office, guide):
    return save_package(
        organization=government,
        actor=office,
        entries=[{"guide": guide}],
        fields={"slug": "p", "title": "包", "kind": "population", "introduction": "导语"},
    )


def sign_in(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("persona", "view", "edit", "site_page", "packages"),
    [
        ("anonymous", 302, 302, 302, 302),
        ("public", 403, 403, 403, 403),
        ("other_clerk", 404, 404, 404, 403),
        ("clerk", 200, 200, 200, 403),
        ("reviewer", 200, 200, 200, 403),
        ("office", 200, 200, 200, 200),
        ("admin_person", 200, 200, 200, 200),
    ],
)
def test_permission_matrix(client, request, guide, site, package, persona, view, edit, site_page, packages):
    sign_in(client, request, persona)
    assert client.get(reverse("backoffice:services:guide", kwargs={"guide_id": guide.pk})).status_code == view
    assert client.get(reverse("backoffice:services:guide_edit", kwargs={"guide_id": guide.pk})).status_code == edit
    assert client.get(reverse("backoffice:services:site_edit", kwargs={"site_id": site.pk})).status_code == site_page
    package_url = reverse("backoffice:services:package_edit", kwargs={"package_id": package.pk})
    assert client.get(package_url).status_code == packages
    assert client.get(reverse("backoffice:services:categories")).status_code == packages


@pytest.mark.parametrize(
    ("persona", "retires"),
    [("other_clerk", False), ("clerk", False), ("reviewer", True), ("office", True), ("admin_person", True)],
)
def test_permission_matrix_for_retiring(client, request, guide, persona, retires):
    sign_in(client, request, persona)
    url = reverse("backoffice:services:guide_action", kwargs={"guide_id": guide.pk, "action": "retire"})
    response = client.post(url, {"reason": "事项取消"})
    guide.refresh_from_db()
    assert (guide.status == GuideStatus.RETIRED) is retires
    assert response.status_code == {"other_clerk": 404, "clerk": 403}.get(persona, 302)


MATERIALS = "居民身份证 | 原件 | 1 | 申请人自备 | 必要\n残疾人证 | 复印件 | 1 | 残联 | 家庭成员有残疾的"
STEPS = "受理 | 窗口 | 查验材料 | 1\n审批 | 民政局 | 审批 | 4"


def form_data(organization, **overrides):
    data = {
        "organization": organization.pk,
        "code": "MZ-9",
        "name": "临时救助",
        "kind": "benefit",
        "basis": "依据",
        "scope": "范围",
        "conditions": "条件",
        "materials": MATERIALS,
        "fees": "",
        "statutory_days": "20",
        "promised_days": "5",
        "counter_address": "窗口",
        "counter_hours": "工作日",
        "steps": STEPS,
        "contact_phone": "1",
        "complaint_phone": "12345",
        "faqs": "能代办吗？ | 可以",
    }
    data.update(overrides)
    return data


def test_clerk_creates_a_guide_from_lines_and_a_reviewer_puts_it_in_force(client, clerk, reviewer, department):
    client.force_login(clerk)
    response = client.post(reverse("backoffice:services:guide_create"), form_data(department))
    guide = Guide.objects.get(code="MZ-9")
    assert response.status_code == 302
    assert guide.materials[1] == {
        "name": "残疾人证",
        "form": "copy",
        "count": 1,
        "source": "残联",
        "required": False,
        "condition": "家庭成员有残疾的",
    }
    assert guide.faqs == [{"question": "能代办吗？", "answer": "可以"}]
    client.post(reverse("backoffice:services:guide_action", kwargs={"guide_id": guide.pk, "action": "submit"}))
    client.force_login(reviewer)
    client.post(reverse("backoffice:services:guide_action", kwargs={"guide_id": guide.pk, "action": "approve"}))
    guide.refresh_from_db()
    assert (guide.status, guide.version) == (GuideStatus.IN_FORCE, 1)
    client.force_login(clerk)
    response = client.get(reverse("backoffice:services:guide_edit", kwargs={"guide_id": guide.pk}))
    assert MATERIALS.replace("\n", "\r\n") in response.content.decode().replace("\n", "\r\n")


def test_bad_lines_are_reported_with_their_number_and_nothing_is_saved(client, clerk, department):
    client.force_login(clerk)
    data = form_data(department, materials="居民身份证 | 原件 | 一 | 自备 | 必要", steps="受理 | 窗口 | 3")
    response = client.post(reverse("backoffice:services:guide_create"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "第1行：份数应为整数。" in html
    assert "办理流程第1行应有4项：环节|办理人员或机构|办理内容|时限。" in html
    assert not Guide.objects.exists()


def test_statutory_change_through_the_form_waits_for_another_reviewer(client, clerk, reviewer, department):
    guide = GuideFactory(organization=department, code="MZ-9", name="临时救助", kind="benefit", materials=[], steps=[])
    client.force_login(clerk)
    data = {
        **{k: v for k, v in initial_for(guide).items() if v is not None},
        "statutory_days": "15",
        "materials": MATERIALS,
        "steps": STEPS,
        "note": "新规定",
    }
    client.post(reverse("backoffice:services:guide_edit", kwargs={"guide_id": guide.pk}), data)
    change = GuideChange.objects.get(guide=guide)
    guide.refresh_from_db()
    assert guide.statutory_days == 20
    client.force_login(reviewer)
    client.post(reverse("backoffice:services:change_decide", kwargs={"change_id": change.pk, "decision": "approve"}))
    guide.refresh_from_db()
    assert (guide.statutory_days, guide.version) == (15, 2)


def test_street_adopts_through_the_page(client, guide, street_office, make_person):
    street_reviewer = make_person("reviewer", street_office, username="street")
    client.force_login(street_reviewer)
    assert "低保审核确认" in client.get(reverse("backoffice:services:index")).content.decode()
    url = reverse("backoffice:services:adopt", kwargs={"guide_id": guide.pk})
    client.post(
        url,
        {
            "organization": street_office.pk,
            "counter_address": "街道窗口",
            "counter_hours": "工作日",
            "contact_phone": "2",
        },
    )
    copy = Guide.objects.get(organization=street_office)
    assert (copy.source_guide, copy.counter_address, copy.status) == (guide, "街道窗口", GuideStatus.IN_FORCE)


def test_gcj02_coordinates_from_the_form_are_stored_in_cgcs2000(client, site, office):
    client.force_login(office)
    data = {
        "category": site.category_id,
        "name": site.name,
        "address": site.address,
        "coordinate_system": "gcj02",
        "latitude": "31.17530398364597",
        "longitude": "121.531541859215",
        "is_active": "on",
    }
    client.post(reverse("backoffice:services:site_edit", kwargs={"site_id": site.pk}), data)
    site.refresh_from_db()
    assert (str(site.latitude), str(site.longitude)) == ("31.177428", "121.527211")
    entry = AuditEntry.objects.filter(action="services.site.saved").latest("id")
    assert entry.data["coordinate_system"] == "gcj02"


def test_photo_is_checked_by_content(client, site, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office)
    url = reverse("backoffice:services:site_photo", kwargs={"site_id": site.pk})
    fake = io.BytesIO(b"<html>not an image</html>")
    fake.name = "photo.jpg"
    client.post(url, {"image": fake, "description": "门口"})
    assert not SitePhoto.objects.exists()
    stream = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(stream, "PNG")
    stream.seek(0)
    stream.name = "photo.jpg"
    client.post(url, {"image": stream, "description": "服务中心门口"})
    photo = SitePhoto.objects.get()
    assert photo.image.name.endswith(".png")
    assert (
        client.get(reverse("portal:services:site_photo", kwargs={"site_id": site.pk, "photo_id": photo.pk}))[
            "Content-Type"
        ]
        == "image/png"
    )


def test_workbench_shows_a_submitted_guide_to_another_reviewer_only(client, clerk, reviewer, department):
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    submit_guide(guide=guide, actor=clerk)
    client.force_login(reviewer)
    assert "审核办事指南：最低生活保障申请" in client.get(reverse("backoffice:home")).content.decode()
    client.force_login(clerk)
    assert "审核办事指南" not in client.get(reverse("backoffice:home")).content.decode()


def test_guide_list_and_site_list_query_counts(client, office, department, site, django_assert_max_num_queries):
    for number in range(12):
        GuideFactory(organization=department, name=f"事项{number}")
    client.force_login(office)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("backoffice:services:index")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("backoffice:services:sites")).status_code == 200


def test_site_api_query_count(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/services/sites")
    assert response.status_code == 200
    assert (response.json()["count"], len(response.json()["results"])) == (1, 1)
