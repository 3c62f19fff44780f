"""GraphQL types and queries: funding."""
