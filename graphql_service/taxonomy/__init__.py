"""GraphQL types and queries: taxonomy."""
