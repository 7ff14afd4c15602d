"""Zyklus: the two years between two Sozialkonferenzen.

A cycle is opened with its period, its conference body and the working groups active in
it (twelve at the start; the conference may add groups or shift their focus). Its conference
is held, and it is closed. The number is the cycle's identity: the aggregate id derives from
it, so a number can be claimed once even when two requests race.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from .base import (
    Duplicate,
    InvalidTransition,
    Meta,
    PlanningAggregate,
    ValidationError,
    period,
    text,
)
from .body import Body, BodyKind
from .meeting import Meeting, MeetingStatus

CYCLE_NAMESPACE = uuid5(NAMESPACE_URL, "https://sozialplanung.invalid/cycle")
MAX_NUMBER = 10_000


class CycleStatus(StrEnum):
    OPEN = "OPEN"
    CONFERENCE_HELD = "CONFERENCE_HELD"
    CLOSED = "CLOSED"


def cycle_id(number: int) -> UUID:
    return uuid5(CYCLE_NAMESPACE, str(number))


class Cycle(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        number: int
        label: str
        starts_on: date
        ends_on: date
        conference_body_id: UUID
        working_groups: list[dict[str, Any]]  # {"body_id": UUID, "focus": str}
        conference_meeting_id: UUID | None
        status: str

    class CycleOpened(PlanningAggregate.Created):
        number: int
        label: str
        starts_on: date
        ends_on: date
        conference_body_id: UUID
        working_groups: list[dict[str, Any]]

        def apply(self, cycle: Cycle) -> None:
            cycle.number, cycle.label = self.number, self.label
            cycle.starts_on, cycle.ends_on = self.starts_on, self.ends_on
            cycle.conference_body_id = self.conference_body_id
            cycle.working_groups = [dict(g) for g in self.working_groups]
            cycle.conference_meeting_id = None
            cycle.status = CycleStatus.OPEN.value

    class WorkingGroupAssigned(PlanningAggregate.Event):
        body_id: UUID
        focus: str

        def apply(self, cycle: Cycle) -> None:
            group = cycle.working_group(self.body_id)
            if group is None:
                cycle.working_groups.append({"body_id": self.body_id, "focus": self.focus})
            else:
                group["focus"] = self.focus

    class ConferenceHeld(PlanningAggregate.Event):
        meeting_id: UUID

        def apply(self, cycle: Cycle) -> None:
            cycle.conference_meeting_id = self.meeting_id
            cycle.status = CycleStatus.CONFERENCE_HELD.value

    class CycleClosed(PlanningAggregate.Event):
        def apply(self, cycle: Cycle) -> None:
            cycle.status = CycleStatus.CLOSED.value

    @classmethod
    def open(
        cls,
        meta: Meta,
        *,
        number: int,
        label: str,
        starts_on: date,
        ends_on: date,
        conference: Body,
        working_groups: list[tuple[Body, str]],
    ) -> Cycle:
        if not 1 <= number <= MAX_NUMBER:
            raise ValidationError(
                f"A cycle number is between 1 and {MAX_NUMBER}, not {number}.", "number"
            )
        period(starts_on, ends_on)
        if starts_on == ends_on:
            raise ValidationError("A cycle cannot start and end on the same day.", "endsOn")
        conference.require_kind(BodyKind.SOCIAL_CONFERENCE, field="conferenceBody")
        conference.require_active()
        groups: list[dict[str, Any]] = []
        for index, (body, focus) in enumerate(working_groups):
            cls._check_group(conference, body, field=f"workingGroups.{index}.body")
            if any(g["body_id"] == body.id for g in groups):
                raise Duplicate(f"{body.name} is listed twice.", f"workingGroups.{index}.body")
            groups.append(
                {
                    "body_id": body.id,
                    "focus": text(focus, f"workingGroups.{index}.focus", limit=500),
                }
            )
        return cls._create(
            cls.CycleOpened,
            id=cycle_id(number),
            number=number,
            label=text(label, "label"),
            starts_on=starts_on,
            ends_on=ends_on,
            conference_body_id=conference.id,
            working_groups=groups,
            **meta.fields(),
        )

    @staticmethod
    def _check_group(conference: Body, body: Body, field: str) -> None:
        body.require_kind(BodyKind.CONFERENCE_WORKING_GROUP, field=field)
        body.require_active()
        if body.parent_id != conference.id:
            raise ValidationError(
                f"{body.name} is not a working group of {conference.name}.", field
            )

    @property
    def closed(self) -> bool:
        return self.status == CycleStatus.CLOSED

    def working_group(self, body_id: UUID) -> dict[str, Any] | None:
        return next((g for g in self.working_groups if g["body_id"] == body_id), None)

    def require_not_closed(self, action: str) -> None:
        if self.closed:
            raise InvalidTransition(f"Cycle {self.number} is closed; it {action}.", "cycle")

    def assign_working_group(self, meta: Meta, *, body: Body, focus: str, conference: Body) -> None:
        """Extend the cycle by a group, or shift the focus of one it has (Schwerpunkt)."""
        self.require_not_closed("takes no new working groups")
        self._check_group(conference, body, field="body")
        focus = text(focus, "focus", limit=500)
        current = self.working_group(body.id)
        if current is not None and current["focus"] == focus:
            raise InvalidTransition(f"{body.name} already works on '{focus}'.", "focus")
        self.trigger_event(self.WorkingGroupAssigned, body_id=body.id, focus=focus, **meta.fields())

    def record_conference_held(self, meta: Meta, meeting: Meeting) -> None:
        if self.status != CycleStatus.OPEN:
            raise InvalidTransition(
                f"Cycle {self.number} is {self.status}; its conference is recorded once.", "cycle"
            )
        if meeting.body_id != self.conference_body_id:
            raise ValidationError(
                "That meeting is not one of the cycle's conference body.", "meeting"
            )
        if meeting.status != MeetingStatus.HELD:
            raise InvalidTransition(
                f"The meeting is {meeting.status}; record it as held first.", "meeting"
            )
        self.trigger_event(self.ConferenceHeld, meeting_id=meeting.id, **meta.fields())

    def close(self, meta: Meta) -> None:
        self.require_not_closed("cannot be closed twice")
        self.trigger_event(self.CycleClosed, **meta.fields())
