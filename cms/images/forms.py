"""Image upload form that refuses files Pillow cannot fully decode."""

from __future__ import annotations

import warnings

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm


def validate_image_file(uploaded) -> None:
    """Decode the whole image so truncated or hostile files never reach renditions.

    Wagtail checks the header; a truncated file or a decompression bomb passes that
    and fails later while a visitor waits for a rendition.
    """
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as probe:
                probe.verify()
            uploaded.seek(0)
            with PILImage.open(uploaded) as image:
                image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise forms.ValidationError(
            _("This image has too many pixels to be processed safely."),
            code="decompression_bomb",
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise forms.ValidationError(
            _(
                "This file is not a complete, valid image "
                "(it may be truncated or corrupt)."
            ),
            code="invalid_image",
        ) from exc
    finally:
        uploaded.seek(position)


class ValidatedImageForm(BaseImageForm):
    """Base form for the image admin: full decode check and required alt text."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "seek") and "file" in self.changed_data:
            validate_image_file(uploaded)
        return uploaded

    def clean_alt_text(self):
        alt_text = (self.cleaned_data.get("alt_text") or "").strip()
        if "alt_text" in self.fields and not alt_text:
            raise forms.ValidationError(
                _("Alt text is required so that everyone can understand the picture."),
                code="required",
            )
        return alt_text
