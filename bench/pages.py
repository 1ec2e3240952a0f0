"""`python -m bench pages`: published pages through the production stack against nginx serving the same bytes.

On the SQLite demo district (built once under var/bench/pages/, `--fresh` rebuilds it), with production settings:
gunicorn with 4 sync workers behind nginx configured with deploy/nginx's real snippets (static pages on), and a
second nginx server on another loopback port serving copies of the same files as plain static files. wrk (64
connections) loads the home page, a column list and a record page on both, side by side in one run; the goal is
stack ≥ 0.5 × plain with 0 errors. Also measured: the record page rendered by Django (median ms and queries, the
dynamic path every page takes without a file) and the same page through nginx → gunicorn.

Options: --duration=SECONDS (per wrk run, default 10), --fresh (rebuild the demo database), --rebuild (render every
page with `gongkai static rebuild` instead of just the measured ones, and time it).
Needs nginx and wrk (Debian nginx-light, wrk: `make bench-deps`).
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import write_results

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "pages"
GONGKAI = str(Path(sys.executable).parent / "gongkai")
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONNECTIONS = 64


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(app_port: int, site_port: int) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on loopback: TLS would measure OpenSSL, not Gongkai.
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_PROXY": "1",
            "DATABASE_URL": f"sqlite:///{WORK / 'gongkai.sqlite3'}",
            "GONGKAI_VAR_DIR": str(WORK),
            "STATIC_ROOT": str(WORK / "static"),
            "GONGKAI_STATIC_PAGES": "1",
            "GONGKAI_STATIC_PAGES_DIR": str(WORK / "pages"),
            "GONGKAI_PUBLIC_URL": f"http://127.0.0.1:{site_port}",
            "GONGKAI_TASK_QUEUE": "inline",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def run(args: list[str], env: dict) -> str:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def build_demo(env: dict, fresh: bool) -> dict:
    database = WORK / "gongkai.sqlite3"
    figures = {}
    if fresh and WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        demo_env = {**env, "GONGKAI_STATIC_PAGES": "0"}
        run([GONGKAI, "migrate", "--no-input", "-v", "0"], demo_env)
        started = time.perf_counter()
        run([GONGKAI, "demo"], demo_env)
        figures["demo_seconds"] = round(time.perf_counter() - started, 1)
    run([GONGKAI, "collectstatic", "--no-input", "-v", "0"], env)
    return figures


def demo_record_id(env: dict) -> str:
    """The demo district's record the benchmarks read: the newest public one with attachments."""
    script = (
        "from gongkai.publishing.selectors import published_records;"
        "r = published_records().filter(attachments__isnull=False).first() or published_records().first();"
        "print(r.pk)"
    )
    return run([GONGKAI, "shell", "-c", script], env).strip().splitlines()[-1]


def pick_urls(env: dict) -> dict:
    return {"home": "/", "column": "/columns/notices/", "record": f"/records/{demo_record_id(env)}/"}


def render_pages(env: dict, urls: dict, full: bool) -> dict:
    started = time.perf_counter()
    if full:
        output = run([GONGKAI, "static", "rebuild"], env)
    else:
        output = run([GONGKAI, "static", "render", *urls.values(), f"{urls['record']}qr.svg"], env)
    return {"render_seconds": round(time.perf_counter() - started, 1), "render_output": output.strip()}


