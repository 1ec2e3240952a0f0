"""`python -m bench drills`: load and fault drills against the production stack (docs/operations.md).

The stack is the one deploy/ describes: gunicorn started with the arguments of deploy/systemd/gongkai.service on a
unix socket, nginx with deploy/nginx's upstream and real snippets, production settings (DJANGO_DEBUG=0), and a
PostgreSQL cluster of the drill's own (initdb/pg_ctl under var/bench/drills/, on a free port, so the machine's
server is never touched) holding the demo district (built once, `--fresh` rebuilds it).

Drills (`--drill=load,kill,pgrestart,disk`, all by default):
- load: wrk with 256 connections for --duration seconds (default 60) on the home page, a record page, a search
  and the apply form: errors (non-2xx/3xx and socket errors) and latency percentiles.
- kill: a client submits --submissions applications (default 1,000) through the apply form as a browser would while
  gunicorn workers are killed with SIGKILL and, once, the master (the drill restarts it as systemd would); then every
  acknowledged tracking code must be in the database, complete.
- pgrestart: PostgreSQL stopped and started again under submissions and page load: seconds until the app answers
  again, lost acknowledged writes, error pages carrying a stack trace.
- disk: an attachment upload into a full filesystem and into a read-only one (a tmpfs mounted for the drill): the
  message shown and no attachment row left pointing at a missing file.

The captcha: the client answers the form's text question (the accessible alternative to the image sum) from the
page, as any client can (`solve_text_question`); no setting or code path of the application is changed for it.
The per-address form rate is raised in the drill's environment (GONGKAI_PUBLIC_FORM_RATE), since every submission
comes from 127.0.0.1.

Needs nginx, wrk, /usr/lib/postgresql/15/bin and root (initdb runs as the postgres user; the disk drill mounts).
"""

