"""Back-office catalog pages and the permission matrix over a department's catalog."""

import pytest
from django.urls import reverse

from gongkai.catalog.models import Item, ItemStatus
from gongkai.catalog.services import create_item, update_item

from .factories import catalog_of, item_data
from .workbooks import national_workbook

PERSONAS = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


@pytest.fixture
def catalog(department):
    return catalog_of(department)


@pytest.fixture
def item(catalog, office):
    return create_item(catalog=catalog, actor=office, data=item_data())


def sign_in(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("persona", "view_status", "edit_status"),
    [
        ("anonymous", 302, 302),
        ("other_clerk", 404, 404),  # another organization's catalog: as if it did not exist
        ("clerk", 200, 200),
        ("reviewer", 200, 403),
        ("office", 200, 200),
        ("admin_person", 200, 200),
    ],
)
def test_permission_matrix_for_viewing_and_editing(client, request, item, persona, view_status, edit_status):
    sign_in(client, request, persona)
    assert client.get(reverse("backoffice:catalog:item", kwargs={"item_id": item.pk})).status_code == view_status
    assert (
        client.get(reverse("backoffice:catalog:browse", kwargs={"catalog_id": item.catalog_id})).status_code
        == view_status
    )
    assert client.get(reverse("backoffice:catalog:edit", kwargs={"item_id": item.pk})).status_code == edit_status


@pytest.mark.parametrize(
    ("persona", "approves"),
    [("other_clerk", False), ("clerk", False), ("reviewer", False), ("office", True), ("admin_person", True)],
)
def test_permission_matrix_for_approving(client, request, item, make_person, department, persona, approves):
    proposer = make_person("clerk", department, username="proposer")
    update_item(item=item, actor=proposer, data=item_data(elements="新的要素"))
    change_set = item.changes.get().change_set
    sign_in(client, request, persona)
    client.post(
        reverse("backoffice:catalog:change_set", kwargs={"change_set_id": change_set.pk}), {"decision": "approve"}
    )
    item.refresh_from_db()
    assert (item.elements == "新的要素") is approves
    assert item.version == (2 if approves else 1)


