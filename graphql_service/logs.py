"""Log format of the service and the CMS: plain text, or JSON lines with the request id.

``HUB_LOG_FORMAT`` chooses: ``text`` (the default, as ``make run`` shows it)
or ``json`` (one JSON object per line, for a log collector in production).
Each JSON record has ``level``, ``logger``, ``message``, ``timestamp`` (ISO
8601, UTC), ``request_id`` while a request is being served (the
``X-Request-Id`` the edge or the CMS settled on, kept in :data:`REQUEST_ID`, a
context variable, so it follows the request into its coroutines and
``asyncio.to_thread`` calls), and ``exc_info`` for exceptions.

Standard library and ``python-json-logger`` only: the CMS uses this module too
(as it reads :mod:`graphql_service.usage`), without loading the service.
"""

from __future__ import annotations

import logging
import logging.config
import os
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, Final

__all__ = [
    "FORMATS",
    "REQUEST_ID",
    "RequestIdFilter",
    "configure",
    "json_formatter",
    "log_format",
    "logging_config",
]

FORMATS: Final = ("text", "json")
#: The id of the request being served (``None`` outside requests).
REQUEST_ID: ContextVar[str | None] = ContextVar("hub_request_id", default=None)

_TEXT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_JSON_FIELDS: Final = ("levelname", "name", "message")
_RENAMED: Final = {"levelname": "level", "name": "logger"}
#: uvicorn's loggers keep their own handlers; in JSON they write through ours.
_UVICORN: Final = ("uvicorn", "uvicorn.error", "uvicorn.access")


def json_formatter() -> logging.Formatter:
    """The JSON formatter (see the module docstring for its fields)."""
    from pythonjsonlogger.core import RESERVED_ATTRS
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        list(_JSON_FIELDS),
        rename_fields=dict(_RENAMED),
        timestamp=True,
        # uvicorn's coloured copy of each message is noise in a log collector.
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],
    )


class RequestIdFilter(logging.Filter):
    """Puts the current request id on each record as ``request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = REQUEST_ID.get()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True


def log_format(environ: Mapping[str, str] | None = None) -> str:
    """``HUB_LOG_FORMAT`` (``text`` or ``json``; a clear error for anything else)."""
    env = os.environ if environ is None else environ
    value = env.get("HUB_LOG_FORMAT", "text").strip().lower() or "text"
    if value not in FORMATS:
        raise ValueError(
            f"HUB_LOG_FORMAT must be one of {', '.join(FORMATS)}, not {value!r}"
        )
    return value


def logging_config(
    fmt: str,
    level: str = "INFO",
    *,
    loggers: Mapping[str, Mapping[str, Any]] | None = None,
    uvicorn: bool = False,
) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` mapping: one console handler on root.

    Args:
        fmt: ``text`` or ``json``.
        level: The root level.
        loggers: Extra logger entries (levels of chatty libraries).
        uvicorn: Route uvicorn's loggers through the same handler.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r}")
    formatter: dict[str, Any]
    if fmt == "json":
        formatter = {"()": json_formatter}
    else:
        formatter = {"format": _TEXT}
    entries: dict[str, Any] = {
        name: dict(entry) for name, entry in (loggers or {}).items()
    }
    if uvicorn:
        for name in _UVICORN:
            entries[name] = {
                **entries.get(name, {}),
                "handlers": ["console"],
                "propagate": False,
            }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": entries,
    }


_configured: str | None = None


def configure(environ: Mapping[str, str] | None = None) -> None:
    """Apply ``HUB_LOG_FORMAT=json`` to this process (once; text changes nothing).

    Used where no one else configured logging for the service (gunicorn
    workers); ``python -m graphql_service`` hands the same mapping to uvicorn.
    """
    global _configured
    fmt = log_format(environ)
    if fmt == "text" or _configured == fmt:
        return
    env = os.environ if environ is None else environ
    level = env.get("HUB_LOG_LEVEL", "INFO").upper()
    logging.config.dictConfig(logging_config(fmt, level, uvicorn=True))
    _configured = fmt
