"""Relevance benchmark of cross-Nordic search, measured as a partner meets it.

Run from the repository root::

    .venv/bin/python bench/relevance/run.py
    .venv/bin/python bench/relevance/run.py --search-url http://127.0.0.1:9200
    .venv/bin/python bench/relevance/run.py --collection /path/to/own/collection

What it does, all on loopback:

1. serves the collection (``documents.*.jsonl``, ``queries.*.jsonl`` in
   ``--collection``) as five partner feeds that mix languages (three Atom, one
   RSS 2.0, one JSON Feed; each entry with its own language, the title, the
   first sentence as summary and the full text as HTML content) from an HTTP
   server on a free port;
2. for each backend (embedded always; OpenSearch with ``--search-url`` or
   ``SEARCH_URLS``) and for the glossary off and on, builds a fresh CMS
   database (SQLite, in a throwaway folder) and a fresh read model: loads the
   staff glossary (``load_glossary``, "on" only), registers the feeds as
   external sources, runs the harvester once (``harvest --force``) and the
   indexer (``run_indexer --once``) until the outbox is drained;
3. starts the GraphQL service (uvicorn with the service's app factory, one
   worker, response cache off) on that read model and sends every query as a
   partner's ``search(text, locale, first: 10)`` over HTTP with an API key,
   the query's language as ``locale``; results map back to collection ids
   through the entry's address. A warm-up pass runs first; latency is measured
   at the client in the second pass, once what the backend keeps of a search
   for a few seconds (its built query, facet counts, ranking) has lapsed;
4. scores each query (recall@10, P@5, reciprocal rank; relevant = every
   document of the query's topic) and prints the means for all, cross-language
   and same-language queries, with the latency (p50/p99), beside a plain
   baseline (BM25 on lowercase words, no stemming, computed here on the same
   collection) and the goal row of the issue, and says which goal figures each
   configuration meets.

"Glossary off" means no glossary at all: the service falls back to the starter
glossary when its read model holds no glossary concepts, so for "off" it runs
with an empty default glossary (``no_glossary.py``). "On" is the product as
deployed: the staff glossary loaded in the CMS and indexed into the read model.

Nothing is tuned here: the collection and the product are measured as they are.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.relevance.baseline import BM25  # noqa: E402
from bench.relevance.collection import (  # noqa: E402
    Collection,
    CollectionError,
    load_collection,
)
from bench.relevance.feeds import FeedServer, FeedSite  # noqa: E402
from bench.relevance.metrics import (  # noqa: E402
    QueryScore,
    Summary,
    by_kind,
    percentile,
    score_query,
)
from bench.relevance.service import (  # noqa: E402
    SERVICE_APP,
    GraphQLService,
    ServiceError,
)
from search.backends.embedded import STATE_MEMO_SECONDS  # noqa: E402
from search.lexicon import lexicon_path  # noqa: E402

BUILDER = Path(__file__).resolve().parent / "cms_build.py"
#: "Glossary off": the service with an empty default glossary (see no_glossary.py).
NO_GLOSSARY_APP = "bench.relevance.no_glossary:create_app"
DEFAULT_COLLECTION = Path(__file__).resolve().parent
#: (label, summary group, metric, threshold) of the issue's goal row.
GOALS: tuple[tuple[str, str, str, float], ...] = (
    ("recall@10 all", "all", "recall_at_10", 0.85),
    ("recall@10 cross", "cross", "recall_at_10", 0.80),
    ("recall@10 same", "same", "recall_at_10", 0.90),
    ("MRR cross", "cross", "mrr", 0.60),
)
#: Environment variables of the caller that must not leak into a build.
_SCRUB = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SEARCH_PATH", "HUB_DATA_DIR")


class BenchError(RuntimeError):
    pass


@dataclass
class Row:
    """One configuration's figures."""

    label: str
    backend: str
    glossary: str
    summaries: dict[str, Summary]
    scores: list[QueryScore]
    latency_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.latency_ms, 0.50)

    @property
    def p99(self) -> float:
        return percentile(self.latency_ms, 0.99)


