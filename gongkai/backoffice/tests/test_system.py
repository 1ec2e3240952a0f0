"""The system settings pages: who may open them, and what they change."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry, ScheduleYear, WorkdayOverride
from gongkai.orgs.models import Membership, Organization, Person, Region
from gongkai.orgs.tests.factories import PASSWORD, OrganizationFactory, RegionFactory, credit_code

ROLES = ("anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person")


@pytest.fixture
def who(request, client):
    """Log in as the parametrized person (or stay anonymous) and return the client."""

    def login(name):
        if name != "anonymous":
            person = request.getfixturevalue(name)
            client.force_login(person)
        return client

    return login


def staff_pages():
    """Read-only pages every staff member may open: the hub, the organization directory, the calendar."""
    return [
        reverse("backoffice:settings"),
        reverse("backoffice:system:organizations"),
        reverse("backoffice:system:calendar"),
        reverse("backoffice:system:calendar_year", kwargs={"year": 2026}),
    ]


def manager_pages(department, clerk):
    return [
        reverse("backoffice:system:regions"),
        reverse("backoffice:system:organization_create"),
        reverse("backoffice:system:organization_edit", kwargs={"organization_id": department.pk}),
        reverse("backoffice:system:people"),
        reverse("backoffice:system:person_create"),
        reverse("backoffice:system:person", kwargs={"person_id": clerk.pk}),
        reverse("backoffice:system:calendar_edit", kwargs={"year": 2027}),
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_clerk", 403),
        ("clerk", 403),
        ("reviewer", 403),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_settings_pages_permission_matrix(who, role, expected, department, clerk, street_office):
    client = who(role)
    for url in manager_pages(department, clerk):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response.url.startswith(reverse("backoffice:login"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_clerk", 200),
        ("clerk", 200),
        ("reviewer", 200),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_read_only_pages_permission_matrix(who, role, expected, department, clerk):
    client = who(role)
    for url in staff_pages():
        assert client.get(url).status_code == expected, url


def test_clerks_see_a_read_only_directory_of_their_district(client, clerk, department, other_department, street_office):
    other_county = RegionFactory(division_code="320417000000")
    elsewhere = OrganizationFactory(region=other_county, name="他区民政局")
    client.force_login(clerk)
    response = client.get(reverse("backoffice:system:organizations"))
    names = {organization.name for organization in response.context["page"]}
    assert names == {"示范区人民政府", "示范区民政局", "示范区财政局", "东风街道办事处"}
    assert elsewhere.name not in names
    body = response.content.decode()
    assert "机构通讯录" in body
    assert reverse("backoffice:system:organization_edit", kwargs={"organization_id": department.pk}) not in body
    calendar = client.get(reverse("backoffice:system:calendar_year", kwargs={"year": 2026})).content.decode()
    assert "新增地区假日" not in calendar


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_clerk", 403),
        ("clerk", 403),
        ("reviewer", 403),
        ("office", 302),
        ("admin_person", 302),
    ],
)
def test_deactivating_an_organization_permission_matrix(who, role, expected, department, admin_person):
    client = who(role)
    before = AuditEntry.objects.count()
    url = reverse("backoffice:system:organization_active", kwargs={"organization_id": department.pk})
    response = client.post(url, {"active": "0"})
    assert response.status_code == expected
    department.refresh_from_db()
    if role in ("office", "admin_person"):
        assert department.is_active is False
        assert (
            AuditEntry.objects.filter(action="orgs.organization.deactivated", target_id=str(department.pk)).count() == 1
        )
    else:
        assert department.is_active is True
        assert AuditEntry.objects.count() == before


def test_office_of_a_township_cannot_manage_the_district(client, make_person, street_office, department):
    township_office = make_person("office", street_office, username="township_office")
    client.force_login(township_office)
    edit = reverse("backoffice:system:organization_edit", kwargs={"organization_id": department.pk})
    assert client.get(edit).status_code == 403
    own = reverse("backoffice:system:organization_edit", kwargs={"organization_id": street_office.pk})
    assert client.get(own).status_code == 200
    response = client.get(reverse("backoffice:system:organizations"))
    assert [organization.pk for organization in response.context["page"]] == [street_office.pk]
    assert client.get(reverse("backoffice:system:calendar_edit", kwargs={"year": 2027})).status_code == 403


def test_region_tree_is_one_query_whatever_the_depth(client, admin_person, county, django_assert_max_num_queries):
    parent = county
    for level in range(2):
        parent = RegionFactory(parent=parent, division_code=f"32049900{level + 1}000"[:12])
    for number in range(5):
        RegionFactory(parent=county, division_code=f"3204990{number + 10}000"[:12])
    client.force_login(admin_person)
    client.get(reverse("backoffice:system:regions"))  # warm up session and content types
    with django_assert_max_num_queries(8):
        response = client.get(reverse("backoffice:system:regions"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "示范区" in body
    assert body.count('class="tree-node"') == 8


def organization_data(**overrides):
    data = {
        "region": "",
        "kind": "department",
        "name": "示范区审计局",
        "short_name": "审计局",
        "credit_code": credit_code(9001),
        "parent": "",
        "address": "示范区人民路1号",
        "office_hours": "周一至周五",
        "phone": "0519-80000000",
        "fax": "",
        "email": "",
        "sort_order": "5",
    }
    return data | overrides


def test_office_creates_an_organization_through_the_service(client, office, county, government):
    client.force_login(office)
    data = organization_data(region=county.pk, parent=government.pk)
    response = client.post(reverse("backoffice:system:organization_create"), data)
    organization = Organization.objects.get(name="示范区审计局")
    assert response.status_code == 302
    assert organization.region == county
    assert organization.parent == government
    entry = AuditEntry.objects.get(action="orgs.organization.created", target_id=str(organization.pk))
    assert entry.actor == office


def test_wrong_credit_code_is_refused_with_a_chinese_message(client, office, county):
    client.force_login(office)
    wrong = credit_code(9001)[:17] + ("0" if credit_code(9001)[17] != "0" else "1")
    response = client.post(
        reverse("backoffice:system:organization_create"), organization_data(region=county.pk, credit_code=wrong)
    )
    assert response.status_code == 200
    assert "校验码符合 GB 32100" in response.content.decode()
    assert not Organization.objects.filter(name="示范区审计局").exists()
    assert not AuditEntry.objects.filter(action="orgs.organization.created").exists()


def test_office_edits_an_organization(client, office, department):
    client.force_login(office)
    url = reverse("backoffice:system:organization_edit", kwargs={"organization_id": department.pk})
    data = organization_data(
        kind="department", name=department.name, credit_code=department.credit_code, phone="0519-81234567"
    )
    data.pop("region")
    response = client.post(url, data)
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.phone == "0519-81234567"
    entry = AuditEntry.objects.get(action="orgs.organization.updated")
    assert entry.data["phone"] == ["", "0519-81234567"]


def test_office_creates_a_person_with_a_first_role(client, office, department):
    client.force_login(office)
    data = {
        "username": "new_clerk",
        "full_name": "李新",
        "password": "a-strong-passphrase-9",
        "organization": department.pk,
        "role": "clerk",
    }
    response = client.post(reverse("backoffice:system:person_create"), data)
    person = Person.objects.get(username="new_clerk")
    assert response.status_code == 302
    assert person.check_password("a-strong-passphrase-9")
    assert Membership.objects.filter(person=person, organization=department, role="clerk", is_active=True).exists()
    assert list(
        AuditEntry.objects.filter(target_id=str(person.pk)).values_list("action", flat=True).order_by("id")
    ) == [
        "orgs.person.created",
        "orgs.role.granted",
    ]


def test_weak_password_is_refused_in_chinese(client, office, department):
    client.force_login(office)
    data = {
        "username": "weak",
        "full_name": "弱",
        "password": "12345678",
        "organization": department.pk,
        "role": "clerk",
    }
    response = client.post(reverse("backoffice:system:person_create"), data)
    assert response.status_code == 200
    assert "密码" in response.context["form"].errors["password"][0]
    assert not Person.objects.filter(username="weak").exists()


def test_office_cannot_grant_the_admin_role(client, office, clerk, department):
    client.force_login(office)
    url = reverse("backoffice:system:role_grant", kwargs={"person_id": clerk.pk})
    response = client.post(url, {"organization": department.pk, "role": "admin"})
    assert response.status_code == 200  # the choice is not offered
    assert "role" in response.context["grant_form"].errors
    assert not Membership.objects.filter(person=clerk, role="admin").exists()


def test_admin_grants_and_revokes_a_role(client, admin_person, clerk, other_department):
    client.force_login(admin_person)
    client.post(
        reverse("backoffice:system:role_grant", kwargs={"person_id": clerk.pk}),
        {"organization": other_department.pk, "role": "reviewer"},
    )
    membership = Membership.objects.get(person=clerk, organization=other_department, role="reviewer")
    assert membership.is_active
    client.post(reverse("backoffice:system:role_revoke", kwargs={"membership_id": membership.pk}))
    membership.refresh_from_db()
    assert membership.is_active is False
    actions = list(AuditEntry.objects.filter(target_id=str(clerk.pk)).values_list("action", flat=True).order_by("id"))
    assert actions == ["orgs.role.granted", "orgs.role.revoked"]


def test_the_last_admin_cannot_be_revoked(client, admin_person, government):
    client.force_login(admin_person)
    membership = Membership.objects.get(person=admin_person, role="admin")
    response = client.post(
        reverse("backoffice:system:role_revoke", kwargs={"membership_id": membership.pk}), follow=True
    )
    membership.refresh_from_db()
    assert membership.is_active is True
    assert "不能撤销最后一个系统管理员" in response.content.decode()


def test_office_sets_a_password_and_unlocks(client, office, clerk):
    clerk.failed_logins = 5
    clerk.save()
    client.force_login(office)
    url = reverse("backoffice:system:person_password", kwargs={"person_id": clerk.pk})
    response = client.post(url, {"password": "another-long-secret-7", "password_again": "another-long-secret-7"})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("another-long-secret-7")
    assert clerk.failed_logins == 0
    assert AuditEntry.objects.filter(action="orgs.person.password_set", actor=office).count() == 1


def test_office_cannot_manage_an_admin_account(client, office, admin_person):
    client.force_login(office)
    url = reverse("backoffice:system:person_password", kwargs={"person_id": admin_person.pk})
    response = client.post(url, {"password": "another-long-secret-7", "password_again": "another-long-secret-7"})
    assert response.status_code == 403
    admin_person.refresh_from_db()
    assert admin_person.check_password(PASSWORD)


def test_deactivated_person_cannot_log_in(client, office, clerk):
    client.force_login(office)
    client.post(reverse("backoffice:system:person_active", kwargs={"person_id": clerk.pk}), {"active": "0"})
    clerk.refresh_from_db()
    assert clerk.is_active is False
    client.logout()
    assert client.login(username="clerk", password=PASSWORD) is False


def test_people_list_does_not_query_per_row(
    client, admin_person, make_person, department, django_assert_max_num_queries
):
    for number in range(10):
        make_person("clerk", department, username=f"clerk{number}")
    client.force_login(admin_person)
    client.get(reverse("backoffice:system:people"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("backoffice:system:people"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 11


SCHEDULE_2027 = """# 国办发明电〔2026〕示例
2027-01-01..2027-01-03 元旦
2027-02-06..2027-02-12 春节
2027-02-14 上班 春节
"""


def test_office_enters_a_year_schedule(client, office, django_capture_on_commit_callbacks):
    client.force_login(office)
    url = reverse("backoffice:system:calendar_edit", kwargs={"year": 2027})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"notice": "国办发明电〔2026〕7号", "text": SCHEDULE_2027})
    assert response.status_code == 302
    schedule = ScheduleYear.objects.get(year=2027)
    assert schedule.source == ScheduleYear.Source.OFFICE
    assert schedule.notice == "国办发明电〔2026〕7号"
    assert WorkdayOverride.objects.filter(on__year=2027, region=None, kind="holiday").count() == 10
    assert WorkdayOverride.objects.get(on=date(2027, 2, 14)).kind == "workday"
    edit = client.get(url)
    assert edit.context["form"].initial["text"] == (
        "2027-01-01..2027-01-03 元旦\n2027-02-06..2027-02-12 春节\n2027-02-14 上班 春节"
    )


def test_schedule_upload_is_read_by_content(client, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office)
    url = reverse("backoffice:system:calendar_edit", kwargs={"year": 2027})
    csv_file = SimpleUploadedFile("安排.csv", "日期,名称\n2027-01-01,元旦\n2027-02-14,上班\n".encode(), "text/csv")
    response = client.post(url, {"notice": "", "text": "", "file": csv_file})
    assert response.status_code == 302
    assert ScheduleYear.objects.get(year=2027).source == ScheduleYear.Source.IMPORT
    binary = SimpleUploadedFile("安排.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")
    response = client.post(url, {"notice": "", "text": "", "file": binary})
    assert response.status_code == 200
    assert "不是文本文件" in response.content.decode()


def test_bad_schedule_line_is_reported_with_its_line_number(client, office):
    client.force_login(office)
    url = reverse("backoffice:system:calendar_edit", kwargs={"year": 2027})
    response = client.post(url, {"notice": "", "text": "2027-01-01 元旦\n2027-13-01 错误\n"})
    assert response.status_code == 200
    assert "第 2 行" in response.content.decode()
    assert not ScheduleYear.objects.filter(year=2027).exists()


def test_years_list_flags_years_without_schedule(client, office):
    client.force_login(office)
    response = client.get(reverse("backoffice:system:calendar"))
    rows = {row.year: row for row in response.context["years"]}
    assert rows[2026].missing is False
    assert rows[2026].schedule.source == "package"
    assert rows[2025].holidays > 0
    assert rows[max(rows)].missing is True
    assert "未录入" in response.content.decode()


def test_office_adds_and_removes_a_regional_holiday(client, office, township):
    client.force_login(office)
    response = client.post(
        reverse("backoffice:system:regional_holiday_add"),
        {"region": township.pk, "on": "2026-04-20", "name": "三月三"},
    )
    assert response.status_code == 302
    override = WorkdayOverride.objects.get(region=township)
    assert (override.on, override.kind, override.name) == (date(2026, 4, 20), "holiday", "三月三")
    client.post(reverse("backoffice:system:regional_holiday_remove", kwargs={"override_id": override.pk}))
    assert not WorkdayOverride.objects.filter(region=township).exists()
    actions = set(
        AuditEntry.objects.filter(action__startswith="core.regional_holiday").values_list("action", flat=True)
    )
    assert actions == {"core.regional_holiday.added", "core.regional_holiday.removed"}


def test_township_office_cannot_remove_another_regions_holiday(client, make_person, street_office, county):
    from gongkai.core.services import add_regional_holiday

    override = add_regional_holiday(region=county, on=date(2026, 4, 20), name="三月三")
    client.force_login(make_person("office", street_office, username="township_office"))
    response = client.post(reverse("backoffice:system:regional_holiday_remove", kwargs={"override_id": override.pk}))
    assert response.status_code == 403
    assert WorkdayOverride.objects.filter(pk=override.pk).exists()


def test_office_adds_a_village_below_its_township(client, office, township):
    client.force_login(office)
    data = {"parent": township.pk, "name": "新村", "division_code": "320499001201"}
    response = client.post(reverse("backoffice:system:regions"), data)
    assert response.status_code == 302
    village = Region.objects.get(division_code="320499001201")
    assert (village.level, village.parent) == ("village", township)
    assert AuditEntry.objects.get(action="orgs.region.created").actor == office


def test_only_an_admin_adds_a_county(client, office, admin_person):
    client.force_login(office)
    response = client.post(
        reverse("backoffice:system:regions"), {"parent": "", "name": "新区", "division_code": "320417000000"}
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    client.force_login(admin_person)
    response = client.post(
        reverse("backoffice:system:regions"), {"parent": "", "name": "新区", "division_code": "320417000000"}
    )
    assert response.status_code == 302
    assert Region.objects.get(division_code="320417000000").level == "county"


def test_bad_division_code_is_shown_on_its_field(client, admin_person, county):
    client.force_login(admin_person)
    response = client.post(
        reverse("backoffice:system:regions"), {"parent": county.pk, "name": "新镇", "division_code": "12"}
    )
    assert response.context["form"].errors["division_code"] == [
        "行政区划代码：行政区划代码应为12位数字，例如 320402000000。"
    ]
    assert not Region.objects.filter(name="新镇").exists()


def test_workbench_reminds_the_office_of_a_missing_year(rf, office, clerk, monkeypatch):
    from gongkai.backoffice.system import panels

    monkeypatch.setattr(panels.timezone, "localdate", lambda: date(2026, 11, 21))
    request = rf.get("/backoffice/")
    request.user = office
    [panel] = panels.panels(request)
    assert panel.count == 1
    assert panel.items[0]["label"] == "录入2027年节假日安排"
    assert panel.items[0]["url"] == reverse("backoffice:system:calendar_edit", kwargs={"year": 2027})
    assert panel.items[0]["light"] == "yellow"
    request.user = clerk
    assert panels.panels(request) == []


def test_organizations_list_is_filtered_by_region_without_a_query_per_row(
    client, office, county, township, government, street_office, django_assert_max_num_queries
):
    for number in range(10):
        OrganizationFactory(region=township, name=f"东风街道第{number}社区居委会", kind="committee")
    client.force_login(office)
    url = reverse("backoffice:system:organizations")
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url, {"region": township.pk})
    assert response.status_code == 200
    assert len(response.context["page"]) == 11
    assert f'<option value="{township.pk}" selected>' in response.content.decode()


def test_month_grid_names_weekdays_in_the_chosen_language(client, office):
    client.force_login(office)
    url = reverse("backoffice:system:calendar_year", kwargs={"year": 2026})
    assert 'abbr="星期一">一</th>' in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert 'abbr="Monday">Mon</th>' in client.get(url).content.decode()


def test_office_sets_how_an_organizations_documents_look(client, office, department):
    client.force_login(office)
    url = reverse("backoffice:system:organization_edit", kwargs={"organization_id": department.pk})
    data = organization_data(
        kind="department",
        name=department.name,
        credit_code=department.credit_code,
        issuer_mark="示范区民政局文件",
        seal_mode="unstamped",
        printed_by="示范区民政局办公室",
    )
    data.pop("region")
    assert client.post(url, data).status_code == 302
    department.refresh_from_db()
    assert (department.document_issuer_mark, department.seal_mode) == ("示范区民政局文件", "unstamped")
    assert department.document_printed_by == "示范区民政局办公室"
    entry = AuditEntry.objects.get(action="orgs.organization.updated")
    assert entry.data["seal_mode"] == ["stamped", "unstamped"]
