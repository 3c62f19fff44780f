"""Admin views of glossary concepts beyond Wagtail's defaults."""

from __future__ import annotations

from wagtail.snippets.views.snippets import CreateView

from glossary.models import LANGUAGE_FIELDS, field_name

#: Longest prefilled value taken from the address (a few terms, not a text).
MAX_PREFILL = 200


class GlossaryConceptCreateView(CreateView):
    """The create view, prefilled from the query string (``?terms_da=...``):
    the report of searches without results links here with the word that
    nothing translates."""

    def get_initial(self):
        initial = super().get_initial()
        for language in LANGUAGE_FIELDS:
            name = field_name(language)
            value = " ".join(self.request.GET.get(name, "").split())
            if value:
                initial[name] = value[:MAX_PREFILL]
        return initial
