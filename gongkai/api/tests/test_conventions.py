"""The conventions every endpoint shares: the paging envelope, ordering, pinned query counts on lists, errors as
{"code", "message"} in UTF-8, no 500 on bad input, bounded and rate-limited clock, the old URLs gone."""

import json
from datetime import date

import pytest

from gongkai.applications.tests.factories import make_application
from gongkai.engagement import services as engagement_services
from gongkai.engagement.tests.factories import answered, build_survey, open_call, submit
from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import publish_record
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.services.services import save_category, save_package, save_site
from gongkai.services.tests.factories import GuideFactory
from gongkai.villages.services import seed_village_columns

CLOCK = "/api/v1/applications/clock/"


@pytest.fixture
def published(department, clerk, reviewer):
    records = []
    for day in range(1, 6):
        record = force_status(draft(department, clerk, written_on=date(2026, 3, day)), RecordStatus.CLEARED)
        records.append(publish_record(record=record, actor=reviewer))
    return records


def test_records_list_pages_orders_and_answers_in_utf8(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/publishing/records/", {"page_size": 2, "ordering": "written_on"})
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["page"], data["pages"], data["page_size"]) == (5, 1, 3, 2)
    assert [row["written_on"] for row in data["results"]] == ["2026-03-01", "2026-03-02"]
    assert "关于做好".encode() in response.content
    last = client.get("/api/v1/publishing/records/", {"page_size": 2, "page": 3, "ordering": "written_on"}).json()
    assert [row["written_on"] for row in last["results"]] == ["2026-03-05"]
    beyond = client.get("/api/v1/publishing/records/", {"page": 9}).json()
    assert (beyond["count"], beyond["results"]) == (5, [])


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/publishing/records/", {"organization": "abc"}, "organization"),
        ("/api/v1/publishing/records/", {"page": "0"}, "page"),
        ("/api/v1/publishing/records/", {"page_size": "1000"}, "page_size"),
        ("/api/v1/publishing/records/", {"ordering": "title"}, "ordering"),
        ("/api/v1/publishing/records/", {"genre": "poem"}, "genre"),
        ("/api/v1/search/", {"start": "2026-13-01"}, "start"),
        ("/api/v1/search/", {"start": "1000-10-14"}, "start"),
        ("/api/v1/search/", {"end": "9999-01-01"}, "end"),
        ("/api/v1/reports/published/", {"year": "99999"}, "year"),
        ("/api/v1/catalog/domains/", {"page": "x"}, "page"),
    ],
)
def test_bad_parameters_are_a_422_naming_the_field(client, db, path, params, field):
    response = client.get(path, params)
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("api.invalid_input", field)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"received": "9999-12-31", "events": []}, 400, "applications.invalid_clock_input"),
        ({"received": "1900-01-01", "events": []}, 400, "applications.invalid_clock_input"),
        (
            {
                "received": "2026-01-05",
                "events": [
                    {"type": "consultation_started", "date": "2026-01-06"},
                    {"type": "consultation_ended", "date": "3026-01-06"},
                ],
            },
            400,
            "applications.invalid_clock_input",
        ),
        (
            {"received": "2026-01-05", "events": [{"type": "fee_paid", "date": "2026-01-06"}] * 51},
            422,
            "api.invalid_input",
        ),
        ({"received": 20260105, "events": []}, 422, "api.invalid_input"),
    ],
)
def test_clock_input_is_bounded(client, db, body, status, code):
    response = client.post(CLOCK, json.dumps(body), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_clock_is_rate_limited_per_address(client, db, settings):
    settings.GONGKAI_API_CLOCK_RATE = 2
    body = json.dumps({"received": "2026-09-18", "events": []})
    statuses = [client.post(CLOCK, body, content_type="application/json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = client.post(CLOCK, body, content_type="application/json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_staff_lists_have_pinned_query_counts(client, clerk, department, office, django_assert_max_num_queries):
    for day in (14, 15, 16, 17, 18):
        make_application(actor=clerk, organization=department, received_on=date(2026, 9, day))
    client.force_login(office)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/applications/", {"page_size": 3})
    assert (response.status_code, response.json()["count"], len(response.json()["results"])) == (200, 5, 3)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/reports/").status_code == 200


def test_public_lists_have_pinned_query_counts(client, published, django_assert_max_num_queries):
    for path, most in (
        ("/api/v1/catalog/domains/", 2),
        ("/api/v1/reports/published/", 2),
        ("/api/v1/cases/statistics/", 1),
    ):
        with django_assert_max_num_queries(most):
            response = client.get(path)
        assert response.status_code == 200, path
        assert set(response.json()) == {"count", "page", "pages", "page_size", "results"}


@pytest.fixture
def engagement_and_guides(department, other_department, clerk, reviewer, office):
    for number in range(3):
        inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
        engagement_services.publish_inquiry(actor=office, inquiry=inquiry, as_faq=True)
        open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department, title=f"征集{number}")
        GuideFactory(organization=department, code=f"MZ-{number}", name=f"民政事项{number}")
        GuideFactory(organization=other_department, code=f"CZ-{number}", name=f"财政事项{number}")


@pytest.mark.parametrize(
    ("path", "ordering", "most", "count", "first"),
    [
        ("/api/v1/engagement/answers/", "-published_at", 3, 3, None),
        ("/api/v1/engagement/calls/", "starts_on", 3, 3, None),
        ("/api/v1/services/guides", "-name", 2, 6, "财政事项2"),
    ],
)
def test_later_modules_lists_follow_the_same_convention(
    client, engagement_and_guides, django_assert_max_num_queries, path, ordering, most, count, first
):
    with django_assert_max_num_queries(most):
        response = client.get(path, {"page_size": 2, "ordering": ordering})
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["page"], data["pages"], data["page_size"], len(data["results"])) == (
        count,
        1,
        (count + 1) // 2,
        2,
        2,
    )
    if first:
        assert data["results"][0]["name"] == first
    second = client.get(path, {"page_size": 2, "page": 2, "ordering": ordering}).json()["results"]
    assert not {row["id"] for row in second} & {row["id"] for row in data["results"]}
    assert client.get(path, {"page_size": 500}).status_code == 422
    assert client.get(path, {"ordering": "secret"}).json()["field"] == "ordering"


@pytest.fixture
def reference_lists(engagement_and_guides, government, office, county, department):
    """Two or more rows in each of the short reference lists."""
    for number in range(2):
        top = save_category(
            fields={"code": f"top{number}", "name": f"分类{number}"}, parent=None, actor=office, organization=government
        )
        sub = save_category(
            fields={"code": f"sub{number}", "name": f"子类{number}"}, parent=top, actor=office, organization=government
        )
        save_site(
            organization=department,
            category=sub,
            fields={"name": f"服务点{number}", "address": "地址"},
            latitude="31.1",
            longitude="121.5",
            coordinate_system="cgcs2000",
            actor=office,
        )
        save_package(
            organization=government,
            actor=office,
            entries=[{"guide": GuideFactory(organization=department, code=f"PK-{number}")}],
            fields={"slug": f"p{number}", "title": f"服务包{number}", "kind": "population", "introduction": "导语",
                    "is_published": True},
        )  # fmt: skip
        survey, *_rest = build_survey(office, government, title=f"调查{number}")
        engagement_services.open_survey(actor=office, survey=survey)
        engagement_services.close_survey(actor=office, survey=survey)
        engagement_services.publish_results(actor=office, survey=survey, summary="满意。")
    township = RegionFactory(name="东风镇", division_code="320499102000", parent=county)
    town = OrganizationFactory(region=township, name="东风镇人民政府", kind="government", parent=government)
    villages = []
    for number in range(2):
        region = RegionFactory(name=f"村{number}", division_code=f"32049910220{number}", parent=township)
        village = OrganizationFactory(region=region, name=f"村{number}村民委员会", kind="committee", parent=town)
        seed_village_columns(organization=village)
        villages.append(village)
    return {"village": villages[0]}


REFERENCE_LISTS = [
    ("/api/v1/services/packages", {"ordering": "-title"}, 2, 2),
    ("/api/v1/services/site-categories", {}, 2, 2),
    ("/api/v1/services/sites", {"ordering": "-name", "category": ""}, 2, 2),
    ("/api/v1/services/time-savings", {}, 1, 2),
    # each survey's published results are tallied per survey (5 queries each): the page size bounds it
    ("/api/v1/engagement/surveys/", {"ordering": "published_at"}, 12, 2),
    ("/api/v1/villages/", {"ordering": "name"}, 2, 2),
    ("/api/v1/villages/{village}/columns/", {}, 2, 5),
    ("/api/v1/villages/issues/cases/", {"ordering": "closed_at"}, 2, 0),
]


@pytest.mark.parametrize(("path", "params", "most", "count"), REFERENCE_LISTS)
def test_reference_lists_use_the_envelope_with_pinned_query_counts(
    client, reference_lists, django_assert_max_num_queries, path, params, most, count
):
    url = path.format(village=reference_lists["village"].pk)
    with django_assert_max_num_queries(most):
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert {"count", "page", "pages", "page_size", "results"} <= set(data)
    assert (data["count"], data["page"], data["page_size"]) == (count, 1, 50)
    if count:
        one = client.get(url, {**params, "page_size": 1, "page": count}).json()
        assert (one["count"], one["pages"], len(one["results"])) == (count, count, 1)
    assert client.get(url, {"page_size": 500}).json()["field"] == "page_size"
    if "ordering" in params:
        assert client.get(url, {"ordering": "secret"}).json()["field"] == "ordering"


def schema_of(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_list_operation_uses_the_envelope(client, db):
    """No GET answers a bare JSON array, and every GET whose answer has `results` is the paged envelope taking
    `page` and `page_size`: a new list cannot slip past the convention."""
    document = client.get("/api/v1/openapi.json").json()
    lists = []
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if operation is None or "200" not in operation["responses"]:
            continue
        for content in operation["responses"]["200"].get("content", {}).values():
            schema = schema_of(document, content.get("schema", {}))
            variants = [schema_of(document, one) for one in schema.get("anyOf", schema.get("oneOf", [schema]))]
            assert all(variant.get("type") != "array" for variant in variants), f"{path} answers a bare array"
            if "results" not in schema.get("properties", {}):
                continue
            lists.append(path)
            assert {"count", "page", "pages", "page_size", "results"} <= set(schema["required"]), path
            assert schema["properties"]["results"]["type"] == "array", path
            parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
            assert {"page", "page_size"} <= parameters, path
    assert {
        "/api/v1/services/packages",
        "/api/v1/services/site-categories",
        "/api/v1/services/sites",
        "/api/v1/services/time-savings",
        "/api/v1/engagement/surveys/",
        "/api/v1/villages/",
        "/api/v1/villages/{organization_id}/columns/",
        "/api/v1/villages/issues/cases/",
        "/api/v1/villages/staff/issues/",
        "/api/v1/villages/staff/finance-lights/",
        "/api/v1/oversight/leaderboard",
        "/api/v1/oversight/public/leaderboard",
    } <= set(lists)


def test_unknown_catalog_is_a_coded_404(client, db):
    response = client.get("/api/v1/catalog/NOPE/items/")
    assert (response.status_code, response.json()["code"]) == (404, "catalog.not_found")


def test_errors_are_translated(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/api/v1/applications/")
    assert response.status_code == 401
    assert response.json()["message"] == "Staff sign-in or a valid API token is required."


@pytest.mark.parametrize("path", ["/api/publishing/records/", "/api/search/?q=低保", "/api/applications/clock/"])
def test_old_unversioned_urls_are_gone_with_the_new_place(client, db, path):
    response = client.get(path)
    assert response.status_code == 410
    assert response.json()["code"] == "api.moved"
    assert response.json()["location"].startswith("/api/v1/")


def test_openapi_document_is_3_1_and_lists_every_module(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    prefixes = {path.split("/")[3] for path in document["paths"]}
    assert {"catalog", "publishing", "screening", "applications", "reports", "search", "inbound", "cases"} <= prefixes


def test_every_operation_documents_the_web_servers_own_refusal_without_a_json_body(client, db):
    """A request line longer than the web server accepts gets 414 from gunicorn or nginx, in HTML: documented on every
    operation, with no JSON schema a client would wrongly expect."""
    document = client.get("/api/v1/openapi.json").json()
    operations = [operation for path in document["paths"].values() for operation in path.values()]
    assert operations
    for operation in operations:
        assert "content" not in operation["responses"]["414"]
        assert operation["responses"]["404"]["content"]["application/json"]


def test_every_schema_name_is_unique_across_the_api():
    """OpenAPI components are keyed by class name: two schemas of one name silently share one component, and the
    second endpoint then documents the first one's shape."""
    from ninja import Schema

    import gongkai.urls  # noqa: F401  (imports every router and its schemas)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    owners: dict[str, set[str]] = {}
    for schema in subclasses(Schema):
        if schema.__module__.startswith("gongkai.api.") and ".tests" not in schema.__module__:
            owners.setdefault(schema.__name__, set()).add(schema.__module__)
    shared = {name: sorted(modules) for name, modules in owners.items() if len(modules) > 1}
    assert shared == {}
