"""Personen: experts and department heads; their name (personal data) only until erased."""

from __future__ import annotations

from typing import Any

from ..domain.person import Person
from .database import Row
from .paging import Page, keyset_page
from .view import View, handles, ident

COLUMNS = {
    "id": "TEXT",
    "name": "TEXT",  # null once erased (and for persons registered before names were sealed)
    "affiliation_id": "TEXT",
    "erased": "INTEGER NOT NULL",
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}


class PersonsView(View):
    aggregate = Person
    table = "persons"
    columns = COLUMNS

    @handles(Person.PersonRegistered)
    def registered(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "name": e.name,
            "affiliation_id": ident(e.affiliation_id),
            "erased": 0,
        }

    @handles(Person.PersonDataErased)
    def erased(self, row: Row, e: Any) -> Row:
        return {**row, "name": None, "erased": 1}

    @staticmethod
    def from_aggregate(person: Person) -> Row:
        return {
            "id": str(person.id),
            "name": person.name,
            "affiliation_id": ident(person.affiliation_id),
            "erased": int(person.erased),
        }

    def page(self, *, first: int | None, after: str | None) -> Page:
        return keyset_page(self.db, self, ["id"], first=first, after=after)
