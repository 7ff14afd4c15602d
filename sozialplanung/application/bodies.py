"""Commands on bodies (Gremien): establish, lead, focus, cadence, members, notices."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from ..domain.base import InvalidTransition, Meta, NotFound, PlanningAggregate
from ..domain.body import Body, MemberType
from ..domain.organization import Organization
from ..domain.person import Person
from ..domain.rights import Relation, require, require_city_wide_by_admin
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
            above = self.load_optional(Body, parent, "parent")
            body = Body.establish(
                meta,
                name=name,
                kind=kind,
                topic=topic,
                lead=self.load_optional(Organization, lead, "lead"),
                parent=above,
                cadence=cadence,
            )
            require_city_wide_by_admin(meta.principal, "establishBody", body.kind)
            if above is not None:
                # A body under a parent is the parent lead's to establish.
                self.permit("establishBody", above)
                self.allow(body)
            else:
                # A body of its own: a department establishes what it will lead itself (the
                # one case where the new aggregate's own lead is judged: it changes nothing
                # that exists, and it binds the department to lead it).
                own = body.lead_id is not None and body.lead_id == meta.principal.organization_id
                require(
                    meta.principal,
                    "establishBody",
                    Relation.LEADS if own else Relation.NONE,
                    "the new body (name your organisation as its lead)",
                )
                self.allow(body)
            return single(body)

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
        def apply(target: Body) -> None:
            require_city_wide_by_admin(meta.principal, "assignLead", target.kind)
            target.assign_lead(meta, self.load(Organization, lead, "lead"))

        return self.change(
            meta,
            "assignLead",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=apply,
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
        """Whether an id names a person or an organisation (a Member is either); a person
        whose data was erased takes part in nothing any more."""
        try:
            found = self.load(PlanningAggregate, member, field)
        except NotFound:
            raise NotFound(f"No person or organization with id {member}.", field) from None
        if isinstance(found, Person):
            if found.erased:
                raise InvalidTransition(
                    "This person's data was erased; they can no longer join a body or "
                    "attend a meeting.",
                    field,
                )
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
        def apply(target: Body) -> None:
            require_city_wide_by_admin(meta.principal, "dissolveBody", target.kind)
            target.dissolve(meta)

        return self.change(
            meta,
            "dissolveBody",
            Body,
            body,
            "body",
            expected_version=expected_version,
            client_mutation_id=client_mutation_id,
            apply=apply,
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
