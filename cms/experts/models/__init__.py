from .groups import (
    ExpertGroupChair,
    ExpertGroupIndexPage,
    ExpertGroupMeeting,
    ExpertGroupMember,
    ExpertGroupPage,
)
from .profiles import ExpertProfile, ExpertProfileForm

__all__ = [
    "ExpertGroupChair",
    "ExpertGroupIndexPage",
    "ExpertGroupMeeting",
    "ExpertGroupMember",
    "ExpertGroupPage",
    "ExpertProfile",
    "ExpertProfileForm",
]
