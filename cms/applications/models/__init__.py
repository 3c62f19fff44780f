from .applications import Application, ApplicationQuerySet
from .calls import CallForApplicationsPage

__all__ = ["Application", "ApplicationQuerySet", "CallForApplicationsPage"]
