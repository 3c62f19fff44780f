"""GraphQL types and queries: news."""
