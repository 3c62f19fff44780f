"""Settings of the GraphQL service, read from the environment only.

Nothing happens at import time: :func:`load_settings` reads the environment
(or a mapping given to it, as the tests do) through
:class:`starlette.config.Config` with typed casts and returns a frozen
:class:`Settings`.

Variables (defaults in brackets):

* ``GRAPHQL_HOST`` [127.0.0.1], ``GRAPHQL_PORT`` [8001], ``GRAPHQL_WORKERS`` [1];
* ``GRAPHQL_DEBUG`` [false]: GraphiQL on ``GET /graphql`` from a browser and
  tracebacks in the log; ``GRAPHQL_INTROSPECTION`` [true];
* ``GRAPHQL_DEFAULT_LOCALE`` [en] and ``GRAPHQL_LOCALE_FALLBACKS``
  [``nb:da,sv,en;da:nb,sv,en;sv:nb,da,en;fi:sv,en;is:da,en;en:``];
* limits: ``GRAPHQL_MAX_PAGE_SIZE`` [50], ``GRAPHQL_MAX_DEPTH`` [10],
  ``GRAPHQL_MAX_ALIASES`` [30], ``GRAPHQL_MAX_TOKENS`` [5000],
  ``GRAPHQL_MAX_COST`` [5000], ``GRAPHQL_MAX_BODY_BYTES`` [100000],
  ``GRAPHQL_MAX_VARIABLES_BYTES`` [20000], ``GRAPHQL_TIMEOUT`` [5.0 s];
* caching: ``GRAPHQL_RESPONSE_CACHE`` [true], ``GRAPHQL_CACHE_MAX_BYTES``
  [33554432], ``GRAPHQL_CACHE_TTL`` [60 s], ``GRAPHQL_CACHE_MAX_AGE`` [30 s,
  the ``Cache-Control`` max-age], ``GRAPHQL_GENERATION_CHECK_INTERVAL``
  [0.05 s], ``GRAPHQL_SEARCH_THREADS`` [0: asyncio's default pool runs
  the read model's blocking calls; N: a pool of N threads],
  ``GRAPHQL_APQ_MAX_ENTRIES`` [5000];
* partners and analytics (files under ``HUB_DATA_DIR`` [<repo>/data]):
  ``HUB_API_KEYS_FILE`` [<repo>/data/api_keys.json],
  ``GRAPHQL_KEYS_CHECK_INTERVAL`` [1.0 s], ``HUB_API_USAGE_DB``
  [<repo>/data/api_usage.sqlite3], ``GRAPHQL_USAGE_FLUSH_INTERVAL`` [5.0 s],
  ``HUB_SEARCH_ANALYTICS_DB`` [<repo>/data/search_analytics.sqlite3, written
  at the same interval as the usage counts],
  ``GRAPHQL_RATE_LIMIT_STORAGE`` [memory://], ``GRAPHQL_ANONYMOUS_RATE_LIMIT``
  [120 per minute and client IP; 0 turns anonymous access off],
  ``GRAPHQL_ANONYMOUS_CORS`` [true];
* state every host shares (production; empty keeps the one-machine default
  above): ``GRAPHQL_KEYS_URL`` [empty: the key file; ``postgres://...``: the
  CMS database's key table, see :mod:`graphql_service.keys_postgres`],
  ``HUB_USAGE_URL`` [empty: ``HUB_API_USAGE_DB``; ``postgres://...``: see
  :mod:`graphql_service.usage`], ``HUB_SEARCH_ANALYTICS_URL`` [empty:
  ``HUB_SEARCH_ANALYTICS_DB``; ``postgres://...``: see :mod:`search.analytics`],
  ``GRAPHQL_RATE_LIMIT_STORAGE=redis://...`` (see
  :mod:`graphql_service.ratelimit`), ``GRAPHQL_APQ_URL`` [empty: each worker's
  memory; ``redis://...``: shared, see :mod:`graphql_service.apq`] and
  ``GRAPHQL_APQ_TTL`` [604800 s: how long Redis keeps a persisted query];
* ``GRAPHQL_TRUSTED_PROXIES`` [empty]: addresses or networks (comma list, e.g.
  ``127.0.0.1, 10.0.0.0/8``) of reverse proxies whose ``X-Forwarded-For`` and
  ``X-Forwarded-Proto`` are believed. Empty: the client address (for rate
  limits) is the connection's. uvicorn is configured from it (see
  :mod:`graphql_service.__main__`). The former ``GRAPHQL_TRUST_FORWARDED_FOR=true``
  still works as ``127.0.0.1, ::1`` (a proxy on the same host), with a warning;
* observability (see :mod:`graphql_service.metrics` and
  :mod:`graphql_service.readiness`): ``GRAPHQL_METRICS`` [true: ``GET
  /metrics``], ``GRAPHQL_METRICS_TOKEN`` [empty: no token; set: a bearer
  token is required], ``GRAPHQL_READY_MAX_LAG`` [0: off; else seconds, at
  least 30, the read model may lag behind the CMS before ``/readyz`` says 503];
  ``HUB_LOG_FORMAT`` [text] and ``PROMETHEUS_MULTIPROC_DIR`` are read where
  they act (:mod:`graphql_service.logs`, :mod:`graphql_service.metrics`);
* the read model: ``SEARCH_BACKEND``, ``SEARCH_PATH``, ``SEARCH_URLS``,
  ``SEARCH_INDEX_PREFIX`` (see :mod:`search.backends`).
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from starlette.config import Config

from graphql_service.locales import LocaleChains
from search.backends import config_from_env

__all__ = ["REPO_ROOT", "Settings", "load_settings"]

logger = logging.getLogger(__name__)

REPO_ROOT: Final = Path(__file__).resolve().parents[1]
#: What ``GRAPHQL_TRUST_FORWARDED_FOR=true`` used to mean for a local proxy.
LEGACY_TRUSTED_PROXIES: Final = ("127.0.0.1", "::1")
DEFAULT_FALLBACKS: Final = "nb:da,sv,en;da:nb,sv,en;sv:nb,da,en;fi:sv,en;is:da,en;en:"


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Typed settings (see the module docstring for the variables)."""

    host: str = "127.0.0.1"
    port: int = 8001
    workers: int = 1
    debug: bool = False
    introspection: bool = True
    default_locale: str = "en"
    locale_chains: LocaleChains = field(
        default_factory=lambda: LocaleChains.parse(DEFAULT_FALLBACKS)
    )
    max_page_size: int = 50
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    max_cost: int = 5000
    max_body_bytes: int = 100_000
    max_variables_bytes: int = 20_000
    timeout: float = 5.0
    response_cache: bool = True
    cache_max_bytes: int = 32 * 1024 * 1024
    cache_ttl: float = 60.0
    cache_max_age: int = 30
    generation_check_interval: float = 0.05
    apq_max_entries: int = 5000
    search_threads: int = 0
    api_keys_file: Path = REPO_ROOT / "data" / "api_keys.json"
    keys_check_interval: float = 1.0
    usage_db: Path = REPO_ROOT / "data" / "api_usage.sqlite3"
    usage_flush_interval: float = 5.0
    search_analytics_db: Path = REPO_ROOT / "data" / "search_analytics.sqlite3"
    rate_limit_storage: str = "memory://"
    keys_url: str = ""
    usage_url: str = ""
    search_analytics_url: str = ""
    apq_url: str = ""
    apq_ttl: int = 7 * 24 * 3600
    anonymous_rate_limit: int = 120
    anonymous_cors: bool = True
    trusted_proxies: tuple[str, ...] = ()
    metrics: bool = True
    metrics_token: str = ""
    ready_max_lag: float = 0.0
    search_config: Mapping[str, object] | None = None


