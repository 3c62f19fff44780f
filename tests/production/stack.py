"""The whole production stack on loopback, without containers.

:func:`start_stack` starts, on free ports in a temporary folder:

* PostgreSQL (Debian's binaries) holding the CMS database, which is also where
  the GraphQL hosts read API keys and write usage counts and search analytics;
* Redis (Debian's ``redis-server``): the CMS cache (database 0), the GraphQL
  service's rate limits (1) and persisted queries (2);
* a two-node OpenSearch cluster (:class:`tests.engine.node.EngineCluster`)
  holding the read model and the admin's search indices, one replica each;
* the CMS under gunicorn with ``cms.settings.production`` (``DEBUG`` off, a
  secret key, allowed hosts, ``DATABASE_URL``, the engine);
* the indexer, the scheduler and the webhook sender (management commands);
* two GraphQL service instances on different ports, each with a data folder
  of its own, as two hosts share no disk: whatever they must agree on (keys,
  limits, usage) has to travel through PostgreSQL, Redis or the engine.

Each process writes its log to ``tests/artifacts/production/<name>.log``;
:meth:`Stack.stop` stops everything by process group (PostgreSQL by its
postmaster's PID) and is safe to call after a failed start. Where PostgreSQL,
Redis, Java or Maven is missing, :class:`StackMissingError` says which.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.engine.node import EngineCluster, EngineUnavailableError, build, free_port
from tests.production.processes import (
    Postgres,
    Process,
    StackUnavailableError,
    postgres_bindir,
    tail,
)

__all__ = [
    "ARTIFACTS",
    "EDITOR",
    "FIGURES",
    "METRICS_TOKEN",
    "RUNNING",
    "Stack",
    "StackMissingError",
    "StackUnavailableError",
    "record",
    "start_stack",
]

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts" / "production"
BIN = Path(sys.executable).parent
#: The editor who works in the admin (a superuser: keys and webhooks too).
EDITOR = ("editor", "stack-editor-" + secrets.token_hex(6))
ENGINE_PREFIX = "prod-"
#: The cross-language lexicon ``make lexicon`` builds, where it is built.
LEXICON = REPO / "data" / "lexicon" / "lexicon.sqlite"
#: The bearer token Prometheus sends to the GraphQL service's /metrics.
METRICS_TOKEN = secrets.token_urlsafe(24)
#: Variables of the outer environment that must not reach the stack's processes.
FOREIGN_PREFIXES = (
    "DJANGO_", "SEARCH_", "GRAPHQL_", "HUB_", "WAGTAIL", "REDIS_", "PROMETHEUS_",
)  # fmt: skip

#: The first deploy's steps, in one process (each start of Django costs
#: seconds): the migrations, the editor's account, a home page as the default
#: site's root with the English news index under it (what an editor sets up on
#: day one), and the site's public address.
FIRST_DEPLOY = """
import json
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
call_command("migrate", interactive=False, verbosity=0)
call_command("createsuperuser", interactive=False, username="%(user)s",
             email="editor@integrationnorden.example")
from core.models import HomePage
from news.models import NewsIndexPage
locale, _ = Locale.objects.get_or_create(language_code="en")
root = Page.get_first_root_node()
home = HomePage(title="Integration Norden", slug="home-en", locale=locale)
root.add_child(instance=home)
home.save_revision().publish()
Site.objects.update_or_create(is_default_site=True, defaults={
    "hostname": "127.0.0.1", "port": 80, "root_page": home,
    "site_name": "Integration Norden"})
Site.objects.exclude(root_page=home).delete()
news = NewsIndexPage(title="News", slug="news", locale=locale)
home.add_child(instance=news)
news.save_revision().publish()
call_command("configure_site")
print(json.dumps({"news_index": news.pk}))
"""


#: Every stack started in this process (for a signal handler to stop them).
RUNNING: list[Stack] = []
#: Lines for the end of the run (and ``tests/artifacts/production/figures.txt``).
FIGURES: list[str] = []


def record(line: str) -> None:
    """Keep a measured figure for the run's summary."""
    FIGURES.append(line)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "figures.txt").write_text("\n".join(FIGURES) + "\n", "utf-8")


class StackMissingError(StackUnavailableError):
    """A component is not installed here (the message says what to install)."""


