"""A typed spelling of ``@strawberry.field(description=...)`` for resolvers.

``strawberry.field(...)`` called without a resolver is typed as returning
``Any``, which makes every decorated resolver untyped for ``mypy --strict``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

__all__ = ["resolver"]

F = TypeVar("F", bound=Callable[..., Any])


def resolver(*, description: str) -> Callable[[F], F]:
    """Declare a method as a GraphQL field resolver with a description."""

    def decorate(function: F) -> F:
        return cast(F, strawberry.field(description=description)(function))

    return decorate
