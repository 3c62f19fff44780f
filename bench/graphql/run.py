"""Benchmark of the GraphQL service against a bare starlette ceiling, on the
embedded read model and on the search engine side by side.

Run (from the repository root, with wrk installed: ``apt-get install -y wrk``)::

    .venv/bin/python bench/graphql/run.py            # 5,000 and 50,000 items
    .venv/bin/python bench/graphql/run.py --source generated --sizes 5000 50000
    .venv/bin/python bench/graphql/run.py --sizes 5000 --duration 5

For each size and backend (``--backends``, default both: the embedded read
model and the engine, a single OpenSearch node of ``tests/engine`` started for
the run; embedded only, with a note, where the engine cannot be built) it
builds a read model (kept in ``--workdir`` and reused): by default the CMS's
demo content scaled by that many generated news pages in six languages with
the demo's images, indexed by the CMS's own ``rebuild_search_index``; with
``--source generated``, generated documents of every type written through the
backend's bulk API (quicker to build). Then, on loopback only:

1. starts the service (uvicorn, 2 workers, httptools + uvloop) with the
   response cache off and measures (a) the uncached feed "20 newest news
   items in Danish with title, date, lead, URL and a 400-pixel rendition"
   and (b) a two-word search with four facets and highlights;
2. starts it again with the cache on and measures the cached feed;
3. once per size, starts a bare starlette endpoint on the same stack
   returning the same response bytes (``bench/graphql/ceiling.py``): the
   ceiling.

Each workload runs with wrk at 32 connections (throughput) and at 1
connection (latency). It prints requests/s, p50, p99, each workload's ratio
to the ceiling, CPU per request (the service's and the engine node's), the
resident memory of each service worker, build time and size of each read
model, the engine's figures over the embedded ones, and the goals (2 cores,
2 workers, 32 connections): cached feed >= 50% of the ceiling, uncached feed
>= 600 req/s, search >= 300 req/s, p99 < 20 ms at one connection for the
uncached feed and search, 50k within 1.5x of 5k, RSS < 200 MB per worker.

Last, per backend, publish-to-searchable (``--publishes``, default 20): a
news page published in a throwaway CMS writes an outbox row, an indexer
thread drains it into a new, nearly empty read model, and the time until a
GraphQL search (cache off) finds the page's word is taken (median, p95).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.publishing import indexer, news_index, publish_latencies  # noqa: E402
from graphql_service.keys import write_key_file  # noqa: E402
from search.backends import get_backend  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.documents import Document, ImageInfo, Rendition  # noqa: E402
from search.testing import THEME_CONCEPTS, generate_documents  # noqa: E402
from tests.engine.fixtures import engine_config, engine_environment  # noqa: E402
from tests.engine.node import EngineNode, EngineUnavailableError  # noqa: E402

BENCH_KEY = "bench-key-000000000000"
HEADERS = {"X-API-Key": BENCH_KEY}
APP = "graphql_service.app:create_app"
CEILING = "bench.graphql.ceiling:create_app"
BACKENDS = ("embedded", "engine")
WORKLOADS = ("feed uncached", "feed cached", "search")
FEED = (
    "query Feed($locale: LocaleCode!) { newsArticles(locale: $locale, first: 20) "
    "{ edges { node { id title date lead url "
    "image { alt rendition(width: 400) { url width height } } } } } }"
)
SEARCH = (
    "query Search($text: String!, $locale: LocaleCode!) { "
    "search(text: $text, locale: $locale, first: 10) { totalCount didYouMean "
    "facets { types { value count } themes { theme { slug name } count } "
    "countries { country { slug name } count } years { value count } } "
    "edges { node { id title url } highlights { title lead body } } } }"
)
SEARCH_TEXT = "integration arbejdsmarked"
PROBE = (
    "query Probe($text: String!, $locale: LocaleCode!) { "
    "search(text: $text, locale: $locale, first: 1) { totalCount } }"
)


@dataclass
class Result:
    workload: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_ms_per_request: float = float("nan")
    engine_cpu_ms_per_request: float = 0.0

    @property
    def total_cpu_ms(self) -> float:
        """CPU per request of the service and the engine node together."""
        return self.cpu_ms_per_request + self.engine_cpu_ms_per_request


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_documents(count: int) -> Iterator[Document]:
    """Generated items; every news item gets an image and a realistic payload."""
    names = {slug: slug.replace("-", " ").capitalize() for slug in THEME_CONCEPTS}
    taxonomy_id = 0
    for slug, name in names.items():
        for locale in ("da", "nb", "sv", "fi", "is", "en"):
            taxonomy_id += 1
            yield Document(
                id=f"theme:{taxonomy_id}",
                type="theme",
                locale=locale,
                translation_key=f"theme-{slug}",
                title=name,
                published_at=datetime(2024, 1, 1, tzinfo=UTC),
                updated_at=datetime(2024, 1, 1, tzinfo=UTC),
                version=1,
                payload={"slug": slug, "name": name, "description": ""},
            )
    for document in generate_documents(count, seed=11):
        if document.type != "news":
            yield document
            continue
        number = document.translation_key.rsplit("-", 1)[-1]
        image = ImageInfo(
            alt=document.title,
            credit="Norden.org",
            width=1600,
            height=900,
            renditions=tuple(
                Rendition(spec, f"/media/images/{number}.{spec}.webp", w, h)
                for spec, w, h in (
                    ("fill-400x225", 400, 225),
                    ("fill-800x450", 800, 450),
                    ("width-1200", 1200, 675),
                )
            ),
        )
        yield replace(
            document,
            image=image,
            payload={
                "url": f"https://integrationnorden.org{document.url_path}",
                "seo_title": "",
                "search_description": document.lead,
                "date": document.sort_date.date().isoformat(),
                "body_html": f"<p>{document.body}</p>",
                "related": [],
            },
        )


@dataclass
class Target:
    """A read model the service is measured on."""

    backend: str
    env: dict[str, str]
    build_seconds: float
    size_mb: float
    engine_pids: list[int] = field(default_factory=list)
    node_rss_mb: float = 0.0


def built_seconds(marker: Path) -> float | None:
    """Build time of a read model kept from an earlier run (``None``: rebuild)."""
    try:
        return float(marker.read_text())
    except (OSError, ValueError):
        return None


def manage(data: Path, command: list[str], env: dict[str, str]) -> float:
    """Run a CMS command on the database in ``data``; return its seconds."""
    environ = {**os.environ, "HUB_DATA_DIR": str(data), **env}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    if "SEARCH_PATH" not in env:
        environ.pop("SEARCH_PATH", None)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(REPO / "cms" / "manage.py"), *command],
        env=environ,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def folder_mb(path: Path) -> float:
    files = (item for item in path.rglob("*") if item.is_file())
    return sum(item.stat().st_size for item in files) / 2**20


def build_cms_index(workdir: Path, count: int) -> Target:
    """The CMS's demo content scaled by ``count`` generated news pages (with the
    demo's images), indexed by the CMS's own rebuild command."""
    data = workdir / f"cms-{count}"
    index = data / "search"
    marker = data / "BENCH_BUILT"
    seconds = built_seconds(marker)
    if seconds is None:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        started = time.perf_counter()
        for command in (
            ["migrate", "--noinput"],
            ["load_glossary"],
            ["load_demo_data", "--scale", str(count)],
        ):
            manage(data, command, {})
        seconds = manage(data, ["rebuild_search_index"], {})
        marker.write_text(str(seconds))
        print(
            f"  demo content + {count:,} generated pages indexed by the CMS in "
            f"{time.perf_counter() - started:.0f} s"
        )
    return Target("embedded", embedded_env(index), seconds, folder_mb(index))


def build_index(workdir: Path, count: int) -> Target:
    path = workdir / f"index-{count}"
    marker = path / "BENCH_BUILT"
    seconds = built_seconds(marker)
    if seconds is None:
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        backend = EmbeddedBackend(path)
        try:
            # As rebuild_search_index builds a read model (one indexing
            # thread per CPU; changes go through one).
            backend.reindex(bench_documents(count))
        finally:
            backend.close()
        seconds = time.perf_counter() - started
        marker.write_text(str(seconds))
        print(f"  built {count:,} items in {seconds:.1f} s")
    return Target("embedded", embedded_env(path), seconds, folder_mb(path))


def embedded_env(path: Path) -> dict[str, str]:
    return {"SEARCH_BACKEND": "search.backends.embedded", "SEARCH_PATH": str(path)}


def build_engine_index(
    workdir: Path, url: str, pid: int | None, count: int, source: str
) -> Target:
    """The same items on the engine at ``url`` (whose data lasts one run):
    generated documents through the backend's bulk API, or (``cms``) the
    scaled CMS database rebuilt into the engine by the CMS's own command.
    ``pid``: the node's process, whose CPU is counted (``None``: not ours)."""
    prefix = f"bench-{count}-"
    env = engine_environment([url], prefix)
    if source == "cms":
        build_cms_index(workdir, count)  # the database the rebuild reads
        seconds = manage(workdir / f"cms-{count}", ["rebuild_search_index"], env)
    else:
        started = time.perf_counter()
        # No refresh per bulk chunk while building: one at the end.
        backend = get_backend(engine_config([url], prefix, REFRESH="false"))
        try:
            backend.bulk(bench_documents(count))
            backend.refresh()
        finally:
            backend.close()
        seconds = time.perf_counter() - started
    print(f"  engine: built {count:,} items in {seconds:.1f} s")
    indices = f"{url}/_cat/indices/{prefix}*?format=json&bytes=b"
    with urllib.request.urlopen(indices, timeout=30) as response:  # noqa: S310
        size = sum(int(row["store.size"] or 0) for row in json.load(response))
    return Target("engine", env, seconds, size / 2**20, [pid] if pid else [])


