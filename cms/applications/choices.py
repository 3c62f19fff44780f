"""Choices offered on the application form."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    ORGANISATION = "organisation", _("Representative of an organisation")
    INDIVIDUAL = "individual", _("Individual expert")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Non-binary or another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class AgeGroup(models.TextChoices):
    UNDER_30 = "18-29", _("18–29")
    FROM_30 = "30-39", _("30–39")
    FROM_40 = "40-49", _("40–49")
    FROM_50 = "50-59", _("50–59")
    FROM_60 = "60+", _("60 or older")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# The Nordic languages and English, as ISO 639-1 codes (Norwegian as "nb", the code
# the hub's locales and expert profiles use).
LANGUAGE_CHOICES = [
    ("da", _("Danish")),
    ("fo", _("Faroese")),
    ("fi", _("Finnish")),
    ("kl", _("Greenlandic")),
    ("is", _("Icelandic")),
    ("nb", _("Norwegian")),
    ("se", _("Sami")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
