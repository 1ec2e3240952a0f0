"""Benchmark: what a provincial office runs, measured as the province grows, and estimated at 100 counties.

Builds counties one after another in one database, each like the oversight and annual-report benchmarks' county
(a county government, 35 departments, 7 township governments; `--records-per-county` records (100,000 by
default) with columns, late publications, policies needing interpretation and links; 5,000 applications; 2,000
inquiries; a monthly periodic item per organization; the default scoring scheme). After the 1st county and after
every `--step` counties it measures, on the **first** county (so the work asked is the same each time and only the
province around it grows):

- the leaderboard of its departments and of its towns (median of three, with the query count);
- its government's aggregated annual report: computing the tables, and the JSON export;
- the nightly `refresh_trends` for every county's scheme (the whole province's month-end scores);

then fits each figure against the province's size and extrapolates to `--target` records (10,000,000: 100
counties × 100,000). Search is measured by `python -m bench search` (the search service and PostgreSQL at
1,000,000 and 2,000,000 records); its figures are read from bench/results and put beside these.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_province python -m bench province \\
        --counties=20 --step=10            # 100,000 → 1,000,000 → 2,000,000 records

Without BENCH_DATABASE_URL (`make bench`) it runs the same method small on a fresh SQLite file under var/bench/
(3 counties of 10,000 records). Results: bench/results/province_<database>.json.
"""

import json
import os
import random
import statistics
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from time import perf_counter

from bench.common import RESULTS_DIR, fresh_sqlite, setup_django, write_results
from bench.oversight import (
    AS_OF,
    COLUMN_NAMES,
    RUNS,
    YEAR,
    inquiries,
    option,
    organizations,
    periodic_items,
    progress,
    timed,
)

RECORDS_PER_COUNTY = 100_000
APPLICATIONS_PER_COUNTY = 5_000
INQUIRIES_PER_COUNTY = 2_000
TARGET = 10_000_000
BATCH = 5_000
GENRES = ["regulation", "normative", "licensing", "penalty", "coercion", "fee", "notice", "policy", "other"]
GENRE_WEIGHTS = [1, 6, 20, 12, 3, 2, 30, 10, 16]


def prepare_database() -> str:
    if "BENCH_DATABASE_URL" in os.environ:  # a database of its own: createdb gongkai_province
        setup_django()
        from django.core.management import call_command

        from gongkai.publishing.models import Record

        call_command("migrate", verbosity=0, interactive=False)
        if Record.objects.exists():
            raise SystemExit("BENCH_DATABASE_URL must name an empty database of its own (createdb gongkai_province)")
    else:
        setup_django(fresh_sqlite("province"))
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    return connection.vendor


def generate_county(number: int, person, records: int) -> dict:
    """One county-year and its history: records since 2019 (this year's for the scores), applications, inquiries,
    periodic items and the default scheme."""
    from django.utils import timezone

    from gongkai.applications.models import Application, Outcome
    from gongkai.oversight.services import install_default_scheme
    from gongkai.publishing.models import Column, Record

    rng = random.Random(20261207 + number)  # noqa: S311 - reproducible data, not security
    county, government, ranked = organizations(division=f"32{number:04d}", name=f"基准县{number}")
    members = [government, *ranked]
    columns = {
        member.pk: Column.objects.bulk_create(
            [Column(organization=member, slug=f"c{n}", name=name) for n, name in enumerate(COLUMN_NAMES)]
        )
        for member in members
    }
    through = Record.columns.through
    batch: list = []

    def flush():
        created = Record.objects.bulk_create(batch)
        through.objects.bulk_create(
            [through(record_id=r.pk, column_id=rng.choice(columns[r.organization_id]).pk) for r in created]
        )
        batch.clear()

    for serial in range(records):
        genre = rng.choices(GENRES, GENRE_WEIGHTS)[0]
        written = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 8 * 365 - 30))
        published = timezone.make_aware(datetime.combine(written + timedelta(days=rng.randrange(0, 15)), time(9)))
        repealed = (
            written + timedelta(days=rng.randrange(30, 1500))
            if genre in ("regulation", "normative") and rng.random() < 0.3
            else None
        )
        batch.append(
            Record(
                organization=rng.choice(members),
                title=f"基准县{number}信息{serial}",
                body=f'<p>正文{serial}<a href="/records/{serial + 1}/">相关信息</a></p>'
                if serial % 10 == 0
                else f"<p>正文{serial}</p>",
                written_on=written,
                genre=genre,
                validity="repealed" if repealed else "in_force",
                repealed_on=repealed,
                decision_count=rng.randrange(1, 50) if genre in ("licensing", "penalty", "coercion") else 0,
                fee_amount=Decimal(rng.randrange(1, 100000)) / 10000 if genre == "fee" else None,
                status="published",
                index_number=f"P{number:03d}/{serial:08d}",
                published_at=published,
                published_late=rng.random() < 0.08,
                needs_interpretation=genre == "normative",
                created_by=person,
            )
        )
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    outcomes = Outcome.values
    types = ["natural_person", "business", "research", "nonprofit", "legal_service", "other"]
    applications = []
    for serial in range(APPLICATIONS_PER_COUNTY):
        received = date(YEAR - 1, 10, 1) + timedelta(days=rng.randrange(0, 420))
        decided = received + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.95 else None
        applications.append(
            Application(
                organization=rng.choice(members),
                tracking_code=f"P{number:03d}A{serial:07d}",
                applicant_type=rng.choices(types, [70, 12, 3, 5, 5, 5])[0],
                received_on=received,
                due_on=received + timedelta(days=28),
                status="delivered" if decided else "accepted",
                outcome=rng.choice(outcomes) if decided else "",
                decided_on=decided,
                delivered_on=decided + timedelta(days=2) if decided and rng.random() < 0.9 else None,
            )
        )
    Application.objects.bulk_create(applications, batch_size=2000)
    inquiries(members, rng, count=INQUIRIES_PER_COUNTY, prefix=f"P{number:03d}Q")
    periodic_items(government, members, person, prefix=f"P{number:03d}")
    scheme = install_default_scheme(region=county, year=YEAR, actor=person)
    return {"county": county, "government": government, "scheme": scheme, "organizations": len(members)}


