"""Commands on organisations and persons."""

from __future__ import annotations

from uuid import UUID

from ..domain.base import Meta
from ..domain.organization import Organization
from ..domain.person import Person
from .base import CommandsBase, Outcome, single


class OrganizationCommands(CommandsBase):
    def register_organization(
        self,
        meta: Meta,
        *,
        name: str,
        kind: str,
        short_name: str | None = None,
        parent: UUID | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            parent_org = self.load_optional(Organization, parent, "parent")
            organization = Organization.register(
                meta, name=name, kind=kind, short_name=short_name, parent=parent_org
            )
            self.permit("registerOrganization", organization)
            return single(organization)

        return self.execute(meta, "registerOrganization", client_mutation_id, action)

    def rename_organization(
        self,
        meta: Meta,
        *,
        organization: UUID,
        name: str,
        short_name: str | None = None,
        expected_version: int | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        def action() -> Outcome:
            org = self.load_current(Organization, organization, "organization", expected_version)
            self.permit("renameOrganization", org)
            org.rename(meta, name=name, short_name=short_name)
            return single(org)

        return self.execute(meta, "renameOrganization", client_mutation_id, action)

    def register_person(
        self,
        meta: Meta,
        *,
        name: str,
        affiliation: UUID | None = None,
        client_mutation_id: str | None = None,
    ) -> UUID:
        """The name is stored sealed under a key of the person's own (see Person)."""

        def action() -> Outcome:
            org = self.load_optional(Organization, affiliation, "affiliation")
            person = Person.register(meta, name=name, affiliation_id=org.id if org else None)
            self.permit("registerPerson", person)
            return single(person)

        return self.execute(meta, "registerPerson", client_mutation_id, action)

    def erase_person(
        self,
        meta: Meta,
        *,
        person: UUID,
        client_mutation_id: str | None = None,
    ) -> UUID:
        """Destroys the person's key in the same transaction as PersonDataErased: the name
        can no longer be read anywhere (the views are rewritten as the event is applied)."""

        def action() -> Outcome:
            subject = self.load(Person, person, "person")
            self.permit("erasePerson", subject)
            subject.erase(meta)
            key_id = self.keys.person_key_id(subject.id)
            if key_id is not None:
                self.keys.destroy(key_id, snapshots_of=[subject.id])
            self.personal_data.erase(subject.id)  # a name from before sealing
            return single(subject)

        erased = self.execute(meta, "erasePerson", client_mutation_id, action)
        self.keys.purge_traces(self.snapshots_table)
        return erased

    def issue_token(self, role: str, name: str, organization: UUID | None = None) -> str:
        """A new API token; the organisation a COORDINATOR or MEMBER acts for must exist."""
        if organization is not None:
            self.load(Organization, organization, "organization")
        return self.tokens.create(role, name, organization)

    def legacy_person_names(self, person_ids: list[UUID]) -> dict[UUID, str]:
        """Names of persons registered before names were sealed in events."""
        return self.personal_data.names(person_ids)
