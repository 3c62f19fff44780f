"""Real OpenSearch nodes for the tests and benchmarks, started by PID.

The node is the Java main of ``tests/engine/java`` (an OpenSearch server
assembled from Maven Central artifacts: the server, the Netty HTTP transport
and the common analysis module). :func:`build` compiles it and resolves its
classpath with Maven (artifacts cached in ``~/.m2``); :class:`EngineNode`
runs one JVM with a fixed heap and its data in a folder of its own;
:class:`EngineCluster` runs several on loopback ports as one cluster.

Where Maven, Java or Maven Central is missing, :func:`build` raises
:class:`EngineUnavailableError` saying which, and how to get it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "OPENSEARCH_VERSION",
    "EngineCluster",
    "EngineNode",
    "EngineUnavailableError",
    "build",
    "free_port",
]

JAVA_DIR = Path(__file__).resolve().parent / "java"
TARGET = JAVA_DIR / "target"
JAR = TARGET / "engine-node-1.0.0.jar"
CLASSPATH_FILE = TARGET / "classpath.txt"
MAIN_CLASS = "org.integrationnorden.engine.EngineNode"
#: Keep in step with ``opensearch.version`` in tests/engine/java/pom.xml.
OPENSEARCH_VERSION = "2.19.6"
HEAP = os.environ.get("ENGINE_HEAP", "512m")
#: The node's own tuning for tests: no disk watermarks (a nearly full disk
#: must not turn indices read-only), loopback only, no memory locking.
BASE_SETTINGS: dict[str, str] = {
    "network.host": "127.0.0.1",
    "cluster.routing.allocation.disk.threshold_enabled": "false",
    "action.auto_create_index": "false",
}


class EngineUnavailableError(RuntimeError):
    """The engine node cannot be built or started here (the message says why)."""


def _stale() -> bool:
    if not (JAR.exists() and CLASSPATH_FILE.exists()):
        return True
    built = min(JAR.stat().st_mtime, CLASSPATH_FILE.stat().st_mtime)
    sources = [JAVA_DIR / "pom.xml", *JAVA_DIR.glob("src/**/*.java")]
    return any(path.stat().st_mtime > built for path in sources)


def build() -> str:
    """Compile the node if needed and return its Java classpath.

    Raises:
        EngineUnavailableError: Maven or Java is missing, or the artifacts
            cannot be resolved (Maven Central unreachable and not in ``~/.m2``).
    """
    if _stale():
        mvn = shutil.which("mvn")
        if mvn is None:
            raise EngineUnavailableError(
                "the search engine node needs Maven (`mvn`) and Java 17+ to build "
                f"OpenSearch {OPENSEARCH_VERSION} from Maven Central: install Debian's "
                "`maven` package"
            )
        done = subprocess.run(  # noqa: S603 (a fixed command)
            [mvn, "-q", "-B", "package"],
            cwd=JAVA_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            lines = [line for line in done.stdout.splitlines() if "ERROR" in line]
            raise EngineUnavailableError(
                f"cannot build the search engine node (OpenSearch {OPENSEARCH_VERSION} "
                "from Maven Central: org.opensearch:opensearch, "
                "org.opensearch.plugin:transport-netty4-client, "
                "org.opensearch.plugin:analysis-common); Maven said: "
                + (" / ".join(lines[:3]) or done.stderr.strip()[-500:])
            )
    return f"{JAR}{os.pathsep}{CLASSPATH_FILE.read_text().strip()}"


def java_executable() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise EngineUnavailableError("the search engine node needs Java 17+ (`java`)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def http_json(url: str, timeout: float = 5.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
        return json.load(response)


@dataclass
class EngineNode:
    """One node JVM. ``settings`` are extra node settings (``key: value``)."""

    home: Path
    name: str = "node-1"
    http_port: int = field(default_factory=free_port)
    transport_port: int = field(default_factory=free_port)
    settings: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def log(self) -> Path:
        return self.home / f"{self.name}.log"

    def start(self, classpath: str | None = None) -> EngineNode:
        """Start the JVM (reusing its data folder); returns at once."""
        classpath = classpath or build()
        self.home.mkdir(parents=True, exist_ok=True)
        settings = {
            **BASE_SETTINGS,
            "path.home": str(self.home),
            "path.data": str(self.home / "data" / self.name),
            "node.name": self.name,
            "http.port": str(self.http_port),
            "transport.port": str(self.transport_port),
            **self.settings,
        }
        command = [
            java_executable(),
            f"-Xms{HEAP}",
            f"-Xmx{HEAP}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dlog4j2.disable.jmx=true",
            "-cp",
            classpath,
            MAIN_CLASS,
            *(f"{key}={value}" for key, value in settings.items()),
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def responds(self) -> bool:
        try:
            http_json(self.url + "/", timeout=2)
        except (OSError, urllib.error.URLError, ValueError):
            return False
        return True

    def wait_until_up(self, timeout: float = 90.0) -> EngineNode:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise EngineUnavailableError(
                    f"the search engine node {self.name} exited at start: "
                    + self.tail()
                )
            if self.responds():
                return self
            time.sleep(0.2)
        raise EngineUnavailableError(
            f"the search engine node {self.name} did not answer within "
            f"{timeout:.0f} s: {self.tail()}"
        )

    def tail(self, lines: int = 15) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def kill(self) -> None:
        """``kill -9``: the node dies without closing anything."""
        if self.running():
            assert self.process is not None
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (the node closes cleanly), SIGKILL after ``timeout``."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


def _wait_for_status(url: str, status: str, nodes: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = http_json(
                f"{url}/_cluster/health?wait_for_status={status}"
                f"&wait_for_nodes={nodes}&timeout=5s",
                timeout=10,
            )
            if not last.get("timed_out"):
                return
        except (OSError, urllib.error.URLError, ValueError) as exc:
            last = exc
        time.sleep(0.5)
    raise EngineUnavailableError(f"cluster not {status} within {timeout:.0f} s: {last}")


@dataclass
class EngineCluster:
    """``size`` nodes on loopback forming one cluster (all cluster-manager
    eligible, data on each)."""

    home: Path
    size: int = 3
    name: str = "hub-test"
    nodes: list[EngineNode] = field(default_factory=list)

    def start(self, timeout: float = 120.0) -> EngineCluster:
        classpath = build()
        ports = [free_port() for _ in range(self.size)]
        names = [f"node-{number}" for number in range(1, self.size + 1)]
        common = {
            "cluster.name": self.name,
            "discovery.seed_hosts": ",".join(f"127.0.0.1:{port}" for port in ports),
        }
        if self.size == 1:
            common = {"cluster.name": self.name, "discovery.type": "single-node"}
        else:
            common["cluster.initial_cluster_manager_nodes"] = ",".join(names)
        self.nodes = [
            EngineNode(self.home, name, transport_port=port, settings=dict(common))
            for name, port in zip(names, ports, strict=True)
        ]
        for node in self.nodes:
            node.start(classpath)
        for node in self.nodes:
            node.wait_until_up(timeout)
        self.wait_for("green", timeout=timeout)
        return self

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def live_url(self) -> str:
        for node in self.nodes:
            if node.running():
                return node.url
        raise EngineUnavailableError("no node of the cluster is running")

    def wait_for(self, status: str, timeout: float = 120.0) -> None:
        running = sum(node.running() for node in self.nodes)
        _wait_for_status(self.live_url(), status, running, timeout)

    def restart(self, node: EngineNode, timeout: float = 120.0) -> None:
        node.start()
        node.wait_until_up(timeout)

    def resume(self, timeout: float = 120.0) -> float:
        """Start every node that is not running again, on its own ports and
        data folder, and wait for green; returns the seconds that took."""
        started = time.monotonic()
        classpath = build()
        stopped = [node for node in self.nodes if not node.running()]
        for node in stopped:
            node.start(classpath)
        for node in stopped:
            node.wait_until_up(timeout)
        self.wait_for("green", timeout=timeout)
        return time.monotonic() - started

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()


def single_node(home: Path, timeout: float = 90.0) -> EngineNode:
    """One single-node cluster, started and answering."""
    node = EngineNode(home, settings={"discovery.type": "single-node"})
    node.start()
    try:
        node.wait_until_up(timeout)
        # Yellow: indices made with replicas (the engine's default is one)
        # have nowhere to put them on one node.
        _wait_for_status(node.url, "yellow", 1, timeout)
    except BaseException:
        node.stop()
        raise
    return node