import http.client
import json
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.common import write_results
from bench.pages import demo_record_id, run

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "drills"
PGBIN = Path("/usr/lib/postgresql/15/bin")
GONGKAI = str(Path(sys.executable).parent / "gongkai")
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONNECTIONS = 256
DRILLS = ("load", "kill", "pgrestart", "disk")
KILL_EVERY = 20
SECRET_KEY = "drill-" + secrets.token_urlsafe(40)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def option(argv: list[str], name: str, default: str) -> str:
    return next((a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")), default)


# --- PostgreSQL: a cluster of the drill's own ---------------------------------------------------------------------


class Cluster:
    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgresql.log"

    def as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self) -> bool:
        if (self.data / "PG_VERSION").exists():
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.as_postgres(PGBIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                         "--locale=C.UTF-8")  # fmt: skip
        return True

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=on"
        self.as_postgres(PGBIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self.as_postgres(PGBIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def url(self, database: str = "gongkai") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> None:
        self.as_postgres(PGBIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                         "-T", "template0", "-E", "UTF8", "gongkai")  # fmt: skip


# --- the stack ----------------------------------------------------------------------------------------------------


def environment(database_url: str, site_port: int) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            # The venv's `gongkai` script would import the checkout the venv was installed from: run this one.
            "PYTHONPATH": str(ROOT),
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on loopback: TLS would measure OpenSSL, not Gongkai.
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_PROXY": "1",
            "DATABASE_URL": database_url,
            "GONGKAI_VAR_DIR": str(WORK / "var"),
            "STATIC_ROOT": str(WORK / "var" / "static"),
            "MEDIA_ROOT": str(WORK / "var" / "media"),
            "GONGKAI_STATIC_PAGES": "1",
            "GONGKAI_STATIC_PAGES_DIR": str(WORK / "var" / "pages"),
            "GONGKAI_PUBLIC_URL": f"http://127.0.0.1:{site_port}",
            "GONGKAI_TASK_QUEUE": "inline",
            # Every drill submission comes from 127.0.0.1: the per-address limit would stop the drill, not a fault.
            "GONGKAI_PUBLIC_FORM_RATE": "1000000",
            "LOG_LEVEL": "ERROR",
        }
    )
    env.pop("GONGKAI_TESTING", None)
    return env


def build(cluster: Cluster, env: dict, fresh: bool) -> dict:
    figures: dict = {}
    if fresh and WORK.exists():
        cluster.stop("immediate")
        shutil.rmtree(WORK)
    created = cluster.init()
    cluster.start()
    if created:
        cluster.create_database()
        started = time.perf_counter()
        demo_env = {**env, "GONGKAI_STATIC_PAGES": "0"}
        run([GONGKAI, "migrate", "--no-input", "-v", "0"], demo_env)
        run([GONGKAI, "demo"], demo_env)
        figures["demo_seconds"] = round(time.perf_counter() - started, 1)
    else:
        run([GONGKAI, "migrate", "--no-input", "-v", "0"], env)
    run([GONGKAI, "collectstatic", "--no-input", "-v", "0"], env)
    return figures


def gunicorn_arguments(socket_path: Path) -> list[str]:
    """The arguments of deploy/systemd/gongkai.service's ExecStart, bound to the drill's socket."""
    unit = (ROOT / "deploy" / "systemd" / "gongkai.service").read_text()
    line = re.search(r"^ExecStart=(.*?)(?<!\\)$", unit, re.S | re.M).group(1).replace("\\\n", " ")
    args = shlex.split(line)[1:]
    args = [f"unix:{socket_path}" if a.startswith("unix:") else a for a in args]
    if "--access-logfile" in args:
        index = args.index("--access-logfile")
        del args[index : index + 2]
    return args


def upstream_block(socket_path: Path) -> str:
    """deploy/nginx's upstream gongkai_app block, pointed at the drill's socket."""
    site = (ROOT / "deploy" / "nginx" / "sites-available" / "gongkai.conf").read_text()
    block = re.search(r"^upstream gongkai_app \{.*?^\}", site, re.S | re.M).group(0)
    return re.sub(r"unix:\S+?(?=[\s;])", f"unix:{socket_path}", block)


def nginx_conf(prefix: Path, socket_path: Path, site_port: int) -> Path:
    """Debian's /etc/nginx/nginx.conf defaults (2 worker processes here, 768 connections each) around the site."""
    snippets = ROOT / "deploy" / "nginx" / "snippets"
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""user root;
worker_processes auto;
error_log {prefix}/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 768; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    include {snippets}/gongkai-maps.conf;
    {upstream_block(socket_path)}
    server {{
        listen 127.0.0.1:{site_port};
        set $gongkai_var {WORK / "var"};
        include {snippets}/gongkai-locations.conf;
    }}
}}
"""
    )
    return conf


class Stack:
    """gunicorn + nginx as deploy/ configures them; `kill_master` and `start_gunicorn` for the kill drill."""

    def __init__(self, env: dict, site_port: int):
        self.env, self.site_port = env, site_port
        self.prefix = Path(tempfile.mkdtemp(prefix="gongkai-drill-"))
        self.prefix.chmod(0o755)
        self.socket = self.prefix / "gunicorn.sock"
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.log = open(self.prefix / "gunicorn.log", "ab")  # noqa: SIM115 - closed in stop()

    def start_gunicorn(self) -> None:
        if self.socket.exists():
            self.socket.unlink()
        self.gunicorn = subprocess.Popen(
            [GUNICORN, *gunicorn_arguments(self.socket)], env=self.env, cwd=ROOT, stdout=self.log, stderr=self.log
        )

    def start(self) -> None:
        self.start_gunicorn()
        conf = nginx_conf(self.prefix, self.socket, self.site_port)
        subprocess.run([NGINX, "-t", "-q", "-p", str(self.prefix), "-c", str(conf)], check=True)
        self.nginx = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"])
        self.wait_until_up()

    def wait_until_up(self, seconds: float = 90) -> float:
        started = time.monotonic()
        while True:
            try:
                status, _headers, _body = request(self.site_port, "GET", "/apply/", timeout=600)
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            if time.monotonic() - started > seconds:
                raise RuntimeError("the stack did not come up")
            time.sleep(0.2)

    def workers(self) -> list[int]:
        if self.gunicorn is None:
            return []
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.send_signal(signal.SIGQUIT)
            self.nginx.wait(timeout=30)
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.terminate()
            try:
                self.gunicorn.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
                self.gunicorn.wait()
        self.log.close()
        shutil.rmtree(self.prefix, ignore_errors=True)


# --- a client that submits the apply form as a browser would ------------------------------------------------------


def request(port: int, method: str, path: str, body: str | None = None, cookies: dict | None = None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        return response.status, response.getheaders(), content
    finally:
        connection.close()


def take_cookies(headers, cookies: dict) -> None:
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]


def first_option(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return next(v for v in re.findall(r'<option value="([^"]*)"', select) if v)


def looks_like_a_stack_trace(body: str) -> bool:
    return "Traceback (most recent call last)" in body or 'File "/' in body or "django.db.utils" in body


class Submitter:
    """Submits applications and keeps every acknowledged tracking code with the name it was sent under."""

    def __init__(self, port: int):
        self.port = port
        self.acknowledged: dict[str, str] = {}
        self.outcomes: dict[str, int] = {}
        self.stack_traces = 0
        self.lock = threading.Lock()
        self.counter = 0

    def count(self, outcome: str) -> None:
        with self.lock:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def check_body(self, status: int, body: str) -> None:
        if looks_like_a_stack_trace(body):
            with self.lock:
                self.stack_traces += 1

    def submit_one(self) -> bool:
        with self.lock:
            self.counter += 1
            number = self.counter
        name = f"演练申请人{number:05d}-{secrets.token_hex(3)}"
        cookies: dict = {}
        try:
            status, headers, html = request(self.port, "GET", "/apply/")
            self.check_body(status, html)
            if status != 200:
                self.count(f"form_{status}")
                return False
            take_cookies(headers, cookies)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            answer = solve_text_question(html)
            if answer is None:
                self.count("captcha_unreadable")
                return False
            fields = {
                "csrfmiddlewaretoken": token,
                "organization": first_option(html, "organization"),
                "applicant_type": "natural_person",
                "applicant_name": name,
                "id_type": "passport",
                "id_number": f"E{number:08d}",
                "phone": "13800001234",
                "address": "演练路1号",
                "description": f"请公开演练所需的信息（{name}）",
                "provision_form": first_option(html, "provision_form"),
                "provision_manner": first_option(html, "provision_manner"),
                "text_answer": answer,
            }
            status, headers, body = request(self.port, "POST", "/apply/", urlencode(fields), cookies)
            self.check_body(status, body)
            location = dict((k.lower(), v) for k, v in headers).get("location", "")
            if status != 302 or "acknowledgement" not in location:
                self.count(f"post_{status}")
                return False
            take_cookies(headers, cookies)
            status, _headers, body = request(self.port, "GET", "/apply/acknowledgement/", cookies=cookies)
            self.check_body(status, body)
            code = re.search(r"<dt>查询码</dt><dd><strong>([^<]+)</strong>", body)
            if status != 200 or not code:
                # Submitted but the acknowledgement was not seen: not an acknowledged write.
                self.count(f"ack_{status}")
                return False
        except (OSError, http.client.HTTPException):
            self.count("connection_error")
            return False
        with self.lock:
            self.acknowledged[code.group(1)] = name
        self.count("acknowledged")
        return True

    def run(self, total: int, threads: int, stop: threading.Event | None = None) -> None:
        def loop():
            while len(self.acknowledged) < total and not (stop and stop.is_set()):
                if not self.submit_one():
                    time.sleep(0.05)

        workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()


def django_in_process(env: dict) -> None:
    """This process checks the database afterwards: Django on the drill's database."""
    for key in ("DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "SECRET_KEY", "DATABASE_URL", "GONGKAI_VAR_DIR"):
        os.environ[key] = env[key]
    os.environ["DB_CONN_MAX_AGE"] = "0"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    import django

    django.setup()


CHINESE_DIGITS = "零一二三四五六七八九"
POSITIONS = {"第一个": 0, "第二个": 1, "第三个": 2, "第四个": 3}


def solve_text_question(html: str) -> str | None:
    """The answer to the apply form's text question, read from the page as any client (or script) can: "X加Y等于几"
    with Chinese digits, or "“词”这个词的第N个字是什么". None when the page holds no question it knows."""
    found = re.search(r'id="text-question">[^<]*<strong>([^<]+)</strong>', html)
    if not found:
        return None
    question = found.group(1)
    total = re.search(f"([{CHINESE_DIGITS}])加([{CHINESE_DIGITS}])", question)
    if total:
        return str(CHINESE_DIGITS.index(total.group(1)) + CHINESE_DIGITS.index(total.group(2)))
    character = re.search(r"[“\"]([^”\"]+)[”\"]这个词的(第.个)字", question)
    if character and character.group(2) in POSITIONS:
        return character.group(1)[POSITIONS[character.group(2)]]
    return None


def verify(acknowledged: dict[str, str], since) -> dict:
    """Every acknowledged code is in the database under the name sent, and no drill application is half-written."""
    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.core.models import AuditEntry

    connection.close()
    drill = Application.objects.filter(applicant_name__startswith="演练申请人", created_at__gte=since)
    found = dict(drill.values_list("tracking_code", "applicant_name"))
    missing = [code for code in acknowledged if code not in found]
    wrong = [code for code, name in acknowledged.items() if code in found and found[code] != name]
    without_event = drill.filter(events__isnull=True).count()
    without_deadline = drill.filter(due_on__isnull=True).count()
    audited = set(
        AuditEntry.objects.filter(action="applications.application.submitted", at__gte=since).values_list(
            "data__tracking_code", flat=True
        )
    )
    without_audit = len(set(found) - audited)
    return {
        "acknowledged": len(acknowledged),
        "in_database": len(found),
        "acknowledged_missing": len(missing),
        "acknowledged_with_other_data": len(wrong),
        "submitted_without_acknowledgement": len(set(found) - set(acknowledged)),
        "half_written": without_event + without_deadline + without_audit,
    }


# --- the drills ---------------------------------------------------------------------------------------------------


def wrk(port: int, path: str, duration: int) -> dict:
    # wrk's own timeout is 2 s; a browser waits far longer, and nginx gives the app 120 s (proxy_read_timeout).
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],  # fmt: skip
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict = {"requests": int(re.search(r"(\d+) requests in", output).group(1))}
    figures["requests_per_second"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["socket_errors"] = sum(int(v) for v in socket_errors.groups()) if socket_errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx_3xx"] = int(non_2xx.group(1)) if non_2xx else 0
    figures["errors"] = figures["socket_errors"] + figures["non_2xx_3xx"]
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    for percentile in ("50", "90", "99"):
        match = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s)\b", output)
        figures[f"p{percentile}_ms"] = round(float(match.group(1)) * scale[match.group(2)], 1)
    return figures


