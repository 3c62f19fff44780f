"""Choices for funding calls."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    """Currencies a Nordic grant may be given in."""

    DKK = "DKK", _("Danish kroner (DKK)")
    EUR = "EUR", _("Euro (EUR)")
    NOK = "NOK", _("Norwegian kroner (NOK)")
    SEK = "SEK", _("Swedish kronor (SEK)")
    ISK = "ISK", _("Icelandic krónur (ISK)")


class CallStatus(models.TextChoices):
    """Where a call stands at a given moment."""

    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")
