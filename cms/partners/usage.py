"""How much each partner key was used: the counts the GraphQL service writes.

Every service host adds its counts to the same store (a PostgreSQL table with
``HUB_USAGE_URL``, else the SQLite file ``HUB_API_USAGE_DB``), so these figures
cover every host.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from graphql_service.usage import read_usage

logger = logging.getLogger(__name__)

#: The window the API keys list shows (its column label says 30 days).
WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True)
class KeyUsage:
    requests: int = 0
    rate_limited: int = 0


def usage_by_key(days: int = WINDOW_DAYS) -> dict[str, KeyUsage]:
    """``key id -> usage`` over the last ``days`` days (today included).

    An unreadable store is logged and reads as no usage: the keys list must
    still open when the usage database is down.
    """
    since = timezone.now().date() - timedelta(days=days - 1)
    location = settings.HUB_USAGE_URL or settings.HUB_API_USAGE_DB
    try:
        rows = read_usage(location, since=since)
    except Exception:  # any store failure: the list stays usable
        logger.exception("API usage could not be read from the usage store")
        return {}
    totals: dict[str, KeyUsage] = {}
    for row in rows:
        seen = totals.get(row.key_id, KeyUsage())
        totals[row.key_id] = KeyUsage(
            seen.requests + row.requests, seen.rate_limited + row.rate_limited
        )
    return totals
