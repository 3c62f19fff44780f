"""GraphQL types and queries: events."""
