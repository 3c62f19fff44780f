"""An editor in the Wagtail admin over real HTTP, as a browser without scripts.

The CMS runs with production settings: its session and CSRF cookies are
``Secure`` and it trusts ``X-Forwarded-Proto`` from the TLS proxy in front of
it. :class:`AdminSession` plays that proxy (every request says ``https``, with
the matching ``Origin``) and keeps the cookies a browser would keep behind it.
Forms are read from the page as rendered (every input, hidden management
fields of streams and inline panels included), changed where the editor types,
and posted back with the CSRF token they carry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Self

import httpx

__all__ = ["AdminError", "AdminSession", "Form", "parse_forms"]


class AdminError(AssertionError):
    """The admin did not do what the editor asked (the message says what it said)."""


@dataclass
class Form:
    """A form's action and its fields in document order (names may repeat)."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    #: The path of the page the form is on.
    page: str = ""

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def value(self, name: str) -> str:
        for key, value in self.fields:
            if key == name:
                return value
        raise KeyError(name)

    def set(self, name: str, value: str) -> None:
        """Replace every value of ``name`` (or add it)."""
        self.fields = [(key, v) for key, v in self.fields if key != name]
        self.fields.append((name, value))


class _FormParser(HTMLParser):
    """Collects forms with their successful controls, as a browser submits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._option_text: list[str] | None = None
        self._option_value: str | None = None
        self._option_selected = False
        self._templates = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "template":
            # Blank rows an inline panel clones with scripts: never submitted.
            self._templates += 1
        if self._templates:
            return
        if tag == "form":
            self._form = Form(attr.get("action", ""), attr.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in attr:
            return
        name = attr.get("name", "")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attr:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self._form.fields.append((name, attr.get("value", default)))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = name
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option_value = attr.get("value")
            self._option_selected = "selected" in attr
            self._option_text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option_text is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._templates -= 1
        if self._templates:
            return
        if tag == "textarea" and self._textarea and self._form is not None:
            name, parts = self._textarea
            # A browser drops the one newline that follows <textarea>.
            self._form.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option_text is not None:
            value = self._option_value
            text = "".join(self._option_text).strip()
            self._options.append(
                (text if value is None else value, self._option_selected)
            )
            self._option_text = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options:
                chosen = [self._options[0][0]]
            self._form.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def _messages(html: str) -> str:
    """The admin's error messages on a page, for failure messages."""
    found = re.findall(
        r'class="[^"]*(?:error-message|help-critical|messages)[^"]*"[^>]*>(.*?)</',
        html,
        flags=re.S,
    )
    text = " | ".join(unescape(re.sub(r"<[^>]+>", " ", item)).strip() for item in found)
    return " ".join(text.split())[:1500] or html[:1500]


class AdminSession:
    """A logged-in editor (see the module docstring)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        origin = "https://" + httpx.URL(self.base).netloc.decode()
        self.client = httpx.Client(
            base_url=self.base,
            timeout=30,
            headers={"X-Forwarded-Proto": "https", "Origin": origin},
            event_hooks={"response": [self._keep_cookies]},
        )
        self.origin = origin

    def _keep_cookies(self, response: httpx.Response) -> None:
        # The proxy speaks https to the browser; here the jar must send the
        # Secure cookies over the loopback's plain http.
        for cookie in self.client.cookies.jar:
            cookie.secure = False

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str, **params: str) -> httpx.Response:
        response = self.client.get(path, params=params or None, follow_redirects=True)
        if response.status_code != 200:
            raise AdminError(
                f"GET {path}: {response.status_code} {response.text[:500]}"
            )
        return response

    def form(self, path: str, has: str) -> Form:
        """The form on ``path`` that has a field named ``has``."""
        page = self.get(path)
        for form in parse_forms(page.text):
            if has in form.names():
                # Where the admin sent the editor (a language prefix, say).
                form.page = page.url.path
                return form
        raise AdminError(f"no form with {has!r} on {path}: {page.text[:500]}")

    def submit(
        self,
        path: str,
        form: Form,
        extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Post ``form`` as a browser would from ``path``; returns the answer to
        the post (a redirect when the admin accepted it)."""
        data: dict[str, list[str]] = {}
        for name, value in [*form.fields, *(extra or {}).items()]:
            data.setdefault(name, []).append(value)
        page = form.page or path
        target = form.action or page
        response = self.client.post(
            target, data=data, headers={"Referer": self.origin + page}
        )
        if response.status_code not in {302, 303}:
            raise AdminError(
                f"POST {target}: {response.status_code}: {_messages(response.text)}"
            )
        return response

    def login(self, username: str, password: str) -> Self:
        form = self.form("/admin/login/", has="username")
        form.set("username", username)
        form.set("password", password)
        answer = self.submit("/admin/login/", form)
        if "/login/" in answer.headers.get("location", ""):
            raise AdminError("the admin refused the editor's password")
        return self

    def fill(
        self,
        path: str,
        has: str,
        values: dict[str, str],
        *,
        change: Callable[[Form], None] | None = None,
        extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Open the form on ``path``, type ``values`` and submit it."""
        form = self.form(path, has)
        for name, value in values.items():
            form.set(name, value)
        if change is not None:
            change(form)
        return self.submit(path, form, extra)
