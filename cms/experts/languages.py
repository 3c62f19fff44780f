"""Languages an expert can work in (ISO 639-1 codes)."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("da", _("Danish")),
    ("nb", _("Norwegian")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("is", _("Icelandic")),
    ("fo", _("Faroese")),
    ("kl", _("Greenlandic")),
    ("se", _("Northern Sami")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("prs", _("Dari")),
    ("ku", _("Kurdish")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("bs", _("Bosnian")),
    ("ur", _("Urdu")),
]
LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}