def pick_urls(env: dict) -> dict:
    return {
        "home": "/",
        "record": f"/records/{demo_record_id(env)}/",
        "search": "/search/?q=%E9%80%9A%E7%9F%A5",  # 通知
        "apply_form": "/apply/",
    }


def load_drill(stack: Stack, duration: int) -> dict:
    urls = pick_urls(stack.env)
    run([GONGKAI, "static", "render", urls["home"], urls["record"]], stack.env)
    results = {}
    for name, path in urls.items():
        status, _headers, _body = request(stack.site_port, "GET", path)
        assert status == 200, f"{path}: {status}"
        results[name] = {"url": path, **wrk(stack.site_port, path, duration)}
        # gunicorn's sync workers still answer the requests queued when wrk stopped (nginx has already closed
        # them): how long until a new visitor is answered again.
        results[name]["seconds_until_answered_after_load"] = round(stack.wait_until_up(600), 1)
        print(f"load {name:<10} {json.dumps(results[name], ensure_ascii=False)}", flush=True)
    return {
        "connections": CONNECTIONS,
        "duration_seconds": duration,
        "pages": results,
        "errors": sum(r["errors"] for r in results.values()),
        "load_average_after": os.getloadavg(),
    }


def kill_drill(stack: Stack, submissions: int) -> dict:
    from django.utils import timezone

    since = timezone.now()
    submitter = Submitter(stack.site_port)
    done = threading.Event()
    kills = {"workers": 0, "master": 0, "master_back_seconds": None}

    def killer():
        # One worker killed per KILL_EVERY acknowledged submissions (at a random moment of a request): paced by
        # progress, not by the clock, because on a busy machine a new worker takes seconds to boot.
        next_kill = KILL_EVERY
        while not done.is_set():
            time.sleep(random.uniform(0.2, 1.0))  # noqa: S311 - timing of a drill, not a secret
            if done.is_set():
                return
            if len(submitter.acknowledged) < next_kill:
                continue
            next_kill += KILL_EVERY
            if kills["master"] == 0 and len(submitter.acknowledged) >= submissions // 2:
                os.kill(stack.gunicorn.pid, signal.SIGKILL)
                stack.gunicorn.wait()
                kills["master"] += 1
                time.sleep(1)  # systemd's RestartSec would be here
                stack.start_gunicorn()
                kills["master_back_seconds"] = round(stack.wait_until_up() + 1, 1)
                continue
            workers = stack.workers()
            if workers:
                os.kill(random.choice(workers), signal.SIGKILL)  # noqa: S311
                kills["workers"] += 1

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    started = time.monotonic()
    submitter.run(submissions, threads=8)
    done.set()
    thread.join()
    figures = {
        "seconds": round(time.monotonic() - started, 1),
        "kills": kills,
        "outcomes": submitter.outcomes,
        "pages_with_stack_trace": submitter.stack_traces,
        **verify(submitter.acknowledged, since),
    }
    # Workers killed in mid-request leave nothing behind; the survivors must still answer.
    figures["answers_after"] = request(stack.site_port, "GET", "/apply/")[0]
    return figures


