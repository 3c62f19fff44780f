"""Image upload form that refuses files Pillow cannot fully decode."""

from __future__ import annotations

import warnings

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from images.language_texts import LanguageTextsField

ALT_TEXT_REQUIRED = _(
    "Alt text is required so that everyone can understand the picture."
)


def validate_image_file(uploaded) -> None:
    """Decode the whole image so truncated or hostile files never reach renditions.

    Wagtail reads only the header; a truncated file passes that and fails later
    while a visitor waits for a rendition.
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
            code="file_too_many_pixels",
        ) from exc
    except PILImage.UnidentifiedImageError as exc:
        raise forms.ValidationError(
            _("This file is not an image in a supported format."),
            code="invalid_image",
        ) from exc
    except Exception as exc:
        raise forms.ValidationError(
            _(
                "This file is not a complete, valid image "
                "(it may be truncated or corrupt)."
            ),
            code="invalid_image",
        ) from exc
    finally:
        uploaded.seek(position)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with a full decode first and no crash on odd files."""

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            validate_image_file(data)
        try:
            return super().to_python(data)
        except forms.ValidationError:
            raise
        except Exception as exc:
            raise forms.ValidationError(
                _("This file could not be read as an image."), code="invalid_image"
            ) from exc


class ValidatedImageForm(BaseImageForm):
    """Base form for the image admin: full decode check, required alt text, and
    alt text and caption per language."""

    language_texts = LanguageTextsField(
        label=_("Alt text and caption per language"),
        help_text=_(
            "A page in a language without its own alt text here uses the alt "
            "text above. A caption is shown under the picture in that language."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields.get("file")
        if old is not None and not isinstance(old, SafeImageField):
            new = SafeImageField(label=old.label, required=old.required)
            new.widget = old.widget
            self.fields["file"] = new
        if "alt_text" in self.fields:
            self.fields["alt_text"].error_messages["required"] = ALT_TEXT_REQUIRED

    def clean_alt_text(self) -> str:
        alt_text = (self.cleaned_data.get("alt_text") or "").strip()
        if not alt_text:
            raise forms.ValidationError(ALT_TEXT_REQUIRED, code="required")
        return alt_text
