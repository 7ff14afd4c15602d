"""Mutations: one per command; each returns a payload with userErrors."""

from strawberry.tools import merge_types

from .bodies import BodyMutations
from .cycles import CycleMutations
from .measures import MeasureMutations
from .meetings import MeetingMutations
from .organizations import OrganizationMutations, PrivacyMutations
from .papers import PaperMutations

Mutation = merge_types(
    "Mutation",
    (
        OrganizationMutations,
        BodyMutations,
        MeetingMutations,
        CycleMutations,
        MeasureMutations,
        PaperMutations,
        PrivacyMutations,
    ),
)

__all__ = ["Mutation"]
