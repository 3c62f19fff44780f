"""GraphQL types and queries: networks."""
