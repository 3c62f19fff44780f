"""The hub's image model: every picture carries alt text and a credit, and may
carry its alt text and a caption in each content language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An uploaded picture with the alt text and credit the public site must show."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_(
            "Describe the picture for people who cannot see it. Required; "
            "write what matters in context, not 'image of'."
        ),
    )
    credit = models.CharField(
        _("photographer / credit"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown under the picture, e.g. 'norden.org / Ane Cecilie Blichfeldt'."
        ),
    )

    #: ``{"nb": {"alt": "...", "caption": "..."}, ...}``: a language without an
    #: entry (or without its alt text) falls back to ``alt_text``.
    language_texts = models.JSONField(
        _("alt text and caption per language"),
        default=dict,
        blank=True,
        help_text=_(
            "A page in a language without its own alt text here uses the alt "
            "text above. A caption is shown under the picture in that language."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "alt_text",
        "language_texts",
        "credit",
    )

    @property
    def default_alt_text(self) -> str:
        return self.alt_text or self.description or self.title

    def _language_entry(self, language: str | None) -> dict:
        texts = self.language_texts if isinstance(self.language_texts, dict) else {}
        code = (language or "").lower()
        entry = texts.get(code) or texts.get(code.split("-")[0]) or {}
        return entry if isinstance(entry, dict) else {}

    def alt_text_for(self, language: str | None) -> str:
        """The alt text for a page in ``language``, else the main alt text."""
        return (self._language_entry(language).get("alt") or "").strip() or (
            self.default_alt_text
        )

    def caption_for(self, language: str | None) -> str:
        """The caption written for ``language`` ("" when there is none)."""
        return (self._language_entry(language).get("caption") or "").strip()


class CustomRendition(AbstractRendition):
    """A resized copy of a CustomImage, made by Pillow on first use."""

    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
