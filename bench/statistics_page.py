"""Benchmark: the public statistics page (/statistics/) over a generated county of 100,000 records.

The county of `bench.reports_annual` (40 organizations, 100,000 records over seven years, 5,000 applications), with
most records linked to catalog items of the national domains, plus inquiries and service guides. Measures the
page's server time with the cache empty (cold: every aggregate computed) and filled (warm: the target, at most
100 ms), through Django's test client, and counts the queries of both.

`python -m bench statistics`; `--records N` changes the size. By default a fresh SQLite file under var/bench/; set
BENCH_DATABASE_URL to run against PostgreSQL.
"""

import os
import random
import statistics
from datetime import date, timedelta
from time import perf_counter

from bench.common import fresh_sqlite, setup_django, write_results
from bench.reports_annual import APPLICATIONS, RECORDS, YEAR, generate, option, organizations, progress

LIMIT_MS = 100
WARM_RUNS = 30
COLD_RUNS = 3
INQUIRIES = 3_000
ITEMS_PER_DOMAIN = 8


def prepare_database() -> None:
    if "BENCH_DATABASE_URL" in os.environ:
        setup_django()
    else:
        setup_django(fresh_sqlite("statistics"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from bench.reports_annual import prepare_database as clear_reports_tables

    if "BENCH_DATABASE_URL" in os.environ:  # a reused PostgreSQL database: start from empty tables of our kinds
        from gongkai.catalog.models import Catalog, Item
        from gongkai.engagement.models import Inquiry
        from gongkai.services.models import Guide

        for model in (Guide, Inquiry, record_items(), Item, Catalog):
            model.objects.all()._raw_delete(model.objects.db)
        clear_reports_tables()


def record_items():
    from gongkai.publishing.models import Record

    return Record.items.through


def link_items(government, person, rng: random.Random) -> None:
    """A catalog with a few items in every national domain; three records in four linked to one or two of them."""
    from gongkai.catalog.models import Catalog, Domain, Item
    from gongkai.publishing.models import Record

    catalog = Catalog.objects.create(organization=government, prefix="BENCHSTAT")
    items = Item.objects.bulk_create(
        Item(
            catalog=catalog,
            code=f"BENCHSTAT-{domain.code}-{n:03d}",
            name=f"{domain.name}事项{n}",
            domain=domain,
            status="in_force",
            version=1,
            created_by=person,
        )
        for domain in Domain.objects.filter(is_national=True)
        for n in range(ITEMS_PER_DOMAIN)
    )
    through = record_items()
    links = []
    for record_id in Record.objects.values_list("pk", flat=True).iterator():
        if rng.random() < 0.75:
            for item in rng.sample(items, rng.choice((1, 1, 1, 2))):
                links.append(through(record_id=record_id, item_id=item.pk))
    through.objects.bulk_create(links, batch_size=5000)
    progress(f"  {len(items)} items, {len(links)} record–item links")


def engagement_and_services(members, rng: random.Random) -> None:
    from gongkai.engagement.models import Inquiry
    from gongkai.services.models import Guide

    inquiries = []
    for number in range(INQUIRIES):
        received = date(YEAR, 1, 1) + timedelta(days=rng.randrange(0, 365))
        answered = received + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.9 else None
        inquiries.append(
            Inquiry(
                tracking_code=f"BQ{number:08d}",
                channel="online",
                organization=rng.choice(members),
                subject="咨询",
                question="请问如何办理？",
                asker_name="基准",
                received_on=received,
                due_on=received + timedelta(days=14),
                status="answered" if answered else "in_progress",
                answered_on=answered,
            )
        )
    Inquiry.objects.bulk_create(inquiries, batch_size=2000)
    guides = []
    for number in range(400):
        statutory = rng.choice((5, 10, 15, 20, 30))
        guides.append(
            Guide(
                organization=rng.choice(members),
                code=f"BENCH-G-{number:05d}",
                name=f"基准事项{number}",
                kind="public_service",
                status="in_force",
                version=1,
                statutory_days=statutory,
                promised_days=max(1, statutory - rng.randrange(0, statutory)),
            )
        )
    Guide.objects.bulk_create(guides)


def timed_get(client, url: str) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = perf_counter()
        response = client.get(url)
        elapsed = (perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries), len(response.content)


def main(argv: list[str]) -> dict:
    records = option(argv, "records", RECORDS)
    prepare_database()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gongkai.orgs.models import Person
    from gongkai.orgs.selectors import portal_region

    setup_test_environment()
    rng = random.Random(20261206)  # noqa: S311 - reproducible data, not security
    progress(f"generating 40 organizations, {records} records, {APPLICATIONS} applications …")
    government, members = organizations()
    person, _created = Person.objects.get_or_create(username="bench", defaults={"is_superuser": True})
    generate(members, person, records, APPLICATIONS)
    link_items(government, person, rng)
    engagement_and_services(members, rng)
    region = portal_region()
    progress(f"portal region: {region}; measuring /statistics/?year={YEAR} …")
    client = Client()
    url = f"/statistics/?year={YEAR}"
    cold = []
    for _run in range(COLD_RUNS):
        cache.clear()
        cold.append(timed_get(client, url))
    warm = [timed_get(client, url) for _run in range(WARM_RUNS)]
    warm_ms = [run[0] for run in warm]
    result = {
        "database": connection.vendor,
        "region": region.name if region else "",
        "records": records,
        "applications": APPLICATIONS,
        "inquiries": INQUIRIES,
        "year": YEAR,
        "cold_ms_runs": [round(run[0], 1) for run in cold],
        "cold_ms": round(statistics.median(run[0] for run in cold), 1),
        "cold_queries": cold[-1][1],
        "warm_ms_median": round(statistics.median(warm_ms), 1),
        "warm_ms_p95": round(sorted(warm_ms)[int(len(warm_ms) * 0.95) - 1], 1),
        "warm_ms_max": round(max(warm_ms), 1),
        "warm_queries": warm[-1][1],
        "page_bytes": warm[-1][2],
        "limit_ms": LIMIT_MS,
        "within_limit": statistics.median(warm_ms) <= LIMIT_MS,
    }
    write_results(
        "statistics_page" if connection.vendor == "sqlite" else f"statistics_page_{connection.vendor}", result
    )
    return result
