"""Errors that resolvers raise for client mistakes (shown to clients as is)."""

from __future__ import annotations

from typing import Final

from graphql import GraphQLError
from strawberry.relay.types import GlobalIDValueError

from search.errors import InvalidQueryError

__all__ = ["CLIENT_ERRORS", "ClientError", "PageSizeError", "is_client_error"]


class ClientError(Exception):
    """A mistake in the request (bad argument value, unknown cursor ...).

    Attributes:
        code: Machine-readable code put in the error's ``extensions``.
    """

    code = "BAD_USER_INPUT"


class PageSizeError(ClientError):
    """``first`` is outside 1..maximum page size."""


#: Exceptions whose message is meant for the client.
CLIENT_ERRORS: Final = (ClientError, InvalidQueryError, GlobalIDValueError)


def is_client_error(error: GraphQLError) -> bool:
    """Whether ``error`` may be shown to the client unmasked.

    Parse, validation and variable coercion errors (no ``path``) and client
    errors raised by resolvers are shown; anything else raised while
    resolving a field is an internal error and gets masked.
    """
    original = error.original_error
    if original is None or error.path is None:
        return True
    return isinstance(original, CLIENT_ERRORS)
