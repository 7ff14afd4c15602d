"""Finds who leads the target of a command, so ``access.authorize`` can decide."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from ..domain.body import Body
from ..domain.cycle import cycle_id
from ..domain.measure import Measure
from .access import Principal, authorize, current_members
from .app import PlanningApp


class Guard:
    def __init__(self, app: PlanningApp, principal: Principal):
        self.app = app
        self.principal = principal

    def _get(self, aggregate_id: UUID | None) -> object | None:
        if aggregate_id is None:
            return None
        try:
            return self.app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None  # the command itself reports NOT_FOUND

    def body_leads(self, body_id: UUID | None) -> list[UUID | None]:
        body = self._get(body_id)
        if not isinstance(body, Body):
            return []
        parent = self._get(body.parent_id)
        return [body.lead_id, getattr(parent, "lead_id", None)]

    def cycle_leads(self, number: int | None) -> list[UUID | None]:
        cycle = self._get(cycle_id(number)) if number is not None else None
        return self.body_leads(getattr(cycle, "conference_body_id", None))

    def measure_targets(self, measure_id: UUID | None) -> tuple[list[UUID | None], list[UUID]]:
        measure = self._get(measure_id)
        if not isinstance(measure, Measure):
            return [], []
        group = self._get(measure.working_group_id)
        members = (
            current_members(group.memberships, date.today()) if isinstance(group, Body) else []
        )
        leads = [
            measure.lead_id,
            *self.body_leads(measure.working_group_id),
            *self.cycle_leads(measure.cycle_number),
        ]
        return leads, members

    def paper_leads(self, paper_id: UUID | None) -> list[UUID | None]:
        return [getattr(self._get(paper_id), "lead_id", None)]

    def meeting_leads(self, meeting_id: UUID | None) -> list[UUID | None]:
        return self.body_leads(getattr(self._get(meeting_id), "body_id", None))

    # The checks ----------------------------------------------------------------------

    def check(
        self, command: str, leads: list[UUID | None], members: list[UUID] | None = None
    ) -> None:
        authorize(self.principal, command, leads, members or [])

    def check_measure(self, command: str, measure_id: UUID) -> None:
        leads, members = self.measure_targets(measure_id)
        self.check(command, leads, members)
