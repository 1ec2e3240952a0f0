"""Benchmark: the live leaderboard and a self-inspection pass over a generated county-year.

42 ranked organizations (35 departments, 7 towns) under one county government, 100,000 records (published late at
random, policies needing interpretation, 10 columns per organization, a link in every tenth body, one link in eleven
pointing nowhere), 5,000 applications, 2,000 inquiries (some answered late, a few unanswered for months), a monthly
periodic item per organization with linked records, and the default 2026 scheme.
Measures the leaderboard of each group (median of three runs, with its query count; target ≤ 1 s with a bounded
number of queries), the back office's trend (twelve month ends) without and with the month-end scores the daily
job keeps, and one self-inspection pass without external links (target ≤ 60 s).

`python -m bench oversight`; `--records=N --applications=N` change the size. By default a fresh SQLite file under
var/bench/; set BENCH_DATABASE_URL to run against PostgreSQL.
"""

import os
import random
import statistics
import sys
from datetime import date, datetime, time, timedelta
from time import perf_counter

from bench.common import fresh_sqlite, setup_django, write_results

DEPARTMENTS = 35
TOWNS = 7
RECORDS = 100_000
APPLICATIONS = 5_000
INQUIRIES = 2_000
YEAR = 2026
AS_OF = date(2026, 12, 6)
LEADERBOARD_LIMIT = 1.0
INSPECTION_LIMIT = 60.0
RUNS = 3


def option(argv: list[str], name: str, default: int) -> int:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return int(arg.split("=", 1)[1])
    return default


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_database() -> str:
    if "BENCH_DATABASE_URL" in os.environ:
        setup_django()
        from django.core.management import call_command

        call_command("flush", verbosity=0, interactive=False)
    else:
        setup_django(fresh_sqlite("oversight"))
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def organizations(*, division: str = "329998", name: str = "基准县"):
    """A county (region `division` + 000000) with its government, 35 departments and 7 township governments;
    returns the region, the government and the 42 ranked organizations. The province benchmark makes many."""
    from gongkai.orgs.codes import credit_code_check_char
    from gongkai.orgs.models import Organization, Region

    county = Region.objects.create(
        name=name, level="county", division_code=f"{division}000000", path=f"/{division}000000/"
    )

    def code(serial: int) -> str:
        first = f"11{division}00{serial:07d}"
        return first + credit_code_check_char(first)

    government = Organization.objects.create(
        region=county, kind="government", name=f"{name}人民政府", credit_code=code(1)
    )
    members = [
        Organization.objects.create(
            region=county, kind="department", name=f"{name}第{n}局", parent=government, credit_code=code(n + 1)
        )
        for n in range(1, DEPARTMENTS + 1)
    ]
    for n in range(1, TOWNS + 1):
        town = Region.objects.create(
            name=f"{name}{n}镇",
            level="township",
            division_code=f"{division}{n:03d}000",
            parent=county,
            path=f"/{division}000000/{division}{n:03d}000/",
            depth=1,
        )
        members.append(
            Organization.objects.create(
                region=town,
                kind="government",
                name=f"{name}{n}镇人民政府",
                parent=government,
                credit_code=code(100 + n),
            )
        )
    return county, government, members


