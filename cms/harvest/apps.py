from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    """Harvests partner feeds into external items that search and the API show."""

    name = "harvest"
    verbose_name = _("External sources")
    default_auto_field = "django.db.models.BigAutoField"
