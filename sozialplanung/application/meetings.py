"""Commands on meetings (Sitzungen)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ..domain.base import Meta
from ..domain.body import Body
from ..domain.measure import Measure
from ..domain.meeting import Meeting
from ..domain.paper import Paper
from .base import CommandsBase, Outcome, single
from .bodies import BodyCommands


class MeetingCommands(BodyCommands, CommandsBase):
    def schedule_meeting(
        self,
        meta: Meta,
        *,
        body: UUID,
        title: str,
        scheduled_for: datetime,
        ends_at: datetime | None = None,
        location: str | None = None,
        cycle: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            target = self.load(Body, body, "body")
            self.permit("scheduleMeeting", target)
            if cycle is not None:
                self.cycle(cycle)
            meeting = Meeting.schedule(
                meta,
                body=target,
                title=title,
                scheduled_for=scheduled_for,
                ends_at=ends_at,
                location=location,
                cycle_number=cycle,
            )
            self.allow(meeting)
            return single(meeting)

        return self.execute(meta, "scheduleMeeting", client_mutation_id, action)

    def add_agenda_item(
        self,
        meta: Meta,
        *,
        meeting: UUID,
        number: str,
        title: str,
        measure: UUID | None = None,
        paper: UUID | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def change(target: Meeting) -> None:
            self.load_optional(Measure, measure, "measure")
            self.load_optional(Paper, paper, "paper")
            target.add_agenda_item(
                meta, number=number, title=title, measure_id=measure, paper_id=paper
            )

        return self.change(
            meta,
            "addAgendaItem",
            Meeting,
            meeting,
            "meeting",
            expected_version=None,
            client_mutation_id=client_mutation_id,
            apply=change,
        )

    def reschedule_meeting(
        self,
        meta: Meta,
        *,
        meeting: UUID,
        scheduled_for: datetime,
        ends_at: datetime | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "rescheduleMeeting",
            Meeting,
            meeting,
            "meeting",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda m: m.reschedule(meta, scheduled_for, ends_at),
        )

    def record_meeting_held(
        self,
        meta: Meta,
        *,
        meeting: UUID,
        attendees: list[UUID],
        minutes: str | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def change(target: Meeting) -> None:
            present = [
                {"member_id": a, "member_type": self.member_type(a, f"attendees.{i}")}
                for i, a in enumerate(attendees)
            ]
            target.record_held(meta, attendees=present, minutes=minutes)

        return self.change(
            meta,
            "recordMeetingHeld",
            Meeting,
            meeting,
            "meeting",
            expected_version=None,
            client_mutation_id=client_mutation_id,
            apply=change,
        )

    def record_resolution(
        self,
        meta: Meta,
        *,
        meeting: UUID,
        number: str,
        decision: str,
        text: str | None = None,
        votes_for: int | None = None,
        votes_against: int | None = None,
        abstentions: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "recordResolution",
            Meeting,
            meeting,
            "meeting",
            expected_version=None,
            client_mutation_id=client_mutation_id,
            apply=lambda m: m.record_resolution(
                meta,
                number=number,
                decision=decision,
                text_=text,
                votes_for=votes_for,
                votes_against=votes_against,
                abstentions=abstentions,
            ),
        )

    def cancel_meeting(
        self, meta: Meta, *, meeting: UUID, client_mutation_id: str | None = None
    ) -> UUID:
        return self.change(
            meta,
            "cancelMeeting",
            Meeting,
            meeting,
            "meeting",
            expected_version=None,
            client_mutation_id=client_mutation_id,
            apply=lambda m: m.cancel(meta),
        )
