"""The office's site settings and what they drive: the footer, robots.txt, the HTML site map, and the error report
form (我为政府网站找错) with its back-office list."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.orgs.models import SiteErrorReport, SiteSettings
from gongkai.orgs.services import report_site_error, update_site_settings
from gongkai.orgs.tests.factories import RegionFactory

REPORT = "/site-error/"
SETTINGS = "/backoffice/settings/site/"
ERRORS = "/backoffice/settings/site/errors/"


@pytest.fixture
def site(county, office):
    return update_site_settings(
        region=county,
        actor=office,
        site_name="示范区人民政府门户网站",
        sponsor="示范区人民政府办公室",
        site_code="3204990001",
        icp_number="苏ICP备05000000号",
        police_number="苏公网安备 32049902000000号",
        contact_phone="0519-86001234",
        contact_email="web@example.gov.cn",
    )


def test_footer_shows_the_site_settings_and_the_error_report_link(client, site, government):
    page = client.get("/").content.decode()
    assert "示范区人民政府门户网站" in page
    for text in ("主办单位：", "示范区人民政府办公室", "网站标识码：", "3204990001", "苏ICP备05000000号", "苏公网安备"):
        assert text in page
    assert 'href="mailto:web@example.gov.cn"' in page
    assert f'href="{REPORT}?page=/"' in page
    assert 'href="/sitemap/"' in page


def test_footer_without_settings_shows_only_the_links(client, county):
    page = client.get("/").content.decode()
    assert "主办单位" not in page
    assert "我为政府网站找错" in page


def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /backoffice/" in body
    assert "Disallow: /api/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_html_sitemap_lists_sections_and_organizations(client, government, department):
    page = client.get("/sitemap/").content.decode()
    assert "<h1>网站地图</h1>" in page
    assert reverse("portal:publishing:records") in page
    assert reverse("portal:publishing:organization", args=[department.pk]) in page


def report_form(client, **overrides):
    client.get(f"{REPORT}?page=/records/")
    data = {
        "page_url": "/records/",
        "description": "第三条链接打不开",
        "contact": "13912345678",
        "text_answer": client.session["engagement_text_challenge"]["answers"][0],
    }
    data.update(overrides)
    return data


def test_error_report_creates_a_message_for_the_office(client, county):
    response = client.get(f"{REPORT}?page=/records/")
    assert 'value="/records/"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    response = client.post(REPORT, report_form(client))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    report = SiteErrorReport.objects.get()
    assert (report.region, report.page_url, report.status) == (county, "/records/", "new")
    assert AuditEntry.objects.filter(action="orgs.site_error.reported", target_id=str(report.pk)).exists()


def test_error_report_with_a_wrong_answer_creates_nothing(client, county):
    response = client.post(REPORT, report_form(client, text_answer="错误", captcha="0"))
    assert response.status_code == 200
    assert "验证码或文字问题的答案不正确" in response.content.decode()
    assert not SiteErrorReport.objects.exists()


def test_error_report_needs_a_description(client, county):
    response = client.post(REPORT, report_form(client, description=""))
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not SiteErrorReport.objects.exists()


def test_error_report_page_off_site_is_not_prefilled(client, county):
    page = client.get(f"{REPORT}?page=https://evil.example/").content.decode()
    assert 'name="page_url"' in page
    assert 'value="https://evil.example/"' not in page


@override_settings(GONGKAI_PUBLIC_FORM_RATE=2)
def test_error_reports_are_rate_limited(client, county):
    for _attempt in range(2):
        assert client.post(REPORT, report_form(client)).status_code == 302
    assert client.post(REPORT, report_form(client)).status_code == 429
    assert SiteErrorReport.objects.count() == 2


def test_error_report_form_checks_csrf(county):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(REPORT, {"description": "x"}).status_code == 403


def test_office_edits_the_site_settings_with_an_audit_entry(client, office, county):
    client.force_login(office)
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, {"site_name": "示范区政府网", "sponsor": "示范区人民政府办公室"})
    assert response.status_code == 302
    settings_row = SiteSettings.objects.get(region=county)
    assert settings_row.sponsor == "示范区人民政府办公室"
    entry = AuditEntry.objects.get(action="orgs.site_settings.updated")
    assert entry.data["sponsor"] == ["", "示范区人民政府办公室"]


def test_bad_site_code_is_refused_in_chinese_and_changes_nothing(client, office, county):
    client.force_login(office)
    response = client.post(SETTINGS, {"site_code": "12"})
    assert response.status_code == 200
    assert "网站标识码是10位数字或字母" in response.content.decode()
    assert not SiteSettings.objects.exists()


def test_clerks_may_not_edit_the_site_settings(client, clerk, county):
    client.force_login(clerk)
    assert client.get(SETTINGS).status_code == 403
    assert client.get(ERRORS).status_code == 403


def test_office_of_another_county_cannot_open_this_site(client, make_person, county):
    other = RegionFactory(name="他区", division_code="320498000000")
    from gongkai.orgs.tests.factories import OrganizationFactory

    other_office = make_person("office", OrganizationFactory(region=other, kind="government"), username="o2")
    client.force_login(other_office)
    assert client.get(f"{SETTINGS}?region={county.pk}").status_code == 403


def test_office_lists_and_handles_error_reports(client, office, county):
    report = report_site_error(region=county, description="错别字", page_url="/records/")
    client.force_login(office)
    assert "错别字" in client.get(ERRORS).content.decode()
    response = client.post(reverse("backoffice:system:site_error_handle", args=[report.pk]), {"note": "已改正"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handling_note, report.handled_by) == ("handled", "已改正", office)
    assert AuditEntry.objects.filter(action="orgs.site_error.handled").exists()


def test_reports_of_another_county_are_hidden(client, make_person, county):
    other = RegionFactory(name="他区", division_code="320498000000")
    from gongkai.orgs.tests.factories import OrganizationFactory

    other_office = make_person("office", OrganizationFactory(region=other, kind="government"), username="o2")
    report = report_site_error(region=county, description="错别字")
    client.force_login(other_office)
    assert "错别字" not in client.get(ERRORS).content.decode()
    assert client.post(reverse("backoffice:system:site_error_handle", args=[report.pk])).status_code == 404
