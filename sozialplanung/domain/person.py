"""Person: an expert or department head taking part in a body.

Personal data (DSGVO): a person's name never enters an event. The application keeps it in a
personal-data vault beside the event store; erasing a person deletes the vault entry and
records ``DataErased``, so the decision trail stays intact and shows the person as erased.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from .base import InvalidTransition, Meta, PlanningAggregate


class Person(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        affiliation_id: UUID | None
        erased: bool

    class PersonRegistered(PlanningAggregate.Created):
        affiliation_id: UUID | None

        def apply(self, person: Person) -> None:
            person.affiliation_id = self.affiliation_id
            person.erased = False

    class PersonDataErased(PlanningAggregate.Event):
        def apply(self, person: Person) -> None:
            person.erased = True

    @classmethod
    def register(cls, meta: Meta, *, affiliation_id: UUID | None = None) -> Person:
        return cls._create(
            cls.PersonRegistered, id=uuid4(), affiliation_id=affiliation_id, **meta.fields()
        )

    def erase(self, meta: Meta) -> None:
        if self.erased:
            raise InvalidTransition("This person's data has already been erased.", "person")
        self.trigger_event(self.PersonDataErased, **meta.fields())