def nginx_conf(prefix: Path, app_port: int, site_port: int, plain_port: int, plain_root: Path) -> Path:
    snippets = ROOT / "deploy" / "nginx" / "snippets"
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    include {snippets}/gongkai-maps.conf;
    upstream gongkai_app {{ server 127.0.0.1:{app_port} fail_timeout=0; }}
    # The production stack: deploy/nginx's real locations.
    server {{
        listen 127.0.0.1:{site_port};
        set $gongkai_var {WORK};
        include {snippets}/gongkai-locations.conf;
    }}
    # The reference: the same bytes as plain static files.
    server {{
        listen 127.0.0.1:{plain_port};
        root {plain_root};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""
    )
    return conf


def copy_plain(urls: dict, plain_root: Path) -> None:
    for url in urls.values():
        source = WORK / "pages" / "zh-hans" / "normal" / url.lstrip("/") / "index.html"
        target = plain_root / url.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def fetch(url: str, host: str | None = None) -> bytes:
    """The body at `url`; with `host`, asked as for that host (Django answering for the site's public address)."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310 - loopback URL built here
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback URL built here
        return response.read()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def wrk(url: str, duration: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(value) for value in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests_per_second": rate,
        "errors": errors,
        "median_latency_ms": round(float(median.group(1)) * scale[median.group(2)], 3) if median else None,
    }


def dynamic_record(env: dict, record_url: str) -> dict:
    """The record page as Django renders it (no file): median time and queries over 200 renders, in-process."""
    script = f"""
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
for _ in range(20):
    client.get("{record_url}")
timings = []
for _ in range(200):
    started = time.perf_counter()
    response = client.get("{record_url}")
    timings.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, response.status_code
with CaptureQueriesContext(connection) as queries:
    client.get("{record_url}")
print(json.dumps({{"median_ms": round(statistics.median(timings), 2), "queries": len(queries)}}))
"""
    return json.loads(run([GONGKAI, "shell", "-c", script], env).strip().splitlines()[-1])


def main(argv: list[str]) -> dict:
    duration = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--duration=")), "10"))
    app_port, site_port, plain_port = free_port(), free_port(), free_port()
    env = environment(app_port, site_port)
    figures = {"connections": CONNECTIONS, "duration_seconds": duration, "workers": 4}
    figures.update(build_demo(env, "--fresh" in argv))
    urls = pick_urls(env)
    figures["urls"] = urls
    figures.update(render_pages(env, urls, "--rebuild" in argv))
    figures["dynamic_record_page"] = dynamic_record(env, urls["record"])
    prefix = Path(tempfile.mkdtemp(prefix="gongkai-bench-nginx-"))
    prefix.chmod(0o755)  # nginx's workers (user nobody) read the plain files from here
    plain_root = prefix / "plain"
    copy_plain(urls, plain_root)
    conf = nginx_conf(prefix, app_port, site_port, plain_port, plain_root)
    gunicorn = subprocess.Popen(
        [GUNICORN, "gongkai.wsgi:application", "--workers", "4", "--worker-class", "sync"]
        + ["--bind", f"127.0.0.1:{app_port}", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    nginx = None
    try:
        subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", str(conf)], check=True)
        nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"])
        wait_for(f"http://127.0.0.1:{app_port}/")
        wait_for(f"http://127.0.0.1:{plain_port}/")
        results = {}
        for name, url in urls.items():
            stack_bytes = fetch(f"http://127.0.0.1:{site_port}{url}")
            plain_bytes = fetch(f"http://127.0.0.1:{plain_port}{url}")
            # Asked for the public address, as the static pages were rendered (the share tags carry full URLs).
            django_bytes = fetch(f"http://127.0.0.1:{app_port}{url}", host=f"127.0.0.1:{site_port}")
            if not stack_bytes == plain_bytes == django_bytes:
                kept = Path(tempfile.mkdtemp(prefix="gongkai-bench-differ-"))
                for kind, content in (("stack", stack_bytes), ("plain", plain_bytes), ("django", django_bytes)):
                    (kept / f"{name}.{kind}.html").write_bytes(content)
                raise AssertionError(f"{url}: the three answers differ (kept in {kept})")
            stack = wrk(f"http://127.0.0.1:{site_port}{url}", duration)
            plain = wrk(f"http://127.0.0.1:{plain_port}{url}", duration)
            results[name] = {
                "url": url,
                "bytes": len(stack_bytes),
                "stack": stack,
                "plain_nginx": plain,
                "ratio": round(stack["requests_per_second"] / plain["requests_per_second"], 3),
            }
            print(
                f"{name:<7} stack {stack['requests_per_second']:>9.0f} req/s  "
                f"plain {plain['requests_per_second']:>9.0f} req/s  ratio {results[name]['ratio']:.3f}  "
                f"errors {stack['errors']}+{plain['errors']}",
                flush=True,
            )
        # The fallback: a query string keeps nginx from the file, so this is nginx → gunicorn → Django.
        results["record_dynamic_through_nginx"] = {
            "url": f"{urls['record']}?via=django",
            "stack": wrk(f"http://127.0.0.1:{site_port}{urls['record']}?via=django", duration),
        }
        figures["pages"] = results
        figures["goal_met"] = all(
            r["ratio"] >= 0.5 and r["stack"]["errors"] == 0 and r["plain_nginx"]["errors"] == 0
            for key, r in results.items()
            if "ratio" in r
        ) and (figures["dynamic_record_page"]["queries"] <= 10)
        figures["dynamic_record_goal_met"] = (
            figures["dynamic_record_page"]["median_ms"] <= 5 and figures["dynamic_record_page"]["queries"] <= 10
        )
        figures["load_average"] = os.getloadavg()
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait(timeout=30)
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        shutil.rmtree(prefix, ignore_errors=True)
    figures.pop("render_output", None)
    write_results("pages", figures)
    return figures
