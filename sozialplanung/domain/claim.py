"""Claims on unique keys, saved atomically with the change that needs them.

A paper reference or a client mutation id may be used once. The claim's id is derived from
the key (``uuid5``), so of two racing saves the second fails on the event store's version
constraint and writes nothing — no lookup table, no check-then-write race. A key can be
released (a paper withdrawn as submitted in error) and claimed again, by the same rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from .base import Meta, PlanningAggregate

CLAIM_NAMESPACE = uuid5(NAMESPACE_URL, "https://sozialplanung.invalid/claim")


def claim_id(kind: str, key: str) -> UUID:
    return uuid5(CLAIM_NAMESPACE, f"{kind}\n{key.casefold()}")


class Claim(PlanningAggregate):
    """Vergabe eines eindeutigen Schlüssels, e.g. the reference 'FB 50/0098/WP16'."""

    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        kind: str
        key: str
        owner_id: UUID | None  # None once released

    class KeyClaimed(PlanningAggregate.Created):
        kind: str
        key: str
        owner_id: UUID

        def apply(self, claim: Claim) -> None:
            claim.kind, claim.key, claim.owner_id = self.kind, self.key, self.owner_id

    class KeyReleased(PlanningAggregate.Event):
        def apply(self, claim: Claim) -> None:
            claim.owner_id = None

    class KeyReclaimed(PlanningAggregate.Event):
        owner_id: UUID

        def apply(self, claim: Claim) -> None:
            claim.owner_id = self.owner_id

    @classmethod
    def make(cls, meta: Meta, *, kind: str, key: str, owner_id: UUID) -> Claim:
        return cls._create(
            cls.KeyClaimed,
            id=claim_id(kind, key),
            kind=kind,
            key=key,
            owner_id=owner_id,
            **meta.fields(),
        )

    def release(self, meta: Meta) -> None:
        if self.owner_id is not None:
            self.trigger_event(self.KeyReleased, **meta.fields())

    def reclaim(self, meta: Meta, *, owner_id: UUID) -> None:
        self.trigger_event(self.KeyReclaimed, owner_id=owner_id, **meta.fields())


def receipt_id(actor: str, client_mutation_id: str) -> UUID:
    return claim_id("receipt", f"{actor}\n{client_mutation_id}")


class CommandReceipt(PlanningAggregate):
    """Quittung for a command sent with a client mutation id: a retry returns its result."""

    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        command: str
        client_mutation_id: str
        result: dict[str, Any]

    class CommandReceived(PlanningAggregate.Created):
        command: str
        client_mutation_id: str
        result: dict[str, Any]

        def apply(self, receipt: CommandReceipt) -> None:
            receipt.command = self.command
            receipt.client_mutation_id = self.client_mutation_id
            receipt.result = dict(self.result)

    @classmethod
    def issue(
        cls, meta: Meta, *, command: str, client_mutation_id: str, result: dict[str, Any]
    ) -> CommandReceipt:
        return cls._create(
            cls.CommandReceived,
            id=receipt_id(meta.actor, client_mutation_id),
            command=command,
            client_mutation_id=client_mutation_id,
            result=result,
            **meta.fields(),
        )
