"""PlanningApp: the one application object, assembled from the command groups."""

from __future__ import annotations

from typing import ClassVar

from ..domain.body import Body
from ..domain.cycle import Cycle
from ..domain.measure import Measure
from ..domain.meeting import Meeting
from ..domain.organization import Organization
from ..domain.paper import Paper
from ..settings import Settings
from .bodies import BodyCommands
from .cycles import CycleCommands
from .measures import MeasureCommands
from .meetings import MeetingCommands
from .organizations import OrganizationCommands
from .papers import PaperCommands
from .privacy import PrivacyCommands

SNAPSHOT_EVERY = 50


class PlanningApp(
    OrganizationCommands,
    MeetingCommands,
    BodyCommands,
    CycleCommands,
    MeasureCommands,
    PaperCommands,
    PrivacyCommands,
):
    """Sozialplanung's commands over one event store (SQLite or PostgreSQL)."""

    snapshotting_intervals: ClassVar = {
        kind: SNAPSHOT_EVERY for kind in (Body, Cycle, Measure, Meeting, Organization, Paper)
    }

    @classmethod
    def from_settings(cls, settings: Settings) -> PlanningApp:
        return cls(settings.event_store_env())
