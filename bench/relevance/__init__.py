"""Relevance benchmark of cross-Nordic search (see README.md here)."""
