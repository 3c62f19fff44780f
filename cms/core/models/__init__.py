from .mixins import ContentPage, TaxonomyPageForm
from .pages import HomePage, StandardPage
from .settings import SiteSettings
from .taxonomy import Country, Theme, VisionGoal

__all__ = [
    "ContentPage",
    "Country",
    "HomePage",
    "SiteSettings",
    "StandardPage",
    "TaxonomyPageForm",
    "Theme",
    "VisionGoal",
]
