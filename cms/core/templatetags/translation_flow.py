"""The "Translation of …" panel on the edit views of pages and snippets."""

from __future__ import annotations

import logging
from typing import Any

from django import template

from core.translation_source import translation_source

logger = logging.getLogger(__name__)
register = template.Library()


@register.inclusion_tag("core/translation_flow/source_panel.html", takes_context=True)
def translation_source_panel(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    info = None
    if request is not None:
        try:
            info = translation_source(obj, request)
        except Exception:  # the editor must open even if the panel cannot be made
            logger.warning("No source panel for %r", obj, exc_info=True)
    return {"info": info, "request": request}
