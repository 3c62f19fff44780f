"""Choices for expert groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    """What a member does in an expert group."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARIAT = "secretariat", _("Secretariat")


# Roles that take one of a country's seats (the secretariat does not).
SEAT_ROLES = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER})
