from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.exports import route_wagtail_exports
        from core.translation_source import connect_signals

        route_wagtail_exports()
        connect_signals()
