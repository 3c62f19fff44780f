"""Knowledge index, publications and learning examples through the real editor."""

from __future__ import annotations

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from knowledge.models import KnowledgeIndexPage, LearningExamplePage, PublicationPage
from knowledge.validators import latest_year
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form
from tests.cms.knowledge.helpers import item_form


def test_knowledge_index_lifecycle(editor_client, home):
    data = page_form(
        "Knowledge bank",
        "knowledge",
        {
            "lead": "Nordic research and practice on integration.",
            "body": streamfield(
                [("paragraph", rich_text("<p>Find what works across the Nordics.</p>"))]
            ),
        },
    )
    assert_full_lifecycle(
        editor_client,
        home,
        KnowledgeIndexPage,
        data,
        edited={"lead": "Research, examples and statistics."},
        expect_in_preview="Find what works across the Nordics.",
        expect_after_edit="Research, examples and statistics.",
    )


def test_publication_lifecycle(editor_client, knowledge_index, make_document):
    report = make_document(b"%PDF-1.4 demo", name="report.pdf", title="Full report")
    data = page_form(
        "Teaching that matters",
        "teaching-that-matters",
        {
            "kind": "research-summary",
            "lead": "What helps migrant pupils learn.",
            "authors": "A. Researcher, B. Scholar",
            "publisher": "NordForsk",
            "year": "2022",
            "source_organisation": "NordForsk",
            "external_url": "https://www.nordforsk.org/",
            "body": streamfield(
                [("paragraph", rich_text("<p>Teachers make the difference.</p>"))]
            ),
            "attachments": streamfield(
                [("document", {"document": report.pk, "title": "Download the study"})]
            ),
        },
    )
    page = assert_full_lifecycle(
        editor_client,
        knowledge_index,
        PublicationPage,
        data,
        edited={"lead": "Schools that welcome migrant pupils well."},
        expect_in_preview="Teachers make the difference.",
        expect_after_edit="Schools that welcome migrant pupils well.",
    )
    assert page.kind == "research-summary"
    assert page.author_list == ["A. Researcher", "B. Scholar"]
    html = editor_client.get(page.url).content.decode()
    assert "Research summary" in html
    assert "Download the study" in html and report.url in html


def test_publication_year_must_be_in_range(editor_client, knowledge_index):
    for year, message in [
        ("1989", "Enter a year from 1990 onwards."),
        (str(latest_year() + 1), f"Enter a year no later than {latest_year()}."),
    ]:
        data = item_form("Old", "old", {"kind": "report", "year": year})
        errors = form_errors(editor_client, knowledge_index, PublicationPage, data)
        assert errors["year"] == [message]


def test_learning_example_lifecycle(editor_client, knowledge_index):
    data = item_form(
        "Language at work",
        "language-at-work",
        {
            "lead": "Language training combined with work practice.",
            "municipality_or_region": "Example municipality",
            "target_group": "Newly arrived adults",
            "what_was_done": rich_text("<p>Classes held at the workplace.</p>"),
            "measured_outcome": rich_text("<p>More participants found jobs.</p>"),
            "transferable_lessons": rich_text("<p>Involve employers early.</p>"),
            "contact_name": "Kari Nordmann",
            "contact_organisation": "Example municipality",
            "contact_email": "kari@example.org",
            "year": "2021",
        },
    )
    page = assert_full_lifecycle(
        editor_client,
        knowledge_index,
        LearningExamplePage,
        data,
        edited=nested_form_data(
            {"transferable_lessons": rich_text("<p>Pay mentors for their time.</p>")}
        ),
        expect_in_preview="Involve employers early.",
        expect_after_edit="Pay mentors for their time.",
    )
    html = editor_client.get(page.url).content.decode()
    assert "What others can transfer" in html
    assert "mailto:kari@example.org" in html
    assert "More participants found jobs." in html


def test_learning_example_contact_email_needs_a_name(editor_client, knowledge_index):
    data = item_form("Mentors", "mentors", {"contact_email": "someone@example.org"})
    errors = form_errors(editor_client, knowledge_index, LearningExamplePage, data)
    assert errors["contact_name"] == ["Give the name of the person behind the e-mail."]