def redis_server() -> str:
    found = shutil.which("redis-server")
    if found is None:
        raise StackMissingError(
            "the production stack needs Redis: install Debian's `redis-server` package"
        )
    return found


def check_prerequisites() -> Path:
    """PostgreSQL's binaries (returned), Redis and the engine node, or say which."""
    bindir = postgres_bindir()
    if bindir is None:
        raise StackMissingError(
            "the production stack needs PostgreSQL: "
            "install Debian's `postgresql` package"
        )
    redis_server()
    try:
        build()
    except EngineUnavailableError as exc:
        raise StackMissingError(str(exc)) from exc
    return bindir


def wait_redis(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1) as conn,
        ):
            conn.sendall(b"PING\r\n")
            if conn.recv(16).startswith(b"+PONG"):
                return
        time.sleep(0.1)
    raise StackUnavailableError(f"Redis did not answer on port {port}")


@dataclass
class Stack:
    """The running stack: addresses, processes and what editors published."""

    home: Path
    artifacts: Path
    postgres: Postgres | None = None
    redis: Process | None = None
    engine: EngineCluster | None = None
    processes: dict[str, Process] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    news_index: int = 0
    #: doc id -> title of every article published through the admin.
    published: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def cms(self) -> str:
        return f"http://127.0.0.1:{self.ports['cms']}"

    def graphql(self, host: str) -> str:
        """Base URL of the GraphQL instance ``"a"`` or ``"b"``."""
        return f"http://127.0.0.1:{self.ports['graphql-' + host]}"

    @property
    def database_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    # -- environment ---------------------------------------------------------

    def base_env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(FOREIGN_PREFIXES) and key != "DATABASE_URL"
        }
        assert self.engine is not None
        env.update(
            PYTHONUNBUFFERED="1",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            SEARCH_BACKEND="search.backends.opensearch",
            SEARCH_URLS=",".join(self.engine.urls),
            SEARCH_INDEX_PREFIX=ENGINE_PREFIX,
            # One replica of every shard: each node holds all the data.
            SEARCH_NUMBER_OF_REPLICAS="1",
            HUB_PUBLIC_BASE_URL=self.cms,
            HUB_LOG_FORMAT="json",
            # Search analytics from every host land in the CMS database.
            HUB_SEARCH_ANALYTICS_URL=self.database_url,
            HUB_USAGE_URL=self.database_url,
        )
        if LEXICON.exists():
            # Shipped with the code (the image), not in any host's data folder.
            env["SEARCH_LEXICON"] = str(LEXICON)
        return env

    def cms_env(self) -> dict[str, str]:
        data = self.home / "cms-data"
        data.mkdir(exist_ok=True)
        return {
            **self.base_env(),
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "HUB_DATA_DIR": str(data),
            # The webhook receiver of the tests listens on loopback.
            "HUB_OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SUPERUSER_PASSWORD": EDITOR[1],
            "HUB_METRICS": "true",
            "HUB_METRICS_TOKEN": METRICS_TOKEN,
        }

    def cms_host_env(self) -> dict[str, str]:
        """The CMS and its workers on one host: their metrics meet in one folder
        (emptied before they start), which the CMS's /metrics adds up."""
        return {**self.cms_env(), "PROMETHEUS_MULTIPROC_DIR": str(self.cms_metrics)}

    @property
    def cms_metrics(self) -> Path:
        return self.home / "cms-metrics"

    def graphql_env(self, host: str) -> dict[str, str]:
        data = self.home / f"graphql-{host}-data"
        (data / "metrics").mkdir(parents=True, exist_ok=True)
        return {
            **self.base_env(),
            "HUB_DATA_DIR": str(data),
            "GRAPHQL_HOST": "127.0.0.1",
            "GRAPHQL_PORT": str(self.ports["graphql-" + host]),
            # What the hosts share: keys and usage in PostgreSQL, rate limits
            # and persisted queries in Redis (deploy/compose.yaml's addresses).
            "GRAPHQL_KEYS_URL": self.database_url,
            "HUB_USAGE_URL": self.database_url,
            "GRAPHQL_RATE_LIMIT_STORAGE": self.redis_url.removesuffix("/0") + "/1",
            "GRAPHQL_APQ_URL": self.redis_url.removesuffix("/0") + "/2",
            # The tests' load comes from one address; partner keys carry limits.
            "GRAPHQL_ANONYMOUS_RATE_LIMIT": "1000000",
            "GRAPHQL_USAGE_FLUSH_INTERVAL": "1",
            "GRAPHQL_METRICS_TOKEN": METRICS_TOKEN,
            "PROMETHEUS_MULTIPROC_DIR": str(data / "metrics"),
        }

    # -- processes -----------------------------------------------------------

    def manage(self, *args: str, timeout: float = 300.0, **env: str) -> str:
        """Run a management command to completion; its output, or fail."""
        started = time.monotonic()
        done = subprocess.run(  # noqa: S603 (the project's own commands)
            [sys.executable, "manage.py", *args],
            cwd=REPO / "cms",
            env={**self.cms_env(), **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        with (self.artifacts / "setup.log").open("a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n{done.stdout}{done.stderr}\n")
        if done.returncode != 0:
            raise StackUnavailableError(
                f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}"
            )
        self.timings["manage " + args[0]] = time.monotonic() - started
        return done.stdout

    def add(
        self, name: str, argv: list[str], env: dict[str, str], cwd: Path
    ) -> Process:
        process = Process(name, argv, self.artifacts / f"{name}.log", env, cwd)
        self.processes[name] = process
        return process.start()

    def start_graphql(self, host: str) -> Process:
        return self.add(
            f"graphql-{host}",
            [sys.executable, "-m", "graphql_service"],
            self.graphql_env(host),
            REPO,
        )

    def wait_graphql(self, host: str, timeout: float = 60.0) -> None:
        self.processes[f"graphql-{host}"].wait_http(
            self.graphql(host) + "/readyz", timeout
        )

    def stop(self) -> None:
        """Stop everything that runs and keep the logs. Every process gets
        SIGTERM at once (their shutdowns overlap), then each is waited for
        and killed with its group when it takes too long."""
        processes = list(self.processes.values())
        nodes = self.engine.nodes if self.engine is not None else []
        for process in processes:
            process.terminate()
        for node in nodes:
            if node.process is not None and node.running():
                node.process.terminate()
        began = time.monotonic()
        lines = []
        for process in processes:
            with contextlib.suppress(Exception):
                process.stop()
            lines.append(f"{process.name} stopped at {time.monotonic() - began:.1f} s")
        with contextlib.suppress(OSError):
            (self.artifacts / "stop.txt").write_text("\n".join(lines) + "\n")
        for node in nodes:
            with contextlib.suppress(Exception):
                node.stop()
            with contextlib.suppress(OSError):
                shutil.copyfile(node.log, self.artifacts / f"engine-{node.name}.log")
        if self.redis is not None:
            with contextlib.suppress(Exception):
                self.redis.stop()
        if self.postgres is not None:
            with contextlib.suppress(Exception):
                self.postgres.stop()

    def logs(self) -> dict[str, Path]:
        """Every log file of the stack, by process name."""
        found = {path.stem: path for path in sorted(self.artifacts.glob("*.log"))}
        if self.engine is not None:
            found.update({f"engine-{n.name}": n.log for n in self.engine.nodes})
        if self.postgres is not None:
            found["postgresql"] = self.postgres.home / "server.log"
        return found

    def logged_errors(self) -> list[str]:
        """Lines of the stack's own processes that report an error: JSON
        records at ERROR or above, gunicorn's ``[ERROR]`` and tracebacks."""
        found: list[str] = []
        for name, path in self.logs().items():
            if name.startswith(("engine-", "postgresql", "redis")):
                continue
            for line in path.read_text(errors="replace").splitlines():
                level = ""
                if line.startswith("{"):
                    with contextlib.suppress(ValueError, AttributeError):
                        level = str(json.loads(line).get("level", ""))
                elif "[ERROR]" in line or line.startswith("Traceback"):
                    level = "ERROR"
                if level in {"ERROR", "CRITICAL"}:
                    found.append(f"{name}: {line[:300]}")
        return found

    def log_tails(self, lines: int = 15) -> str:
        return "\n".join(
            f"--- {name} ({path}) ---\n{tail(path, lines)}"
            for name, path in self.logs().items()
        )


def _start_engine(stack: Stack, errors: list[BaseException]) -> None:
    try:
        assert stack.engine is not None
        stack.engine.start(timeout=150)
    except BaseException as exc:  # noqa: BLE001 (handed to the main thread)
        errors.append(exc)


def start_stack(home: Path, artifacts: Path = ARTIFACTS) -> Stack:
    """Start every component (see the module docstring); the caller must call
    :meth:`Stack.stop`, also when this raises (what started is then stopped)."""
    bindir = check_prerequisites()
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    stack = Stack(home, artifacts)
    RUNNING.append(stack)
    started = time.monotonic()
    try:
        stack.ports = {
            name: free_port()
            for name in ("postgres", "redis", "cms", "graphql-a", "graphql-b")
        }
        # The JVMs take longest: they start while the database is migrated.
        stack.engine = EngineCluster(home / "engine", size=2, name="hub-production")
        engine_errors: list[BaseException] = []
        engine_thread = threading.Thread(
            target=_start_engine, args=(stack, engine_errors), daemon=True
        )
        engine_thread.start()

        redis_dir = home / "redis"
        redis_dir.mkdir()
        stack.redis = Process(
            "redis",
            [redis_server(), "--port", str(stack.ports["redis"]), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(redis_dir)],
            artifacts / "redis.log",
        ).start()  # fmt: skip
        wait_redis(stack.ports["redis"])

        # Its own folder right under /tmp: the server's user cannot enter the
        # private temporary folder of the tests.
        pg_home = Path(tempfile.mkdtemp(prefix="hub-stack-pg-"))
        stack.postgres = Postgres(
            bindir, pg_home, stack.ports["postgres"], artifacts / "postgresql.log"
        )
        stack.postgres.start()
        stack.timings["postgres"] = time.monotonic() - started

        # Before the engine is up, the admin's search stays on the database.
        setup = stack.manage(
            "shell", "-c", FIRST_DEPLOY % {"user": EDITOR[0]}, WAGTAILSEARCH_URLS=""
        )
        stack.news_index = int(json.loads(setup.strip().splitlines()[-1])["news_index"])

        engine_thread.join(timeout=200)
        if engine_errors or engine_thread.is_alive():
            reason = engine_errors[0] if engine_errors else "no answer in 200 s"
            raise StackUnavailableError(f"the engine cluster did not start: {reason}")
        stack.timings["engine"] = time.monotonic() - started
        manage = [sys.executable, "manage.py"]
        cms_env = stack.cms_env()
        # The read model: the service is not ready before it exists.
        read_model = stack.add(
            "rebuild-search-index",
            [*manage, "rebuild_search_index"],
            cms_env,
            REPO / "cms",
        )
        # The admin's search indices, built beside the running site as after a
        # switch to the engine (Wagtail swaps an alias when they are complete).
        stack.add("update-index", [*manage, "update_index"], cms_env, REPO / "cms")

        shutil.rmtree(stack.cms_metrics, ignore_errors=True)
        stack.cms_metrics.mkdir()
        cms_env = stack.cms_host_env()
        stack.add(
            "cms",
            [str(BIN / "gunicorn"), "cms.wsgi", "--bind",
             f"127.0.0.1:{stack.ports['cms']}", "--workers", "2", "--timeout", "60",
             "--graceful-timeout", "5", "--access-logfile", "-"],
            cms_env,
            REPO / "cms",
        )  # fmt: skip
        stack.add("indexer", [*manage, "run_indexer"], cms_env, REPO / "cms")
        stack.add("scheduler", [*manage, "run_scheduler"], cms_env, REPO / "cms")
        stack.add("webhooks", [*manage, "run_webhooks"], cms_env, REPO / "cms")
        stack.start_graphql("a")
        stack.start_graphql("b")
        stack.processes["cms"].wait_http(stack.cms + "/admin/login/", 60)
        read_model.wait_exit(240)
        # Wagtail writes every publication into the admin's indices and logs
        # an error while they do not exist yet: editors start once the first
        # deploy has built them (deploy/README.md, step 6).
        stack.processes["update-index"].wait_exit(240)
        stack.timings["read model"] = time.monotonic() - started
        stack.wait_graphql("a")
        stack.wait_graphql("b")
        stack.timings["ready"] = time.monotonic() - started
    except BaseException:
        stack.stop()
        raise
    return stack
