"""GraphQL types and queries: site_search."""
