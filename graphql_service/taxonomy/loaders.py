"""Taxonomy terms come from the in-memory directory: no per-request look-ups."""

from __future__ import annotations

from graphql_service.common.directory import Term

__all__ = ["Term"]
