"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline valid."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    """A picture with an optional caption; credit comes from the image itself."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person it is attributed to."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class LinkBlock(blocks.StructBlock):
    """A call to action pointing to a page of the hub or an external address."""

    label = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
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

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class FactBoxBlock(blocks.StructBlock):
    """A highlighted box with key facts."""

    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "help"
        template = "blocks/fact_box_block.html"


class ContactBlock(blocks.StructBlock):
    """A contact person for a programme, group or page."""

    name = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(required=False, max_length=160)
    organisation = blocks.CharBlock(required=False, max_length=160)
    email = blocks.EmailBlock(required=False)
    phone = blocks.CharBlock(required=False, max_length=40)

    class Meta:
        icon = "user"
        template = "blocks/contact_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of any editorial page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    figure = FigureBlock()
    quote = QuoteBlock()
    link = LinkBlock()
    document = DocumentBlock()
    fact_box = FactBoxBlock()
    contact = ContactBlock()
    table = TableBlock(template="blocks/table_block.html")

    class Meta:
        template = "blocks/body_block.html"
