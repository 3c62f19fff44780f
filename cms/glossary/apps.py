from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    """The multilingual glossary that lets one query reach every Nordic language."""

    name = "glossary"
    verbose_name = "Glossary"
    default_auto_field = "django.db.models.BigAutoField"