def _positive_int(value: object) -> int:
    number = int(str(value))
    if number < 1:
        raise ValueError(f"{value!r} must be at least 1")
    return number


def _non_negative_int(value: object) -> int:
    number = int(str(value))
    if number < 0:
        raise ValueError(f"{value!r} must not be negative")
    return number


def _non_negative_float(value: object) -> float:
    number = float(str(value))
    if number < 0:
        raise ValueError(f"{value!r} must not be negative")
    return number


def _positive_float(value: object) -> float:
    number = float(str(value))
    if number <= 0:
        raise ValueError(f"{value!r} must be positive")
    return number


def _max_lag(value: object) -> float:
    number = float(str(value))
    if number != 0 and number < 30:
        raise ValueError(f"{value!r} must be 0 (off) or at least 30")
    return number


def _postgres_url(value: object) -> str:
    text = str(value).strip()
    if text and not text.startswith(("postgres://", "postgresql://")):
        raise ValueError("must be a postgres:// or postgresql:// URL (or empty)")
    return text


def _redis_url(value: object) -> str:
    text = str(value).strip()
    if text and not text.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must be a redis://, rediss:// or unix:// URL (or empty)")
    return text


def _proxies(value: object) -> tuple[str, ...]:
    """Addresses and networks, checked (no host names, no ``*``)."""
    proxies: list[str] = []
    for item in str(value).split(","):
        text = item.strip()
        if not text:
            continue
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise ValueError(f"{text!r} is not an IP address or network") from None
        proxies.append(str(network) if "/" in text else str(network.network_address))
    return tuple(proxies)


