"""Commands on bodies (Gremien): establish, lead, focus, cadence, members, notices."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from ..domain.base import Meta, NotFound
from ..domain.body import Body, MemberType
from ..domain.organization import Organization
from ..domain.person import Person
from .base import CommandsBase, Outcome, single


class BodyCommands(CommandsBase):
    def establish_body(
        self,
        meta: Meta,
        *,
        name: str,
        kind: str,
        topic: str | None = None,
        lead: UUID | None = None,
        parent: UUID | None = None,
        cadence: dict[str, Any] | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            return single(
                Body.establish(
                    meta,
                    name=name,
                    kind=kind,
                    topic=topic,
                    lead=self.load_optional(Organization, lead, "lead"),
                    parent=self.load_optional(Body, parent, "parent"),
                    cadence=cadence,
                )
            )

        return self.execute(meta, "establishBody", client_mutation_id, action)

    def assign_lead(
        self,
        meta: Meta,
        *,
        body: UUID,
        lead: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "assignLead",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.assign_lead(meta, self.load(Organization, lead, "lead")),
        )

    def shift_focus(
        self,
        meta: Meta,
        *,
        body: UUID,
        topic: str,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "shiftFocus",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.shift_focus(meta, topic),
        )

    def set_cadence(
        self,
        meta: Meta,
        *,
        body: UUID,
        cadence: dict[str, Any],
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "setCadence",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.set_cadence(meta, cadence),
        )

    def member_type(self, member: UUID, field: str = "member") -> str:
        """Whether an id names a person or an organisation (a Member is either)."""
        try:
            found = self.repository.get(member)
        except AggregateNotFoundError:
            raise NotFound(f"No person or organization with id {member}.", field) from None
        if isinstance(found, Person):
            return MemberType.PERSON.value
        if isinstance(found, Organization):
            return MemberType.ORGANIZATION.value
        raise NotFound(f"{member} is neither a person nor an organization.", field)

    def add_member(
        self,
        meta: Meta,
        *,
        body: UUID,
        member: UUID,
        role: str,
        on_behalf_of: UUID | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "addMember",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.add_member(
                meta,
                member_id=member,
                member_type=self.member_type(member),
                role=role,
                on_behalf_of=self.load_optional(Organization, on_behalf_of, "onBehalfOf"),
            ),
        )

    def change_member_role(
        self,
        meta: Meta,
        *,
        body: UUID,
        member: UUID,
        role: str,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "changeMemberRole",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.change_member_role(meta, member_id=member, role=role),
        )

    def remove_member(
        self,
        meta: Meta,
        *,
        body: UUID,
        member: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "removeMember",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.remove_member(meta, member_id=member),
        )

    def dissolve_body(
        self,
        meta: Meta,
        *,
        body: UUID,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "dissolveBody",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.dissolve(meta),
        )

    def publish_notice(
        self,
        meta: Meta,
        *,
        body: UUID,
        title: str,
        text: str,
        client_mutation_id: str | None = None,
    ) -> UUID:
        return self.change(
            meta,
            "publishNotice",
            Body,
            body,
            "body",
            expected_version=None,
            client_mutation_id=client_mutation_id,
            apply=lambda b: b.publish_notice(meta, title=title, text_=text),
        )
