from django.apps import AppConfig


class IndexingConfig(AppConfig):
    """Keeps the search read model in step with the CMS through an outbox."""

    name = "indexing"
    verbose_name = "Search indexing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from indexing.signal_handlers import register_signal_handlers

        register_signal_handlers()
