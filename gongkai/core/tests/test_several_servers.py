"""Two app servers over one PostgreSQL and one Redis (docs/operations.md, "Several app servers").

Runs two gunicorn processes and a task worker beside each, as two machines would: each has its own local folder
(var/, the derived-file cache), and they share the database, Redis (cache, rate limits), the shared store (media,
the static pages, job files) and the search service (`gongkai searchservice`, a third process with the one search
index in its own folder). Shows that a publish on one server is served and found by the other, a withdrawal
disappears from both pages and searches before the request that withdrew returns, a session from one is valid on
the other, a rate limit counts calls to both, and a task enqueued on both runs once.

The test makes its own PostgreSQL database on 127.0.0.1:5432 (it exists in CI and on every development machine,
see .ci/run) and drops it after, so it runs in the SQLite run (`make test`) too; Redis is 127.0.0.1:6379
(GONGKAI_TEST_POSTGRES and GONGKAI_TEST_REDIS name others).
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

import psycopg
import pytest
import requests

PROJECT = Path(__file__).resolve().parents[3]
POSTGRES = os.environ.get("GONGKAI_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("GONGKAI_TEST_REDIS", "redis://127.0.0.1:6379/0")
PASSWORD = "correct horse 42"
SEED = """
import json
import django
django.setup()
from gongkai.orgs.tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, RegionFactory
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

