"""Where a PostgreSQL (RUM) search spends its time, on a table built by `python -m bench search --backend=postgres`.

    BENCH_DATABASE_URL=postgres://…/db python -m bench pgsearch --size=1000000

For common and rare one-, two- and three-word queries it times, separately, the ranked window the backend reads
from the RUM index (`ORDER BY vector <=> query LIMIT 220`), the exact count of the matches, and the planner's
estimate of that count, each as wall time and as the PostgreSQL server process's own CPU time (from /proc; 10 ms
resolution), the best of three runs (`--runs=N`). On a machine shared with other work the CPU time is what a query
costs on an idle core. Results: bench/results/pgsearch_cost_<size>.json. Without BENCH_DATABASE_URL it does nothing.
"""

import json
import os
import time

from bench.common import setup_django, write_results

QUERIES = [
    "资金",
    "安全",
    "临时救助",
    "最低生活保障 申请",
    "临时救助 申请",
    "预防接种 公示 通知",
    "城乡居民养老保险 申请 公示",
]
RUNS = 3
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def timed(cursor, pid: int, sql: str, params: list, runs: int = RUNS) -> tuple[float, float, list]:
    walls, cpus, rows = [], [], []
    for _ in range(runs):
        cpu, started = server_cpu_seconds(pid), time.perf_counter()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((server_cpu_seconds(pid) - cpu) * 1000)
    return round(min(walls), 1), round(min(cpus)), rows


def main(argv: list[str]) -> dict:
    if "BENCH_DATABASE_URL" not in os.environ:
        print("  BENCH_DATABASE_URL is not set: nothing to measure")
        return {}
    size = next((int(arg.split("=", 1)[1]) for arg in argv if arg.startswith("--size=")), 0)
    runs = next((int(arg.split("=", 1)[1]) for arg in argv if arg.startswith("--runs=")), RUNS)
    setup_django()
    from django.db import connection

    results = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), count(*) FROM search_indexeddocument")
        pid, count = cursor.fetchone()
        if size and count != size:
            raise SystemExit(f"the table holds {count} rows, not {size}")
        for text in QUERIES:
            query = " & ".join(text.split())
            window = timed(
                cursor,
                pid,
                "SELECT key FROM search_indexeddocument WHERE vector @@ to_tsquery('simple', %s) "
                "ORDER BY vector <=> to_tsquery('simple', %s) LIMIT 220",
                [query, query],
                runs,
            )
            count_sql = "SELECT count(*) FROM search_indexeddocument WHERE vector @@ to_tsquery('simple', %s)"
            exact = timed(cursor, pid, count_sql, [query], runs)
            estimate = timed(
                cursor,
                pid,
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_indexeddocument WHERE vector @@ to_tsquery('simple', %s)",
                [query],
            )
            plan = estimate[2][0][0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            row = {
                "query": text,
                "matches": exact[2][0][0],
                "ranked_window": {"wall_ms": window[0], "server_cpu_ms": window[1]},
                "exact_count": {"wall_ms": exact[0], "server_cpu_ms": exact[1]},
                "estimate": {"rows": plan[0]["Plan"]["Plan Rows"], "wall_ms": estimate[0]},
            }
            print(f"  {row}", flush=True)
            results.append(row)
    figures = {"size": count, "queries": results, "load_average_at_end": [round(v, 1) for v in os.getloadavg()]}
    write_results(f"pgsearch_cost_{count}", figures)
    return figures
