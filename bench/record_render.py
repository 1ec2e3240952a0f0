"""`python -m bench record_render`: the record page as Django renders it (the dynamic path, no static file).

On the SQLite demo district of `bench pages` (var/bench/pages/, built once with `gongkai demo` if missing) with
production settings (DEBUG off, so the cached template loader), in-process through the test client: 20 warm-up
renders, then N renders (`--renders=N`, default 300) of one published record page, with the median, p95 and the
number of queries of one render (and of the first render, with the cache cleared). Goal: median ≤ 5 ms and ≤ 10
queries. `--profile` prints a cProfile of the renders.
"""

import cProfile
import io
import os
import pstats
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import write_results

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "pages"
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def environment() -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{WORK / 'gongkai.sqlite3'}",
        "GONGKAI_VAR_DIR": str(WORK),
        "STATIC_ROOT": str(WORK / "static"),
        "GONGKAI_TASK_QUEUE": "inline",
        "LOG_LEVEL": "ERROR",
    }


def ensure_demo(env: dict) -> None:
    if (WORK / "gongkai.sqlite3").exists():
        return
    WORK.mkdir(parents=True, exist_ok=True)
    demo_env = {**os.environ, **env, "GONGKAI_STATIC_PAGES": "0"}
    for command in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run([GONGKAI, *command], env=demo_env, check=True, cwd=ROOT, capture_output=True)


def main(argv: list[str]) -> dict:
    renders = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--renders=")), "300"))
    env = environment()
    ensure_demo(env)
    os.environ.update(env)
    subprocess.run([GONGKAI, "collectstatic", "--no-input", "-v", "0"], env=os.environ, check=True, cwd=ROOT)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.publishing.selectors import published_records

    record = published_records().filter(attachments__isnull=False).first() or published_records().first()
    url = f"/records/{record.pk}/"
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(20):
        assert client.get(url).status_code == 200
    profiler = cProfile.Profile() if "--profile" in argv else None
    timings = []
    for _ in range(renders):
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if profiler:
            profiler.disable()
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    timings.sort()
    figures = {
        "url": url,
        "renders": renders,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "queries": len(queries),
        "queries_first_render": len(cold),
        "load_average": os.getloadavg(),
    }
    figures["goal_met"] = figures["median_ms"] <= 5 and max(figures["queries"], figures["queries_first_render"]) <= 10
    print(figures)
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(
            os.environ.get("BENCH_PROFILE_SORT", "cumulative")
        ).print_stats(60)
        print(stream.getvalue())
        print("\n".join(query["sql"][:300] for query in queries.captured_queries))
    write_results("record_render", figures)
    return figures
