"""Admin views for registrations: the listing and cancelling a sign-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic

from events.choices import RegistrationStatus


class RegistrationIndexView(generic.IndexView):
    """Sign-ups of every event; staff filter by event and status and export CSV."""

    cancel_url_name: str | None = None

    def get_add_url(self):
        # Sign-ups are made by the public form, which applies seats and waiting list.
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if (
            self.cancel_url_name
            and instance.status != RegistrationStatus.CANCELLED
            and self.user_has_permission("change")
        ):
            buttons.append(
                MenuItem(
                    _("Cancel sign-up"),
                    url=reverse(self.cancel_url_name, args=(quote(instance.pk),)),
                    icon_name="cross",
                    priority=25,
                )
            )
        return buttons


class CancelRegistrationView(generic.DeleteView):
    """Asks for confirmation, then cancels a sign-up and fills the freed seat."""

    permission_required = "change"
    page_title = _("Cancel sign-up")
    template_name = "events/admin/cancel_registration.html"
    cancel_url_name: str | None = None

    def get_usage_url(self):
        return None

    def get_cancel_url(self) -> str:
        return reverse(self.cancel_url_name, args=(quote(self.object.pk),))

    @cached_property
    def confirmation_message(self):
        return _(
            "Cancel the sign-up of %(name)s for %(event)s? The first person on the "
            "waiting list, if any, gets the seat and is told by e-mail."
        ) % {"name": self.object.name, "event": self.object.event.title}

    def form_valid(self, form):
        promoted = self.object.cancel()
        message = _("Sign-up of %(name)s cancelled.") % {"name": self.object.name}
        if promoted:
            message += " " + ngettext(
                "%(names)s got the seat from the waiting list.",
                "%(names)s got seats from the waiting list.",
                len(promoted),
            ) % {"names": ", ".join(r.name for r in promoted)}
        messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class DeleteRegistrationView(generic.DeleteView):
    """Erases a sign-up; a confirmed seat first goes to the waiting list."""

    def delete_action(self):
        self.object.cancel()
        super().delete_action()
