"""The command side's core: load aggregates, save what one command changed atomically.

Every command runs through :meth:`CommandsBase.execute`: it answers a retried client
mutation id from its receipt, saves all touched aggregates (and the receipt) in one
transaction, and turns the store's version constraint into VERSION_CONFLICT or DUPLICATE.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Mapper, Transcoder

from ..domain.base import (
    Duplicate,
    Meta,
    NotFound,
    PlanningAggregate,
    ValidationError,
    VersionConflict,
    article,
    printable,
)
from ..domain.body import Body
from ..domain.claim import Claim, CommandReceipt, claim_id, receipt_id
from ..domain.cycle import Cycle, cycle_id
from ..domain.rights import require_may_send
from .keys import KeyStore
from .ledger import Ledger
from .personal_data import PersonalDataVault
from .sealing import ActorTranscoding, SealedTranscoding, SealingMapper
from .tokens import TokenStore
from .transcoding import DateAsISO, FastJSONTranscoder
from .unit_of_work import UnitOfWork, current, unit_of_work

A = TypeVar("A", bound=PlanningAggregate)
Outcome = tuple[UUID, Sequence[PlanningAggregate]]


class CommandsBase(Application):
    name = "sozialplanung"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        # eventsourcing types the factory, recorders and stores by their bases, which lack
        # what the SQLite and PostgreSQL ones (and our Ledger recorders) have.
        datastore = self.factory.datastore  # type: ignore[attr-defined]
        # Names of persons registered before names were sealed in events (read, erased).
        self.personal_data = PersonalDataVault(datastore)
        self.tokens = TokenStore(datastore)
        # The ledger recorder writes the staged keys and the chain with the events.
        ledger: Ledger = self.recorder  # type: ignore[assignment]
        ledger.keys = self.keys
        assert self.snapshots is not None  # snapshotting_intervals are set
        self.snapshots_table: str = self.snapshots.recorder.events_table_name  # type: ignore[attr-defined]
        ledger.snapshots_table = self.snapshots_table
        self.after_save: list[Callable[[], None]] = []  # e.g. wake the projection runner

    def construct_transcoder(self) -> Transcoder:
        """eventsourcing's JSON form, read with orjson (application/transcoding.py)."""
        transcoder = FastJSONTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def construct_mapper(self) -> Mapper:
        """Seals personal data and prose in the stored events (application/sealing.py)."""
        # The factory's base type has no datastore; the SQLite and PostgreSQL ones do.
        self.keys = KeyStore(self.factory.datastore)  # type: ignore[attr-defined]
        return SealingMapper(self.construct_transcoder(), self.keys)

    def _notify(self, recordings: list[Any]) -> None:
        for listener in self.after_save:
            listener()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(SealedTranscoding())
        transcoder.register(ActorTranscoding(self.keys))

    # Loading ------------------------------------------------------------------------

    def load(self, kind: type[A], aggregate_id: UUID, field: str, version: int | None = None) -> A:
        """The aggregate of that kind, or NOT_FOUND / VALIDATION naming the input field.

        Within a command, each aggregate is loaded once: the rights check and the command
        work on the same object."""
        label = kind.__name__.lower()
        work = current()
        try:
            if work is not None and version is None:
                aggregate: Any = work.get(aggregate_id)
            else:
                aggregate = self.repository.get(aggregate_id, version=version)
        except AggregateNotFoundError:
            raise NotFound(f"No {label} with id {aggregate_id}.", field) from None
        if not isinstance(aggregate, kind):
            raise ValidationError(
                f"{aggregate_id} is {article(type(aggregate).__name__.lower())}, "
                f"not {article(label)}.",
                field,
            )
        return aggregate

    def load_current(
        self, kind: type[A], aggregate_id: UUID, field: str, expected_version: int | None
    ) -> A:
        aggregate = self.load(kind, aggregate_id, field)
        aggregate.require_version(expected_version)
        return aggregate

    def load_optional(self, kind: type[A], aggregate_id: UUID | None, field: str) -> A | None:
        return None if aggregate_id is None else self.load(kind, aggregate_id, field)

    def exists(self, aggregate_id: UUID) -> bool:
        return next(iter(self.events.get(aggregate_id, limit=1)), None) is not None

    def cycle(self, number: int, field: str = "cycle") -> Cycle:
        try:
            return self.load(Cycle, cycle_id(number), field)
        except NotFound:
            raise NotFound(f"There is no cycle {number}.", field) from None

    def claimed_owner(self, kind: str, key: str) -> UUID | None:
        """Who holds a unique key now (None when it was never claimed or was released)."""
        try:
            claim: Claim = self.repository.get(claim_id(kind, key))
        except AggregateNotFoundError:
            return None
        return claim.owner_id

    def claim(self, meta: Meta, *, kind: str, key: str, owner_id: UUID) -> Claim:
        """Claims a unique key for ``owner_id``, also one released earlier; saved with the
        change that needs it, so of two racing claims the second fails on the store."""
        try:
            existing: Claim = self.repository.get(claim_id(kind, key))
        except AggregateNotFoundError:
            return Claim.make(meta, kind=kind, key=key, owner_id=owner_id)
        if existing.owner_id is not None:
            raise Duplicate(f"The {kind} {key!r} is already taken.", kind)
        existing.reclaim(meta, owner_id=owner_id)
        return existing

    # Rights --------------------------------------------------------------------------

    @property
    def work(self) -> UnitOfWork:
        """The running command's unit of work (its principal, loads and rights)."""
        work = current()
        if work is None:
            raise RuntimeError("Rights are decided inside a command (CommandsBase.execute).")
        return work

    def permit(self, command: str, aggregate: PlanningAggregate, what: str | None = None) -> None:
        self.work.permit(command, aggregate, what)

    def allow(self, *aggregates: PlanningAggregate) -> None:
        self.work.allow(*aggregates)

    def permit_placement(self, command: str, cycle: Cycle, group: Body) -> None:
        self.work.permit_placement(command, cycle, group)

    # Saving -------------------------------------------------------------------------

    def execute(
        self,
        meta: Meta,
        command: str,
        client_mutation_id: str | None,
        action: Callable[[], Outcome],
    ) -> UUID:
        """Run one command: at most once per client mutation id, all or nothing, and only
        when the principal may change every aggregate it changes."""
        require_may_send(meta.principal, command)
        self.keys.discard_staged()
        try:
            with self.keys.reading():
                return self._execute(meta, command, client_mutation_id, action)
        finally:
            self.keys.discard_staged()  # staged keys of a command that wrote nothing

    def _execute(
        self,
        meta: Meta,
        command: str,
        client_mutation_id: str | None,
        action: Callable[[], Outcome],
    ) -> UUID:
        if client_mutation_id is not None:
            client_mutation_id = client_mutation_id.strip()
            if not client_mutation_id or len(client_mutation_id) > 200:
                raise ValidationError(
                    "clientMutationId must have 1 to 200 characters.", "clientMutationId"
                )
            printable(client_mutation_id, "clientMutationId")
            answered = self._answered(meta.actor, client_mutation_id, command)
            if answered is not None:
                return answered
        with unit_of_work(meta.principal, self.repository.get, meta.today) as work:
            result, aggregates = action()
        unguarded = work.unpermitted(aggregates)
        if unguarded:
            # A defect in the command, never a refusal: it changed something no rule decided.
            raise RuntimeError(
                f"{command} changed {', '.join(type(a).__name__ for a in unguarded)} "
                "without a rights decision; nothing was written."
            )
        to_save: list[PlanningAggregate] = list(aggregates)
        if client_mutation_id is not None:
            to_save.append(
                CommandReceipt.issue(
                    meta,
                    command=command,
                    client_mutation_id=client_mutation_id,
                    result={"id": str(result)},
                )
            )
        new = [a for a in to_save if a.version == len(a.pending_events)]
        try:
            self.save(*to_save)
        except IntegrityError:
            if client_mutation_id is not None:
                answered = self._answered(meta.actor, client_mutation_id, command)
                if answered is not None:
                    return answered
            for aggregate in new:
                if self.exists(aggregate.id):
                    raise self._duplicate(aggregate) from None
            for aggregate in to_save:
                # A released key that another request claimed again meanwhile.
                if (
                    isinstance(aggregate, Claim)
                    and aggregate not in new
                    and self.claimed_owner(aggregate.kind, aggregate.key) is not None
                ):
                    raise self._duplicate(aggregate) from None
            raise VersionConflict(
                "Someone else changed this meanwhile; nothing was written. Reload and retry."
            ) from None
        return result

    def change(
        self,
        meta: Meta,
        command: str,
        kind: type[A],
        aggregate_id: UUID,
        field: str,
        apply: Callable[[A], None],
        *,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        """A command that changes one aggregate: load it, apply the change, save it."""

        def action() -> Outcome:
            target = self.load_current(kind, aggregate_id, field, expected_version)
            self.permit(command, target)
            apply(target)
            return single(target)

        return self.execute(meta, command, client_mutation_id, action)

    def _answered(self, actor: str, client_mutation_id: str, command: str) -> UUID | None:
        try:
            receipt: CommandReceipt = self.repository.get(receipt_id(actor, client_mutation_id))
        except AggregateNotFoundError:
            return None
        if receipt.command != command:
            raise Duplicate(
                f"clientMutationId {client_mutation_id!r} was already used for {receipt.command}.",
                "clientMutationId",
            )
        return UUID(receipt.result["id"])

    @staticmethod
    def _duplicate(aggregate: PlanningAggregate) -> Duplicate:
        """What a new aggregate that was already stored (by a racing request) means."""
        if isinstance(aggregate, Claim):
            return Duplicate(
                f"The {aggregate.kind} {aggregate.key!r} is already taken.", aggregate.kind
            )
        if isinstance(aggregate, Cycle):
            return Duplicate(f"Cycle {aggregate.number} already exists.", "number")
        return Duplicate(f"{type(aggregate).__name__} {aggregate.id} already exists.")


def single(aggregate: PlanningAggregate) -> Outcome:
    return aggregate.id, [aggregate]


def unique_ids(ids: list[UUID] | None) -> list[UUID]:
    result: list[UUID] = []
    for value in ids or []:
        if value not in result:
            result.append(value)
    return result
