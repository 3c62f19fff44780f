"""Keep the key file in step with the database after each committed change."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partners.models import ApiKey
from partners.store import write_key_store


@receiver(post_save, sender=ApiKey)
@receiver(post_delete, sender=ApiKey)
def on_key_changed(sender, **kwargs) -> None:
    transaction.on_commit(write_key_store)
