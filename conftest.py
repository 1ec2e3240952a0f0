"""Fixtures shared by every app's tests."""

import os

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

from gongkai.orgs.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
)

TRANSACTIONAL_FIXTURES = ("transactional_db", "live_server")


def pytest_collection_modifyitems(config, items):
    """Every transactional test (transaction=True, transactional_db, live_server) rolls back by serialization.

    A transactional test empties the tables when it ends. Without serialized rollback Django then re-creates the
    content types and permissions (post_migrate) under new ids, and the next test on the same worker that does
    restore the serialized database fails on them (UNIQUE constraint failed: django_content_type…), in an order
    that depends on how xdist shares the tests out. With every one serialized, each starts from the database as the
    migrations left it and none re-creates rows behind another's back."""
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None or "django_db_serialized_rollback" in names:
            continue
        marker = item.get_closest_marker("django_db")
        if (marker is not None and marker.kwargs.get("transaction")) or any(
            name in names for name in TRANSACTIONAL_FIXTURES
        ):
            names.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (each xdist worker has its own local-memory one): what a test cached
    under a key that does not name its database (the site settings under the pages marker) never answers in the
    next test, whose database is another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def county(db):
    return RegionFactory(name="示范区", division_code="320499000000")


@pytest.fixture
def township(county):
    return RegionFactory(name="东风街道", division_code="320499001000", parent=county)


@pytest.fixture
def government(county):
    return OrganizationFactory(region=county, name="示范区人民政府", kind="government")


@pytest.fixture
def department(county, government):
    return OrganizationFactory(region=county, name="示范区民政局", kind="department", parent=government)


@pytest.fixture
def other_department(county, government):
    return OrganizationFactory(region=county, name="示范区财政局", kind="department", parent=government)


@pytest.fixture
def street_office(township, government):
    return OrganizationFactory(region=township, name="东风街道办事处", kind="street_office", parent=government)


@pytest.fixture
def make_person(db):
    """make_person(role, organization) -> a person holding that role there (password "correct horse 42")."""

    def make(role=None, organization=None, **fields):
        person = PersonFactory(**fields)
        if role:
            MembershipFactory(person=person, organization=organization, role=role)
        return person

    return make


@pytest.fixture
def clerk(make_person, department):
    return make_person("clerk", department, username="clerk")


@pytest.fixture
def reviewer(make_person, department):
    return make_person("reviewer", department, username="reviewer")


@pytest.fixture
def confidentiality_officer(make_person, department):
    return make_person("confidentiality_officer", department, username="secrecy")


@pytest.fixture
def office(make_person, government):
    return make_person("office", government, username="office")


@pytest.fixture
def admin_person(make_person, government):
    return make_person("admin", government, username="admin")


@pytest.fixture
def other_clerk(make_person, other_department):
    return make_person("clerk", other_department, username="other_clerk")


# Real-browser fixtures (marker `browser`): one chromium per test session (per xdist worker), a fresh context per test.
@pytest.fixture(scope="session")
def browser():
    from gongkai.core.tests.browser import CHROMIUM, LAUNCH_ARGS, chromium_installed

    if not chromium_installed():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test itself are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_context(browser):
    from gongkai.core.tests.browser import DESKTOP

    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def phone_context(browser):
    from gongkai.core.tests.browser import PHONE

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    context.set_default_timeout(15_000)
    yield context
    context.close()


SEED_MIGRATIONS = (
    ("gongkai.catalog.migrations.0002_national_domains_and_channels", "load"),
    ("gongkai.core.migrations.0003_seed_holiday_schedules", "seed"),
    ("gongkai.applications.migrations.0002_seed_letter_templates", "seed"),
    ("gongkai.applications.migrations.0003_salutation_flush_left", "flush_left"),
)


@pytest.fixture
def seeded(transactional_db):
    """The data the migrations seed (national domains and channels, holiday schedules, letter templates), put back
    when an earlier transactional test on this worker flushed the tables."""
    from importlib import import_module

    from django.apps import apps

    from gongkai.catalog.models import Domain

    if not Domain.objects.exists():
        for module, function in SEED_MIGRATIONS:
            getattr(import_module(module), function)(apps, None)


@pytest.fixture
def browser_district(
    django_db_serialized_rollback,
    transactional_db,
    seeded,
    settings,
    tmp_path,
    department,
    government,
    clerk,
    reviewer,
    confidentiality_officer,
    office,
    admin_person,
):
    """A small district for the browser tests, built through the services: the department's standard columns, a
    catalog tree in force, a published record filed under a column and an item, a draft, and an application."""
    from gongkai.applications.tests.factories import make_application
    from gongkai.catalog.tests.factories import catalog_of, make_tree
    from gongkai.publishing.models import Column, RecordStatus
    from gongkai.publishing.services import seed_columns
    from gongkai.publishing.tests.factories import draft, force_status

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    seed_columns(organization=department)
    group, guide, review = make_tree(catalog_of(department), admin_person)
    record = draft(department, clerk, title="关于2026年城乡居民最低生活保障标准的通知")
    record.items.add(guide)
    column = Column.objects.filter(organization=department, slug="guide").get()
    record.columns.add(column)
    record = force_status(record, RecordStatus.PUBLISHED)
    pending = draft(department, clerk, title="关于开展冬季救助工作的通知")
    application = make_application(actor=office, organization=department)
    return {
        "record": record,
        "draft": pending,
        "application": application,
        "item": guide,
        "group": group,
        "column": column,
        "department": department,
    }


class SerialWSGIServer(WSGIServer):
    """The live server of the browser tests answers one request at a time.

    Django's live server is threaded, and with SQLite's in-memory test database every thread shares one connection:
    a page whose images, beacon and bell fetch load at once then fails at random ("bad parameter or other API
    misuse", "database table is locked"). Served one at a time (the browser queues the rest; a non-threaded server
    closes each connection), the tests see what a real deployment's separate connections give."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer
