from .mixins import ContentPage, IntroducedIndexPage, MeetingRecord, TaxonomyPageForm
from .pages import HomePage, StandardPage
from .settings import SiteSettings
from .taxonomy import Country, Theme, VisionGoal, country_order
from .translations import TranslationOrigin

__all__ = [
    "ContentPage",
    "Country",
    "HomePage",
    "IntroducedIndexPage",
    "MeetingRecord",
    "SiteSettings",
    "StandardPage",
    "TaxonomyPageForm",
    "Theme",
    "TranslationOrigin",
    "VisionGoal",
    "country_order",
]
