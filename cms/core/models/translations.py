"""Where a translation came from: recorded when an editor chooses Translate."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationOrigin(models.Model):
    """The source a page or snippet translation was copied from, as it was then.

    ``source_content`` keeps the copied content itself (what a revision holds), so
    the editor can see what changed in the source even after old revisions are
    purged, and for snippets that keep no revisions at all.
    """

    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    source_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_content = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation origin")
        verbose_name_plural = _("translation origins")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_origin",
            )
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} {self.source_locale_id}->{self.locale_id}"
