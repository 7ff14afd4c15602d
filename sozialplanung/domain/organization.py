"""Organisation: a Fachbereich, a regional institution, a welfare association, a Fraktion."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from .base import Meta, PlanningAggregate, choice, text


class OrganizationKind(StrEnum):
    DEPARTMENT = "DEPARTMENT"  # Fachbereich der Stadtverwaltung
    REGIONAL_INSTITUTION = "REGIONAL_INSTITUTION"  # Einrichtung der StädteRegion
    WELFARE_ASSOCIATION = "WELFARE_ASSOCIATION"  # Verband der Freien Wohlfahrtspflege
    PARLIAMENTARY_GROUP = "PARLIAMENTARY_GROUP"  # Fraktion
    EXTERNAL = "EXTERNAL"
    OTHER = "OTHER"


class Organization(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        name: str
        short_name: str | None
        kind: str
        parent_id: UUID | None

    class OrganizationRegistered(PlanningAggregate.Created):
        name: str
        short_name: str | None
        kind: str
        parent_id: UUID | None

        def apply(self, org: Organization) -> None:
            org.name = self.name
            org.short_name = self.short_name
            org.kind = self.kind
            org.parent_id = self.parent_id

    class OrganizationRenamed(PlanningAggregate.Event):
        name: str
        short_name: str | None

        def apply(self, org: Organization) -> None:
            org.name = self.name
            org.short_name = self.short_name

    @classmethod
    def register(
        cls,
        meta: Meta,
        *,
        name: str,
        kind: str,
        short_name: str | None = None,
        parent: Organization | None = None,
    ) -> Organization:
        return cls._create(
            cls.OrganizationRegistered,
            id=uuid4(),
            name=text(name, "name"),
            short_name=text(short_name, "shortName", required=False, limit=40) or None,
            kind=choice(OrganizationKind, kind, "kind").value,
            parent_id=parent.id if parent else None,
            **meta.fields(),
        )

    def rename(self, meta: Meta, *, name: str, short_name: str | None = None) -> None:
        self.trigger_event(
            self.OrganizationRenamed,
            name=text(name, "name"),
            short_name=text(short_name, "shortName", required=False, limit=40) or None,
            **meta.fields(),
        )

    @property
    def label(self) -> str:
        return self.short_name or self.name
