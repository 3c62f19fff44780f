"""Form data for knowledge items: the empty stream fields the editor always posts."""

from __future__ import annotations

from typing import Any

from wagtail.test.utils.form_data import streamfield

from tests.cms.admin_flow import page_form


def item_form(title: str, slug: str, fields: dict[str, Any] | None = None) -> dict:
    """page_form() with empty body and attachments unless ``fields`` sets them."""
    return page_form(
        title,
        slug,
        {"body": streamfield([]), "attachments": streamfield([]), **(fields or {})},
    )
