"""Responsive WebP renditions with size, alt text, lazy loading and credit."""

from __future__ import annotations

import re

from tests.cms.theme.helpers import tags


def _images(html: str, alt: str) -> list[dict[str, str]]:
    return tags(html, "img", alt=alt)


def test_main_image_has_srcset_of_webp_renditions(client, theme_site):
    image = theme_site.image
    html = client.get(theme_site.pages["news"].url).content.decode()
    img = _images(html, image.alt_text)[0]
    candidates = [c.strip() for c in img["srcset"].split(",")]
    assert len(candidates) >= 3
    widths = [int(re.search(r" (\d+)w$", c).group(1)) for c in candidates]
    assert widths == sorted(widths) and len(set(widths)) == len(widths)
    assert all(".webp " in c for c in candidates)
    assert img["src"].endswith(".webp")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["sizes"]
    assert "Photo: Ane Fotograf / norden.org" in html


def test_body_figures_and_cards_load_lazily(client, theme_site):
    image = theme_site.image
    html = client.get(theme_site.pages["standard"].url).content.decode()
    lazy = [img for img in _images(html, image.alt_text) if img["loading"] == "lazy"]
    assert lazy, "the figure in the body"
    assert "A language café in Malmö" in html
    listing = client.get(theme_site.pages["news_index"].url).content.decode()
    card = _images(listing, image.alt_text)[0]
    assert card["loading"] == "lazy" and card["srcset"]


def test_every_image_has_alt_text(client, theme_site):
    for key in ("home", "news", "news_index", "standard"):
        html = client.get(theme_site.pages[key].url).content.decode()
        for img in tags(html, "img"):
            assert img.get("alt"), f"{key}: {img}"
