"""Full-text search benchmark: realistic Chinese notices, the shipped search path against a naive icontains scan.

    python -m bench search                      # 100,000 records
    python -m bench search --size=1000000       # 1,000,000 records
    python -m bench search --size=20000 --backend=postgres   (needs BENCH_DATABASE_URL=postgres://…)
    python -m bench search --size=1000000 --backend=postgres --replicate=100000
        # builds 100,000 through the real rebuild (or reuses them) and copies them in SQL up to 1,000,000
    python -m bench search --size=1000000 --backend=service [--reuse]
        # the same index behind `gongkai searchservice` (a separate process, over HTTP), as several app servers
        # use it; --reuse takes the index an embedded run of the same size left in var/bench

Measures the index build time and size, and p50/p95 latency of one-, two- and three-word queries through
`gongkai.search.selectors.search` (segmentation, exact-number lookup, ranked top 20 with total count, snippets,
the public re-check), beside `Q(title__icontains=…) | Q(body__icontains=…)` for every word, newest 20 plus count,
on the same rows. Results go to bench/results/search_<backend>_<size>.json.
"""

import json
import os
import random
import shutil
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import RESULTS_DIR, setup_django, write_results

SEED = 20261121
SCAN_SAMPLES = 5
QUERY_SAMPLES = 40

ORGANIZATIONS = [
    "青溪区人民政府办公室",
    "青溪区民政局",
    "青溪区财政局",
    "青溪区人力资源和社会保障局",
    "青溪区住房和城乡建设局",
    "青溪区教育局",
    "青溪区卫生健康委员会",
    "青溪区生态环境局",
    "青溪区自然资源局",
    "青溪区农业农村局",
    "青溪区市场监督管理局",
    "青溪区应急管理局",
    "青溪区发展和改革局",
    "青溪区司法局",
    "青溪区文化旅游局",
    "青溪区城市管理局",
    "青溪区退役军人事务局",
    "青溪区医疗保障局",
    "东风街道办事处",
    "西湖镇人民政府",
    "南山镇人民政府",
    "北河街道办事处",
    "柳林镇人民政府",
]
TOPICS = [
    "最低生活保障",
    "特困人员救助供养",
    "临时救助",
    "老旧小区改造",
    "农村危房改造",
    "保障性住房",
    "城乡居民医疗保险",
    "城乡居民养老保险",
    "义务教育招生",
    "学生资助",
    "高标准农田建设",
    "耕地地力保护补贴",
    "防汛抗旱",
    "森林防火",
    "安全生产检查",
    "食品安全抽检",
    "生态环境保护",
    "大气污染防治",
    "河长制",
    "垃圾分类",
    "城市综合执法",
    "公共法律服务",
    "公共文化服务",
    "就业创业补贴",
    "技能培训",
    "退役军人优待",
    "养老服务补贴",
    "残疾人两项补贴",
    "政府采购",
    "重大建设项目",
    "国有土地上房屋征收",
    "农村集体土地征收",
    "财政预决算",
    "行政事业性收费",
    "政务服务事项",
    "营商环境",
    "乡村振兴",
    "疫情防控",
    "冬季供暖",
    "燃气安全",
    "电动自行车充电",
    "校外培训",
    "家庭医生签约",
    "预防接种",
    "基本公共卫生服务",
    "农村饮水安全",
    "道路交通安全",
    "消防安全",
    "地质灾害防治",
]
GENRES = ["通知", "公告", "公示", "实施方案", "工作方案", "实施意见", "管理办法", "工作要点", "情况报告", "政策解读"]
ACTIONS = ["做好", "开展", "加强", "推进", "规范", "调整", "印发", "公布", "进一步做好", "组织开展"]
SENTENCES = [
    "为深入贯彻落实党中央、国务院决策部署，根据{basis}有关规定，结合我区实际，制定本{genre}。",
    "各镇人民政府、街道办事处，区各有关部门要高度重视{topic}工作，切实加强组织领导，明确责任分工。",
    "{topic}对象须符合户籍、收入、财产等条件，由本人向户籍所在地镇人民政府（街道办事处）提出书面申请。",
    "经审核，现将{year}年第{quarter}季度{topic}资金发放情况予以公示，公示期为7个工作日。",
    "公示期间如有异议，请以书面形式向{org}反映，联系电话：0571-{phone}。",
    "本{genre}自印发之日起施行，有效期{years}年。此前规定与本{genre}不一致的，以本{genre}为准。",
    "{org}将会同有关部门加强监督检查，对工作推进不力、群众反映强烈的单位予以通报。",
    "全区共完成{topic}项目{count}个，惠及群众{people}户，累计投入资金{money}万元。",
    "请各单位于{month}月{day}日前将工作进展情况报送区政务公开办公室。",
    "按照政务公开标准化规范化要求，相关信息将通过政府网站、政务新媒体和村（居）务公开栏同步公开。",
    "下一步，我们将持续优化{topic}办理流程，压缩办理时限，实现“一网通办”“最多跑一次”。",
    "各级各部门要严格落实安全生产责任制，强化隐患排查治理，坚决防范和遏制重特大事故发生。",
    "申请人可通过线上或线下渠道提交申请材料，材料齐全的当场受理，不齐全的一次性告知需要补正的材料。",
]
BASES = [
    "《中华人民共和国政府信息公开条例》",
    "《社会救助暂行办法》",
    "《中华人民共和国安全生产法》",
    "国办发〔2019〕54号文件",
    "《政府投资条例》",
    "《优化营商环境条例》",
]