def start_engine(home: Path) -> EngineNode:
    """A single-node engine on a new data folder, stopped again if it fails."""
    shutil.rmtree(home, ignore_errors=True)
    node = EngineNode(home, settings={"discovery.type": "single-node"})
    try:
        node.start()
        node.wait_until_up()
    except EngineUnavailableError:
        node.stop()
        raise
    return node


def wait_ready(url: str, workers: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    ready = 0
    while time.monotonic() < deadline and ready < workers * 5:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                ready += response.status == 200
        except OSError:
            time.sleep(0.2)
    if ready < workers * 5:
        raise RuntimeError(f"{url} did not become ready")


@contextmanager
def serving(
    app: str,
    env: dict[str, str],
    log: Path,
    probe: str = "/healthz",
    workers: int = 2,
) -> Iterator[tuple[int, int]]:
    """Run ``app`` under uvicorn (``workers`` workers) until the block ends;
    yields its port and the master's pid once every worker answers ``probe``."""
    port = free_port()
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our interpreter, our modules
            [
                sys.executable,
                "-m",
                "uvicorn",
                app,
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--http",
                "httptools",
                "--loop",
                "uvloop",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env={**os.environ, "PYTHONPATH": str(REPO), **env},
            cwd=str(REPO),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_ready(f"http://127.0.0.1:{port}{probe}", workers)
        yield port, process.pid
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def worker_pids(master: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{master}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(pid) for pid in text)
    return children


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes (their threads included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """A process's resident memory: all of it (``VmRSS``, which counts the
    pages of the read model's mapped files it touched, shared with every
    other reader and dropped first when memory is short), or its own
    (``RssAnon``)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def worker_rss_mb(master: int, field: str = "VmRSS") -> list[float]:
    sizes = []
    for pid in worker_pids(master):
        with suppress(OSError):
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"multiprocessing" in cmdline and b"resource_tracker" in cmdline:
                continue
        size = rss_mb(pid, field)
        if size is not None:
            sizes.append(size)
    return sizes


def wrk(
    url: str,
    connections: int,
    duration: int,
    headers: dict[str, str],
    script: Path | None = None,
) -> Result:
    """``url`` under load; a Lua ``script`` may write each request itself."""
    threads = min(2, connections)
    # A 10 s timeout (wrk's is 2 s): slow answers count in the latencies.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    command += ["--timeout", "10s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    total = re.search(r"(\d+) requests in", output)

    def latency(label: str) -> float:
        if total is None or total.group(1) == "0":
            return float("nan")
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        print(f"    wrk socket errors: {socket_errors.group(1)}")
    return Result(
        workload="",
        connections=connections,
        requests_per_second=float(rps.group(1)) if rps else 0.0,
        p50_ms=latency("50%"),
        p99_ms=latency("99%"),
        errors=int(errors.group(1)) if errors else 0,
        requests=int(total.group(1)) if total else 0,
    )


def url_for(port: int, query: str, variables: dict[str, str]) -> str:
    params = urllib.parse.urlencode(
        {"query": query, "variables": json.dumps(variables)}
    )
    return f"http://127.0.0.1:{port}/graphql?{params}"


def get(url: str) -> bytes:
    request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        body: bytes = response.read()
    return body


def drain(pids: list[int], timeout: float = 10.0) -> None:
    """Wait until ``pids`` stop using CPU (at most ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    used = cpu_seconds(pids)
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = cpu_seconds(pids)
        if now - used < 0.01:
            return
        used = now


def measure(
    name: str, url: str, duration: int, master: int, engine_pids: list[int]
) -> list[Result]:
    wrk(url, 8, 2, HEADERS)  # warm-up
    results = []
    pids = worker_pids(master) or [master]
    for connections in (32, 1):
        # Requests still queued from the run before would be charged to this
        # one (its first requests wait behind them, its CPU includes them).
        drain([*pids, *engine_pids])
        before, engine_before = cpu_seconds(pids), cpu_seconds(engine_pids)
        result = wrk(url, connections, duration, HEADERS)
        used = cpu_seconds(pids) - before
        engine_used = cpu_seconds(engine_pids) - engine_before
        if result.requests:
            result.cpu_ms_per_request = used * 1000 / result.requests
            result.engine_cpu_ms_per_request = engine_used * 1000 / result.requests
        result.workload = name
        results.append(result)
        print(
            f"    {name:<16} c={connections:<3} "
            f"{result.requests_per_second:>9.0f} req/s"
            f"  p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms"
            f"  server CPU {result.cpu_ms_per_request:6.3f} ms/req"
            + (
                f" + engine {result.engine_cpu_ms_per_request:6.3f}"
                if engine_pids
                else ""
            )
            + (f"  ({result.errors} errors)" if result.errors else "")
        )
    return results


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def share_translation_cache(workdir: Path) -> None:
    """Give this process and those it starts (builder, writer, service) one
    translation cache in ``workdir``, as the indexer and the service of one
    machine share theirs (:mod:`search.translation_cache`)."""
    os.environ.setdefault("SEARCH_TRANSLATION_CACHE", str(workdir / "translations"))


def service_env(workdir: Path, search: dict[str, str]) -> dict[str, str]:
    """The service's environment: ``search`` names the read model."""
    keys = workdir / "api_keys.json"
    write_key_file(
        keys, BENCH_KEY, key_id="bench", name="Benchmark", rate_limit_per_minute=10**8
    )
    return {
        **search,
        "HUB_API_KEYS_FILE": str(keys),
        "HUB_API_USAGE_DB": str(workdir / "usage.sqlite3"),
        "HUB_SEARCH_ANALYTICS_DB": str(workdir / "search_analytics.sqlite3"),
    }


def run_service(
    workdir: Path, count: int, duration: int, target: Target
) -> tuple[list[Result], list[float], bytes]:
    """The service on one read model: feed and search with the response cache
    off, the feed with it on; returns the results, worker RSS and feed body."""
    env = service_env(workdir, target.env)
    name = f"{target.backend}-{count}"
    results: list[Result] = []
    rss: list[float] = []
    feed_vars = {"locale": "da"}
    search_vars = {"text": SEARCH_TEXT, "locale": "da"}
    pids = target.engine_pids

    print(f"  {target.backend}: service, response cache off (load average {load()})")
    uncached = {**env, "GRAPHQL_RESPONSE_CACHE": "false"}
    with serving(APP, uncached, workdir / f"uncached-{name}.log") as (port, master):
        feed = url_for(port, FEED, feed_vars)
        results += measure("feed uncached", feed, duration, master, pids)
        search = url_for(port, SEARCH, search_vars)
        results += measure("search", search, duration, master, pids)
        rss += worker_rss_mb(master)

    print(f"  {target.backend}: service, response cache on (load average {load()})")
    with serving(APP, env, workdir / f"cached-{name}.log") as (port, master):
        feed = url_for(port, FEED, feed_vars)
        body = get(feed)
        if b'"errors"' in body or b'"edges":[{' not in body:
            raise RuntimeError(f"unexpected feed response: {body[:300]!r}")
        results += measure("feed cached", feed, duration, master, pids)
        rss += worker_rss_mb(master)
    for pid in pids:
        target.node_rss_mb = rss_mb(pid) or 0.0
        print(f"  engine node RSS: {target.node_rss_mb:.0f} MB")
    print(
        f"  feed response: {len(body):,} bytes; worker RSS: "
        + ", ".join(f"{size:.0f} MB" for size in rss)
    )
    return results, rss, body


def run_ceiling(workdir: Path, count: int, duration: int, body: bytes) -> list[Result]:
    print(f"  ceiling: bare starlette, same bytes (load average {load()})")
    body_file = workdir / f"feed-{count}.json"
    body_file.write_bytes(body)
    env = {"BENCH_BODY_FILE": str(body_file)}
    with serving(CEILING, env, workdir / f"ceiling-{count}.log", "/graphql") as (
        port,
        master,
    ):
        url = f"http://127.0.0.1:{port}/graphql"
        return measure("ceiling", url, duration, master, [])


def publish_to_searchable(
    workdir: Path, targets: dict[str, dict[str, str]], samples: int
) -> dict[str, list[float]]:
    """Seconds from a CMS publish to the item's word being found by a GraphQL
    search (uncached service), per backend: outbox row, indexer drain, read."""
    data = workdir / "publish-cms"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    index = news_index(data)
    from django.conf import settings

    from indexing.backend import get_search_backend

    latencies = {}
    for backend, search in targets.items():
        search = search or embedded_env(Path(settings.SEARCH_PATH))
        os.environ.update(search)  # the CMS's indexer writes where the service reads
        writer = get_search_backend()
        writer.reindex([])  # the (empty) read model exists before the service opens it
        env = {**service_env(workdir, search), "GRAPHQL_RESPONSE_CACHE": "false"}
        log = workdir / f"publish-{backend}.log"
        try:
            # /livez: /healthz is not ready while the read model is empty.
            with serving(APP, env, log, "/livez") as (port, _), indexer(writer):

                def visible(word: str) -> bool:
                    url = url_for(port, PROBE, {"text": word, "locale": "en"})
                    found: int = json.loads(get(url))["data"]["search"]["totalCount"]
                    return found > 0

                publish_latencies(index, visible, 1, f"warm{backend}")
                latencies[backend] = publish_latencies(index, visible, samples, backend)
        finally:
            writer.close()
    return latencies


Runs = dict[tuple[int, str], tuple[list[Result], list[float]]]


def ratio(value: float, base: float) -> str:
    """``value / base`` as ``1.23x`` (``n/a`` where there is nothing to divide)."""
    if not base or math.isnan(base) or math.isnan(value):
        return "n/a"
    return f"{value / base:.2f}x"


def table_of(results: list[Result]) -> dict[str, dict[int, Result]]:
    table: dict[str, dict[int, Result]] = {}
    for result in results:
        table.setdefault(result.workload, {})[result.connections] = result
    return table


def report(runs: Runs, targets: dict[tuple[int, str], Target]) -> None:
    print("\n== summary (req/s at 32 connections; latency at 1 connection) ==")
    print(
        f"{'items':>7} {'backend':<9} {'workload':<14} {'req/s':>7} "
        f"{'x ceiling':>9} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
        f"{'engine':>7} {'2 cores':>8}"
    )
    goals: list[tuple[str, bool]] = []
    for (count, backend), (results, rss) in runs.items():
        table = table_of(results)
        ceiling = table["ceiling"][32].requests_per_second
        for name, rows in table.items():
            if (
                name == "ceiling"
                and backend != "embedded"
                and (count, "embedded") in runs
            ):
                continue  # one ceiling row per size
            many, one = rows[32], rows[1]
            total = many.total_cpu_ms
            print(
                f"{count:>7} {backend:<9} {name:<14} {many.requests_per_second:>7.0f} "
                f"{many.requests_per_second / ceiling:>9.0%} "
                f"{one.p50_ms:>7.2f} {one.p99_ms:>7.2f} "
                f"{many.cpu_ms_per_request:>10.3f} "
                f"{many.engine_cpu_ms_per_request:>7.3f} "
                f"{2000 / total if total else 0:>8.0f}"
            )
        label = f"{count} {backend}"
        goals += [
            (
                f"{label}: cached feed >= 50% of ceiling",
                table["feed cached"][32].requests_per_second >= 0.5 * ceiling,
            ),
            (
                f"{label}: uncached feed >= 600 req/s",
                table["feed uncached"][32].requests_per_second >= 600,
            ),
            (
                f"{label}: search >= 300 req/s",
                table["search"][32].requests_per_second >= 300,
            ),
            (
                f"{label}: uncached feed p99 < 20 ms (1 conn)",
                table["feed uncached"][1].p99_ms < 20,
            ),
            (f"{label}: search p99 < 20 ms (1 conn)", table["search"][1].p99_ms < 20),
            (f"{label}: RSS < 200 MB per worker", bool(rss) and max(rss) < 200),
        ]
    sizes = sorted({count for count, _ in runs})
    for backend in sorted({backend for _, backend in runs}):
        if len(sizes) < 2 or (sizes[-1], backend) not in runs:
            continue
        small = table_of(runs[sizes[0], backend][0])
        large = table_of(runs[sizes[-1], backend][0])
        for name in WORKLOADS:
            base_rps = small[name][32].requests_per_second
            slowdown = base_rps / max(large[name][32].requests_per_second, 1e-9)
            goals.append(
                (
                    f"{backend} {name}: {sizes[-1]} within 1.5x of {sizes[0]} "
                    f"(x{slowdown:.2f})",
                    base_rps > 0 and slowdown <= 1.5,
                )
            )
    print(
        "\n'CPU ms/req': CPU time the service's processes used per request at 32 "
        "connections;\n'engine': the engine node's CPU per request; '2 cores': 2000 "
        "/ their sum, the rate\ntwo otherwise idle cores could serve (not counting "
        "wrk's own CPU).\nCompare with req/s when the machine was busy."
    )
    compare(runs, targets, sizes)
    print("\n== goals ==")
    for text, ok in goals:
        print(f"  [{'ok' if ok else 'MISSED'}] {text}")


def compare(
    runs: Runs, targets: dict[tuple[int, str], Target], sizes: list[int]
) -> None:
    """Read models built, and the engine's figures over the embedded ones."""
    print("\n== read models ==")
    print(
        f"{'items':>7} {'backend':<9} {'build s':>8} {'index MB':>9} "
        f"{'node RSS MB':>12}"
    )
    for (count, backend), target in targets.items():
        print(
            f"{count:>7} {backend:<9} {target.build_seconds:>8.1f} "
            f"{target.size_mb:>9.1f} {target.node_rss_mb or float('nan'):>12.0f}"
        )
    pairs = [
        count
        for count in sizes
        if {(count, "embedded"), (count, "engine")} <= set(runs)
    ]
    if not pairs:
        return
    print("\n== engine / embedded ==")
    print(f"{'items':>7} {'workload':<14} {'req/s':>7} {'p99':>7} {'CPU/req':>8}")
    for count in pairs:
        (embedded, embedded_rss), (engine, engine_rss) = (
            runs[count, "embedded"],
            runs[count, "engine"],
        )
        ours, theirs = table_of(embedded), table_of(engine)
        for name in WORKLOADS:
            (base, base_one), (other, other_one) = (
                (ours[name][32], ours[name][1]),
                (theirs[name][32], theirs[name][1]),
            )
            print(
                f"{count:>7} {name:<14} "
                f"{ratio(other.requests_per_second, base.requests_per_second):>7} "
                f"{ratio(other_one.p99_ms, base_one.p99_ms):>7} "
                f"{ratio(other.total_cpu_ms, base.total_cpu_ms):>8}"
            )
        rss = ratio(max(engine_rss, default=0), max(embedded_rss, default=0))
        print(f"{count:>7} {'RSS/worker':<14} {rss:>7}")
    print(
        "(req/s at 32 connections, p99 at 1; CPU per request counts the engine "
        "node's CPU too;\nRSS: the largest service worker, the node not included)"
    )


def print_publish(latencies: dict[str, list[float]]) -> None:
    print("\n== publish to searchable (CMS publish -> outbox -> indexer -> GraphQL) ==")
    for backend, values in latencies.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(
            f"  {backend:<9} median {statistics.median(values):.2f} s  p95 {p95:.2f} s"
            f"  max {ordered[-1]:.2f} s  over {len(values)} publishes"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/hub-bench-graphql"),  # noqa: S108
        help="where the read models are built (and reused)",
    )
    parser.add_argument(
        "--source",
        choices=("cms", "generated"),
        default="cms",
        help=(
            "cms: the demo content scaled through the CMS and its indexer (minutes "
            "to build at 50,000); generated: documents written straight into the "
            "read model (seconds)"
        ),
    )
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=BACKENDS,
        default=None,
        help="read models to measure (default: both, embedded only where the "
        "engine cannot be built)",
    )
    parser.add_argument(
        "--publishes",
        type=int,
        default=20,
        help="publish-to-searchable samples per backend (0: skip)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    share_translation_cache(args.workdir)
    backends: list[str] = args.backends or list(BACKENDS)
    print(f"cores: {os.cpu_count()}, load average {load()}")
    node: EngineNode | None = None
    if "engine" in backends:
        try:
            node = start_engine(args.workdir / "engine")
        except EngineUnavailableError as exc:
            if args.backends:
                print(f"engine backend unavailable: {exc}")
                return 2
            print(f"NOTE: embedded backend only, the engine is unavailable: {exc}")
            backends.remove("engine")
    runs: Runs = {}
    targets: dict[tuple[int, str], Target] = {}
    try:
        for count in args.sizes:
            print(f"\n== {count:,} items ({args.source}) ==")
            body = b""
            for backend in backends:
                if backend == "engine":
                    assert node is not None
                    target = build_engine_index(
                        args.workdir, node.url, node.pid, count, args.source
                    )
                elif args.source == "cms":
                    target = build_cms_index(args.workdir, count)
                else:
                    target = build_index(args.workdir, count)
                targets[count, backend] = target
                results, rss, body = run_service(
                    args.workdir, count, args.duration, target
                )
                runs[count, backend] = (results, rss)
            ceiling = run_ceiling(args.workdir, count, args.duration, body)
            for backend in backends:
                runs[count, backend][0].extend(ceiling)
        latencies = {}
        if args.publishes:
            print(f"\n== publish to searchable (load average {load()}) ==")
            search: dict[str, dict[str, str]] = {"embedded": {}}
            if node is not None:
                search["engine"] = engine_environment([node.url], "bench-publish-")
            search = {backend: search[backend] for backend in backends}
            latencies = publish_to_searchable(args.workdir, search, args.publishes)
    finally:
        if node is not None:
            node.stop()
    report(runs, targets)
    print_publish(latencies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
