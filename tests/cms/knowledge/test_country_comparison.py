"""Country comparisons: inline answers, one per country, and the ordered matrix."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from knowledge.models import ComparisonAnswer, CountryComparisonPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form

QUESTION = "How long is the introduction programme for newly arrived refugees?"


def answer(country, short, **extra):
    return {
        "country": country.pk,
        "short_answer": short,
        "details": extra.get("details", ""),
        "source_title": extra.get("source_title", ""),
        "source_url": extra.get("source_url", ""),
        "valid_from": extra.get("valid_from", ""),
        **({"id": extra["id"]} if "id" in extra else {}),
    }


def comparison_form(answers, initial=0):
    return page_form(
        "Introduction programme",
        "introduction-programme",
        {
            "question": QUESTION,
            "intro": rich_text("<p>Figures are examples to verify.</p>"),
            "answers": inline_formset(answers, initial=initial),
        },
    )


def test_comparison_lifecycle_with_inline_answers(
    editor_client, knowledge_index, countries
):
    source = {
        "source_title": "Danish integration authority",
        "source_url": "https://example.org/dk",
        "valid_from": "2019-01-01",
    }
    data = comparison_form(
        [
            answer(countries["sweden"]["en"], "usually 2 years"),
            answer(countries["denmark"]["en"], "up to 1 year", **source),
        ]
    )

    def edited(page):
        rows = {a.country_id: a.pk for a in page.answers.all()}
        sweden, denmark = countries["sweden"]["en"], countries["denmark"]["en"]
        return nested_form_data(
            {
                "answers": inline_formset(
                    [
                        answer(sweden, "about 2 years", id=rows[sweden.pk]),
                        answer(denmark, "up to 1 year", id=rows[denmark.pk], **source),
                        answer(countries["norway"]["en"], "3 months to 3 years"),
                    ],
                    initial=2,
                )
            }
        )

    page = assert_full_lifecycle(
        editor_client,
        knowledge_index,
        CountryComparisonPage,
        data,
        edited=edited,
        expect_in_preview="usually 2 years",
        expect_after_edit="3 months to 3 years",
    )
    assert ComparisonAnswer.objects.filter(page=page).count() == 3
    assert [row.country.name for row in page.matrix()] == [
        "Denmark",
        "Norway",
        "Sweden",
    ]
    html = editor_client.get(page.url).content.decode()
    assert f'<caption id="comparison-caption">{QUESTION}</caption>' in html
    assert '<time datetime="2019-01-01">' in html
    assert 'href="https://example.org/dk">Danish integration authority</a>' in html


def test_one_answer_per_country(editor_client, knowledge_index, countries):
    denmark = countries["denmark"]["en"]
    data = comparison_form(
        [
            answer(denmark, "up to 1 year"),
            answer(countries["sweden"]["en"], "2 years"),
            answer(denmark, "3 years"),
        ]
    )
    errors = form_errors(editor_client, knowledge_index, CountryComparisonPage, data)
    assert errors["answers-2"] == {
        "country": [
            "Denmark already has an answer (answer 1). "
            "Give each country or territory one answer."
        ]
    }
    assert "answers-0" not in errors


def test_deleted_duplicate_is_accepted(editor_client, knowledge_index, countries):
    denmark = countries["denmark"]["en"]
    data = comparison_form(
        [answer(denmark, "up to 1 year"), {**answer(denmark, "old"), "DELETE": "1"}]
    )
    response = editor_client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["knowledge", "countrycomparisonpage", knowledge_index.pk],
        ),
        {**data, "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    page = CountryComparisonPage.objects.get()
    assert [a.short_answer for a in page.answers.all()] == ["up to 1 year"]


def test_model_clean_refuses_duplicate_countries(knowledge_index, countries):
    denmark = countries["denmark"]
    page = CountryComparisonPage(
        title="Comparison",
        slug="comparison",
        question=QUESTION,
        answers=[
            ComparisonAnswer(country=denmark["en"], short_answer="1 year"),
            ComparisonAnswer(country=denmark["da"], short_answer="1 år"),
        ],
    )
    with pytest.raises(ValidationError, match="Denmark has more than one answer"):
        knowledge_index.add_child(instance=page)
    page.answers = [
        ComparisonAnswer(country=denmark["en"], short_answer="1 year"),
        ComparisonAnswer(country=denmark["en"], short_answer="2 years"),
    ]
    with pytest.raises(ValidationError, match="Denmark has more than one answer"):
        page.full_clean()


def test_matrix_orders_countries_then_territories(knowledge_index, countries):
    page = CountryComparisonPage(
        title="Comparison",
        slug="comparison",
        question=QUESTION,
        answers=[
            ComparisonAnswer(country=countries[slug]["en"], short_answer=slug)
            for slug in ("aland", "sweden", "faroe-islands", "denmark", "norway")
        ],
    )
    knowledge_index.add_child(instance=page)
    rows = page.matrix()
    assert [row.country.code for row in rows] == ["DK", "NO", "SE", "FO", "AX"]
    assert rows[0].short_answer == "denmark"


def test_translation_shows_and_offers_its_own_countries(
    editor_client, knowledge_index, countries, locales
):
    page = CountryComparisonPage(
        title="Comparison",
        slug="comparison",
        question=QUESTION,
        answers=[
            ComparisonAnswer(country=countries["sweden"]["en"], short_answer="2 years"),
            ComparisonAnswer(country=countries["denmark"]["en"], short_answer="1 year"),
        ],
    )
    knowledge_index.add_child(instance=page)
    page.save_revision().publish()
    danish = page.copy_for_translation(locales["da"], copy_parents=True)
    assert [row.country.name for row in danish.matrix()] == ["Danmark", "Sverige"]

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[danish.pk]))
    assert response.status_code == 200
    formset = response.context["form"].formsets["answers"]
    form = formset.forms[0]
    offered = {country.pk for country in form.fields["country"].queryset}
    assert offered == {c["da"].pk for c in countries.values()}
    translated = {countries["sweden"]["da"].pk, countries["denmark"]["da"].pk}
    assert {f.initial["country"] for f in formset.forms} == translated
    assert (
        formset.empty_form.fields["country"]
        .queryset.filter(pk=countries["sweden"]["en"].pk)
        .count()
        == 0
    )
