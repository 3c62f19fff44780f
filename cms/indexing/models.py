"""The outbox: one row per change the search read model must learn about."""

from __future__ import annotations

from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Key of the PostgreSQL advisory lock that orders outbox ids by commit.
OUTBOX_LOCK_KEY = 0x48554221


def _ids_in_commit_order(using: str) -> None:
    """Make ids commit in the order they are drawn.

    Change sync serves versions (row ids) up to the indexer's watermark; a
    transaction that drew id 10 and commits after id 11 was indexed would land
    behind partners' cursors. On PostgreSQL a transaction-scoped advisory lock
    makes writers of the outbox take their ids one transaction at a time;
    SQLite already serialises writing transactions.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OUTBOX_LOCK_KEY])


class OutboxQuerySet(models.QuerySet):
    def create(self, **kwargs):
        with transaction.atomic(using=self.db):
            _ids_in_commit_order(self.db)
            return super().create(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            _ids_in_commit_order(self.db)
            return super().bulk_create(objs, *args, **kwargs)


class OutboxEntry(models.Model):
    """A pending change for the indexer, written in the same transaction as the change.

    The row id doubles as the document version: ids only grow, so a replayed or
    late row can never overwrite what a newer row already put in the index.
    """

    class Action(models.TextChoices):
        UPSERT = "upsert", _("Index")
        DELETE = "delete", _("Remove")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    doc_id = models.CharField(_("document id"), max_length=120, db_index=True)
    model_label = models.CharField(_("model"), max_length=100)
    object_pk = models.CharField(_("object id"), max_length=64)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")
        indexes = [models.Index(fields=["state", "next_attempt_at", "id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.doc_id} (#{self.pk})"