@dataclass(frozen=True)
class Backend:
    name: str
    urls: tuple[str, ...] = ()

    def env(self, folder: Path, prefix: str) -> dict[str, str]:
        if self.name == "embedded":
            return {
                "SEARCH_BACKEND": "search.backends.embedded",
                "SEARCH_PATH": str(folder / "search"),
            }
        return {
            "SEARCH_BACKEND": "search.backends.opensearch",
            "SEARCH_URLS": ",".join(self.urls),
            "SEARCH_INDEX_PREFIX": prefix,
        }


# -- building read models through the CMS ----------------------------------------------


def _cms_env(folder: Path, search_env: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env = {k: v for k, v in env.items() if not k.startswith("SEARCH_")}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "HUB_DATA_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        # The feeds are on loopback, which the harvester refuses unless allowed.
        "HUB_OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
        "HUB_LOG_LEVEL": "WARNING",
        # The indexer splits compounds and translates documents' words with
        # the lexicon built beside the real data, as the service does.
        "SEARCH_LEXICON": str(lexicon_path()),
        **search_env,
    }


def _run_builder(args: Sequence[str], env: dict[str, str], log: Path) -> str:
    done = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, str(BUILDER), *args],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
    )
    log.write_text(done.stderr, "utf-8")
    if done.returncode:
        raise BenchError(
            f"{BUILDER.name} {' '.join(args)} failed (log: {log}):\n"
            f"{done.stderr[-3000:]}"
        )
    return done.stdout


def migrated_template(workdir: Path) -> Path:
    """A migrated empty CMS database, copied for every build (migrating is the
    slow part of a fresh database)."""
    folder = workdir / "template"
    folder.mkdir(parents=True)
    _run_builder(["migrate"], _cms_env(folder, {}), folder / "migrate.log")
    return folder


def build_read_model(
    folder: Path,
    template: Path,
    search_env: dict[str, str],
    site: FeedSite,
    *,
    glossary: bool,
) -> dict[str, object]:
    folder.mkdir(parents=True)
    for suffix in ("", "-wal"):
        source = template / f"db.sqlite3{suffix}"
        if source.exists():
            shutil.copyfile(source, folder / source.name)
    spec = {
        "glossary": glossary,
        "sources": [
            {
                "name": f"Partner {feed.name}",
                "url": site.feed_url(feed),
                "kind": "json_feed" if feed.format == "json" else "feed",
                "locale": feed.language,
            }
            for feed in site.feeds
        ],
    }
    spec_file = folder / "spec.json"
    spec_file.write_text(json.dumps(spec, indent=1), "utf-8")
    output = _run_builder(
        ["build", str(spec_file)], _cms_env(folder, search_env), folder / "build.log"
    )
    return json.loads(output.strip().splitlines()[-1])


def drop_engine_indices(urls: Sequence[str], prefix: str) -> None:
    """Remove the indices a build made on a shared cluster."""
    from search.backends._opensearch_client import opensearchpy

    client = opensearchpy.OpenSearch(list(urls))
    try:
        names = list(client.indices.get(index=f"{prefix}*"))
        if names:
            client.indices.delete(index=",".join(names))
    except Exception as exc:  # noqa: BLE001 - cleanup must not hide the figures
        print(f"  (indices {prefix}* not removed: {exc})")
    finally:
        client.close()


# -- measuring -------------------------------------------------------------------------


def evaluate(
    collection: Collection, rank: Callable[[str, str], list[str]]
) -> list[QueryScore]:
    return [
        score_query(
            query.id,
            query.kind,
            rank(query.text, query.lang),
            collection.relevant(query),
        )
        for query in collection.queries
    ]


