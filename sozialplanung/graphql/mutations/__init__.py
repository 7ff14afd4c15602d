"""Mutations: one per command; each returns a payload with userErrors."""

import strawberry

from .bodies import BodyMutations
from .cycles import CycleMutations
from .measures import MeasureMutations
from .meetings import MeetingMutations
from .organizations import OrganizationMutations, PrivacyMutations
from .papers import PaperMutations

Mutation = strawberry.type(
    type(
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
        {},
    ),
    description="Commands: each records events and returns a payload with the changed object "
    "and userErrors. Needs a bearer token: ADMIN may send every command, COORDINATOR and "
    "MEMBER what their organisation's relation allows (each mutation says), ANALYST and "
    "PUBLIC none. A refused command writes nothing.",
)

__all__ = ["Mutation"]
