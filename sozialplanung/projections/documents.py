"""Turning aggregates and events into rows: JSON documents and plain payloads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Transcoder

from ..domain.base import PlanningAggregate
from ..domain.body import Body
from ..domain.briefing import Briefing
from ..domain.cycle import Cycle
from ..domain.measure import Measure
from ..domain.meeting import Meeting
from ..domain.organization import Organization
from ..domain.paper import Paper
from ..domain.person import Person
from ..domain.redaction import Redaction

AGGREGATES: dict[str, type[PlanningAggregate]] = {
    cls.__name__: cls
    for cls in (Organization, Person, Body, Meeting, Cycle, Measure, Paper, Briefing, Redaction)
}
METADATA = (
    "originator_id",
    "originator_version",
    "timestamp",
    "originator_topic",
    "actor",
    "on_behalf_of",
    "reason",
    "correlation_id",
    "effective_on",
)


def moment(value: datetime) -> str:
    """UTC with fixed width, so that text order is time order."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def plain(value: Any) -> Any:
    """JSON-ready values: ids and dates as strings."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def payload(event: Any) -> dict[str, Any]:
    """The event's own fields (markers such as ``_redacted`` left out)."""
    return {
        k: plain(v) for k, v in vars(event).items() if k not in METADATA and not k.startswith("_")
    }


def aggregate_type_of(topic: str) -> str:
    """'sozialplanung.domain.measure:Measure.MeasureProposed' → 'Measure'."""
    return topic.rsplit(":", 1)[-1].split(".")[0]


class DocumentCodec:
    """Aggregate state to and from the JSON text stored in ``documents.state``."""

    def __init__(self, transcoder: Transcoder):
        self.transcoder = transcoder

    def encode(self, aggregate: PlanningAggregate) -> str:
        state = {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}
        return self.transcoder.encode(state).decode()

    def decode(self, type_name: str, text: str) -> PlanningAggregate:
        cls = AGGREGATES[type_name]
        aggregate = cls.__new__(cls)
        aggregate.__dict__.update(self.transcoder.decode(text.encode()))
        aggregate.__dict__["_pending_events"] = []
        return aggregate

    def state(self, text: str) -> dict[str, Any]:
        decoded = self.transcoder.decode(text.encode())
        return {k.lstrip("_") if k.startswith("_") else k: v for k, v in decoded.items()}


def state_of(aggregate: PlanningAggregate) -> dict[str, Any]:
    """The same shape as ``DocumentCodec.state``, straight from an aggregate object."""
    return {
        k.lstrip("_") if k.startswith("_") else k: v
        for k, v in vars(aggregate).items()
        if k != "_pending_events"
    }