def generate(count: int, seed: int = SEED):
    """Yield (id, title, body, date, organization, doc_number) for `count` notices, the same for the same seed."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = int(timedelta(days=365 * 11).total_seconds())
    # A skewed topic choice, as on real sites: a few topics fill most pages.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(TOPICS))]
    for number in range(1, count + 1):
        organization = rng.choice(ORGANIZATIONS)
        topic = rng.choices(TOPICS, weights)[0]
        genre = rng.choice(GENRES)
        title = f"{organization}关于{rng.choice(ACTIONS)}{topic}工作的{genre}"
        values = {
            "basis": rng.choice(BASES),
            "genre": genre,
            "topic": topic,
            "org": organization,
            "year": rng.randint(2015, 2025),
            "quarter": rng.randint(1, 4),
            "phone": rng.randint(10_000_000, 99_999_999),
            "years": rng.randint(2, 5),
            "count": rng.randint(3, 300),
            "people": rng.randint(50, 9000),
            "money": rng.randint(10, 5000),
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
        }
        sentences = [rng.choice(SENTENCES).format(**values) for _ in range(rng.randint(4, 12))]
        other = rng.choices(TOPICS, weights)[0]
        sentences.insert(rng.randint(0, len(sentences)), f"同时统筹做好{other}相关工作。")
        doc_number = f"青{organization[3:5]}发〔{values['year']}〕{number % 200 + 1}号" if number % 3 == 0 else ""
        date = start + timedelta(seconds=rng.randrange(span))
        yield number, title, "".join(sentences), date, organization, doc_number


def queries(rng: random.Random) -> dict[str, list[str]]:
    common, rare = TOPICS[:8], TOPICS[-15:]
    words = ["通知", "公示", "资金", "申请", "补贴", "安全", "审核", "办理"]
    return {
        "one_word": [rng.choice(common + rare + words) for _ in range(QUERY_SAMPLES)],
        "two_words": [f"{rng.choice(common + rare)} {rng.choice(words)}" for _ in range(QUERY_SAMPLES)],
        "three_words": [
            f"{rng.choice(common + rare)} {rng.choice(words)} {rng.choice(GENRES)}" for _ in range(QUERY_SAMPLES)
        ],
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(milliseconds: list[float]) -> dict:
    return {
        "samples": len(milliseconds),
        "p50_ms": round(statistics.median(milliseconds), 2),
        "p95_ms": round(percentile(milliseconds, 0.95), 2),
        "max_ms": round(max(milliseconds), 2),
    }


def parse_args(argv: list[str]) -> dict:
    options = {"size": 100_000, "backend": "embedded", "scan": True, "reuse": False, "replicate": 0}
    for arg in argv:
        if arg.startswith("--size="):
            options["size"] = int(arg.split("=", 1)[1].replace("_", "").replace(",", ""))
        elif arg.startswith("--backend="):
            options["backend"] = arg.split("=", 1)[1]
        elif arg == "--no-scan":
            options["scan"] = False
        elif arg == "--reuse":
            options["reuse"] = True
        elif arg.startswith("--replicate="):
            options["replicate"] = int(arg.split("=", 1)[1].replace("_", "").replace(",", ""))
    return options


def main(argv: list[str]) -> dict:
    options = parse_args(argv)
    size = options["size"]
    work = Path("var/bench").resolve()
    index_dir = work / f"search-index-{size}"
    database = work / f"search-{size}.sqlite3"
    if options["backend"] == "postgres":
        setup_django()
    else:  # embedded, or service (the service process reads the same SQLite file and index folder)
        work.mkdir(parents=True, exist_ok=True)
        setup_django(f"sqlite:///{database}")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.GONGKAI_SEARCH_INDEX_DIR = index_dir
    settings.GONGKAI_SEARCH_BACKEND = options["backend"]
    call_command("migrate", verbosity=0)
    service = start_service(settings, index_dir, database) if options["backend"] == "service" else None
    try:
        return measure_search(options, figures_of(options, connection), index_dir, size)
    finally:
        if service is not None:
            service.terminate()
            service.wait(timeout=60)


def figures_of(options, connection) -> dict:
    return {"size": options["size"], "backend": options["backend"], "database": connection.vendor}


def start_service(settings, index_dir, database):
    """`gongkai searchservice` on a free port over the benchmark's index and database, as on a search machine."""
    import secrets
    import socket
    import subprocess
    import sys
    import urllib.request
    from contextlib import closing

    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_urlsafe(32)
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "GONGKAI_SEARCH_INDEX_DIR": str(index_dir),
        "GONGKAI_SEARCH_SERVICE_TOKEN": token,
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "gongkai", "searchservice", "--bind", f"127.0.0.1:{port}"], env=environment
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5):  # noqa: S310 - our own service
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("the search service did not start") from None
            time.sleep(0.3)
    settings.GONGKAI_SEARCH_SERVICE_URL = url
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = token
    print(f"  search service at {url} (pid {process.pid})", flush=True)
    return process


