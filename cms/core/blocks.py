"""StreamField blocks shared by every page type."""

from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]

B = TypeVar("B", bound=blocks.Block)


def labelled(block: B, label: Promise) -> B:
    """Give a block a translated label in the editor.

    Wagtail's default label is the English field name. The label is set after
    construction, not as ``label=``: constructor arguments are recorded in the
    migrations, and a label is only shown, never stored.
    """
    block.meta.label = label
    block.label = label
    return block


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline valid."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = labelled(
        blocks.ChoiceBlock(
            choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2"
        ),
        _("Level"),
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    """A picture with an optional caption; credit comes from the image itself."""

    image = ImageBlock(label=_("Image"))
    # ImageBlock labels its own chooser with the English field name.
    labelled(image.child_blocks["image"], _("Image"))
    caption = labelled(blocks.CharBlock(required=False, max_length=300), _("Caption"))

    class Meta:
        label = _("Figure")
        icon = "image"
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person it is attributed to."""

    quote = labelled(blocks.TextBlock(max_length=600), _("Quote"))
    attribution = labelled(
        blocks.CharBlock(required=False, max_length=200), _("Attribution")
    )

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "blocks/quote_block.html"


class LinkBlock(blocks.StructBlock):
    """A call to action pointing to a page of the hub or an external address."""

    label = labelled(blocks.CharBlock(max_length=120), _("Link text"))
    page = labelled(blocks.PageChooserBlock(required=False), _("Page"))
    url = labelled(blocks.URLBlock(required=False), _("Web address"))

    class Meta:
        label = _("Link")
        icon = "link"
        template = "blocks/link_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        result = super().clean(value)
        if bool(result["page"]) == bool(result["url"]):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Choose a page or enter an address, not both.")
                    )
                }
            )
        return result


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (report, minutes, presentation)."""

    document = labelled(DocumentChooserBlock(), _("Document"))
    title = labelled(
        blocks.CharBlock(
            required=False,
            max_length=200,
            help_text=_("Defaults to the document's title."),
        ),
        _("Title"),
    )

    class Meta:
        label = _("Document")
        icon = "doc-full"
        template = "blocks/document_block.html"


class FactBoxBlock(blocks.StructBlock):
    """A highlighted box with key facts."""

    title = labelled(blocks.CharBlock(max_length=120), _("Title"))
    text = labelled(
        blocks.RichTextBlock(features=["bold", "italic", "ul", "ol", "link"]),
        _("Text"),
    )

    class Meta:
        label = _("Fact box")
        icon = "help"
        template = "blocks/fact_box_block.html"


class ContactBlock(blocks.StructBlock):
    """A contact person for a programme, group or page."""

    name = labelled(blocks.CharBlock(max_length=120), _("Name"))
    role = labelled(blocks.CharBlock(required=False, max_length=160), _("Role"))
    organisation = labelled(
        blocks.CharBlock(required=False, max_length=160), _("Organisation")
    )
    email = labelled(blocks.EmailBlock(required=False), _("E-mail"))
    phone = labelled(blocks.CharBlock(required=False, max_length=40), _("Phone"))

    class Meta:
        label = _("Contact")
        icon = "user"
        template = "blocks/contact_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of any editorial page."""

    heading = HeadingBlock()
    paragraph = labelled(
        blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow"),
        _("Paragraph"),
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    link = LinkBlock()
    document = DocumentBlock()
    fact_box = FactBoxBlock()
    contact = ContactBlock()
    table = labelled(TableBlock(template="blocks/table_block.html"), _("Table"))

    class Meta:
        template = "blocks/body_block.html"
