"""GraphQL types and queries: experts."""