def measure_search(options, figures, index_dir, size):  # noqa: C901 - one branch per option, read top to bottom

    from django.db.models import Q

    from gongkai.search import selectors
    from gongkai.search.backends import get_backend
    from gongkai.search.documents import SearchDocument, SearchFilters
    from gongkai.search.models import IndexedDocument
    from gongkai.search.segmentation import Dictionary
    from gongkai.search.sources import Source, register_source

    class BenchSource(Source):
        kind = "bench"

        def public_ids(self, ids):
            return set(ids)

    register_source(BenchSource())

    def documents():
        for number, title, body, date, organization, doc_number in generate(size):
            yield SearchDocument(
                kind="bench",
                id=number,
                title=title,
                body=body,
                url=f"/bench/{number}/",
                date=date,
                fields={"organization": organization, "doc_number": doc_number},
                filters={"organization": (str(ORGANIZATIONS.index(organization)),)},
                lookup_keys=(doc_number,) if doc_number else (),
            )

    dictionary = Dictionary.from_words(ORGANIZATIONS + TOPICS)
    backend = get_backend()
    previous = RESULTS_DIR / f"search_{options['backend']}_{size}.json"
    if options["backend"] == "service" and not previous.exists():
        previous = RESULTS_DIR / f"search_embedded_{size}.json"  # the index an embedded run built
    if options["reuse"] and backend.document_count() == size and previous.exists():
        # Measure the queries again on the index and rows built by an earlier run (its build figures are kept).
        built = json.loads(previous.read_text(encoding="utf-8"))["figures"]
        figures["build_seconds"], figures["index_mb"] = built["build_seconds"], built["index_mb"]
    elif options["replicate"]:
        replicate(options, figures, backend, documents, dictionary, index_dir)
    else:
        build(options, figures, backend, documents, dictionary, index_dir, size)
    if options["backend"] == "service":
        time.sleep(5)  # the service reads the index into the page cache when it opens it (see below)
        figures["index_read_ahead"] = True
    if hasattr(backend, "wait_for_preload"):
        # A serving process reads the index into the page cache when it opens it (about a second at 1,000,000
        # records); measure queries as they run after that, not while the first disk reads are still under way.
        backend.wait_for_preload()
        figures["index_read_ahead"] = True
    rng = random.Random(SEED)
    results = {}
    sets = queries(rng)
    # The two-word queries again, narrowed to one organization and the last five years (the portal's filters).
    sets["two_words_filtered"] = sets["two_words"]
    for label, texts in sets.items():
        filtered = label.endswith("_filtered")
        selectors.search(texts[0])  # warm the segmenter and the page cache
        timings, cpu_timings, totals = [], [], []
        for number, text in enumerate(texts):
            organization = str(number % len(ORGANIZATIONS))
            narrowed = SearchFilters(organization=organization, date_from=datetime(2021, 1, 1, tzinfo=UTC).date())
            started, cpu_started = time.perf_counter(), time.process_time()
            page = selectors.search(text, narrowed if filtered else None)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
            totals.append(page.total)
        slowest = sorted(zip(timings, texts, totals, strict=True), reverse=True)[:3]
        results[label] = {
            **summary(timings),
            # CPU time of this process: what the query costs, less disturbed by other load on the machine.
            "cpu": summary(cpu_timings),
            "median_matches": int(statistics.median(totals)),
            "slowest": [{"query": text, "ms": round(ms, 1), "matches": total} for ms, text, total in slowest],
        }
        if options["scan"] and not filtered:
            scan_timings = []
            for text in texts[:SCAN_SAMPLES]:
                condition = Q()
                for word in text.split():
                    condition &= Q(title__icontains=word) | Q(body__icontains=word)
                started = time.perf_counter()
                rows = IndexedDocument.objects.filter(condition)
                list(rows.order_by("-date").values_list("id", flat=True)[:20])
                rows.count()
                scan_timings.append((time.perf_counter() - started) * 1000)
            results[label]["icontains"] = summary(scan_timings)
            results[label]["speedup_p50"] = round(
                results[label]["icontains"]["p50_ms"] / max(results[label]["p50_ms"], 0.01), 1
            )
        print(f"  {label}: {results[label]}", flush=True)
    exact = [f"青{org[3:5]}发〔2019〕{n}号" for org, n in zip(ORGANIZATIONS, range(1, 60, 3), strict=False)]
    timings = []
    for text in exact:
        started = time.perf_counter()
        selectors.search(text)
        timings.append((time.perf_counter() - started) * 1000)
    results["document_number"] = summary(timings)
    if options["backend"] == "service":
        results["concurrent"] = concurrent_searches(selectors, sets["two_words"], CONCURRENT_CLIENTS)
        print(f"  concurrent: {results['concurrent']}", flush=True)
    figures["queries"] = results
    figures["load_average_at_end"] = [round(value, 1) for value in os.getloadavg()]
    write_results(f"search_{options['backend']}_{size}", figures)
    return figures