def _trusted_proxies(config: Config) -> tuple[str, ...]:
    """``GRAPHQL_TRUSTED_PROXIES``, or what the former switch meant (warned)."""
    try:
        proxies = config("GRAPHQL_TRUSTED_PROXIES", cast=str, default="")
        trusted = _proxies(proxies)
    except ValueError as exc:
        raise ValueError(f"GRAPHQL_TRUSTED_PROXIES: {exc}") from None
    legacy = config("GRAPHQL_TRUST_FORWARDED_FOR", cast=str, default=None)
    if legacy is None:
        return trusted
    if proxies.strip():
        logger.warning(
            "GRAPHQL_TRUST_FORWARDED_FOR is ignored: GRAPHQL_TRUSTED_PROXIES is set"
        )
        return trusted
    if config("GRAPHQL_TRUST_FORWARDED_FOR", cast=bool):
        logger.warning(
            "GRAPHQL_TRUST_FORWARDED_FOR is deprecated: trusting X-Forwarded-For "
            "from %s only; set GRAPHQL_TRUSTED_PROXIES to your proxies' addresses",
            ", ".join(LEGACY_TRUSTED_PROXIES),
        )
        return LEGACY_TRUSTED_PROXIES
    logger.warning(
        "GRAPHQL_TRUST_FORWARDED_FOR is no longer read: remove it "
        "(GRAPHQL_TRUSTED_PROXIES names trusted proxies)"
    )
    return trusted


