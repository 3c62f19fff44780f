"""Shared GraphQL pieces: scalars, the ``Content`` interface, pagination."""
