"""Funding calls need no look-ups beyond the shared document loader."""

from __future__ import annotations

from graphql_service.common.loaders import DocumentByIdLoader

__all__ = ["DocumentByIdLoader"]
