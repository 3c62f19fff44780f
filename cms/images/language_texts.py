"""The image form's "alt text and caption per language" field: two inputs per
content language, stored as ``{"nb": {"alt": ..., "caption": ...}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

ALT_MAX_LENGTH = 255
CAPTION_MAX_LENGTH = 300
PARTS = ("alt", "caption")
TOO_LONG = {
    "alt": _(
        "%(language)s: the alt text is %(length)d characters long; "
        "at most %(limit)d fit."
    ),
    "caption": _(
        "%(language)s: the caption is %(length)d characters long; "
        "at most %(limit)d fit."
    ),
}


def content_languages() -> list[tuple[str, Any]]:
    return list(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES))


class LanguageTextsWidget(forms.Widget):
    """A row per language with its alt text and caption inputs."""

    template_name = "images/widgets/language_texts.html"

    def id_for_label(self, id_: str) -> str:
        languages = content_languages()
        return f"{id_}_{languages[0][0]}_alt" if id_ and languages else id_

    def format_value(self, value: Any) -> dict[str, dict[str, str]]:
        return value if isinstance(value, Mapping) else {}

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Any, name: str
    ) -> dict[str, dict[str, str]]:
        return {
            code: {part: data.get(f"{name}_{code}_{part}", "") for part in PARTS}
            for code, _label in content_languages()
        }

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str):
        prefix = f"{name}_"
        return not any(key.startswith(prefix) for key in data)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        texts = self.format_value(value)
        base_id = (attrs or {}).get("id") or f"id_{name}"
        context["widget"]["rows"] = [
            {
                "code": code,
                "label": label,
                "alt": {
                    "name": f"{name}_{code}_alt",
                    "id": f"{base_id}_{code}_alt",
                    "value": (texts.get(code) or {}).get("alt", ""),
                },
                "caption": {
                    "name": f"{name}_{code}_caption",
                    "id": f"{base_id}_{code}_caption",
                    "value": (texts.get(code) or {}).get("caption", ""),
                },
            }
            for code, label in content_languages()
        ]
        context["widget"]["alt_max_length"] = ALT_MAX_LENGTH
        context["widget"]["caption_max_length"] = CAPTION_MAX_LENGTH
        return context


class LanguageTextsField(forms.Field):
    """Cleans to a dict holding only languages with some text, stripped."""

    widget = LanguageTextsWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dict[str, dict[str, str]]:
        if value in (None, ""):
            return {}
        if not isinstance(value, Mapping):
            raise forms.ValidationError(
                _("Enter the alt texts and captions in the fields given."),
                code="invalid",
            )
        known = dict(content_languages())
        cleaned: dict[str, dict[str, str]] = {}
        errors: list[forms.ValidationError] = []
        limits = {"alt": ALT_MAX_LENGTH, "caption": CAPTION_MAX_LENGTH}
        for code, entry in value.items():
            if code not in known or not isinstance(entry, Mapping):
                continue
            texts = {
                part: " ".join(str(entry.get(part) or "").split()) for part in PARTS
            }
            for part, text in texts.items():
                if len(text) > limits[part]:
                    errors.append(
                        forms.ValidationError(
                            TOO_LONG[part],
                            code="max_length",
                            params={
                                "language": known[code],
                                "length": len(text),
                                "limit": limits[part],
                            },
                        )
                    )
            if texts["caption"] and not texts["alt"]:
                errors.append(
                    forms.ValidationError(
                        _(
                            "%(language)s: write the alt text too; a caption does "
                            "not replace it."
                        ),
                        code="caption_without_alt",
                        params={"language": known[code]},
                    )
                )
            kept = {part: text for part, text in texts.items() if text}
            if kept:
                cleaned[code] = kept
        if errors:
            raise forms.ValidationError(errors)
        return cleaned

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True
