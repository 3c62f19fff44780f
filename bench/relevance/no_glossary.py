"""The GraphQL service without any glossary: the benchmark's "glossary off".

The service expands queries with the glossary concepts its read model holds
and, when the read model holds none, with the starter glossary shipped with the
search package (``Glossary.default()``). A read model built without the staff
glossary therefore still expands with the starter set. To measure search
without a glossary at all, this factory makes the default an empty glossary in
its own process, then builds the service unchanged.
"""

from __future__ import annotations

from starlette.applications import Starlette

from graphql_service.app import create_app as create_service_app
from search.glossary import Glossary


def create_app() -> Starlette:
    empty = Glossary()
    Glossary.default = classmethod(lambda cls: empty)  # type: ignore[method-assign]
    return create_service_app()
