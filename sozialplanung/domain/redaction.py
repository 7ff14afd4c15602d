"""Schwärzung: the free text of one recorded command made unreadable everywhere.

Events are never changed: the prose of a command's events is sealed under one key of that
record, and a redaction destroys the key. The redaction itself is recorded — who, when, why,
which event — so the decision trail shows that something was blacked out, and where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from .base import InvalidTransition, Meta, PlanningAggregate, ValidationError


class Redaction(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        position: int
        key_id: str
        aggregate_ids: list[UUID]

    class EventRedacted(PlanningAggregate.Created):
        """``position`` is the redacted event's place in the audit log; ``aggregate_ids``
        are the aggregates whose events lost their prose with it (a command's events share
        one key: a paper submitted with measures shares its reason with them)."""

        position: int
        key_id: str
        aggregate_ids: list[UUID]

        def apply(self, redaction: Redaction) -> None:
            redaction.position, redaction.key_id = self.position, self.key_id
            redaction.aggregate_ids = list(self.aggregate_ids)

    @classmethod
    def redact(
        cls, meta: Meta, *, position: int, key_id: str | None, aggregate_ids: list[UUID]
    ) -> Redaction:
        if not meta.reason:
            raise ValidationError("Say why the event is redacted (reason).", "reason")
        if key_id is None:
            raise InvalidTransition(
                "That event carries no sealed text (it was recorded before sealing, or it "
                "has no free text), or its text was redacted already.",
                "event",
            )
        return cls._create(
            cls.EventRedacted,
            id=uuid4(),
            position=position,
            key_id=key_id,
            aggregate_ids=list(dict.fromkeys(aggregate_ids)),
            **meta.fields(),
        )
