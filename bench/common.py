"""Helpers shared by benchmarks: Django set-up on a throwaway database and writing results."""

import json
import os
import platform
import tracemalloc
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

RESULTS_DIR = Path(__file__).parent / "results"


def fresh_sqlite(name: str) -> str:
    """The URL of an empty SQLite file var/bench/<name>.sqlite3 (an earlier run's file is removed)."""
    path = Path(f"var/bench/{name}.sqlite3").resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def setup_django(database_url: str | None = None) -> None:
    """Configure Django for a benchmark. By default a fresh SQLite file under var/bench/ (never the real database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if database_url is None and "BENCH_DATABASE_URL" not in os.environ:
        path = Path("var/bench/bench.sqlite3").resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database_url or os.environ["BENCH_DATABASE_URL"]
    import django

    django.setup()


@contextmanager
def measure():
    """Yields a dict filled with seconds and peak_mb (Python allocations) when the block ends."""
    figures: dict = {}
    tracemalloc.start()
    started = perf_counter()
    try:
        yield figures
    finally:
        figures["seconds"] = round(perf_counter() - started, 3)
        figures["peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)
        tracemalloc.stop()


def write_results(name: str, figures: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "figures": figures,
    }
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    print(f"written to {path}")
    return path
