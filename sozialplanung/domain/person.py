"""Person: an expert or department head taking part in a body.

Personal data (DSGVO): a person's name is stored sealed under a key of that person's own
(``PersonRegistered.personal``); erasing the person destroys the key, never an event, so the
decision trail stays whole and shows the person as erased. Persons registered before names
were sealed (version 1) have their name in the old personal-data table instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .base import InvalidTransition, Meta, PlanningAggregate, text


class Person(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        name: str | None
        affiliation_id: UUID | None
        erased: bool

    class PersonRegistered(PlanningAggregate.Created):
        """Version 1 carried no name (it lived in a table beside the events)."""

        personal = ("name",)

        name: str | None
        affiliation_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["name"] = None

        def apply(self, person: Person) -> None:
            person.name = self.name
            person.affiliation_id = self.affiliation_id
            person.erased = False

    class PersonDataErased(PlanningAggregate.Event):
        def apply(self, person: Person) -> None:
            person.name = None
            person.erased = True

    @classmethod
    def register(cls, meta: Meta, *, name: str, affiliation_id: UUID | None = None) -> Person:
        return cls._create(
            cls.PersonRegistered,
            id=uuid4(),
            name=text(name, "name"),
            affiliation_id=affiliation_id,
            **meta.fields(),
        )

    def erase(self, meta: Meta) -> None:
        if self.erased:
            raise InvalidTransition("This person's data has already been erased.", "person")
        self.trigger_event(self.PersonDataErased, **meta.fields())
