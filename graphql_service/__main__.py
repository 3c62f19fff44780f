"""Command line: ``python -m graphql_service [serve | export-schema [--check] [PATH]]``.

* ``serve`` (default): uvicorn on ``GRAPHQL_HOST``:``GRAPHQL_PORT``
  (127.0.0.1:8001) with ``GRAPHQL_WORKERS`` workers (1), httptools and uvloop.
  uvicorn reads ``X-Forwarded-For``/``-Proto`` only from the proxies in
  ``GRAPHQL_TRUSTED_PROXIES`` (none by default: the client address is the
  connection's), so rate limits count the address uvicorn settles on.
  ``HUB_LOG_FORMAT=json`` gives uvicorn JSON log lines (see
  :mod:`graphql_service.logs`); ``PROMETHEUS_MULTIPROC_DIR`` is emptied before
  the workers start, or chosen for several workers when unset (see
  :mod:`graphql_service.metrics`).
* ``export-schema``: write the schema's SDL to ``graphql_service/schema.graphql``
  (or PATH); with ``--check``, exit 1 when the file differs instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.graphql"


def export_schema(path: Path, *, check: bool) -> int:
    from graphql_service.schema import get_schema

    sdl = get_schema().as_str() + "\n"
    if check:
        current = path.read_text("utf-8") if path.exists() else ""
        if current != sdl:
            sys.stderr.write(
                f"{path} is out of date: run python -m graphql_service export-schema\n"
            )
            return 1
        return 0
    path.write_text(sdl, "utf-8")
    sys.stdout.write(f"wrote {path}\n")
    return 0


def serve() -> int:
    import uvicorn

    from graphql_service import logs, metrics
    from graphql_service.settings import load_settings

    settings = load_settings()
    chosen = metrics.MULTIPROC_ENV not in os.environ
    folder = metrics.prepare_multiprocess_dir(settings.workers)
    log_format = logs.log_format()
    log_config = (
        logs.logging_config(
            log_format, "DEBUG" if settings.debug else "INFO", uvicorn=True
        )
        if log_format == "json"
        else uvicorn.config.LOGGING_CONFIG
    )
    try:
        uvicorn.run(
            "graphql_service.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            http="httptools",
            loop="uvloop",
            lifespan="on",
            # uvicorn's own default trusts 127.0.0.1 (and FORWARDED_ALLOW_IPS);
            # only the proxies the operator names are believed here.
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=list(settings.trusted_proxies),
            access_log=settings.debug,
            log_config=log_config,
            log_level="debug" if settings.debug else "info",
        )
    finally:
        if chosen and folder:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphql_service")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="run the service (default)")
    export = commands.add_parser("export-schema", help="write schema.graphql")
    export.add_argument("path", nargs="?", type=Path, default=SCHEMA_FILE)
    export.add_argument("--check", action="store_true", help="fail if it differs")
    args = parser.parse_args(argv)
    if args.command == "export-schema":
        return export_schema(args.path, check=args.check)
    return serve()


if __name__ == "__main__":
    sys.exit(main())
