"""Gremium: a body such as the Arbeitskreis Sozialplanung, a Lenkungsgruppe, the
Sozialkonferenz with its Arbeitsgruppen, or a Fachausschuss.

Memberships carry a business-date period (``since``/``until``) so that "who was a member on
date X" has one answer; a role change closes one period and opens the next.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .base import (
    Duplicate,
    InvalidTransition,
    Meta,
    NotFound,
    PlanningAggregate,
    ValidationError,
    article,
    choice,
    occurred,
    optional_text,
    text,
)
from .organization import Organization


class BodyKind(StrEnum):
    INFORMATION_FORUM = "INFORMATION_FORUM"  # Allgemeine Information
    WORKING_GROUP = "WORKING_GROUP"  # Arbeitskreis
    STEERING_GROUP = "STEERING_GROUP"  # Lenkungsgruppe
    SOCIAL_CONFERENCE = "SOCIAL_CONFERENCE"  # Sozialkonferenz
    CONFERENCE_WORKING_GROUP = "CONFERENCE_WORKING_GROUP"  # Arbeitsgruppe der Sozialkonferenz
    COMMITTEE = "COMMITTEE"  # Fachausschuss
    COUNCIL = "COUNCIL"  # Rat


POLITICAL_KINDS = (BodyKind.COMMITTEE, BodyKind.COUNCIL)


class MemberRole(StrEnum):
    LEAD = "LEAD"
    DEPUTY = "DEPUTY"
    MEMBER = "MEMBER"
    CO_OPTED = "CO_OPTED"  # hinzugezogen
    GUEST = "GUEST"
    EXPERT = "EXPERT"


class MemberType(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"


def cadence(
    description: str,
    *,
    min_per_year: int | None = None,
    max_per_year: int | None = None,
    every_months: int | None = None,
    self_determined: bool = False,
) -> dict[str, Any]:
    """Sitzungsrhythmus, checked: e.g. 1–2 meetings a year, or every 24 months."""
    for name, value in (("minPerYear", min_per_year), ("maxPerYear", max_per_year)):
        if value is not None and not 0 <= value <= 366:
            raise ValidationError(f"{name} must be between 0 and 366, not {value}.", name)
    if min_per_year is not None and max_per_year is not None and min_per_year > max_per_year:
        raise ValidationError(
            f"minPerYear ({min_per_year}) is larger than maxPerYear ({max_per_year}).",
            "minPerYear",
        )
    if every_months is not None and not 1 <= every_months <= 120:
        raise ValidationError(
            f"everyMonths must be between 1 and 120, not {every_months}.", "everyMonths"
        )
    return {
        "description": text(description, "description"),
        "min_per_year": min_per_year,
        "max_per_year": max_per_year,
        "every_months": every_months,
        "self_determined": bool(self_determined),
    }


class Body(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        name: str
        kind: str
        topic: str | None
        lead_id: UUID | None
        parent_id: UUID | None
        cadence: dict[str, Any] | None
        established_on: date
        dissolved_on: date | None
        memberships: list[dict[str, Any]]
        notice_count: int

    class BodyEstablished(PlanningAggregate.Created):
        name: str
        kind: str
        topic: str | None
        lead_id: UUID | None
        parent_id: UUID | None
        cadence: dict[str, Any] | None

        def apply(self, body: Body) -> None:
            body.name, body.kind, body.topic = self.name, self.kind, self.topic
            body.lead_id, body.parent_id, body.cadence = self.lead_id, self.parent_id, self.cadence
            body.established_on = self.effective_on
            body.dissolved_on = None
            body.memberships = []
            body.notice_count = 0

    class LeadAssigned(PlanningAggregate.Event):
        lead_id: UUID

        def apply(self, body: Body) -> None:
            body.lead_id = self.lead_id

    class FocusShifted(PlanningAggregate.Event):
        topic: str

        def apply(self, body: Body) -> None:
            body.topic = self.topic

    class CadenceSet(PlanningAggregate.Event):
        cadence: dict[str, Any]

        def apply(self, body: Body) -> None:
            body.cadence = self.cadence

    class MemberJoined(PlanningAggregate.Event):
        """Version 1 knew no ``on_behalf_of_id`` (a member representing an organisation);
        stored v1 events are read as members on their own behalf. Version 3 seals prose
        (see PlanningAggregate.Event)."""

        class_version = 3

        member_id: UUID
        member_type: str
        role: str
        on_behalf_of_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["on_behalf_of_id"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Nothing to change: version 2's plain text stays as it was stored."""

        def apply(self, body: Body) -> None:
            body.memberships.append(
                {
                    "member_id": self.member_id,
                    "member_type": self.member_type,
                    "role": self.role,
                    "on_behalf_of_id": self.on_behalf_of_id,
                    "since": self.effective_on,
                    "until": None,
                }
            )

    class MemberRoleChanged(PlanningAggregate.Event):
        member_id: UUID
        role: str

        def apply(self, body: Body) -> None:
            current = body.open_membership(self.member_id)
            if current is None:  # refused by change_member_role; never recorded
                return
            if current["since"] >= self.effective_on:
                current["role"] = self.role
            else:
                current["until"] = self.effective_on
                body.memberships.append(
                    {**current, "role": self.role, "since": self.effective_on, "until": None}
                )

    class MemberLeft(PlanningAggregate.Event):
        member_id: UUID

        def apply(self, body: Body) -> None:
            current = body.open_membership(self.member_id)
            if current is not None:
                current["until"] = self.effective_on

    class BodyDissolved(PlanningAggregate.Event):
        def apply(self, body: Body) -> None:
            body.dissolved_on = self.effective_on

    class NoticePublished(PlanningAggregate.Event):
        prose = (*PlanningAggregate.Event.prose, "text")

        title: str
        text: str

        def apply(self, body: Body) -> None:
            body.notice_count += 1

    @classmethod
    def establish(
        cls,
        meta: Meta,
        *,
        name: str,
        kind: str,
        topic: str | None = None,
        lead: Organization | None = None,
        parent: Body | None = None,
        cadence: dict[str, Any] | None = None,
    ) -> Body:
        body_kind = choice(BodyKind, kind, "kind")
        cleaned_topic = optional_text(topic, "topic", limit=500)
        if body_kind is BodyKind.STEERING_GROUP and not cleaned_topic:
            raise ValidationError("A Lenkungsgruppe works on a topic: give one.", "topic")
        if body_kind is BodyKind.CONFERENCE_WORKING_GROUP and (
            parent is None or parent.kind != BodyKind.SOCIAL_CONFERENCE
        ):
            raise ValidationError(
                "A conference working group belongs to a SOCIAL_CONFERENCE: give it as parent.",
                "parent",
            )
        if parent is not None:
            parent.require_active()
        return cls._create(
            cls.BodyEstablished,
            id=uuid4(),
            name=text(name, "name"),
            kind=body_kind.value,
            topic=cleaned_topic,
            lead_id=lead.id if lead else None,
            parent_id=parent.id if parent else None,
            cadence=cadence,
            **meta.fields(),
        )

    @property
    def active(self) -> bool:
        return self.dissolved_on is None

    def require_active(self) -> None:
        if not self.active:
            raise InvalidTransition(
                f"{self.name} was dissolved on {self.dissolved_on}; it takes no changes.", "body"
            )

    def require_kind(self, *kinds: BodyKind, field: str = "body") -> None:
        if self.kind not in kinds:
            wanted = " or ".join(k.value for k in kinds)
            raise ValidationError(
                f"{self.name} is {article(self.kind)}, not {article(wanted)}.", field
            )

    def open_membership(self, member_id: UUID) -> dict[str, Any] | None:
        for membership in self.memberships:
            if membership["member_id"] == member_id and membership["until"] is None:
                return membership
        return None

    def members_on(self, day: date) -> list[dict[str, Any]]:
        return [
            m
            for m in self.memberships
            if m["since"] <= day and (m["until"] is None or day < m["until"])
        ]

    def assign_lead(self, meta: Meta, lead: Organization) -> None:
        self.require_active()
        if lead.id == self.lead_id:
            raise InvalidTransition(f"{lead.name} already leads {self.name}.", "lead")
        self.trigger_event(self.LeadAssigned, lead_id=lead.id, **meta.fields())

    def shift_focus(self, meta: Meta, topic: str) -> None:
        self.require_active()
        self.trigger_event(
            self.FocusShifted, topic=text(topic, "topic", limit=500), **meta.fields()
        )

    def set_cadence(self, meta: Meta, cadence: dict[str, Any]) -> None:
        self.require_active()
        self.trigger_event(self.CadenceSet, cadence=cadence, **meta.fields())

    def add_member(
        self,
        meta: Meta,
        *,
        member_id: UUID,
        member_type: str,
        role: str,
        on_behalf_of: Organization | None = None,
    ) -> None:
        self.require_active()
        member_role = choice(MemberRole, role, "role")
        since = meta.business_day
        if since < self.established_on:
            raise ValidationError(
                f"{self.name} was established on {self.established_on}; "
                f"nobody can join it on {since}.",
                "effectiveOn",
            )
        for m in self.memberships:
            if m["member_id"] == member_id and (m["until"] is None or m["until"] > since):
                raise Duplicate(
                    f"This member already belongs to {self.name} since {m['since']}; "
                    "change the role or let the membership end first.",
                    "member",
                )
        self.trigger_event(
            self.MemberJoined,
            member_id=member_id,
            member_type=choice(MemberType, member_type, "member").value,
            role=member_role.value,
            on_behalf_of_id=on_behalf_of.id if on_behalf_of else None,
            **meta.fields(),
        )

    def _current_membership(self, member_id: UUID, day: date) -> dict[str, Any]:
        current = self.open_membership(member_id)
        if current is None:
            raise NotFound(f"This member does not belong to {self.name}.", "member")
        if day < current["since"]:
            raise ValidationError(
                f"The membership began on {current['since']}; it cannot change on {day}.",
                "effectiveOn",
            )
        return current

    def change_member_role(self, meta: Meta, *, member_id: UUID, role: str) -> None:
        self.require_active()
        new_role = choice(MemberRole, role, "role")
        current = self._current_membership(member_id, meta.business_day)
        if current["role"] == new_role:
            raise InvalidTransition(f"The member already has the role {new_role}.", "role")
        self.trigger_event(
            self.MemberRoleChanged, member_id=member_id, role=new_role.value, **meta.fields()
        )

    def remove_member(self, meta: Meta, *, member_id: UUID) -> None:
        self.require_active()
        self._current_membership(member_id, meta.business_day)
        self.trigger_event(self.MemberLeft, member_id=member_id, **meta.fields())

    def dissolve(self, meta: Meta) -> None:
        """Auflösung: recorded once it takes effect, so that a body is active exactly until
        then (a body still meeting until a planned end is dissolved on that day)."""
        self.require_active()
        meta = occurred(meta, "dissolving a body")
        if meta.business_day < self.established_on:
            raise ValidationError(
                "A body cannot be dissolved before it was established.", "effectiveOn"
            )
        self.trigger_event(self.BodyDissolved, **meta.fields())

    def publish_notice(self, meta: Meta, *, title: str, text_: str) -> None:
        self.require_active()
        self.trigger_event(
            self.NoticePublished,
            title=text(title, "title"),
            text=text(text_, "text", limit=20_000),
            **meta.fields(),
        )
