"""The personal-data table of earlier versions: the names of persons registered before
names were sealed in events (``Person.PersonRegistered`` version 1) are read from here, and
erasing such a person deletes the row. Nothing new is written to it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore


class PersonalDataVault:
    def __init__(self, datastore: Any):
        self.datastore = datastore
        self.postgres = isinstance(datastore, PostgresDatastore)
        if not self.postgres and not isinstance(datastore, SQLiteDatastore):
            raise TypeError(f"No personal-data vault for {type(datastore).__name__}.")
        self.table = f'"{datastore.schema}".personal_data' if self.postgres else "personal_data"
        self._create_table()

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def _create_table(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} "
                "(person_id TEXT PRIMARY KEY, name TEXT NOT NULL)"
            )

    def names(self, person_ids: list[UUID]) -> dict[UUID, str]:
        if not person_ids:
            return {}
        marks = ", ".join("?" for _ in person_ids)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                self._sql(f"SELECT person_id, name FROM {self.table} WHERE person_id IN ({marks})"),
                [str(p) for p in person_ids],
            )
            rows = cursor.fetchall()
        return {UUID(row["person_id"]): row["name"] for row in rows}

    def erase(self, person_id: UUID) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(f"DELETE FROM {self.table} WHERE person_id = ?"), (str(person_id),)
            )

    def all(self) -> dict[UUID, str]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT person_id, name FROM {self.table}")
            return {UUID(row["person_id"]): row["name"] for row in cursor.fetchall()}