def generate(members, person, records: int, applications: int) -> None:
    from django.utils import timezone

    from gongkai.applications.models import Application
    from gongkai.publishing.models import Column, Record

    rng = random.Random(20261206)  # noqa: S311 - reproducible data, not security
    columns = {
        member.pk: Column.objects.bulk_create(
            [Column(organization=member, slug=f"c{n}", name=name) for n, name in enumerate(COLUMN_NAMES)]
        )
        for member in members
    }
    batch, links = [], []
    for number in range(records):
        member = rng.choice(members)
        written = date(YEAR, 1, 1) + timedelta(days=rng.randrange(0, 330))
        genre = rng.choices(["normative", "interpretation", "notice", "other"], [8, 4, 60, 28])[0]
        published = timezone.make_aware(datetime.combine(written + timedelta(days=rng.randrange(0, 30)), time(9)))
        body = (
            f'<p>正文{number}<a href="/records/{rng.randrange(1, records + records // 10)}/">相关信息</a></p>'
            if number % 10 == 0
            else f"<p>正文{number}</p>"
        )
        batch.append(
            Record(
                organization=member,
                title=f"基准信息{number}",
                body=body,
                written_on=written,
                genre=genre,
                status="published",
                index_number=f"BENCH/{number:08d}",
                published_at=published,
                published_late=rng.random() < 0.08,
                needs_interpretation=genre == "normative",
                created_by=person,
            )
        )
        if len(batch) == 5000:
            links += link_columns(Record.objects.bulk_create(batch), columns, rng)
            batch = []
            progress(f"  records {number + 1}/{records}")
    links += link_columns(Record.objects.bulk_create(batch), columns, rng)
    Record.columns.through.objects.bulk_create(links, batch_size=5000)
    apps = []
    for number in range(applications):
        received = date(YEAR, 1, 1) + timedelta(days=rng.randrange(0, 320))
        decided = received + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.95 else None
        apps.append(
            Application(
                organization=rng.choice(members),
                tracking_code=f"BENCH{number:08d}",
                applicant_type="natural_person",
                received_on=received,
                due_on=received + timedelta(days=28),
                status="delivered" if decided else "accepted",
                outcome="disclosed" if decided else "",
                decided_on=decided,
                delivered_on=decided + timedelta(days=2) if decided and rng.random() < 0.9 else None,
            )
        )
    Application.objects.bulk_create(apps, batch_size=2000)
    inquiries(members, rng)


def inquiries(members, rng, *, count: int = INQUIRIES, prefix: str = "BQ") -> None:
    """`count` inquiries of this year (a few unanswered for months); tracking codes `prefix` + 8 digits."""
    from gongkai.engagement.models import Inquiry

    rows = []
    for number in range(count):
        received = date(YEAR, 1, 1) + timedelta(days=rng.randrange(0, 330))
        answered = received + timedelta(days=rng.randrange(1, 12)) if rng.random() < 0.97 else None
        rows.append(
            Inquiry(
                tracking_code=f"{prefix}{number:08d}",
                channel="online",
                organization=rng.choice(members),
                subject=f"咨询{number}",
                question="问题",
                asker_name="基准",
                received_on=received,
                due_on=received + timedelta(days=7),
                status="answered" if answered else "in_progress",
                answered_on=answered,
            )
        )
    Inquiry.objects.bulk_create(rows, batch_size=2000)


COLUMN_NAMES = [
    "工作动态",
    "通知公告",
    "政策文件",
    "政策解读",
    "规划计划",
    "统计信息",
    "财政预决算",
    "人事信息",
    "重点领域",
    "其他",
]


def link_columns(records, columns, rng) -> list:
    from gongkai.publishing.models import Record

    through = Record.columns.through
    return [
        through(record_id=record.pk, column_id=rng.choice(columns[record.organization_id]).pk) for record in records
    ]


def periodic_items(government, members, person, prefix: str = "BENCH") -> None:
    """A monthly periodic item per organization (catalog `prefix`), each with nine linked records."""
    from gongkai.catalog.models import Catalog, Domain, Item
    from gongkai.oversight.models import PeriodicItem
    from gongkai.publishing.models import Record

    catalog = Catalog.objects.create(organization=government, prefix=prefix)
    domain = Domain.objects.order_by("sort_order").first()
    items = Item.objects.bulk_create(
        [
            Item(catalog=catalog, code=f"{prefix}-{n:03d}", name=f"月度事项{n}", domain=domain, status="in_force")
            for n in range(len(members))
        ]
    )
    PeriodicItem.objects.bulk_create(
        [
            PeriodicItem(item=item, organization=member, cycle="monthly", since=date(YEAR, 1, 1), created_by=person)
            for item, member in zip(items, members, strict=True)
        ]
    )
    links = []
    for item, member in zip(items, members, strict=True):
        ids = Record.objects.filter(organization=member).order_by("pk").values_list("pk", flat=True)[:9]
        links += [Record.items.through(record_id=pk, item_id=item.pk) for pk in ids]
    Record.items.through.objects.bulk_create(links)


