"""`python -m bench first_run`: a newcomer's first minutes, timed.

1. `gongkai demo` on an empty SQLite database (migrated first, not timed), with its per-step times. Goal: < 90 s.
2. A fresh clone of this checkout's HEAD → serving: `make install migrate demo` in the clone (the same commands as
   `make run`, with pip's and npm's caches as they are on the machine), then `gongkai runserver` until the portal
   answers 200. Goal: < 5 minutes. `--demo-only` skips this part.

Results in bench/results/first_run.json, with the machine's load average (the figures mean little on a busy one).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import write_results

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def demo_on_empty_database() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="gongkai-first-run-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "GONGKAI_VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'gongkai.sqlite3'}",
    }
    try:
        subprocess.run([GONGKAI, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        output = subprocess.run([GONGKAI, "demo"], env=env, check=True, cwd=ROOT, capture_output=True, text=True).stdout
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    steps = {name: float(value) for name, value in re.findall(r"^\[demo\] (\w+): ([\d.]+) s$", output, re.M)}
    return {"demo_seconds": round(seconds, 1), "demo_steps_seconds": steps, "demo_goal_met": seconds < 90}


def wait_for(url: str, process, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback URL built here
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def fresh_clone_to_serving() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="gongkai-clone-"))
    clone = folder / "gongkai"
    port = "8765"
    started = time.perf_counter()
    server = None
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        phases = {}
        for target in ("install", "migrate", "demo"):
            phase_started = time.perf_counter()
            subprocess.run(["make", target], cwd=clone, check=True, capture_output=True)
            phases[target] = round(time.perf_counter() - phase_started, 1)
        server = subprocess.Popen(
            [str(clone / ".venv" / "bin" / "gongkai"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=clone,
            env={**os.environ, "DJANGO_DEBUG": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{port}/", server, time.monotonic() + 120)
        seconds = time.perf_counter() - started
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "clone_to_serving_seconds": round(seconds, 1),
        "clone_phases_seconds": phases,
        "clone_goal_met": seconds < 300,
    }


def main(argv: list[str]) -> dict:
    # A SIGTERM (a timeout) ends the run through the `finally` blocks, so no server or clone is left behind.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    figures = {"load_average_before": os.getloadavg()}
    figures.update(demo_on_empty_database())
    write_results("first_run", figures)  # kept even if the clone part does not finish
    if "--demo-only" not in argv:
        figures.update(fresh_clone_to_serving())
    figures["load_average_after"] = os.getloadavg()
    write_results("first_run", figures)
    return figures
