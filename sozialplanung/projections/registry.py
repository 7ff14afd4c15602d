"""The views, and the check that every event of every registered aggregate has a handler.

Adding an aggregate: register it in ``domain.AGGREGATES`` and give it a view here (or, if it
only keeps keys unique, in ``domain.BOOKKEEPING``). The projector runs :func:`check` when it
starts: an aggregate or event class without a handler stops it with a message, so nothing
new can vanish from the views or the audit log unnoticed."""

from __future__ import annotations

from functools import cache

from ..domain import AGGREGATES, BOOKKEEPING, event_classes
from .bodies import BodiesView
from .briefings import BriefingsView
from .cycles import CyclesView
from .measures import MeasuresView
from .meetings import MeetingsView
from .organizations import OrganizationsView
from .papers import PapersView
from .persons import PersonsView
from .redactions import RedactionsView
from .view import View

VIEWS: tuple[type[View], ...] = (
    OrganizationsView,
    PersonsView,
    BodiesView,
    MeetingsView,
    CyclesView,
    MeasuresView,
    PapersView,
    BriefingsView,
    RedactionsView,
)


def aggregate_type_of(topic: str) -> str:
    """'sozialplanung.domain.measure:Measure.MeasureProposed' → 'Measure'."""
    return topic.rsplit(":", 1)[-1].split(".")[0]


@cache
def view_class(topic: str) -> type[View] | None:
    """The view of an event's aggregate, by the event's topic; None for bookkeeping. An
    aggregate neither registered nor bookkeeping is an error, never skipped."""
    name = aggregate_type_of(topic)
    if name in {cls.__name__ for cls in BOOKKEEPING}:
        return None
    for view in VIEWS:
        if view.aggregate.__name__ == name:
            return view
    raise LookupError(f"No view for the aggregate {name} ({topic}).")


def check() -> None:
    """Raises when an aggregate has no view or an event class no handler."""
    by_aggregate = {view.aggregate: view for view in VIEWS}
    problems = []
    for aggregate in AGGREGATES:
        view = by_aggregate.get(aggregate)
        if view is None:
            problems.append(f"{aggregate.__name__} has no view")
            continue
        problems += [
            f"{view.__name__} has no handler for {event.__qualname__}"
            for event in event_classes(aggregate)
            if event not in view.handlers
        ]
    for view in VIEWS:
        if view.aggregate not in AGGREGATES:
            problems.append(f"{view.__name__} is for {view.aggregate.__name__}, not registered")
    if set(AGGREGATES) & set(BOOKKEEPING):
        problems.append("an aggregate is both registered and bookkeeping")
    if problems:
        raise LookupError("The views do not cover the domain: " + "; ".join(problems))
