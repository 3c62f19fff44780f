"""``python -m tests.engine build``: compile the engine node (Maven);
``python -m tests.engine run [--nodes N] [--home DIR]``: run a node or a
cluster in the foreground until Ctrl-C or SIGTERM, printing its URLs."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

from tests.engine.node import (
    OPENSEARCH_VERSION,
    EngineCluster,
    EngineUnavailableError,
    build,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.engine")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="compile the node and resolve its classpath")
    run = commands.add_parser("run", help="run a node (or a cluster) until Ctrl-C")
    run.add_argument("--nodes", type=int, default=1)
    run.add_argument("--home", type=Path, default=None, help="data folder")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "build":
            build()
            sys.stdout.write(f"engine node ready: OpenSearch {OPENSEARCH_VERSION}\n")
            return 0
        home = arguments.home or Path(tempfile.mkdtemp(prefix="hub-engine-"))
        cluster = EngineCluster(home, size=arguments.nodes).start()
    except EngineUnavailableError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    urls = " ".join(cluster.urls)
    sys.stdout.write(f"OpenSearch {OPENSEARCH_VERSION}: {urls} (data in {home})\n")
    sys.stdout.flush()
    # A supervisor stops us with SIGTERM: treat it like Ctrl-C so the node
    # JVMs are stopped too instead of outliving this process.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
