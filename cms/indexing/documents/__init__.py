"""CMS objects -> search documents, one converter per indexed model.

Each converter receives the object and its version (the outbox row id) and returns
a ``search.documents.Document`` whose ``payload`` holds what the API serves, so
that the GraphQL service never needs the CMS. Importing this package fills the
registry.
"""

from indexing.documents import (  # noqa: F401
    applications,
    events,
    experts,
    funding,
    glossary,
    harvest,
    knowledge,
    networks,
    pages,
    taxonomy,
)
