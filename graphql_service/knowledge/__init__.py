"""GraphQL types and queries: knowledge."""