# starlette's Config names the cast in its error message.
_positive_int.__name__ = "whole number of at least 1"
_non_negative_int.__name__ = "whole number of at least 0"
_non_negative_float.__name__ = "number of at least 0"
_positive_float.__name__ = "number above 0"
_postgres_url.__name__ = "postgres:// or postgresql:// URL"
_redis_url.__name__ = "redis://, rediss:// or unix:// URL"
_max_lag.__name__ = "number of seconds, 0 or at least 30"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read :class:`Settings` from ``environ`` (default: ``os.environ``).

    Raises:
        SettingsError: a variable holds an unusable value (the message names it).
    """
    env = os.environ if environ is None else environ
    config = Config(environ=env)
    defaults = Settings()
    # The CMS keeps its data (index, key file, usage) under HUB_DATA_DIR; follow it.
    data_dir = config("HUB_DATA_DIR", cast=Path, default=REPO_ROOT / "data")
    try:
        chains = LocaleChains.parse(
            config("GRAPHQL_LOCALE_FALLBACKS", cast=str, default=DEFAULT_FALLBACKS)
        )
        default_locale = config("GRAPHQL_DEFAULT_LOCALE", cast=str, default="en")
        max_page_size = config("GRAPHQL_MAX_PAGE_SIZE", cast=_positive_int, default=50)
        if not 20 <= max_page_size <= 100:
            raise ValueError(
                "GRAPHQL_MAX_PAGE_SIZE must be between 20 (the default page size) "
                "and 100 (the read model's limit)"
            )
        chains.check_locale(default_locale, "GRAPHQL_DEFAULT_LOCALE")
        return Settings(
            host=config("GRAPHQL_HOST", cast=str, default=defaults.host),
            port=config("GRAPHQL_PORT", cast=_positive_int, default=defaults.port),
            workers=config(
                "GRAPHQL_WORKERS", cast=_positive_int, default=defaults.workers
            ),
            debug=config("GRAPHQL_DEBUG", cast=bool, default=False),
            introspection=config("GRAPHQL_INTROSPECTION", cast=bool, default=True),
            default_locale=default_locale,
            locale_chains=chains,
            max_page_size=max_page_size,
            max_depth=config("GRAPHQL_MAX_DEPTH", cast=_positive_int, default=10),
            max_aliases=config(
                "GRAPHQL_MAX_ALIASES", cast=_non_negative_int, default=30
            ),
            max_tokens=config("GRAPHQL_MAX_TOKENS", cast=_positive_int, default=5000),
            max_cost=config("GRAPHQL_MAX_COST", cast=_positive_int, default=5000),
            max_body_bytes=config(
                "GRAPHQL_MAX_BODY_BYTES", cast=_positive_int, default=100_000
            ),
            max_variables_bytes=config(
                "GRAPHQL_MAX_VARIABLES_BYTES", cast=_positive_int, default=20_000
            ),
            timeout=config("GRAPHQL_TIMEOUT", cast=_positive_float, default=5.0),
            response_cache=config("GRAPHQL_RESPONSE_CACHE", cast=bool, default=True),
            cache_max_bytes=config(
                "GRAPHQL_CACHE_MAX_BYTES",
                cast=_positive_int,
                default=defaults.cache_max_bytes,
            ),
            cache_ttl=config("GRAPHQL_CACHE_TTL", cast=_positive_float, default=60.0),
            cache_max_age=config(
                "GRAPHQL_CACHE_MAX_AGE", cast=_non_negative_int, default=30
            ),
            generation_check_interval=config(
                "GRAPHQL_GENERATION_CHECK_INTERVAL",
                cast=_non_negative_float,
                default=0.05,
            ),
            search_threads=config(
                "GRAPHQL_SEARCH_THREADS", cast=_non_negative_int, default=0
            ),
            apq_max_entries=config(
                "GRAPHQL_APQ_MAX_ENTRIES", cast=_positive_int, default=5000
            ),
            api_keys_file=config(
                "HUB_API_KEYS_FILE", cast=Path, default=data_dir / "api_keys.json"
            ),
            keys_check_interval=config(
                "GRAPHQL_KEYS_CHECK_INTERVAL", cast=_non_negative_float, default=1.0
            ),
            usage_db=config(
                "HUB_API_USAGE_DB", cast=Path, default=data_dir / "api_usage.sqlite3"
            ),
            usage_flush_interval=config(
                "GRAPHQL_USAGE_FLUSH_INTERVAL", cast=_positive_float, default=5.0
            ),
            search_analytics_db=config(
                "HUB_SEARCH_ANALYTICS_DB",
                cast=Path,
                default=data_dir / "search_analytics.sqlite3",
            ),
            rate_limit_storage=config(
                "GRAPHQL_RATE_LIMIT_STORAGE", cast=str, default="memory://"
            ),
            keys_url=config("GRAPHQL_KEYS_URL", cast=_postgres_url, default=""),
            usage_url=config("HUB_USAGE_URL", cast=_postgres_url, default=""),
            search_analytics_url=config(
                "HUB_SEARCH_ANALYTICS_URL", cast=_postgres_url, default=""
            ),
            apq_url=config("GRAPHQL_APQ_URL", cast=_redis_url, default=""),
            apq_ttl=config(
                "GRAPHQL_APQ_TTL", cast=_positive_int, default=defaults.apq_ttl
            ),
            anonymous_rate_limit=config(
                "GRAPHQL_ANONYMOUS_RATE_LIMIT", cast=_non_negative_int, default=120
            ),
            anonymous_cors=config("GRAPHQL_ANONYMOUS_CORS", cast=bool, default=True),
            trusted_proxies=_trusted_proxies(config),
            metrics=config("GRAPHQL_METRICS", cast=bool, default=True),
            metrics_token=config("GRAPHQL_METRICS_TOKEN", cast=str, default=""),
            ready_max_lag=config("GRAPHQL_READY_MAX_LAG", cast=_max_lag, default=0.0),
            search_config=config_from_env(env),
        )
    except (ValueError, KeyError) as exc:
        raise SettingsError(f"invalid GraphQL service setting: {exc}") from exc
