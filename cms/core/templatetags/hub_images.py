"""Responsive images: WebP renditions at several widths with a srcset."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

DEFAULT_WIDTHS = (400, 800, 1200)


def _specs(widths: tuple[int, ...], ratio: str) -> list[str]:
    """Wagtail filter specs: ``fill-800x400|format-webp`` or ``width-800|...``."""
    specs = []
    for width in widths:
        if ratio:
            w, h = (int(part) for part in ratio.split("x"))
            specs.append(f"fill-{width}x{round(width * h / w)}|format-webp")
        else:
            specs.append(f"width-{width}|format-webp")
    return specs


def page_language(context: template.Context) -> str:
    """The language of the page shown (also in an admin preview, where the active
    language is the editor's), else the request's."""
    locale = getattr(context.get("page"), "locale", None)
    return getattr(locale, "language_code", "") or translation.get_language() or ""


def image_alt(image: Any, alt: str | None = None, language: str = "") -> str:
    """``alt`` when given, else the image's alt text in ``language``.

    An ``alt`` equal to the image's main alt text (what the chooser pre-fills in
    a figure block, and a translation copies along) means "the image's own", so it
    is read in ``language`` too.
    """
    main = getattr(image, "alt_text", None)
    if alt is not None and (not main or alt.strip() != main.strip()):
        return alt
    if hasattr(image, "alt_text_for"):
        return image.alt_text_for(language)
    return getattr(image, "default_alt_text", "") or ""


def rendition_srcset(
    image: Any, widths: tuple[int, ...], ratio: str = ""
) -> tuple[Any, str]:
    """The middle rendition (for ``src``) and the srcset of every distinct width."""
    renditions = list(image.get_renditions(*_specs(widths, ratio)).values())
    by_width: dict[int, Any] = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition)
    ordered = [by_width[w] for w in sorted(by_width)]
    srcset = ", ".join(f"{r.url} {r.width}w" for r in ordered)
    return ordered[len(ordered) // 2], srcset


def _parse_widths(widths: str | tuple[int, ...]) -> tuple[int, ...]:
    if isinstance(widths, str):
        return tuple(int(w) for w in widths.split(",") if w.strip())
    return widths


@register.simple_tag(takes_context=True)
def responsive_image(
    context: template.Context,
    image: Any,
    sizes: str = "100vw",
    widths: str | tuple[int, ...] = DEFAULT_WIDTHS,
    ratio: str = "",
    loading: str = "lazy",
    css_class: str = "",
    alt: str | None = None,
) -> SafeString:
    """An ``<img>`` with WebP renditions, width/height, alt text and lazy loading.

    Args:
        image: a CustomImage (nothing is rendered without one).
        sizes: the ``sizes`` attribute (how wide the image is shown).
        widths: rendition widths, e.g. "400,800,1200".
        ratio: crop to this aspect ratio ("2x1", "16x9", "1x1"); none keeps it.
        loading: "lazy" below the fold, "eager" for the first picture.
        css_class: class of the ``<img>``.
        alt: overrides the image's own alt text (which is read in the page's
            language, falling back to the main alt text).
    """
    if not image:
        return SafeString("")
    src, srcset = rendition_srcset(image, _parse_widths(widths), ratio)
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}>',
        src.url,
        srcset,
        sizes,
        src.width,
        src.height,
        image_alt(image, alt, page_language(context)),
        loading,
        class_attr,
    )


@register.simple_tag(takes_context=True)
def image_caption(context: template.Context, image: Any) -> str:
    """The image's caption in the page's language ("" when it has none)."""
    if not image or not hasattr(image, "caption_for"):
        return ""
    return image.caption_for(page_language(context))


@register.simple_tag
def image_url(image: Any, spec: str = "fill-1200x630") -> str:
    """The URL of one rendition (for Open Graph and structured data)."""
    if not image:
        return ""
    return image.get_rendition(spec).url
