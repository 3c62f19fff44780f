"""GraphQL types and queries: content."""