def median_of(call) -> dict:
    runs = [timed(call) for _ in range(RUNS)]
    return {"seconds": round(statistics.median(run[1] for run in runs), 3), "queries": runs[0][2]}


def measure(first: dict, counties: int, records: int) -> dict:
    from django.core.cache import cache
    from django.db import connection

    from gongkai.oversight.scoring import leaderboard, refresh_trends
    from gongkai.reports.computing import compute
    from gongkai.reports.rendering.document import build_document
    from gongkai.reports.rendering.outputs import as_json
    from gongkai.reports.selectors import current_report

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does to a real database
            cursor.execute("VACUUM ANALYZE")
    scheme, government = first["scheme"], first["government"]
    leaderboard(scheme, "departments", AS_OF)  # warm-up: imports, translations
    point = {"counties": counties, "records": records}
    point["leaderboard_departments"] = median_of(lambda: leaderboard(scheme, "departments", AS_OF))
    point["leaderboard_towns"] = median_of(lambda: leaderboard(scheme, "towns", AS_OF))
    compute(organization=government, year=YEAR - 1)
    point["annual_report_compute"] = median_of(lambda: compute(organization=government, year=YEAR - 1))
    point["annual_report_json"] = median_of(
        lambda: as_json(build_document(current_report(organization=government, year=YEAR - 1)))
    )
    cache.clear()
    _months, seconds, queries = timed(lambda: refresh_trends(today=AS_OF))
    point["nightly_refresh_trends"] = {"seconds": round(seconds, 2), "queries": queries, "schemes": counties}
    point["load_average"] = [round(value, 1) for value in os.getloadavg()]
    progress(f"  {records:,} records ({counties} counties): {json.dumps(point, ensure_ascii=False)}")
    return point


def fit(points: list[dict], figure: str, target: int) -> dict:
    """Least squares of seconds against records; the estimate at `target` records."""
    xs = [point["records"] for point in points]
    ys = [point[figure]["seconds"] for point in points]
    if len(points) < 2:
        return {"estimate_seconds": None}
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    estimate = mean_y + slope * (target - mean_x)
    return {
        "seconds_per_million_records": round(slope * 1_000_000, 4),
        "estimate_seconds": round(max(estimate, min(ys)), 2),
    }


def search_figures() -> dict:
    """The search benchmark's p95s (ms) at 1,000,000 and 2,000,000 records, where they were run."""
    found = {}
    for backend in ("service", "postgres"):
        for size in (1_000_000, 2_000_000):
            path = RESULTS_DIR / f"search_{backend}_{size}.json"
            if path.exists():
                queries = json.loads(path.read_text(encoding="utf-8"))["figures"]["queries"]
                found[f"{backend}_{size}"] = {
                    label: queries[label]["p95_ms"]
                    for label in ("one_word", "two_words", "three_words", "two_words_filtered")
                    if label in queries
                }
    return found


def main(argv: list[str]) -> dict:
    vendor = prepare_database()
    # On PostgreSQL the measurement (1 → 10 → 20 counties of 100,000); on the embedded SQLite (`make bench`) a small
    # run of the same method.
    postgres = vendor == "postgresql"
    counties = option(argv, "counties", 20 if postgres else 3)
    step = option(argv, "step", 10 if postgres else 1)
    per_county = option(argv, "records-per-county", RECORDS_PER_COUNTY if postgres else 10_000)
    target = option(argv, "target", TARGET)
    from gongkai.orgs.models import Person

    person = Person.objects.create(username="bench-province", is_superuser=True)
    points, first = [], None
    started = perf_counter()
    for number in range(1, counties + 1):
        built = generate_county(number, person, per_county)
        first = first or built
        progress(f"county {number}/{counties} built ({perf_counter() - started:.0f} s)")
        if number == 1 or number % step == 0 or number == counties:
            points.append(measure(first, number, number * per_county))
    figures = {
        "database": vendor,
        "records_per_county": per_county,
        "organizations_per_county": first["organizations"],
        "build_seconds": round(perf_counter() - started, 1),
        "points": points,
        "target_records": target,
        "estimate": {
            figure: fit(points, figure, target)
            for figure in (
                "leaderboard_departments",
                "leaderboard_towns",
                "annual_report_compute",
                "annual_report_json",
                "nightly_refresh_trends",
            )
        },
        "search_p95_ms": search_figures(),
    }
    print(json.dumps(figures["estimate"], ensure_ascii=False, indent=2))
    write_results(f"province_{vendor}", figures)
    return figures