def test_clerk_edits_through_the_form_and_the_office_approves(client, item, clerk, office):
    client.force_login(clerk)
    data = {**item_data(), "basis": "《社会救助暂行办法》第十一条", "time_limit": "实时公开", "note": "改为实时"}
    data["levels"] = ["county"]
    response = client.post(reverse("backoffice:catalog:edit", kwargs={"item_id": item.pk}), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.time_limit_kind == "working_days"
    change_set = item.changes.get().change_set
    page = client.get(reverse("backoffice:catalog:item", kwargs={"item_id": item.pk})).content.decode()
    assert "待审批的修改" in page
    assert "实时公开" in page
    client.force_login(office)
    client.post(
        reverse("backoffice:catalog:change_set", kwargs={"change_set_id": change_set.pk}), {"decision": "approve"}
    )
    item.refresh_from_db()
    assert (item.time_limit_kind, item.levels) == ("real_time", ["county"])
    history = client.get(reverse("backoffice:catalog:item", kwargs={"item_id": item.pk})).content.decode()
    assert "第 2 版" in history
    assert "改为实时" in history


def test_the_form_shows_validation_messages(client, catalog, office):
    client.force_login(office)
    data = {**item_data(), "basis": "", "levels": ["county"]}
    response = client.post(reverse("backoffice:catalog:create", kwargs={"catalog_id": catalog.pk}), data)
    assert response.status_code == 200
    assert "请至少填写一条公开依据。" in response.content.decode()
    assert not Item.objects.exists()


def test_import_previews_problems_then_commits(client, catalog, office):
    client.force_login(office)
    url = reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("目录.xlsx", national_workbook())
    preview = client.post(url, {"file": upload})
    assert "将新增 3 项" in preview.content.decode()
    assert not Item.objects.exists()
    token = preview.context["token"]
    client.post(url, {"token": token, "name": "目录.xlsx"})
    assert Item.objects.filter(status=ItemStatus.IN_FORCE).count() == 5


def test_browse_filters_and_query_count(client, catalog, office, django_assert_max_num_queries):
    for number in range(15):
        create_item(
            catalog=catalog,
            actor=office,
            data=item_data(name=f"事项{number}", stage="result" if number % 2 else "service"),
        )
    client.force_login(office)
    url = reverse("backoffice:catalog:browse", kwargs={"catalog_id": catalog.pk})
    with django_assert_max_num_queries(20):
        response = client.get(url, {"stage": "result", "level": "county", "q": "事项"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "事项1<" in page
    assert "事项2<" not in page


def test_export_download(client, item, office):
    client.force_login(office)
    response = client.get(reverse("backoffice:catalog:export", kwargs={"catalog_id": item.catalog_id, "suffix": "csv"}))
    assert response.status_code == 200
    assert item.code in response.content.decode("utf-8")
    pdf = client.get(reverse("backoffice:catalog:export", kwargs={"catalog_id": item.catalog_id, "suffix": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    missing = client.get(reverse("backoffice:catalog:export", kwargs={"catalog_id": item.catalog_id, "suffix": "doc"}))
    assert missing.status_code == 404


def test_workbench_panel_lists_pending_changes(client, item, clerk, office):
    update_item(item=item, actor=clerk, data=item_data(elements="甲"), note="调整要素")
    client.force_login(office)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "待审批的目录变更" in page
    assert "调整要素" in page


def test_office_adds_a_local_domain_and_a_clerk_a_local_channel(client, catalog, office, clerk):
    url = reverse("backoffice:catalog:reference", kwargs={"catalog_id": catalog.pk})
    client.force_login(office)
    client.post(url, {"add_domain": "1", "domain-code": "nczl", "domain-name": "农村综合治理"})
    refused = client.post(url, {"add_domain": "1", "domain-code": "SHJZ", "domain-name": "救助"})
    assert "领域代码“SHJZ”已被使用。" in refused.content.decode()
    client.force_login(clerk)
    client.post(url, {"add_channel": "1", "channel-name": "村务微信群"})
    page = client.get(url).content.decode()
    assert "农村综合治理" in page
    assert "村务微信群" in page
    forbidden = client.post(url, {"add_domain": "1", "domain-code": "XX", "domain-name": "某领域"})
    assert forbidden.status_code == 403


def test_the_catalog_list_shows_only_catalogs_the_person_may_open(
    client, government, department, street_office, make_person
):
    from gongkai.catalog.selectors import catalogs_for_staff

    county, own, township = catalog_of(government), catalog_of(department), catalog_of(street_office)
    township_clerk = make_person("clerk", street_office, username="township_clerk")
    department_clerk = make_person("clerk", department, username="department_clerk")
    assert catalogs_for_staff(township_clerk) == [township]
    assert catalogs_for_staff(department_clerk) == [county, own]
    client.force_login(township_clerk)
    page = client.get(reverse("backoffice:catalog:index")).content.decode()
    assert "东风街道办事处" in page
    assert "示范区人民政府" not in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("other_clerk", 404),
        ("clerk", 200),
        ("reviewer", 403),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_permission_matrix_for_import_and_adoption_pages(client, request, catalog, persona, status):
    sign_in(client, request, persona)
    assert client.get(reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})).status_code == status
    assert client.get(reverse("backoffice:catalog:adopt", kwargs={"catalog_id": catalog.pk})).status_code == status
    assert client.get(reverse("backoffice:catalog:create", kwargs={"catalog_id": catalog.pk})).status_code == status


def test_the_edit_form_warns_of_a_time_limit_it_cannot_compute_and_saves_it(client, item, office):
    edit = reverse("backoffice:catalog:edit", kwargs={"item_id": item.pk})
    client.force_login(office)
    assert "无法换算为具体期限" not in client.get(edit).content.decode()  # 自信息形成之日起20个工作日内 computes
    data = {**item_data(), "basis": "《社会救助暂行办法》第十一条", "levels": ["county"]}
    response = client.post(edit, {**data, "time_limit": "视工作进展公开"}, follow=True)
    page = response.content.decode()
    assert "公开时限“视工作进展公开”无法换算为具体期限：可以保存，但该事项不计算公开期限" in page
    item.refresh_from_db()
    assert (item.time_limit, item.time_limit_kind) == ("视工作进展公开", "not_computable")
    form = client.get(edit).content.decode()
    assert 'id="time-limit-warning"' in form
    assert 'aria-describedby="time-limit-warning"' in form
    assert "“实时公开”" in form  # the forms it does understand


def test_the_form_warns_again_when_another_field_is_refused(client, catalog, office):
    client.force_login(office)
    data = {**item_data(), "basis": "", "levels": ["county"], "time_limit": "同上"}
    response = client.post(reverse("backoffice:catalog:create", kwargs={"catalog_id": catalog.pk}), data)
    assert response.status_code == 200
    assert "“同上”只在导入表格时沿用上一行的公开时限" in response.content.decode()
    assert not Item.objects.exists()