def measure_service(
    service: GraphQLService, collection: Collection, site: FeedSite
) -> tuple[list[QueryScore], list[float], Counter[str]]:
    """Warm-up pass, then the measured pass (scores and client latency)."""
    for query in collection.queries:
        service.search(query.text, query.lang)
    # The embedded backend keeps a search's work for one state of the read
    # model for a few seconds: the measured pass must not be served from it.
    time.sleep(STATE_MEMO_SECONDS + 0.5)
    latencies: list[float] = []
    languages: Counter[str] = Counter()

    def rank(text: str, locale: str) -> list[str]:
        hits, seconds = service.search(text, locale)
        latencies.append(seconds * 1000)
        if not hits:
            languages["(no result)"] += 1
        ranking = []
        for hit in hits:
            doc_id = site.doc_id_of(hit.url) if hit.url.startswith(site.base) else None
            if doc_id is not None:
                languages[hit.locale] += 1
            ranking.append(doc_id or f"other:{hit.document_id}")
        return ranking

    return evaluate(collection, rank), latencies, languages


def run_product(
    backend: Backend,
    glossary: bool,
    *,
    workdir: Path,
    template: Path,
    collection: Collection,
    site: FeedSite,
) -> Row:
    label = f"{backend.name}, glossary {'on' if glossary else 'off'}"
    print(f"\n== {label} ==")
    folder = workdir / f"{backend.name}-glossary-{'on' if glossary else 'off'}"
    prefix = f"relevance-bench-{uuid.uuid4().hex[:8]}-"
    search_env = backend.env(folder, prefix)
    try:
        started = time.perf_counter()
        built = build_read_model(folder, template, search_env, site, glossary=glossary)
        notes = _build_notes(built, collection)
        print(
            f"  harvested {built['items']} items {built['items_by_locale']}, indexed "
            f"{built['external_documents']} of them and {built['glossary_documents']} "
            f"glossary concepts in {time.perf_counter() - started:.1f} s"
        )
        for note in notes:
            print(f"  note: {note}")
        started = time.perf_counter()
        app = SERVICE_APP if glossary else NO_GLOSSARY_APP
        with GraphQLService(folder, search_env, app) as service:
            scores, latencies, languages = measure_service(service, collection, site)
        print(
            f"  {len(collection.queries)} queries x 2 passes through GraphQL in "
            f"{time.perf_counter() - started:.1f} s; collection hits per language "
            f"(and queries without any result): {dict(languages.most_common())}"
        )
    finally:
        if backend.name == "opensearch":
            drop_engine_indices(backend.urls, prefix)
    return Row(
        label=label,
        backend=backend.name,
        glossary="on" if glossary else "off",
        summaries=by_kind(scores),
        scores=scores,
        latency_ms=latencies,
        notes=notes,
    )


def _build_notes(built: dict[str, object], collection: Collection) -> list[str]:
    """What the build did differently from what the feeds offered."""
    notes = []
    items = built["items"]
    if items != len(collection.documents):
        notes.append(
            f"{items} items harvested from {len(collection.documents)} feed entries"
        )
    if built["external_documents"] != items:
        notes.append(f"{built['external_documents']} of {items} items indexed")
    offered = Counter(doc.lang for doc in collection.documents)
    if dict(offered) != built["items_by_locale"]:
        notes.append(
            "the items' languages differ from the entries' own "
            f"({dict(sorted(offered.items()))}): per-entry language not honoured"
        )
    return notes


def run_baseline(collection: Collection) -> Row:
    engine = BM25(collection.documents)
    latencies: list[float] = []

    def rank(text: str, locale: str) -> list[str]:
        started = time.perf_counter()
        ranking = engine.rank(text, 10)
        latencies.append((time.perf_counter() - started) * 1000)
        return ranking

    scores = evaluate(collection, rank)
    return Row(
        label="baseline: BM25, lowercase words, no stemming",
        backend="baseline",
        glossary="-",
        summaries=by_kind(scores),
        scores=scores,
        latency_ms=latencies,
        notes=["in-process, no HTTP: its latency is not comparable"],
    )


# -- reporting -------------------------------------------------------------------------


