"""The production search path on a real three-node engine cluster, under faults.

Editors publish in the CMS, the outbox is drained by :func:`drain_once` into
the engine backend named by :mod:`tests.engine.fixtures`, and a GraphQL
service runs as a real uvicorn process on the same cluster while a thread
searches through it (:mod:`.engine_load`). The read model's indices get one
replica from an index template, so every shard survives the loss of a node.

1. A node is killed (``kill -9``) while the indexer writes and the service
   is searched: at most clear 503s while a primary fails over, never a 500 or
   a wrong answer; after the node returns and the cluster is green, every
   document is there at its last version.
2. The whole cluster is stopped for a minute while editors publish: the outbox
   keeps every change, the drain fails cleanly and retries, the service says
   503; once the same nodes are back, the index converges and a partner that
   follows change sync ends up with exactly the hub's content.
3. A full rebuild (new index, alias swap) runs while the service is searched
   and editors publish: no failed request, no change lost across the swap.

The JVMs start once for the module. Figures go to the assertion messages and
to ``tests/artifacts/engine-faults.txt``.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from wagtail.models import Page

from indexing import worker
from indexing.models import OutboxEntry
from indexing.worker import drain_once
from news.models import NewsIndexPage, NewsPage
from search.backends import BaseBackend, get_backend
from tests.e2e.engine_admin import primary_holder, replica_template, replicas_of
from tests.e2e.engine_load import Ledger, SearchLoad, summary
from tests.engine.fixtures import engine_config, engine_environment, engine_unavailable
from tests.engine.node import EngineCluster, EngineUnavailableError
from tests.graphql_service.conftest import Server, launch

pytestmark = pytest.mark.django_db

ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "engine-faults.txt"
#: Every index of these tests starts with this (each test has its own prefix).
PREFIX = "faults"
#: The production back-off caps at 300 s; a short cap keeps the retries of a
#: minute-long outage inside the test's budget without changing what happens.
BACKOFF_CAP_SECONDS = 2
OUTAGE_SECONDS = 60.0
TEXTS = ("", "fault report")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineCluster]:
    engines = EngineCluster(tmp_path_factory.mktemp("engine-cluster"), size=3)
    try:
        engines.start()
    except EngineUnavailableError as exc:
        engines.stop()
        engine_unavailable(str(exc))
    try:
        replica_template(engines.live_url(), f"{PREFIX}-replicas", f"{PREFIX}*", 1)
        yield engines
    finally:
        engines.stop()


@pytest.fixture(scope="module")
def figures() -> Iterator[list[str]]:
    """Summary lines, written to the artifact after each scenario."""
    lines: list[str] = []
    yield lines


def record(figures: list[str], line: str) -> None:
    figures.append(line)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text("\n".join(figures) + "\n", "utf-8")


@pytest.fixture(autouse=True)
def _short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "MAX_BACKOFF_SECONDS", BACKOFF_CAP_SECONDS)


@dataclass
class Newsroom:
    """Editors writing news articles; every title goes to the ledger first."""

    index: NewsIndexPage
    ledger: Ledger = field(default_factory=Ledger)
    pages: list[NewsPage] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def open(cls, home: Page) -> Newsroom:
        index = NewsIndexPage(title="News", slug="news")
        home.add_child(instance=index)
        index.save_revision().publish()
        return cls(index)

    def publish(self) -> NewsPage:
        number = next(self.numbers)
        title = f"Fault report {number} revision 1"
        page = NewsPage(title=title, slug=f"report-{number}", live=False)
        self.index.add_child(instance=page)
        self.ledger.wrote(doc_id(page), title)
        page.save_revision().publish()
        self.pages.append(page)
        return page

    def revise(self, page: NewsPage) -> None:
        page.refresh_from_db()
        number, _, revision = page.title.removeprefix("Fault report ").partition(
            " revision "
        )
        title = f"Fault report {number} revision {int(revision) + 1}"
        self.ledger.wrote(doc_id(page), title)
        page.title = title
        page.save_revision().publish()

    def unpublish(self, page: NewsPage) -> None:
        """Take ``page`` down; it leaves the search floor first, so no answer
        is judged short for a removal that is on its way."""
        with self.ledger.lock:
            self.ledger.latest.pop(doc_id(page))
        self.acked.discard(doc_id(page))
        self.ledger.acknowledge(len(self.acked))
        page.unpublish()
        self.pages.remove(page)

    def drain(self, backend: BaseBackend) -> worker.DrainResult:
        """One pass of the indexer, then update what is acknowledged."""
        result = drain_once(backend)
        pending = set(
            OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).values_list(
                "doc_id", flat=True
            )
        )
        self.acked |= {item for item in self.ledger.latest if item not in pending}
        self.ledger.acknowledge(len(self.acked))
        return result


def doc_id(page: NewsPage) -> str:
    return f"news:{page.pk}"


def pending_rows() -> int:
    return OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).count()


def drain_all(newsroom: Newsroom, backend: BaseBackend, seconds: float = 60.0) -> int:
    """Drain until the outbox holds nothing pending; returns the passes."""
    deadline = time.monotonic() + seconds
    passes = 0
    while pending_rows():
        assert time.monotonic() < deadline, (
            f"{pending_rows()} outbox rows still pending after {seconds:.0f} s: "
            + "; ".join(
                OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING)
                .values_list("last_error", flat=True)
                .distinct()[:3]
            )
        )
        newsroom.drain(backend)
        passes += 1
        time.sleep(0.2)
    return passes


def assert_index_holds(newsroom: Newsroom, backend: BaseBackend) -> int:
    """Every live article is in the index with its latest title and a version
    no older than its latest outbox row; every unpublished one is gone."""
    latest = dict(newsroom.ledger.latest)
    ids = sorted(newsroom.ledger.titles)
    found = dict(zip(ids, backend.get_many(ids), strict=True))
    newest_row: dict[str, int] = {}
    for item, pk in OutboxEntry.objects.filter(doc_id__in=ids).values_list(
        "doc_id", "pk"
    ):
        newest_row[item] = max(pk, newest_row.get(item, 0))
    problems = []
    for item, document in found.items():
        if item not in latest:
            if document is not None:
                problems.append(f"{item} was unpublished but is still indexed")
        elif document is None:
            problems.append(f"{item} is missing")
        elif document.title != latest[item]:
            problems.append(f"{item} is stale: {document.title!r} != {latest[item]!r}")
        elif document.version < newest_row[item]:
            problems.append(
                f"{item} has version {document.version} < {newest_row[item]}"
            )
    assert not problems, (
        f"{len(problems)} of {len(ids)} documents wrong: {problems[:10]}"
    )
    return len(ids)


def start_service(cluster: EngineCluster, prefix: str, workdir: Path) -> Server:
    return launch(
        workdir / "no-embedded-index",
        workdir,
        GRAPHQL_ANONYMOUS_RATE_LIMIT="1000000",
        **engine_environment(cluster.urls, prefix),
    )


def writer_for(cluster: EngineCluster, prefix: str) -> BaseBackend:
    return get_backend(engine_config(cluster.urls, prefix))


def assert_replicated(cluster: EngineCluster, prefix: str) -> None:
    replicas = replicas_of(cluster.live_url(), f"{prefix}*")
    assert replicas and set(replicas.values()) == {1}, replicas


# -- 1. a node killed under load -------------------------------------------------


def test_a_killed_node_costs_no_document_and_no_wrong_answer(
    cluster: EngineCluster, home: Page, tmp_path: Path, figures: list[str]
) -> None:
    prefix = f"{PREFIX}1-"
    newsroom = Newsroom.open(home)
    writer = writer_for(cluster, prefix)
    for _ in range(20):
        newsroom.publish()
    drain_all(newsroom, writer)
    assert_replicated(cluster, prefix)
    server = start_service(cluster, prefix, tmp_path)
    load = SearchLoad(server.base, newsroom.ledger, TEXTS)
    drains = failed_drains = 0
    try:
        load.start()

        def write_for(seconds: float) -> None:
            nonlocal drains, failed_drains
            until = time.monotonic() + seconds
            while time.monotonic() < until:
                newsroom.publish()
                newsroom.revise(newsroom.pages[drains % len(newsroom.pages)])
                drains += 1
                failed_drains += bool(newsroom.drain(writer).retried)

        write_for(3)
        victim_name = primary_holder(cluster.live_url(), f"{prefix}hub-0*")
        victim = next(node for node in cluster.nodes if node.name == victim_name)
        # The kill lands in the middle of the indexer's writes, not between them.
        killer = threading.Timer(1.0, victim.kill)
        killer.start()
        write_for(11)
        killer.join()
        assert not victim.running()
        started = time.monotonic()
        cluster.restart(victim)
        cluster.wait_for("green")
        to_green = time.monotonic() - started
        write_for(3)
        drain_all(newsroom, writer)
        load.stop()
        checked = assert_index_holds(newsroom, writer)
    finally:
        load.stop()
        server.stop()
        writer.close()
    line = (
        f"kill -9 {victim_name} (primary holder): {summary(load)}; "
        f"{drains} drains ({failed_drains} retried); {checked} documents checked; "
        f"node back to green in {to_green:.1f} s"
    )
    record(figures, line)
    unexpected = {
        status: count
        for status, count in load.statuses.items()
        if status not in {"200", "503 SERVICE_UNAVAILABLE"}
    }
    assert not unexpected, line
    assert load.wrong_count == 0, f"{line}; wrong answers: {load.wrong}"
    assert load.good > 50, line
