"""URL routes of the CMS: admin, documents, sitemap, robots, search, then pages."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views_public
from core.metrics import metrics_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views_public.sitemap, name="sitemap"),
    path("robots.txt", views_public.robots_txt, name="robots_txt"),
    path("favicon.ico", views_public.favicon, name="favicon"),
    # 404 unless HUB_METRICS; Prometheus scrapes it with a token (core.metrics).
    path("metrics", metrics_view, name="metrics"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.MEDIA_URL.startswith("/"):
    # Answers only with DEBUG or HUB_SERVE_MEDIA; production's web server serves media.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            views_public.serve_media,
        )
    )

urlpatterns += i18n_patterns(
    path("search/", views_public.search, name="site_search"),
    path(
        "search/suggestions/",
        views_public.search_suggestions,
        name="site_search_suggestions",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
