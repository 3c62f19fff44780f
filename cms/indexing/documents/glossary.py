"""Glossary concepts, so that every reader of the read model expands queries alike."""

from __future__ import annotations

from glossary.models import GlossaryConcept
from indexing.documents.taxonomy import always_public
from indexing.registry import register
from search.documents import Document


@register(GlossaryConcept, "glossary", is_public=always_public)
def glossary_to_document(concept: GlossaryConcept, version: int) -> Document:
    row = concept.as_row()
    return Document(
        id=f"glossary:{concept.pk}",
        type="glossary",
        locale="en",
        title=concept.key,
        body=" ".join(v for k, v in row.items() if k != "concept_id"),
        published_at=concept.updated_at,
        updated_at=concept.updated_at,
        version=version,
        payload={"row": row},
    )
