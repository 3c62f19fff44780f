"""Locale fallback chains and ``Accept-Language`` negotiation.

A chain lists the languages to try for a requested locale, best first:
``nb:da,sv,en`` means "Norwegian Bokmål, else Danish, else Swedish, else
English". The requested locale always comes first, even when the
configuration leaves it out; a locale without an entry falls back to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from search.documents import LOCALES

__all__ = ["LocaleChains", "negotiate_locale"]

_MAX_HEADER: Final = 200
_negotiated: dict[str, str | None] = {}


@dataclass(frozen=True, slots=True)
class LocaleChains:
    """Fallback chain per requested locale.

    Attributes:
        chains: ``locale -> (locale, fallback, ...)`` for every hub locale.
    """

    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> LocaleChains:
        """Parse ``"nb:da,sv,en;da:nb,sv,en;en:"``.

        Raises:
            ValueError: an unknown locale or a malformed entry (the message
                quotes it).
        """
        chains: dict[str, tuple[str, ...]] = {locale: (locale,) for locale in LOCALES}
        for raw in text.split(";"):
            entry = raw.strip()
            if not entry:
                continue
            locale, separator, rest = entry.partition(":")
            locale = locale.strip()
            if not separator:
                raise ValueError(f"locale fallback entry {entry!r} has no ':'")
            cls.check_locale(locale, "GRAPHQL_LOCALE_FALLBACKS")
            chain = [locale]
            for item in rest.split(","):
                fallback = item.strip()
                if not fallback:
                    continue
                cls.check_locale(fallback, "GRAPHQL_LOCALE_FALLBACKS")
                if fallback not in chain:
                    chain.append(fallback)
            chains[locale] = tuple(chain)
        return cls(chains)

    @staticmethod
    def check_locale(locale: str, name: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"{name}: {locale!r} is not one of {', '.join(LOCALES)}")

    def chain(self, locale: str) -> tuple[str, ...]:
        """The locales to try for ``locale``, best first."""
        return self.chains.get(locale) or (locale,)

    def rank(self, locale: str) -> dict[str, int]:
        """``locale -> position`` in the chain of ``locale`` (lower is better)."""
        return {item: position for position, item in enumerate(self.chain(locale))}


def negotiate_locale(header: str | None) -> str | None:
    """The best hub locale for an ``Accept-Language`` header, or ``None``.

    ``no``/``nn`` count as ``nb`` (Norwegian); ``q=0`` excludes a language.
    Results are memoised: partners send the same few headers again and again.
    """
    if not header:
        return None
    cached = _negotiated.get(header, "")
    if cached != "":
        return cached
    result = _negotiate(header[:_MAX_HEADER])
    if len(_negotiated) > 1000:
        _negotiated.clear()
    _negotiated[header] = result
    return result


def _negotiate(header: str) -> str | None:
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        language = tag.strip().lower().split("-")[0]
        if language in ("no", "nn"):
            language = "nb"
        if language not in LOCALES:
            continue
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        if quality <= 0:
            continue
        candidate = (-quality, position, language)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]
