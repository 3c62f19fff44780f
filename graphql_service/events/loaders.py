"""Look-ups of events: speakers' profiles go through the experts loader."""

from __future__ import annotations

from graphql_service.experts.loaders import load_profile

__all__ = ["load_profile"]