county = RegionFactory(name="示范区", division_code="320499000000")
government = OrganizationFactory(region=county, name="示范区人民政府", kind="government")
department = OrganizationFactory(region=county, name="示范区民政局", kind="department", parent=government)
clerk = PersonFactory(username="clerk")
MembershipFactory(person=clerk, organization=department, role="clerk")
reviewer = PersonFactory(username="reviewer")
MembershipFactory(person=reviewer, organization=department, role="reviewer")
record = force_status(draft(department, clerk, title="关于两台服务器同时发布的测试通知"), RecordStatus.CLEARED)
print(json.dumps({"record": record.pk}))
"""
ENQUEUE = """
import django
django.setup()
from gongkai.portal.pages import service
service.changed({"record:%d"})
"""


SEARCH_TOKEN = secrets.token_urlsafe(32)


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One app server: gunicorn on its own port and a worker, with its own local folder."""

    def __init__(self, name: str, root: Path, shared: Path, database_url: str, prefix: str, search_url: str = ""):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        local = root / name
        local.mkdir()
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(local),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(PROJECT),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            # production settings, over plain HTTP on the loopback (nginx terminates TLS in front of them)
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": "several-servers-" + prefix,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "GONGKAI_PUBLIC_URL": "http://127.0.0.1",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": prefix,
            "GONGKAI_TASK_QUEUE": "database",
            "GONGKAI_STATIC_PAGES": "1",
            # the one search index, on the search service's machine
            "GONGKAI_SEARCH_BACKEND": "service",
            "GONGKAI_SEARCH_SERVICE_URL": search_url or self.url,
            "GONGKAI_SEARCH_SERVICE_TOKEN": SEARCH_TOKEN,
            "GONGKAI_API_SEARCH_RATE": "4",
            # this machine's own folder
            "GONGKAI_VAR_DIR": str(local / "var"),
            "GONGKAI_CACHE_DIR": str(local / "var" / "cache"),
            "GONGKAI_SEARCH_INDEX_DIR": str(local / "var" / "search"),
            # the shared store
            "MEDIA_ROOT": str(shared / "media"),
            "GONGKAI_STATIC_PAGES_DIR": str(shared / "pages"),
            "GONGKAI_JOB_FILES_DIR": str(shared / "job-files"),
        }
        self.log = local / "worker.log"
        self.processes: list[subprocess.Popen] = []

    def run(self, *args: str, code: str = "") -> str:
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "gongkai", *args]
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            command, env=self.env, cwd=PROJECT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self) -> None:
        self.processes.append(
            subprocess.Popen(  # noqa: S603 - our own interpreter
                [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--bind", f"127.0.0.1:{self.port}"]
                + ["--workers", "2", "--log-level", "warning"],
                env=self.env,
                cwd=PROJECT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self.start_worker()
        wait_for(lambda: _answers(self.url + "/backoffice/login/", timeout=60), f"server {self.name}", seconds=180)

    def start_search_service(self) -> None:
        """This machine as the search service: `gongkai searchservice` over the index in its own folder."""
        with open(self.log, "a") as log:
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter
                    [sys.executable, "-m", "gongkai", "searchservice", "--bind", f"127.0.0.1:{self.port}"],
                    env=self.env,
                    cwd=PROJECT,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
            )
        try:
            wait_for(lambda: _answers(self.url + "/healthz"), "the search service", seconds=120)
        except AssertionError as error:
            raise AssertionError(f"{error}: {self.log.read_text()[-3000:]}") from None

    def start_worker(self) -> None:
        with open(self.log, "a") as log:
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter
                    [sys.executable, "-m", "gongkai", "worker", "--queue-name", "*", "--no-reload"]
                    + ["--interval", "0.2", "--worker-id", f"worker-{self.name}"],
                    env=self.env,
                    cwd=PROJECT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )

    def stop_worker(self) -> None:
        worker = self.processes.pop()
        worker.terminate()
        worker.wait(timeout=60)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []

    def ran(self) -> list[str]:
        """Ids of the tasks this server's worker finished."""
        return re.findall(r"Task id=(\S+) path=\S+ state=SUCCESSFUL", self.log.read_text())


class Browser:
    """One visitor's cookies, sent to whichever server nginx picks (secure cookies too: TLS ends at nginx)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def get(self, server: Server, path: str) -> requests.Response:
        response = requests.get(server.url + path, cookies=self.cookies, allow_redirects=False, timeout=30)
        self.cookies.update(response.cookies.get_dict())
        return response

    def post(self, server: Server, path: str, data: dict) -> requests.Response:
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        response = requests.post(
            server.url + path,
            data=data,
            cookies=self.cookies,
            headers={"Origin": server.url, "Referer": server.url + path},
            allow_redirects=False,
            timeout=60,
        )
        self.cookies.update(response.cookies.get_dict())
        return response


def static_file(shared: Path, path: str) -> Path:
    """What nginx's try_files finds for a folder URL in the default variant (deploy/nginx)."""
    return shared / "pages" / "zh-hans" / "normal" / path.lstrip("/") / "index.html"


def served(server: Server, shared: Path, path: str) -> tuple[int, str]:
    """What a visitor gets from nginx in front of `server`: the static file when there is one, else Django."""
    found = static_file(shared, path)
    if found.exists():
        return 200, found.read_text()
    response = requests.get(server.url + path, allow_redirects=False, timeout=30)
    return response.status_code, response.text


def _answers(url: str, timeout: float = 10) -> bool:
    with suppress(requests.ConnectionError, requests.Timeout):
        return requests.get(url, timeout=timeout).status_code == 200
    return False


def found(server: Server, words: str) -> list[str]:
    """The titles the portal's search page on `server` lists for `words`."""
    response = requests.get(server.url + "/search/", params={"q": words}, timeout=30)
    assert response.status_code == 200, response.text[-2000:]
    titles = re.findall(r'<a href="/records/\d+/"[^>]*>(.*?)</a>', response.text)
    return [re.sub(r"<[^>]+>", "", title) for title in titles]  # without the <mark> around matched words


def wait_for(condition, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def database():
    name = f"gongkai_servers_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES + "/postgres", autocommit=True) as connection:
        connection.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(POSTGRES + "/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def servers(database, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    prefix = secrets.token_hex(6)
    search = Server("search", tmp_path, shared, database, prefix)
    a = Server("a", tmp_path, shared, database, prefix, search_url=search.url)
    b = Server("b", tmp_path, shared, database, prefix, search_url=search.url)
    a.run("migrate", "--no-input", "-v", "0")
    seeded = json.loads(a.run(code=SEED).strip().splitlines()[-1])
    try:
        search.start_search_service()
        a.start()
        b.start()
        yield a, b, shared, seeded["record"]
    finally:
        a.stop()
        b.stop()
        search.stop()


def queue_rows(database: str, record: int) -> list[tuple]:
    with psycopg.connect(database) as connection:
        return connection.execute(
            "SELECT id::text, status, worker_ids FROM django_tasks_database_dbtaskresult"
            " WHERE args_kwargs::text LIKE %s",
            [f'%"record:{record}"%'],
        ).fetchall()


def test_two_app_servers_share_pages_sessions_limits_and_tasks(servers, database):
    a, b, shared, record = servers
    page = f"/records/{record}/"
    title = "关于两台服务器同时发布的测试通知"
    reviewer = Browser()

    # A session made on server A is valid on server B.
    assert reviewer.get(a, "/backoffice/login/").status_code == 200
    signed_in = reviewer.post(a, "/backoffice/login/", {"username": "reviewer", "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    assert reviewer.get(b, "/backoffice/").status_code == 200
    assert Browser().get(b, "/backoffice/").status_code == 302  # and a visitor without it is sent to sign in

    # Published on A: the page is rendered once, by whichever worker claims the task, into the shared folder, and
    # every server (nginx before A or B) serves it.
    published = reviewer.post(a, f"/backoffice/publishing/records/{record}/publish/", {})
    assert published.status_code == 302
    assert requests.get(b.url + page, timeout=30).status_code == 200
    wait_for(lambda: static_file(shared, page).exists(), "the record page's file")
    wait_for(lambda: all(status == "SUCCESSFUL" for _id, status, _w in queue_rows(database, record)), "the render")
    for server in (a, b):
        status, text = served(server, shared, page)
        assert status == 200
        assert title in text
    # …and found by searching on either: both ask the one search service, which A told when it published.
    assert found(b, "两台服务器 测试") == found(a, "两台服务器 测试") == [title]
    # A rebuild started on B streams every public document to the service (a chunked request through gunicorn),
    # which swaps the new index in for both servers.
    assert "with the service backend" in b.run("search", "reindex")
    assert found(a, "两台服务器 测试") == [title]
    rows = queue_rows(database, record)
    assert [len(workers) for _id, _status, workers in rows] == [1] * len(rows)  # each render ran on one worker

    # Withdrawn on B: when B's answer arrives the file is gone and neither server shows the record any more.
    withdrawn = reviewer.post(b, f"/backoffice/publishing/records/{record}/withdraw/", {"reason": "内容有误"})
    assert withdrawn.status_code == 302
    assert not static_file(shared, page).exists()
    for server in (a, b):
        status, text = served(server, shared, page)
        assert status == 410
        assert "内容有误" in text
        listing_status, listing = served(server, shared, "/records/")
        assert listing_status == 200
        assert title not in listing
        assert found(server, "两台服务器 测试") == []
    wait_for(lambda: all(status == "SUCCESSFUL" for _id, status, _w in queue_rows(database, record)), "re-renders")
    assert not static_file(shared, page).exists()  # the re-render after the withdrawal wrote no page

    # The search API's limit (4 a minute here) counts the calls to both servers together.
    answers = [requests.get(server.url + "/api/v1/search/?q=通知", timeout=30).status_code for server in (a, b) * 3]
    assert answers == [200, 200, 200, 200, 429, 429]

    # A change announced on both servers while no worker runs is one task, and it runs once.
    a.stop_worker()
    b.stop_worker()
    before = {task_id for task_id, _status, _workers in queue_rows(database, record)}
    a.run(code=ENQUEUE % record)
    b.run(code=ENQUEUE % record)
    waiting = [row for row in queue_rows(database, record) if row[0] not in before]
    assert [status for _id, status, _workers in waiting] == ["READY"]
    a.start_worker()
    b.start_worker()
    wait_for(
        lambda: queue_rows(database, record) and all(r[1] == "SUCCESSFUL" for r in queue_rows(database, record)),
        "the task",
    )
    everything = a.ran() + b.ran()
    assert everything.count(waiting[0][0]) == 1
    assert len(everything) == len(set(everything))  # no task ran on both servers
