"""Image uploads: alt text is required and broken or hostile files are refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from images.models import CustomImage


def png_bytes(size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, content: bytes, name="picture.png", alt_text="A bridge at dawn"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bridge",
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "alt_text": alt_text,
            "credit": "norden.org / Photographer",
            "collection": "1",
        },
    )


def errors(response) -> str:
    assert response.status_code == 200, "the upload should have been refused"
    return str(response.context["form"].errors)


@pytest.fixture
def staff(admin_client):
    return admin_client


def test_valid_upload_keeps_alt_text_and_credit(staff):
    response = upload(staff, png_bytes())
    assert response.status_code == 302
    image = CustomImage.objects.get()
    assert image.alt_text == "A bridge at dawn"
    assert image.credit == "norden.org / Photographer"
    assert image.default_alt_text == "A bridge at dawn"


def test_missing_alt_text_is_refused(staff):
    message = errors(upload(staff, png_bytes(), alt_text="   "))
    assert "Alt text is required" in message
    assert not CustomImage.objects.exists()


def test_truncated_image_is_refused(staff):
    content = png_bytes((400, 400), "RGB")
    buffer = io.BytesIO()
    PILImage.effect_noise((400, 400), 60).convert("RGB").save(buffer, format="PNG")
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    assert content  # a complete file of the same kind uploads (see the first test)
    message = errors(upload(staff, truncated))
    assert "not a complete, valid image" in message
    assert not CustomImage.objects.exists()


def test_text_file_named_png_is_refused(staff):
    message = errors(upload(staff, b"<html>not an image</html>"))
    assert "image" in message.lower()
    assert not CustomImage.objects.exists()


def test_decompression_bomb_is_refused(staff):
    buffer = io.BytesIO()
    # 100 megapixels of one-bit pixels compress to a few kilobytes.
    PILImage.new("1", (10_000, 10_000)).save(buffer, format="PNG")
    message = errors(upload(staff, buffer.getvalue()))
    assert "too many pixels" in message
    assert not CustomImage.objects.exists()


def test_renditions_include_webp(staff):
    assert upload(staff, png_bytes((800, 600))).status_code == 302
    image = CustomImage.objects.get()
    rendition = image.get_rendition("fill-400x300|format-webp")
    assert (rendition.width, rendition.height) == (400, 300)
    with rendition.file.open("rb") as f, PILImage.open(f) as decoded:
        assert decoded.format == "WEBP"
