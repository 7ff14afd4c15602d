"""One command's work: who sends it, the aggregates it loads (each once), and the rights
decided over every aggregate it changes before anything is saved.

A command asks :meth:`UnitOfWork.permit` for each aggregate *before* it changes it, so the
decision rests on the recorded state (a lead the same request assigns grants nothing). New
aggregates are judged by what they are created in: a measure by its working group and cycle,
a body by its parent, a meeting by its body. ``CommandsBase.execute`` refuses to save an
aggregate no rule was asked about, so no command can change something unguarded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from ..domain.base import PlanningAggregate
from ..domain.body import Body
from ..domain.briefing import Briefing
from ..domain.claim import Claim, CommandReceipt
from ..domain.cycle import Cycle, cycle_id
from ..domain.measure import Measure
from ..domain.meeting import Meeting
from ..domain.paper import Paper
from ..domain.rights import Principal, Relation, require

Loader = Callable[[UUID], PlanningAggregate]
# Saved together with the change they serve, under its decision: not changes of their own.
BOOKKEEPING = (Claim, CommandReceipt)


class UnitOfWork:
    def __init__(self, principal: Principal, get: Loader, today: date):
        self.principal = principal
        self._get = get
        self.today = today
        self.loaded: dict[UUID, PlanningAggregate] = {}
        self.permitted: set[UUID] = set()

    # Loading -------------------------------------------------------------------------

    def get(self, aggregate_id: UUID) -> PlanningAggregate:
        """The aggregate, loaded once per command (raises AggregateNotFoundError)."""
        found = self.loaded.get(aggregate_id)
        if found is None:
            found = self.loaded[aggregate_id] = self._get(aggregate_id)
        return found

    def _find(self, aggregate_id: UUID | None) -> PlanningAggregate | None:
        if aggregate_id is None:
            return None
        try:
            return self.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    # Rights --------------------------------------------------------------------------

    def permit(self, command: str, aggregate: PlanningAggregate, what: str | None = None) -> None:
        """Refuses (FORBIDDEN/UNAUTHENTICATED) unless the principal may send ``command`` for
        this aggregate as it stands now; then the command may save its changes to it."""
        require(self.principal, command, self.relation(aggregate), what or _describe(aggregate))
        self.permitted.add(aggregate.id)

    def permit_placement(self, command: str, cycle: Cycle, group: Body) -> None:
        """Placing a measure in a working group of a cycle (proposing, carrying forward)."""
        relation = self._placement(cycle, group)
        require(self.principal, command, relation, f"{group.name} in cycle {cycle.number}")

    def allow(self, *aggregates: PlanningAggregate) -> None:
        """Changes that follow from a decision already taken (the new measure of a permitted
        proposal, the measures a permitted paper withdrawal returns)."""
        self.permitted.update(a.id for a in aggregates)

    def unpermitted(self, aggregates: Iterable[PlanningAggregate]) -> list[PlanningAggregate]:
        return [
            a
            for a in aggregates
            if a.pending_events and not isinstance(a, BOOKKEEPING) and a.id not in self.permitted
        ]

    # Relations -----------------------------------------------------------------------

    def relation(self, aggregate: PlanningAggregate) -> Relation:
        """How the principal's organisation stands to the aggregate, as recorded before this
        command changed it (a new aggregate: to what it is created in)."""
        org = self.principal.organization_id
        if org is None:
            return Relation.NONE
        new = _is_new(aggregate)
        if isinstance(aggregate, Body):
            return self._body(aggregate, org, own=not new)
        if isinstance(aggregate, Meeting):
            body = self._find(aggregate.body_id)
            return self._body(body, org) if isinstance(body, Body) else Relation.NONE
        if isinstance(aggregate, Cycle):
            conference = self._find(aggregate.conference_body_id)
            leads = isinstance(conference, Body) and conference.lead_id == org
            return Relation.LEADS if leads else Relation.NONE
        if isinstance(aggregate, Measure):
            if not new and aggregate.lead_id == org:
                return Relation.LEADS
            cycle, group = (
                self._find(cycle_id(aggregate.cycle_number)),
                self._find(aggregate.working_group_id),
            )
            if isinstance(cycle, Cycle) and isinstance(group, Body):
                return self._placement(cycle, group)
            return Relation.NONE
        if isinstance(aggregate, Paper):
            return Relation.LEADS if not new and aggregate.lead_id == org else Relation.NONE
        if isinstance(aggregate, Briefing):
            subject = self._find(aggregate.subject_id)
            return self.relation(subject) if subject is not None else Relation.NONE
        return Relation.NONE  # organisations and persons are led by nobody

    def _body(self, body: Body, org: UUID, *, own: bool = True) -> Relation:
        if own and body.lead_id == org:
            return Relation.LEADS
        seen = {body.id}
        parent = self._find(body.parent_id)
        while isinstance(parent, Body) and parent.id not in seen:
            if parent.lead_id == org:
                return Relation.LEADS_ABOVE
            seen.add(parent.id)
            parent = self._find(parent.parent_id)
        return Relation.NONE

    def _placement(self, cycle: Cycle, group: Body) -> Relation:
        """A measure's standing through its working group (and the bodies above it), its
        cycle's conference, and the working group's current member organisations."""
        org = self.principal.organization_id
        if org is None:
            return Relation.NONE
        if self._body(group, org) is not Relation.NONE:
            return Relation.LEADS_ABOVE
        if self.relation(cycle) is Relation.LEADS:
            return Relation.LEADS_ABOVE
        if org in (m["member_id"] for m in group.members_on(self.today)):
            return Relation.MEMBER
        return Relation.NONE


def _is_new(aggregate: PlanningAggregate) -> bool:
    return aggregate.version == len(aggregate.pending_events)


def _describe(aggregate: PlanningAggregate) -> str:
    for attribute in ("name", "title", "reference"):
        value = getattr(aggregate, attribute, None)
        if isinstance(value, str):
            return f"{type(aggregate).__name__.lower()} {value!r}"
    if isinstance(aggregate, Cycle):
        return f"cycle {aggregate.number}"
    return f"{type(aggregate).__name__.lower()} {aggregate.id}"


_current: ContextVar[UnitOfWork | None] = ContextVar("unit_of_work", default=None)


@contextmanager
def unit_of_work(principal: Principal, get: Loader, today: date) -> Iterator[UnitOfWork]:
    """The unit of work of the command running in this context (thread or task)."""
    work = UnitOfWork(principal, get, today)
    token = _current.set(work)
    try:
        yield work
    finally:
        _current.reset(token)


def current() -> UnitOfWork | None:
    return _current.get()
