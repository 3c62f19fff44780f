"""The hub's image model: every picture carries alt text and a credit."""

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

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    @property
    def default_alt_text(self) -> str:
        return self.alt_text or self.description or self.title


class CustomRendition(AbstractRendition):
    """A resized copy of a CustomImage, made by Pillow on first use."""

    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
