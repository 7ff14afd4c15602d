"""The domain of sozialplanung: aggregates, their events and rules. Imports no other layer.

``AGGREGATES`` is the one place an aggregate is registered: the application snapshots them,
the projector requires a view handler for every event class they declare, and an aggregate
missing here is refused by both (docs/ARCHITECTURE.md, "Where things go").
``BOOKKEEPING`` are the aggregates that only make keys unique and retries idempotent: they
are stored and chained like every event, and belong to no view.
"""

from .base import PlanningAggregate
from .body import Body
from .briefing import Briefing
from .claim import Claim, CommandReceipt
from .cycle import Cycle
from .measure import Measure
from .meeting import Meeting
from .organization import Organization
from .paper import Paper
from .person import Person
from .redaction import Redaction

AGGREGATES: tuple[type[PlanningAggregate], ...] = (
    Organization,
    Person,
    Body,
    Meeting,
    Cycle,
    Measure,
    Paper,
    Briefing,
    Redaction,
)
BOOKKEEPING: tuple[type[PlanningAggregate], ...] = (Claim, CommandReceipt)


def event_classes(aggregate: type[PlanningAggregate]) -> list[type[PlanningAggregate.Event]]:
    """The event classes an aggregate declares (nested in its class; eventsourcing adds its
    own base classes ``Event`` and ``Created`` to every aggregate, which are never stored)."""
    return [
        value
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, PlanningAggregate.Event)
        and name not in ("Event", "Created")
    ]