def pgrestart_drill(stack: Stack, cluster: Cluster, down_seconds: float) -> dict:
    from django.utils import timezone

    since = timezone.now()
    submitter = Submitter(stack.site_port)
    stop = threading.Event()
    probes: list[tuple[float, int, bool]] = []
    search = "/search/?q=%E9%80%9A%E7%9F%A5"

    def probe():
        while not stop.is_set():
            try:
                status, _headers, body = request(stack.site_port, "GET", search, timeout=10)
                probes.append((time.monotonic(), status, looks_like_a_stack_trace(body)))
            except OSError:
                probes.append((time.monotonic(), 0, False))
            time.sleep(0.1)

    threads = [threading.Thread(target=probe, daemon=True) for _ in range(4)]
    threads.append(threading.Thread(target=submitter.run, args=(10**9, 4, stop), daemon=True))
    for thread in threads:
        thread.start()
    time.sleep(10)
    before = len(submitter.acknowledged)
    stopped_at = time.monotonic()
    cluster.stop("fast")
    time.sleep(down_seconds)
    cluster.start()
    back_at = time.monotonic()
    time.sleep(15)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    after_back = [(at, status) for at, status, _trace in probes if at >= back_at]
    first_ok = next((at for at, status in after_back if status == 200), None)
    failures_after_back = [status for at, status in after_back if status != 200 and (first_ok is None or at > first_ok)]
    statuses_while_down: dict = {}
    for at, status, _trace in probes:
        if stopped_at <= at < back_at:
            statuses_while_down[str(status)] = statuses_while_down.get(str(status), 0) + 1
    return {
        "database_down_seconds": round(back_at - stopped_at, 1),
        "answers_again_after_seconds": round(first_ok - back_at, 2) if first_ok else None,
        "errors_after_first_answer": len(failures_after_back),
        "probe_statuses_while_down": statuses_while_down,
        "probe_pages_with_stack_trace": sum(1 for _at, _status, trace in probes if trace),
        "submission_pages_with_stack_trace": submitter.stack_traces,
        "acknowledged_before_stop": before,
        "outcomes": submitter.outcomes,
        **verify(submitter.acknowledged, since),
    }