def _figure(value: float) -> str:
    return f"{'-':>6}" if math.isnan(value) else f"{value:6.3f}"


def _ms(value: float) -> str:
    return "     -" if math.isnan(value) else f"{value:6.1f}"


def print_table(rows: Sequence[Row], collection: Collection) -> None:
    counts = Counter(query.kind for query in collection.queries)
    print(
        f"\n== relevance: {len(collection.documents)} documents, "
        f"{len(collection.queries)} queries ({counts['cross']} cross-language, "
        f"{counts['same']} same-language) =="
    )
    width = max(len(row.label) for row in rows) + 1
    groups = ("all", "cross", "same")
    print(
        f"{'':<{width}} {'recall@10':^20} | {'P@5':^20} | {'MRR':^20} | "
        f"{'latency ms':^13}"
    )
    header = " ".join(f"{g:>6}" for g in groups)
    print(f"{'':<{width}} {header} | {header} | {header} | {'p50':>6} {'p99':>6}")
    for row in rows:
        cells = []
        for metric in ("recall_at_10", "precision_at_5", "mrr"):
            cells.append(
                " ".join(_figure(getattr(row.summaries[g], metric)) for g in groups)
            )
        print(
            f"{row.label:<{width}} {' | '.join(cells)} | {_ms(row.p50)} {_ms(row.p99)}"
        )
    goal = {(group, metric): threshold for _, group, metric, threshold in GOALS}

    def goal_cell(metric: str) -> str:
        return " ".join(
            f"{'>=' + format(goal[(g, metric)], '.2f'):>6}"
            if (g, metric) in goal
            else f"{'':>6}"
            for g in groups
        )

    print(
        f"{'goal (issue 11)':<{width}} {goal_cell('recall_at_10')} | "
        f"{goal_cell('precision_at_5')} | {goal_cell('mrr')} |"
    )


def print_goals(rows: Sequence[Row]) -> None:
    print("\n== goals of issue 11 ==")
    width = max(len(row.label) for row in rows) + 1
    print(
        f"{'':<{width}} "
        + "  ".join(f"{label} >= {threshold:.2f}" for label, _, _, threshold in GOALS)
    )
    for row in rows:
        cells = []
        for label, group, metric, threshold in GOALS:
            value = getattr(row.summaries[group], metric)
            verdict = "ok" if value >= threshold else "missed"
            text = f"{_figure(value)} {verdict}"
            cells.append(f"{text:<{len(label) + 8}}")
        print(f"{row.label:<{width}} " + "  ".join(cells).rstrip())


def print_per_query(rows: Sequence[Row], collection: Collection) -> None:
    print("\n== per query: recall@10 / reciprocal rank ==")
    queries = {query.id: query for query in collection.queries}
    print(f"{'query':<12} {'kind':<5} {'lang':<4} " + "  ".join(r.label for r in rows))
    for index, query_id in enumerate(queries):
        query = queries[query_id]
        cells = [
            f"{row.scores[index].recall_at_10:.2f}/"
            f"{row.scores[index].reciprocal_rank:.2f}"
            for row in rows
        ]
        padded = (f"{c:<{len(r.label)}}" for c, r in zip(cells, rows, strict=True))
        print(
            f"{query_id:<12} {query.kind:<5} {query.lang:<4} "
            + "  ".join(padded)
            + f"  {query.text}"
        )


