"""Taxonomy terms come from the worker's term cache: no per-request look-ups."""

from __future__ import annotations

from graphql_service.common.terms import Term

__all__ = ["Term"]
