"""Commands on cycles (Zyklen zwischen zwei Sozialkonferenzen)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from ..domain.base import Duplicate, Meta
from ..domain.body import Body
from ..domain.cycle import Cycle, cycle_id
from ..domain.meeting import Meeting
from .base import CommandsBase, Outcome, single


class CycleCommands(CommandsBase):
    def open_cycle(
        self,
        meta: Meta,
        *,
        number: int,
        label: str,
        starts_on: date,
        ends_on: date,
        conference_body: UUID,
        working_groups: list[tuple[UUID, str]],
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            if self.cycle_exists(number):
                raise Duplicate(f"Cycle {number} already exists.", "number")
            conference = self.load(Body, conference_body, "conferenceBody")
            # Cycle numbers are the city's: opened by the lead of the conference body.
            self.permit("openCycle", conference)
            groups = [
                (self.load(Body, body, f"workingGroups.{i}.body"), focus)
                for i, (body, focus) in enumerate(working_groups)
            ]
            cycle = Cycle.open(
                meta,
                number=number,
                label=label,
                starts_on=starts_on,
                ends_on=ends_on,
                conference=conference,
                working_groups=groups,
            )
            self.allow(cycle)
            return single(cycle)

        return self.execute(meta, "openCycle", client_mutation_id, action)

    def _change_cycle(
        self,
        meta: Meta,
        command: str,
        number: int,
        client_mutation_id: str | None,
        apply: Callable[[Cycle], None],
    ) -> UUID:
        def action() -> Outcome:
            cycle = self.cycle(number)
            self.permit(command, cycle)
            apply(cycle)
            return single(cycle)

        return self.execute(meta, command, client_mutation_id, action)

    def cycle_exists(self, number: int) -> bool:
        return self.exists(cycle_id(number))

    def assign_working_group(
        self,
        meta: Meta,
        *,
        cycle: int,
        body: UUID,
        focus: str,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def apply(target: Cycle) -> None:
            conference = self.load(Body, target.conference_body_id, "cycle")
            target.assign_working_group(
                meta, body=self.load(Body, body, "body"), focus=focus, conference=conference
            )

        return self._change_cycle(meta, "assignWorkingGroup", cycle, client_mutation_id, apply)

    def record_conference_held(
        self, meta: Meta, *, cycle: int, meeting: UUID, client_mutation_id: str | None = None
    ) -> UUID:
        return self._change_cycle(
            meta,
            "recordConferenceHeld",
            cycle,
            client_mutation_id,
            lambda c: c.record_conference_held(meta, self.load(Meeting, meeting, "meeting")),
        )

    def close_cycle(self, meta: Meta, *, cycle: int, client_mutation_id: str | None = None) -> UUID:
        return self._change_cycle(
            meta, "closeCycle", cycle, client_mutation_id, lambda c: c.close(meta)
        )