def _without_nan(value: object) -> object:
    """JSON has no NaN: an empty group's figures become null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _without_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nan(item) for item in value]
    return value


def write_json(path: Path, rows: Sequence[Row], collection: Collection) -> None:
    data = {
        "collection": {
            "documents": len(collection.documents),
            "queries": len(collection.queries),
            "cross": sum(q.kind == "cross" for q in collection.queries),
            "same": sum(q.kind == "same" for q in collection.queries),
        },
        "goals": [
            {"label": label, "group": group, "metric": metric, "at_least": threshold}
            for label, group, metric, threshold in GOALS
        ],
        "rows": [
            {
                "label": row.label,
                "backend": row.backend,
                "glossary": row.glossary,
                "summaries": {g: asdict(s) for g, s in row.summaries.items()},
                "latency_ms": {"p50": row.p50, "p99": row.p99},
                "notes": row.notes,
                "queries": [asdict(score) for score in row.scores],
            }
            for row in rows
        ],
    }
    text = json.dumps(_without_nan(data), indent=1, allow_nan=False)
    path.write_text(text + "\n", "utf-8")
    print(f"\nwrote {path}")


# -- command line ----------------------------------------------------------------------


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        if keep.exists() and any(keep.iterdir()):
            raise BenchError(f"--workdir {keep} is not empty")
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="hub-relevance-") as folder:
        yield Path(folder)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        epilog=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--collection",
        type=Path,
        default=DEFAULT_COLLECTION,
        help=(
            "folder with documents.*.jsonl and queries.*.jsonl "
            "(default: bench/relevance)"
        ),
    )
    parser.add_argument(
        "--search-url",
        action="append",
        default=[],
        metavar="URL",
        help=(
            "also measure the OpenSearch backend on this cluster (repeatable; "
            "default: the comma-separated SEARCH_URLS, if set). Indices get a "
            "unique prefix and are removed afterwards"
        ),
    )
    parser.add_argument(
        "--glossary",
        choices=("both", "on", "off"),
        default="both",
        help="measure with the staff glossary loaded, without it, or both (default)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="also write every figure as JSON"
    )
    parser.add_argument(
        "--per-query",
        action="store_true",
        help="also print recall@10 and reciprocal rank of every query",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help=(
            "build the databases and read models in this (empty) folder and keep "
            "them; default: a temporary folder, removed at the end"
        ),
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        collection = load_collection(args.collection)
    except (CollectionError, OSError) as exc:
        print(f"cannot read the collection: {exc}", file=sys.stderr)
        return 2
    urls = [u for value in args.search_url for u in value.split(",") if u.strip()]
    if not urls:
        urls = [u for u in os.environ.get("SEARCH_URLS", "").split(",") if u.strip()]
    backends = [Backend("embedded")]
    if urls:
        backends.append(Backend("opensearch", tuple(urls)))
    else:
        print(
            "OpenSearch backend: SKIPPED (no --search-url and no SEARCH_URLS); "
            "measuring the embedded backend only."
        )
    glossary_modes = {"both": (False, True), "on": (True,), "off": (False,)}[
        args.glossary
    ]
    started = time.perf_counter()
    rows = [run_baseline(collection)]
    failures: list[str] = []
    try:
        with (
            workspace(args.workdir) as workdir,
            FeedServer(collection.documents) as server,
        ):
            feeds = [server.site.feed_url(feed) for feed in server.site.feeds]
            print(f"feeds: {', '.join(feeds)}")
            migrating = time.perf_counter()
            template = migrated_template(workdir)
            migrated = time.perf_counter() - migrating
            print(f"migrated a fresh CMS database in {migrated:.0f} s")
            for backend in backends:
                for glossary in glossary_modes:
                    try:
                        rows.append(
                            run_product(
                                backend,
                                glossary,
                                workdir=workdir,
                                template=template,
                                collection=collection,
                                site=server.site,
                            )
                        )
                    except (BenchError, ServiceError) as exc:
                        # One broken configuration must not hide the others.
                        failures.append(f"{backend.name}: {exc}")
                        print(f"  FAILED: {exc}", file=sys.stderr)
    except BenchError as exc:
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 1
    print_table(rows, collection)
    print_goals(rows[1:])
    if args.per_query:
        print_per_query(rows, collection)
    for row in rows:
        for note in row.notes:
            print(f"note ({row.label}): {note}")
    if args.json:
        write_json(args.json, rows, collection)
    for failure in failures:
        print(f"FAILED: {failure.splitlines()[0]}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
