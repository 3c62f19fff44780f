"""Admin for partner API keys."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from partners.forms import ApiKeyForm
from partners.models import ApiKey
from partners.usage import usage_by_key


class ApiKeyCreateView(CreateView):
    def get_success_message(self, instance):
        raw = self.form.raw_key
        return format_html(
            _("Key for {name} created. Copy it now, it is not shown again: {key}"),
            name=instance.name,
            key=format_html("<code>{}</code>", raw),
        )


class ApiKeyIndexView(IndexView):
    """The keys list, with each key's requests on every service host."""

    def get_table(self, object_list):
        usage = usage_by_key()
        for key in object_list:
            key.usage = usage.get(str(key.pk))
        return super().get_table(object_list)


def key_requests(key: ApiKey) -> str:
    usage = getattr(key, "usage", None)
    if usage is None:
        return "0"
    if not usage.rate_limited:
        return f"{usage.requests:n}"
    return _("%(requests)s (%(limited)s over the limit)") % {
        "requests": f"{usage.requests:n}",
        "limited": f"{usage.rate_limited:n}",
    }


def key_status(key: ApiKey) -> str:
    return str(_("Revoked") if key.is_revoked else _("Active"))


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("API keys")
    add_to_settings_menu = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("rate_limit_per_minute"),
            FieldPanel("cors_origins"),
            FieldPanel("revoke"),
        ],
        base_form_class=ApiKeyForm,
    )
    list_display = [
        "name",
        Column("prefix", label=_("Key begins with")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=key_status,
            sort_key="revoked_at",
            primary=lambda key: not key.is_revoked,
        ),
        "rate_limit_per_minute",
        Column(
            "requests",
            label=_("Requests in the last 30 days"),
            accessor=key_requests,
        ),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("revoked_at", label=_("Revoked"), sort_key="revoked_at"),
    ]
    search_fields = ["name", "prefix"]
    add_view_class = ApiKeyCreateView
    index_view_class = ApiKeyIndexView
    # A copy would be a new key with a new secret: "Add" says that plainly.
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return ApiKeyViewSet("api_keys")
