"""Applications sent through a call's form, and their erasure after retention."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.choices import LANGUAGE_CHOICES, AgeGroup, ApplicantType, Gender

LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)

# What erasure writes over the personal data. Only the call, the country of
# residence and the submission time survive, for statistics.
ERASED_VALUES = {
    "full_name": "",
    "email": "",
    "applicant_type": "",
    "organisation": "",
    "education": "",
    "current_position": "",
    "thematic_description": "",
    "motivation": "",
    "languages": [],
    "migrant_background": None,
    "gender": "",
    "age_group": "",
    "country_of_origin": "",
    "consent": None,
}


class ApplicationQuerySet(models.QuerySet):
    def not_erased(self) -> ApplicationQuerySet:
        return self.filter(erased_at__isnull=True)

    def erased(self) -> ApplicationQuerySet:
        return self.filter(erased_at__isnull=False)

    def past_retention(self, now: datetime.datetime | None = None):
        """Applications still holding personal data after their call's retention."""
        from applications.models.calls import CallForApplicationsPage

        now = now or timezone.now()
        call_ids = [
            call.pk
            for call in CallForApplicationsPage.objects.filter(closes_at__lte=now)
            if call.erase_after() <= now
        ]
        return self.not_erased().filter(call_id__in=call_ids)

    def erase(self, now: datetime.datetime | None = None) -> int:
        """Blank the personal data of these applications; returns how many."""
        now = now or timezone.now()
        with transaction.atomic():
            ids = list(self.not_erased().values_list("pk", flat=True))
            if not ids:
                return 0
            through = Application.thematic_knowledge.through
            through.objects.filter(application_id__in=ids).delete()
            return Application.objects.filter(pk__in=ids).update(
                erased_at=now, **ERASED_VALUES
            )


class Application(models.Model):
    """One application to a call; reviewers read it, nobody edits it."""

    call = models.ForeignKey(
        "applications.CallForApplicationsPage",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, db_index=True
    )
    erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    country_of_residence = models.ForeignKey(
        "core.Country",
        verbose_name=_("country of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applicant_type = models.CharField(
        _("applicant type"),
        max_length=20,
        choices=ApplicantType.choices,
        blank=True,
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The organisation you represent; required if you represent one."),
    )
    education = models.TextField(
        _("education"),
        max_length=2000,
        blank=True,
        help_text=_("Your degrees or training, with the field and the country."),
    )
    current_position = models.CharField(
        _("current position"),
        max_length=200,
        blank=True,
        help_text=_("Your job title and employer, or what you do now."),
    )
    thematic_knowledge = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("thematic knowledge"),
        blank=True,
        related_name="+",
    )
    thematic_description = models.TextField(
        _("your knowledge of these themes"),
        max_length=4000,
        blank=True,
        help_text=_(
            "Describe your knowledge of the integration of refugees and immigrants "
            "in the themes you ticked."
        ),
    )
    motivation = models.TextField(
        _("motivation"),
        max_length=4000,
        blank=True,
        help_text=_("Why you want to take part (at most 4,000 characters)."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    migrant_background = models.BooleanField(
        _("born outside the Nordic region and migrated to a Nordic country"),
        null=True,
        blank=True,
    )
    gender = models.CharField(
        _("gender"), max_length=20, choices=Gender.choices, blank=True
    )
    age_group = models.CharField(
        _("age group"), max_length=20, choices=AgeGroup.choices, blank=True
    )
    country_of_origin = models.CharField(
        _("country of origin"), max_length=100, blank=True
    )
    consent = models.BooleanField(_("consent to processing"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        if self.is_erased:
            return str(_("Erased application #%(pk)s") % {"pk": self.pk})
        return self.full_name or str(_("Application #%(pk)s") % {"pk": self.pk})

    def clean(self) -> None:
        if (
            self.erased_at is None
            and self.applicant_type == ApplicantType.ORGANISATION
            and not self.organisation.strip()
        ):
            raise ValidationError(
                {"organisation": _("Name the organisation you represent.")}
            )

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def status(self) -> str:
        return str(_("erased") if self.is_erased else _("received"))

    status.short_description = _("status")  # type: ignore[attr-defined]

    def get_languages_display(self) -> str:
        return ", ".join(str(LANGUAGE_LABELS.get(c, c)) for c in self.languages or [])

    def get_thematic_knowledge_display(self) -> str:
        return ", ".join(theme.name for theme in self.thematic_knowledge.all())

    def erase(self, now: datetime.datetime | None = None) -> None:
        """Blank this application's personal data now (whatever its call)."""
        Application.objects.filter(pk=self.pk).erase(now)
        self.refresh_from_db()
