"""Organisationen (Fachbereiche, Verbände, Fraktionen …): who they are, for lists and links."""

from __future__ import annotations

from typing import Any

from ..domain.organization import Organization
from .database import Row
from .paging import Page, keyset_page
from .view import View, handles, ident

COLUMNS = {
    "id": "TEXT",
    "name": "TEXT NOT NULL",
    "short_name": "TEXT",
    "kind": "TEXT NOT NULL",
    "parent_id": "TEXT",
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}


class OrganizationsView(View):
    aggregate = Organization
    table = "organizations"
    columns = COLUMNS
    indexes = ("organizations (name, id)", "organizations (kind, name, id)")

    @handles(Organization.OrganizationRegistered)
    def registered(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "name": e.name,
            "short_name": e.short_name,
            "kind": e.kind,
            "parent_id": ident(e.parent_id),
        }

    @handles(Organization.OrganizationRenamed)
    def renamed(self, row: Row, e: Any) -> Row:
        return {**row, "name": e.name, "short_name": e.short_name}

    @staticmethod
    def from_aggregate(org: Organization) -> Row:
        return {
            "id": str(org.id),
            "name": org.name,
            "short_name": org.short_name,
            "kind": org.kind,
            "parent_id": ident(org.parent_id),
        }

    # Questions ---------------------------------------------------------------------------

    def page(self, *, kind: str | None, first: int | None, after: str | None) -> Page:
        where, params = (["kind = ?"], [kind]) if kind else ([], [])
        return keyset_page(
            self.db, self, ["name", "id"], where=where, params=params, first=first, after=after
        )
