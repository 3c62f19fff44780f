"""The "Translation of …" panel on the edit views of pages and snippets."""

from __future__ import annotations

from typing import Any

from django import template

from core.translation_source import translation_source

register = template.Library()


@register.inclusion_tag("core/translation_flow/source_panel.html", takes_context=True)
def translation_source_panel(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    info = translation_source(obj, request) if request is not None else None
    return {"info": info, "request": request}