def timed(call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # it keeps 9,000 queries at most: a full log would capture nothing
    with CaptureQueriesContext(connection) as queries:
        started = perf_counter()
        result = call()
        seconds = perf_counter() - started
    return result, seconds, len(queries)


def main(argv: list[str]) -> dict:
    records = option(argv, "records", RECORDS)
    applications = option(argv, "applications", APPLICATIONS)
    vendor = prepare_database()
    from gongkai.orgs.models import Person
    from gongkai.oversight import inspection
    from gongkai.oversight.scoring import leaderboard
    from gongkai.oversight.services import install_default_scheme

    progress(f"generating {DEPARTMENTS + TOWNS} organizations, {records} records, {applications} applications …")
    county, government, members = organizations()
    person = Person.objects.create(username="bench", is_superuser=True)
    generate(members, person, records, applications)
    periodic_items(government, members, person)
    scheme = install_default_scheme(region=county, year=YEAR, actor=person)
    if vendor == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:  # what autovacuum does to a real database; without it no plan is sane
            cursor.execute("VACUUM ANALYZE")
    figures = {"database": vendor, "organizations": len(members), "records": records, "applications": applications}
    _board, cold, _queries = timed(lambda: leaderboard(scheme, "departments", AS_OF))
    figures["first_call_seconds"] = round(cold, 3)  # loads translations and URL patterns once per process
    for group in ("departments", "towns"):
        runs = [timed(lambda group=group: leaderboard(scheme, group, AS_OF)) for _ in range(RUNS)]
        board = runs[0][0]
        figures[f"leaderboard_{group}"] = {
            "organizations": len(board),
            "median_seconds": round(statistics.median(run[1] for run in runs), 3),
            "queries": runs[0][2],
            "top": [board[0].organization.name, float(board[0].score)],
            "bottom": [board[-1].organization.name, float(board[-1].score)],
        }
    from django.core.cache import cache

    from gongkai.oversight.scoring import refresh_trends, trend

    cache.clear()
    _trend, cold, queries = timed(lambda: trend(scheme, "departments", AS_OF))
    cache.clear()
    refresh_trends(today=AS_OF)  # what the scheduler's daily job does
    warm_runs = [timed(lambda: trend(scheme, "departments", AS_OF)) for _ in range(RUNS)]
    figures["trend_departments"] = {
        "month_ends": len(_trend["months"]),
        "without_month_end_cache_seconds": round(cold, 3),
        "without_month_end_cache_queries": queries,
        "median_seconds": round(statistics.median(run[1] for run in warm_runs), 3),
        "queries": warm_runs[0][2],
    }
    progress("self-inspection pass …")
    ids = inspection.sites()
    findings, seconds, queries = timed(lambda: inspection.inspect(ids, AS_OF, external=False))
    figures["inspection"] = {
        "sites": len(ids),
        "seconds": round(seconds, 2),
        "queries": queries,
        "findings": len(findings),
    }
    figures["load_average_after"] = [round(value, 1) for value in os.getloadavg()]  # the machine is shared
    figures["limits"] = {"leaderboard_seconds": LEADERBOARD_LIMIT, "inspection_seconds": INSPECTION_LIMIT}
    figures["within_limits"] = (
        all(
            figures[f"leaderboard_{group}"]["median_seconds"] <= LEADERBOARD_LIMIT for group in ("departments", "towns")
        )
        and figures["inspection"]["seconds"] <= INSPECTION_LIMIT
    )
    suffix = "" if vendor == "sqlite" else f"_{vendor}"
    write_results(f"oversight_leaderboard{suffix}", figures)
    return figures
