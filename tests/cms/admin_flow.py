"""Drive the real Wagtail page editor: preview, create, edit and publish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data


def page_form(
    title: str, slug: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Form data for the page editor: title, slug, the comments formset and fields.

    Nested values (streamfield(), inline_formset()) are flattened the way the
    editor's JavaScript would post them.
    """
    data: dict[str, Any] = {
        "title": title,
        "slug": slug,
        "comments": inline_formset([]),
    }
    data.update(fields or {})
    return nested_form_data(data)


def preview_on_add(client: Client, parent: Page, model: type[Page], data: dict) -> str:
    """Post the add form to the preview view and return the rendered preview."""
    opts = model._meta
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[opts.app_label, opts.model_name, parent.pk],
    )
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:2000]
    assert response.json()["is_valid"], response.json()
    rendered = client.get(url)
    assert rendered.status_code == 200
    return rendered.content.decode()


def create_page(
    client: Client, parent: Page, model: type[Page], data: dict, *, publish: bool = True
) -> Page:
    """Create a page through the editor (publishing it unless told not to)."""
    opts = model._meta
    url = reverse(
        "wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk]
    )
    payload = dict(data)
    if publish:
        payload["action-publish"] = "action-publish"
    response = client.post(url, payload)
    if response.status_code != 302:
        errors = _form_errors(response)
        raise AssertionError(f"page editor refused the page: {errors}")
    page = model.objects.child_of(parent).get(slug=data["slug"])
    assert page.live is publish
    return page


def edit_page(client: Client, page: Page, data: dict, *, publish: bool = True) -> Page:
    """Edit a page through the editor; returns the fresh specific page."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    payload = dict(data)
    if publish:
        payload["action-publish"] = "action-publish"
    response = client.post(url, payload)
    if response.status_code != 302:
        raise AssertionError(f"page editor refused the edit: {_form_errors(response)}")
    return Page.objects.get(pk=page.pk).specific


def preview_on_edit(client: Client, page: Page, data: dict) -> str:
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"], response.json()
    rendered = client.get(url)
    assert rendered.status_code == 200
    return rendered.content.decode()


def form_errors(client: Client, parent: Page, model: type[Page], data: dict) -> dict:
    """Post the add form and return the validation errors it reports."""
    opts = model._meta
    url = reverse(
        "wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk]
    )
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200, "expected the editor to refuse the page"
    return _form_errors(response)


def _form_errors(response) -> dict:
    context = response.context
    if context is None:
        return {"status": response.status_code}
    form = context.get("form")
    errors: dict = {}
    if form is not None:
        for name, error_list in form.errors.as_data().items():
            errors[name] = [m for e in error_list for m in _messages(e)]
        for name, formset in getattr(form, "formsets", {}).items():
            for i, sub in enumerate(formset.forms):
                if sub.errors:
                    errors[f"{name}-{i}"] = sub.errors
            if formset.non_form_errors():
                errors[name] = list(formset.non_form_errors())
    return errors


def assert_full_lifecycle(
    client: Client,
    parent: Page,
    model: type[Page],
    data: dict,
    *,
    edited: dict | Callable[[Page], dict],
    expect_in_preview: str,
    expect_after_edit: str,
    check_public: bool = True,
) -> Page:
    """Preview, create and publish, preview an edit, publish it: the editor's day."""
    html = preview_on_add(client, parent, model, data)
    assert expect_in_preview in html
    page = create_page(client, parent, model, data)
    assert page.live and page.revisions.count() == 1
    # Inline rows must be posted back with their ids, as the editor does; a callable
    # builds those from the created page.
    changes = edited(page) if callable(edited) else edited
    changed = {**data, **changes}
    html = preview_on_edit(client, page, changed)
    assert expect_after_edit in html
    page = edit_page(client, page, changed)
    assert page.revisions.count() == 2
    if check_public:
        public = client.get(page.url)
        assert public.status_code == 200
        assert expect_after_edit in public.content.decode()
    return page


def _messages(error) -> list[str]:
    """Every message in a (possibly nested StreamField) validation error."""
    found = list(getattr(error, "messages", []))
    for attr in ("block_errors", "non_block_errors"):
        nested = getattr(error, attr, None)
        if not nested:
            continue
        items = nested.values() if isinstance(nested, dict) else nested
        for item in items:
            for sub in item if isinstance(item, list) else [item]:
                found.extend(_messages(sub))
    return found
