"""Querysets for expert profiles: only consented profiles ever reach the public."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from wagtail.models import Locale

if TYPE_CHECKING:
    from typing import Self


class ExpertProfileQuerySet(models.QuerySet):
    """``ExpertProfile.objects``: adds the filters templates and feeds rely on."""

    def public(self) -> Self:
        """Profiles whose expert has consented to publication, in every language.

        Unticking "public" on any language version of a profile (consent withdrawn)
        hides every version of it, so that no translation lingers on the site.
        """
        withdrawn = self.model._default_manager.filter(is_public=False).values(
            "translation_key"
        )
        return self.filter(is_public=True).exclude(translation_key__in=withdrawn)

    def for_locale(self, locale: Locale) -> Self:
        """One profile per expert, in ``locale`` when that version exists.

        Profiles are translatable snippets; many exist only in English. For each
        expert (translation key) this keeps the version in ``locale``, else the one
        in the default language, else any other. Chain it after ``public()`` so that
        only public versions compete.
        """
        default_id = Locale.get_default().pk

        def rank(locale_id: int) -> int:
            if locale_id == locale.pk:
                return 0
            return 1 if locale_id == default_id else 2

        chosen: dict[object, tuple[int, int]] = {}
        rows = self.order_by("pk").values_list("pk", "translation_key", "locale_id")
        for pk, key, locale_id in rows:
            candidate = (rank(locale_id), pk)
            if key not in chosen or candidate < chosen[key]:
                chosen[key] = candidate
        return self.filter(pk__in=[pk for _rank, pk in chosen.values()])
