from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner access to the delivery API: keys, limits and CORS origins."""

    name = "partners"
    verbose_name = "Partners"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from partners import signals  # noqa: F401
