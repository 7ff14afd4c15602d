"""Sitzung: a meeting of a body with its agenda (Tagesordnung), attendance, minutes and
resolutions (Beschlüsse).

A meeting starts at ``scheduled_for`` and may name its end (``ends_at``): after the start, at
most 24 hours later (``MAX_LENGTH``; a Sozialkonferenz over two days is two meetings). It is
recorded as held, and its resolutions, on a business date that is neither in the future nor
before the meeting's day; without ``effectiveOn`` they take the meeting's day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .base import (
    Duplicate,
    InvalidTransition,
    Meta,
    NotFound,
    PlanningAggregate,
    ValidationError,
    business_date,
    choice,
    occurred,
    optional_text,
    text,
)
from .body import Body


class MeetingStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    HELD = "HELD"
    CANCELLED = "CANCELLED"


class DecisionKind(StrEnum):
    NOTED = "NOTED"  # Kenntnisnahme
    APPROVED = "APPROVED"  # Zustimmung
    APPROVED_AMENDED = "APPROVED_AMENDED"  # Zustimmung mit Änderungen
    REJECTED = "REJECTED"  # Ablehnung
    DEFERRED = "DEFERRED"  # Vertagung
    REFERRED = "REFERRED"  # Verweisung


def _aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise ValidationError(f"{field} needs a time zone, e.g. 2011-02-24T17:00:00+01:00.", field)
    business_date(moment.date(), field)
    return moment


MAX_LENGTH = timedelta(hours=24)


def _end(start: datetime, end: datetime | None) -> datetime | None:
    """The meeting's end: with a time zone like its start, after it, at most MAX_LENGTH on."""
    if end is None:
        return None
    _aware(end, "endsAt")
    if end <= start:
        raise ValidationError(
            f"endsAt ({end.isoformat()}) must lie after the start ({start.isoformat()}).",
            "endsAt",
        )
    if end - start > MAX_LENGTH:
        hours = int(MAX_LENGTH.total_seconds() // 3600)
        raise ValidationError(
            f"endsAt ({end.isoformat()}) lies more than {hours} hours after the start "
            f"({start.isoformat()}); a meeting over several days is recorded as several "
            "meetings.",
            "endsAt",
        )
    return end


def _votes(value: int | None, field: str) -> int | None:
    if value is not None and value < 0:
        raise ValidationError(f"{field} cannot be negative.", field)
    return value


class Meeting(PlanningAggregate):
    """Version 2 of the state (snapshots) knows the meeting's end and the day it was held."""

    class_version = 2

    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        body_id: UUID
        title: str
        scheduled_for: datetime
        ends_at: datetime | None
        held_on: date | None
        location: str | None
        cycle_number: int | None
        status: str
        agenda: list[dict[str, Any]]
        attendees: list[dict[str, Any]]
        minutes: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot from before meetings had an end: no end, held on its scheduled day."""
        state.setdefault("ends_at", None)
        state.setdefault("held_on", None)

    class MeetingScheduled(PlanningAggregate.Created):
        """Version 3 carries the end (``ends_at``); older events had none."""

        class_version = 3

        body_id: UUID
        title: str
        scheduled_for: datetime
        ends_at: datetime | None
        location: str | None
        cycle_number: int | None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["ends_at"] = None

        def apply(self, meeting: Meeting) -> None:
            meeting.body_id, meeting.title = self.body_id, self.title
            meeting.scheduled_for, meeting.location = self.scheduled_for, self.location
            meeting.ends_at = self.ends_at
            meeting.held_on = None
            meeting.cycle_number = self.cycle_number
            meeting.status = MeetingStatus.SCHEDULED.value
            meeting.agenda, meeting.attendees, meeting.minutes = [], [], None

    class AgendaItemAdded(PlanningAggregate.Event):
        number: str
        title: str
        measure_id: UUID | None
        paper_id: UUID | None

        def apply(self, meeting: Meeting) -> None:
            meeting.agenda.append(
                {
                    "number": self.number,
                    "title": self.title,
                    "measure_id": self.measure_id,
                    "paper_id": self.paper_id,
                    "resolution": None,
                }
            )

    class MeetingRescheduled(PlanningAggregate.Event):
        """Version 3 carries the end (``ends_at``); older events had none."""

        class_version = 3

        scheduled_for: datetime
        ends_at: datetime | None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["ends_at"] = None

        def apply(self, meeting: Meeting) -> None:
            meeting.scheduled_for = self.scheduled_for
            meeting.ends_at = self.ends_at

    class MeetingHeld(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "minutes")

        attendees: list[dict[str, Any]]  # {"member_id": UUID, "member_type": PERSON|ORGANIZATION}
        minutes: str | None

        def apply(self, meeting: Meeting) -> None:
            meeting.status = MeetingStatus.HELD.value
            meeting.held_on = self.effective_on
            meeting.attendees = list(self.attendees)
            meeting.minutes = self.minutes

    class ResolutionRecorded(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "text")

        number: str
        decision: str
        text: str | None
        votes_for: int | None
        votes_against: int | None
        abstentions: int | None

        def apply(self, meeting: Meeting) -> None:
            item = meeting.agenda_item(self.number)
            if item is not None:
                item["resolution"] = {
                    "decision": self.decision,
                    "text": self.text,
                    "votes_for": self.votes_for,
                    "votes_against": self.votes_against,
                    "abstentions": self.abstentions,
                }

    class MeetingCancelled(PlanningAggregate.Event):
        def apply(self, meeting: Meeting) -> None:
            meeting.status = MeetingStatus.CANCELLED.value

    @classmethod
    def schedule(
        cls,
        meta: Meta,
        *,
        body: Body,
        title: str,
        scheduled_for: datetime,
        ends_at: datetime | None = None,
        location: str | None = None,
        cycle_number: int | None = None,
    ) -> Meeting:
        body.require_active()
        start = _aware(scheduled_for, "scheduledFor")
        return cls._create(
            cls.MeetingScheduled,
            id=uuid4(),
            body_id=body.id,
            title=text(title, "title"),
            scheduled_for=start,
            ends_at=_end(start, ends_at),
            location=optional_text(location, "location", limit=200),
            cycle_number=cycle_number,
            **meta.fields(),
        )

    @property
    def day(self) -> date:
        """The meeting's day: the date of its start where it takes place (its time zone)."""
        return self.scheduled_for.date()

    @property
    def held_day(self) -> date:
        """The day it was held (its scheduled day for a meeting held before this was kept)."""
        return self.held_on or self.day

    def agenda_item(self, number: str) -> dict[str, Any] | None:
        return next((item for item in self.agenda if item["number"] == number), None)

    def _require(self, *statuses: MeetingStatus, action: str) -> None:
        if self.status not in statuses:
            raise InvalidTransition(
                f"The meeting '{self.title}' is {self.status}; it cannot be {action}.", "meeting"
            )

    def add_agenda_item(
        self,
        meta: Meta,
        *,
        number: str,
        title: str,
        measure_id: UUID | None = None,
        paper_id: UUID | None = None,
    ) -> None:
        self._require(MeetingStatus.SCHEDULED, MeetingStatus.HELD, action="given new agenda items")
        number = text(number, "number", limit=20)
        if self.agenda_item(number) is not None:
            raise Duplicate(f"The agenda already has an item {number}.", "number")
        self.trigger_event(
            self.AgendaItemAdded,
            number=number,
            title=text(title, "title"),
            measure_id=measure_id,
            paper_id=paper_id,
            **meta.fields(),
        )

    def reschedule(
        self, meta: Meta, scheduled_for: datetime, ends_at: datetime | None = None
    ) -> None:
        """Moves the meeting. Without ``ends_at`` a meeting that had an end keeps its length
        (the end moves with the start)."""
        self._require(MeetingStatus.SCHEDULED, action="rescheduled")
        start = _aware(scheduled_for, "scheduledFor")
        if ends_at is None and self.ends_at is not None:
            ends_at = start + (self.ends_at - self.scheduled_for)
        self.trigger_event(
            self.MeetingRescheduled,
            scheduled_for=start,
            ends_at=_end(start, ends_at),
            **meta.fields(),
        )

    def record_held(
        self, meta: Meta, *, attendees: list[dict[str, Any]], minutes: str | None = None
    ) -> None:
        if self.status == MeetingStatus.HELD:
            raise InvalidTransition(f"The meeting '{self.title}' was already held.", "meeting")
        self._require(MeetingStatus.SCHEDULED, action="held")
        meta = occurred(
            meta,
            "holding the meeting",
            own_day=("the meeting's day", self.day),
            not_before=[("the meeting's day", self.day)],
        )
        seen: list[UUID] = []
        for attendee in attendees:
            if attendee["member_id"] in seen:
                raise Duplicate("An attendee is listed twice.", "attendees")
            seen.append(attendee["member_id"])
        self.trigger_event(
            self.MeetingHeld,
            attendees=attendees,
            minutes=optional_text(minutes, "minutes", limit=100_000),
            **meta.fields(),
        )

    def record_resolution(
        self,
        meta: Meta,
        *,
        number: str,
        decision: str,
        text_: str | None = None,
        votes_for: int | None = None,
        votes_against: int | None = None,
        abstentions: int | None = None,
    ) -> None:
        if self.status != MeetingStatus.HELD:
            raise InvalidTransition(
                f"The meeting '{self.title}' is {self.status}; resolutions are recorded "
                "once it was held.",
                "meeting",
            )
        item = self.agenda_item(number)
        if item is None:
            raise NotFound(f"The agenda has no item {number}.", "number")
        if item["resolution"] is not None:
            raise Duplicate(f"Agenda item {number} already has a resolution.", "number")
        meta = occurred(
            meta,
            "the resolution",
            own_day=("the day the meeting was held", self.held_day),
            not_before=[("the day the meeting was held", self.held_day)],
        )
        self.trigger_event(
            self.ResolutionRecorded,
            number=number,
            decision=choice(DecisionKind, decision, "decision").value,
            text=optional_text(text_, "text"),
            votes_for=_votes(votes_for, "votesFor"),
            votes_against=_votes(votes_against, "votesAgainst"),
            abstentions=_votes(abstentions, "abstentions"),
            **meta.fields(),
        )

    def cancel(self, meta: Meta) -> None:
        self._require(MeetingStatus.SCHEDULED, action="cancelled")
        self.trigger_event(self.MeetingCancelled, **meta.fields())
