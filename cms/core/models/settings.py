"""Site-wide settings editors manage in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details and the organisation name shown in the site's footer."""

    organisation = models.CharField(
        _("organisation"), max_length=200, default="Nordic Council of Ministers"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    about = models.TextField(_("about the hub"), blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("contact_email"),
        FieldPanel("about"),
    ]

    class Meta:
        verbose_name = _("site settings")
