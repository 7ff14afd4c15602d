"""Commands of data protection: redacting the free text of a recorded event (Schwärzung).
Erasing a person is with the other person commands (organizations.py)."""

from __future__ import annotations

from uuid import UUID

from ..domain.base import Meta, NotFound
from ..domain.redaction import Redaction
from .base import CommandsBase, Outcome, single


class PrivacyCommands(CommandsBase):
    def redact_event(
        self,
        meta: Meta,
        *,
        notification_id: int,
        position: int,
        client_mutation_id: str | None = None,
    ) -> UUID:
        """Destroys the key of the prose of the command that recorded the event (at
        ``notification_id`` in the store, ``position`` in the audit log), in the same
        transaction as the redaction's own event; its snapshots go with it."""

        def action() -> Outcome:
            found = self.recorder.select_notifications(start=notification_id, limit=1)
            if not found or found[0].id != notification_id:
                raise NotFound(f"No event at position {position}.", "event")
            record = self.keys.record_of(notification_id)
            readable = record is not None and record["destroyed_at"] is None
            aggregate_ids: list[UUID] = []
            if readable:
                assert record is not None
                first, last = int(record["first_position"]), int(record["last_position"])
                events = self.recorder.select_notifications(start=first, limit=last - first + 1)
                aggregate_ids = [UUID(str(e.originator_id)) for e in events if e.id <= last]
            redaction = Redaction.redact(
                meta,
                position=position,
                key_id=record["key_id"] if readable and record else None,
                aggregate_ids=aggregate_ids,
            )
            self.permit("redactEvent", redaction)
            self.keys.destroy(redaction.key_id, snapshots_of=redaction.aggregate_ids)
            return single(redaction)

        redacted = self.execute(meta, "redactEvent", client_mutation_id, action)
        self.keys.purge_traces(self.snapshots_table)
        return redacted