DISK_SCRIPT = """
import json, os
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from gongkai.core.errors import DomainError
from gongkai.publishing import services
from gongkai.publishing.models import Attachment, Record
record = Record.objects.filter(status="draft").first()
author = record.created_by
before = Attachment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
import io
from PIL import Image
buffer = io.BytesIO()
Image.effect_noise((256, 256), 64).convert("RGB").save(buffer, "PNG")
upload = SimpleUploadedFile("drill.png", buffer.getvalue(), content_type="image/png")
try:
    services.add_attachment(record=record, upload=upload, actor=author)
    outcome = {"refused": False}
except DomainError as error:
    outcome = {"refused": True, "message": str(error.message)}
except Exception as error:
    outcome = {"refused": False, "uncaught": repr(error)}
added = Attachment.objects.filter(pk__gt=before)
missing = [a.pk for a in added if not a.file.storage.exists(a.file.name)]
outcome["attachment_rows_added"] = added.count()
left = [p.name for p in Path(os.environ["MEDIA_ROOT"]).rglob("*") if p.is_file() and p.name != "filler"]
outcome["files_left_on_disk"] = sorted(left)
outcome["rows_pointing_at_missing_files"] = len(missing)
print(json.dumps(outcome, ensure_ascii=False))
"""


def disk_drill(env: dict) -> dict:
    """Uploads into a full tmpfs and a read-only one, in the process of `gongkai shell` (the service views call)."""
    mount = Path(tempfile.mkdtemp(prefix="gongkai-drill-media-"))
    figures: dict = {"filesystem": "tmpfs of 64 KiB", "upload": "a 256×256 PNG"}
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], check=True)
        shell_env = {**env, "MEDIA_ROOT": str(mount), "GONGKAI_STATIC_PAGES": "0"}
        # Full: fill the filesystem to the last block, then upload.
        with open(mount / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
            except OSError:
                pass
        figures["full"] = json.loads(run([GONGKAI, "shell", "-c", DISK_SCRIPT], shell_env).strip().splitlines()[-1])
        (mount / "filler").unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        figures["read_only"] = json.loads(
            run([GONGKAI, "shell", "-c", DISK_SCRIPT], shell_env).strip().splitlines()[-1]
        )
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()
    return figures


def main(argv: list[str]) -> dict:
    drills = option(argv, "drill", ",".join(DRILLS)).split(",")
    duration = int(option(argv, "duration", "60"))
    submissions = int(option(argv, "submissions", "1000"))
    cluster = Cluster(WORK / "pg", free_port())
    site_port = free_port()
    env = environment(cluster.url(), site_port)
    figures: dict = {"drills": drills, "cpus": os.cpu_count(), "load_average_before": os.getloadavg()}
    figures["gunicorn"] = " ".join(gunicorn_arguments(Path("/run/gongkai/gunicorn.sock")))
    figures.update(build(cluster, env, "--fresh" in argv))
    stack = Stack(env, site_port)
    try:
        django_in_process(env)
        stack.start()
        for name in drills:
            print(f"drill {name}", flush=True)
            if name == "load":
                figures["load"] = load_drill(stack, duration)
            elif name == "kill":
                figures["kill"] = kill_drill(stack, submissions)
            elif name == "pgrestart":
                figures["pgrestart"] = pgrestart_drill(stack, cluster, float(option(argv, "down", "5")))
            elif name == "disk":
                figures["disk"] = disk_drill(env)
            # One file per drill (bench/results/drills_<name>.json): a drill can be run again on its own.
            common = {key: value for key, value in figures.items() if key not in DRILLS}
            write_results(f"drills_{name}", {**common, name: figures[name], "load_average_after": os.getloadavg()})
    finally:
        stack.stop()
        cluster.stop()
    return figures
