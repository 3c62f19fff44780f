from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Review and publishing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from moderation.names import connect_translated_names

        connect_translated_names()
