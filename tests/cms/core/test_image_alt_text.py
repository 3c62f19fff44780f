"""Alt text and captions per language: the image form, the public pages, indexing."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from core.models import StandardPage
from images.models import CustomImage
from indexing.documents.base import page_document

DANISH_ALT = "Grønne plantekasser i en gårdhave"
NORWEGIAN_ALT = "Grønne plantekasser i en bakgård"
NORWEGIAN_CAPTION = "Felles hager gir naboer en grunn til å møtes."


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def texts_form(**languages: tuple[str, str]) -> dict[str, str]:
    data = {}
    for code, (alt, caption) in languages.items():
        data[f"language_texts_{code}_alt"] = alt
        data[f"language_texts_{code}_caption"] = caption
    return data


def image_form(**languages: tuple[str, str]) -> dict[str, object]:
    return {
        "title": "Courtyard",
        "alt_text": DANISH_ALT,
        "credit": "Integration Norden",
        "collection": "1",
        **texts_form(**languages),
    }


@pytest.fixture
def image(db) -> CustomImage:
    picture = CustomImage(
        title="Courtyard",
        alt_text=DANISH_ALT,
        language_texts={"nb": {"alt": NORWEGIAN_ALT, "caption": NORWEGIAN_CAPTION}},
    )
    picture.file = ImageFile(io.BytesIO(png_bytes()), name="courtyard.png")
    picture.save()
    return picture


def test_upload_stores_alt_text_and_caption_per_language(admin_client):
    data = image_form(
        nb=(f"  {NORWEGIAN_ALT} ", NORWEGIAN_CAPTION), sv=("Gröna odlingslådor", "")
    )
    data["file"] = SimpleUploadedFile("c.png", png_bytes(), content_type="image/png")
    response = admin_client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302
    image = CustomImage.objects.get()
    assert image.language_texts == {
        "nb": {"alt": NORWEGIAN_ALT, "caption": NORWEGIAN_CAPTION},
        "sv": {"alt": "Gröna odlingslådor"},
    }


def test_edit_form_shows_a_row_per_language_and_saves_changes(admin_client, image):
    url = reverse("wagtailimages:edit", args=[image.pk])
    html = admin_client.get(url).content.decode()
    for code in ("en", "da", "nb", "sv", "fi", "is"):
        assert f'name="language_texts_{code}_alt"' in html
    assert f'value="{NORWEGIAN_ALT}"' in html
    finnish = html.split('data-language="fi"')[1].split("</fieldset>")[0]
    assert "<legend" in finnish and "Finnish" in finnish
    assert 'for="id_language_texts_fi_caption"' in finnish

    response = admin_client.post(url, image_form(fi=("Vihreitä laatikoita", "")))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.language_texts == {"fi": {"alt": "Vihreitä laatikoita"}}


def test_invalid_language_texts_give_form_errors(admin_client, image):
    url = reverse("wagtailimages:edit", args=[image.pk])
    response = admin_client.post(
        url, image_form(nb=("x" * 300, ""), sv=("", "Bara en bildtext"))
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["language_texts"])
    assert "Norwegian (bokmål): the alt text is 300 characters long" in errors
    assert "Swedish: write the alt text too" in errors
    image.refresh_from_db()
    assert image.language_texts["nb"]["alt"] == NORWEGIAN_ALT  # unchanged
    # The rejected text is shown again for correction.
    assert 'value="Bara en bildtext"' in response.content.decode()


def test_unknown_languages_and_stray_fields_are_ignored(admin_client, image):
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = image_form(nb=(NORWEGIAN_ALT, ""))
    data["language_texts_xx_alt"] = "Nobody reads this"
    assert admin_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.language_texts == {"nb": {"alt": NORWEGIAN_ALT}}


def test_alt_text_falls_back_to_the_main_alt_text(image):
    assert image.alt_text_for("nb") == NORWEGIAN_ALT
    assert image.alt_text_for("nb-NO") == NORWEGIAN_ALT
    assert image.alt_text_for("fi") == DANISH_ALT
    assert image.alt_text_for(None) == DANISH_ALT
    assert image.caption_for("nb") == NORWEGIAN_CAPTION
    assert image.caption_for("sv") == ""


@pytest.fixture
def translated_pages(home, locales, image):
    """An English page with the image (main image and a figure), published in
    Norwegian and Finnish."""
    for code in ("nb", "fi"):
        home.copy_for_translation(locales[code]).save_revision().publish()
    page = StandardPage(
        title="Courtyards",
        slug="courtyards",
        main_image=image,
        body=json.dumps(
            [
                {
                    "type": "figure",
                    "value": {
                        "image": {
                            "image": image.pk,
                            "alt_text": DANISH_ALT,  # what the chooser pre-fills
                            "decorative": False,
                        },
                        "caption": "",
                    },
                }
            ]
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    pages = {"en": page}
    for code in ("nb", "fi"):
        copy = page.copy_for_translation(locales[code])
        copy.save_revision().publish()
        pages[code] = copy
    return pages


def alts(html: str) -> list[str]:
    return re.findall(r'<img [^>]*alt="([^"]*)"', html)


def test_norwegian_page_reads_the_norwegian_alt_text_and_caption(
    client, translated_pages
):
    response = client.get(translated_pages["nb"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert alts(html) == [NORWEGIAN_ALT, NORWEGIAN_ALT]  # header and figure
    assert f'<span class="caption">{NORWEGIAN_CAPTION}</span>' in html
    assert f'<meta property="og:image:alt" content="{NORWEGIAN_ALT}">' in html


def test_language_without_its_own_alt_text_falls_back(client, translated_pages):
    html = client.get(translated_pages["fi"].url).content.decode()
    assert alts(html) == [DANISH_ALT, DANISH_ALT]
    assert NORWEGIAN_CAPTION not in html


def test_search_documents_carry_the_alt_text_of_their_language(translated_pages):
    norwegian = page_document(translated_pages["nb"].specific, 1, "page")
    finnish = page_document(translated_pages["fi"].specific, 1, "page")
    assert norwegian.image is not None and norwegian.image.alt == NORWEGIAN_ALT
    assert finnish.image is not None and finnish.image.alt == DANISH_ALT


def test_a_form_without_the_language_fields_keeps_the_texts(admin_client, image):
    """Forms that post only some fields (the multiple upload's) leave them alone."""
    data = image_form()
    assert not any(key.startswith("language_texts") for key in data)
    url = reverse("wagtailimages:edit", args=[image.pk])
    assert admin_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.alt_text_for("nb") == NORWEGIAN_ALT
