"""Event pages and sign-ups."""

from .pages import ACCEPTING_STATES, EventIndexPage, EventPage
from .registrations import (
    DuplicateRegistrationError,
    EventFullError,
    EventRegistration,
    RegistrationClosedError,
    RegistrationError,
    RegistrationNotOpenError,
    register,
)

__all__ = [
    "ACCEPTING_STATES",
    "DuplicateRegistrationError",
    "EventFullError",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "RegistrationClosedError",
    "RegistrationError",
    "RegistrationNotOpenError",
    "register",
]
