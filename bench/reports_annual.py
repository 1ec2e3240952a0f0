"""Benchmark: the county government's aggregated annual report over a generated county-year.

40 organizations (the county government, departments and townships), 100,000 records and 5,000 applications, plus
review cases. Measures computing the aggregated tables (and drafting the whole report) and counts the queries;
the target is under 2 s with a bounded number of queries (no query per row or per organization).

`python -m bench reports` (or `make bench`); `--records N --applications N` change the size. By default a fresh
SQLite file under var/bench/; set BENCH_DATABASE_URL to run against PostgreSQL.
"""

import os
import random
import statistics
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from bench.common import fresh_sqlite, measure, setup_django, write_results

ORGANIZATIONS = 40
RECORDS = 100_000
APPLICATIONS = 5_000
YEAR = 2025
LIMIT_SECONDS = 2.0
RUNS = 3  # the median of three runs is reported: the machine is shared


def option(argv: list[str], name: str, default: int) -> int:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return int(arg.split("=", 1)[1])
    return default


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_database() -> None:
    if "BENCH_DATABASE_URL" in os.environ:
        setup_django()
    else:
        setup_django(fresh_sqlite("reports"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    # Applications' seeded data and previous runs on PostgreSQL: start from empty tables of our own kinds.
    from gongkai.applications.models import Application
    from gongkai.orgs.models import Organization, Region
    from gongkai.publishing.models import Record
    from gongkai.reports.models import AnnualReport, ReviewCase

    for model in (AnnualReport, ReviewCase, Application, Record):
        model.objects.all()._raw_delete(model.objects.db)
    bench_organizations = Organization.objects.filter(credit_code__startswith="1132999900")
    bench_organizations.exclude(parent=None).delete()
    bench_organizations.delete()
    for region in Region.objects.filter(division_code__startswith="329999").order_by("-depth"):
        region.delete()


def organizations():
    from gongkai.orgs.codes import credit_code_check_char
    from gongkai.orgs.models import Organization, Region

    county = Region.objects.create(name="基准县", level="county", division_code="329999000000", path="/329999000000/")
    towns = [
        Region.objects.create(
            name=f"基准镇{n}",
            level="township",
            division_code=f"329999{n:03d}000",
            parent=county,
            path=f"/329999000000/329999{n:03d}000/",
            depth=1,
        )
        for n in range(1, 8)
    ]

    def code(serial: int) -> str:
        first = f"1132999900{serial:07d}"
        return first + credit_code_check_char(first)

    government = Organization.objects.create(
        region=county, kind="government", name="基准县人民政府", credit_code=code(1)
    )
    members = [government]
    for n in range(2, ORGANIZATIONS + 1):
        town = n > ORGANIZATIONS - len(towns)
        members.append(
            Organization.objects.create(
                region=towns[ORGANIZATIONS - n] if town else county,
                kind="government" if town else "department",
                name=f"基准镇{ORGANIZATIONS - n + 1}人民政府" if town else f"基准县第{n}局",
                parent=government,
                credit_code=code(n),
            )
        )
    return government, members


def generate(members, person, records: int, applications: int) -> None:
    from django.utils import timezone

    from gongkai.applications.models import Application, Outcome
    from gongkai.publishing.models import Record
    from gongkai.reports.models import ReviewCase

    rng = random.Random(20251231)  # noqa: S311 - reproducible data, not security
    genres = ["regulation", "normative", "licensing", "penalty", "coercion", "fee", "notice", "policy", "other"]
    weights = [1, 6, 20, 12, 3, 2, 30, 10, 16]
    start = date(2019, 1, 1)
    batch = []
    for number in range(records):
        genre = rng.choices(genres, weights)[0]
        written = start + timedelta(days=rng.randrange(0, 7 * 365))
        repealed = (
            written + timedelta(days=rng.randrange(30, 1500))
            if genre in ("regulation", "normative") and rng.random() < 0.3
            else None
        )
        published = timezone.make_aware(datetime.combine(written + timedelta(days=rng.randrange(0, 15)), time(9)))
        batch.append(
            Record(
                organization=rng.choice(members),
                title=f"基准信息{number}",
                written_on=written,
                genre=genre,
                validity="repealed" if repealed else "in_force",
                repealed_on=repealed,
                decision_count=rng.randrange(1, 50) if genre in ("licensing", "penalty", "coercion") else 0,
                fee_amount=Decimal(rng.randrange(1, 100000)) / 10000 if genre == "fee" else None,
                status=rng.choices(["published", "withdrawn", "draft"], [95, 2, 3])[0],
                index_number=f"BENCH/{number:08d}",
                published_at=published,
                created_by=person,
            )
        )
        if len(batch) == 5000:
            Record.objects.bulk_create(batch)
            batch = []
            progress(f"  records {number + 1}/{records}")
    Record.objects.bulk_create(batch)
    # Drafts have no index number or publication time (a database constraint only covers published ones).
    Record.objects.filter(status="draft").update(index_number=None, published_at=None)
    outcomes = Outcome.values
    types = ["natural_person", "business", "research", "nonprofit", "legal_service", "other"]
    apps = []
    for number in range(applications):
        received = date(2024, 10, 1) + timedelta(days=rng.randrange(0, 15 * 30))
        decided = received + timedelta(days=rng.randrange(1, 45)) if rng.random() < 0.93 else None
        apps.append(
            Application(
                organization=rng.choice(members),
                tracking_code=f"BENCH{number:08d}",
                applicant_type=rng.choices(types, [70, 12, 3, 5, 5, 5])[0],
                received_on=received,
                due_on=received + timedelta(days=28),
                status="decided" if decided else "accepted",
                outcome=rng.choice(outcomes) if decided else "",
                decided_on=decided,
            )
        )
    Application.objects.bulk_create(apps, batch_size=2000)
    cases = [
        ReviewCase(
            organization=rng.choice(members),
            kind=rng.choice(["review", "direct_suit", "suit_after_review"]),
            case_number=f"（2025）基{number}号",
            filed_on=date(2025, 1, 1) + timedelta(days=rng.randrange(0, 365)),
            created_by=person,
        )
        for number in range(60)
    ]
    ReviewCase.objects.bulk_create(cases)


def main(argv: list[str]) -> dict:
    records = option(argv, "records", RECORDS)
    applications = option(argv, "applications", APPLICATIONS)
    prepare_database()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.orgs.models import Person
    from gongkai.reports import tables as t
    from gongkai.reports.checks import check
    from gongkai.reports.computing import compute
    from gongkai.reports.rendering.document import build_document
    from gongkai.reports.rendering.outputs import as_json
    from gongkai.reports.selectors import current_report

    progress(f"generating {ORGANIZATIONS} organizations, {records} records, {applications} applications …")
    government, members = organizations()
    person, _created = Person.objects.get_or_create(username="bench", defaults={"is_superuser": True})
    generate(members, person, records, applications)
    progress("computing the county government's aggregated report …")
    compute(organization=government, year=YEAR)  # warm-up: imports and database caches
    runs = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries, measure() as figures:
            computation = compute(organization=government, year=YEAR)
        runs.append(figures["seconds"])
    exports = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as export_queries, measure() as export:
            payload = as_json(build_document(current_report(organization=government, year=YEAR)))
        exports.append(export["seconds"])
    figures["seconds"], export["seconds"] = statistics.median(runs), statistics.median(exports)
    result = {
        "database": connection.vendor,
        "organizations": len(members),
        "records": records,
        "applications": applications,
        "compute_seconds": figures["seconds"],
        "compute_seconds_runs": runs,
        "compute_queries": len(queries),
        "compute_peak_mb": figures["peak_mb"],
        "report_json_seconds": export["seconds"],
        "report_json_seconds_runs": exports,
        "report_json_queries": len(export_queries),
        "report_json_bytes": len(payload),
        "new_applications": computation.values[t.Cell(t.TABLE_REQUESTS, (t.NEW,), (t.TOTAL,)).key],
        "failed_checks": len(check(computation.values)),
        "limit_seconds": LIMIT_SECONDS,
        "within_limit": figures["seconds"] < LIMIT_SECONDS and export["seconds"] < LIMIT_SECONDS,
    }
    write_results("reports_annual" if connection.vendor == "sqlite" else f"reports_annual_{connection.vendor}", result)
    return result