def build(options, figures, backend, documents, dictionary, index_dir, size):
    from django.db import connection

    from gongkai.search.models import IndexedDocument

    if index_dir.exists():
        shutil.rmtree(index_dir)
    progress_every = max(size // 20, 1)

    def progress(done):
        if done % progress_every == 0:
            print(f"  indexed {done}/{size}", flush=True)

    started = time.perf_counter()
    backend.rebuild(documents(), dictionary, refresh=lambda keys: {}, progress=progress)
    figures["build_seconds"] = round(time.perf_counter() - started, 1)
    if options["backend"] in ("embedded", "service"):
        figures["index_mb"] = round(sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 2**20, 1)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_indexeddocument')")
            figures["index_mb"] = round(cursor.fetchone()[0] / 2**20, 1)
    print(f"  built in {figures['build_seconds']} s, {figures['index_mb']} MB", flush=True)

    # The same rows in a plain table for the naive scan (the PostgreSQL backend's table already holds them).
    if options["scan"] and options["backend"] == "embedded":
        IndexedDocument.objects.all().delete()
        batch = []
        for number, title, body, date, _organization, _doc_number in generate(size):
            batch.append(
                IndexedDocument(
                    key=f"bench:{number}",
                    kind="bench",
                    object_id=number,
                    title=title,
                    body=body,
                    title_tokens="",
                    body_tokens="",
                    url="",
                    date=date,
                )
            )
            if len(batch) == 5000:
                IndexedDocument.objects.bulk_create(batch)
                batch = []
        IndexedDocument.objects.bulk_create(batch)


def replicate(options, figures, backend, documents, dictionary, index_dir):
    """PostgreSQL only: reach --size by copying the first --replicate records in SQL (new ids, dates moved back by
    37 days per copy, so date order and ties stay realistic). Word statistics are those of the base set, and match
    counts grow with the size exactly as with generated records; what this saves is the Python segmentation of
    every record (about 45 minutes per million on this machine), not any database work: the tsvector column and
    the RUM index are computed by PostgreSQL for every copied row."""
    from django.db import connection

    from gongkai.search.models import IndexedDocument

    base, size = options["replicate"], options["size"]
    if options["backend"] != "postgres" or size % base:
        raise SystemExit("--replicate needs --backend=postgres and a --size that is a multiple of it")
    if IndexedDocument.objects.count() == size and existing_rum_index():
        print(f"  reusing the {size} rows and the RUM index of an earlier run", flush=True)
        return
    with connection.cursor() as cursor:
        # Maintaining the RUM index row by row costs about 10 s per 1,000 rows on this loaded machine; build it once
        # over all rows at the end instead (see docs/search.md: rebuild cost).
        cursor.execute("DROP INDEX IF EXISTS search_document_vector_rum")
    if IndexedDocument.objects.count() != base or IndexedDocument.objects.filter(object_id__gt=base).exists():
        first = lambda: documents_of(documents, base)  # noqa: E731 - the same records as generate(base)
        build({**options, "size": base}, figures, backend, first, dictionary, index_dir, base)
        figures["base_build_seconds"] = figures.pop("build_seconds")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_indexeddocument
                (key, kind, object_id, title, body, title_tokens, body_tokens, url, date, fields, facets, lookup_keys)
            SELECT 'bench:' || (object_id + copy * %(base)s), kind, object_id + copy * %(base)s, title, body,
                   title_tokens, body_tokens, '/bench/' || (object_id + copy * %(base)s) || '/',
                   date - make_interval(days => copy * 37), fields, facets, lookup_keys
            FROM search_indexeddocument, generate_series(1, %(copies)s) AS copy
            WHERE object_id <= %(base)s
            """,
            {"base": base, "copies": size // base - 1},
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        copied = time.perf_counter()
        cursor.execute(
            "CREATE INDEX search_document_vector_rum ON search_indexeddocument USING rum (vector rum_tsvector_ops)"
        )
        cursor.execute("VACUUM ANALYZE search_indexeddocument")
        figures["replicated_from"] = base
        figures["copy_seconds"] = round(copied - started, 1)
        figures["rum_index_seconds"] = round(time.perf_counter() - copied, 1)
        figures["build_seconds"] = round(time.perf_counter() - started, 1)
        cursor.execute("SELECT pg_total_relation_size('search_indexeddocument')")
        figures["index_mb"] = round(cursor.fetchone()[0] / 2**20, 1)
    print(f"  copied to {size} in {figures['build_seconds']} s, {figures['index_mb']} MB", flush=True)


CONCURRENT_CLIENTS = 4
CONCURRENT_ROUNDS = 5


def concurrent_searches(selectors, texts, clients):
    """Several app-server threads searching at once (each with its own keep-alive connection): what the service
    answers per second on this machine, and the latency each searcher sees meanwhile. The clients share the
    machine's two cores with the service, so this is a lower bound for a dedicated search machine."""
    import threading

    from django.db import connection

    timings: list[float] = []
    lock = threading.Lock()

    def client(number):
        mine = []
        for round_number in range(CONCURRENT_ROUNDS):
            for text in texts[number::clients] if round_number % 2 else texts:
                started = time.perf_counter()
                selectors.search(text)
                mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, **summary(timings), "searches_per_second": round(len(timings) / elapsed, 1)}


def documents_of(documents, count):
    for number, document in enumerate(documents(), start=1):
        if number > count:
            return
        yield document


def existing_rum_index() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_document_vector_rum'")
        return cursor.fetchone() is not None
