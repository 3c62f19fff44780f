"""The edge of the service: what every door checks before it answers.

Every door (``/graphql``, ``/feeds/*``, ``/changes``, ``/calendar.ics``,
``/events/*.ics``) sits behind the same :class:`~.middleware.EdgeMiddleware`,
composed from small parts:

* :mod:`.identity`: request ids and the client address;
* :mod:`.access`: API keys, rate limits and usage counts;
* :mod:`.cors`: per-key origins and preflights;
* :mod:`graphql_service.readiness`: 503 until the read model is usable;
* :mod:`.asgi` and :mod:`.errors`: ASGI plumbing and the refusal every
  door renders in its own format.

``/livez``, ``/readyz`` and ``/healthz`` stay outside it (orchestrators call
them without keys or limits).
"""

from graphql_service.edge.errors import EdgeError
from graphql_service.edge.middleware import Client, Door, Edge, client_of, plain_error

__all__ = ["Client", "Door", "Edge", "EdgeError", "client_of", "plain_error"]
