"""Information der Fraktionen: "Bei wichtigen aktuellen Entwicklungen werden zeitnah vorab
die Fraktionen informiert." One briefing records which parliamentary groups were informed
about a measure or paper, how, and when."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from .base import Meta, PlanningAggregate, ValidationError, optional_text, text
from .organization import Organization, OrganizationKind


class Briefing(PlanningAggregate):
    if TYPE_CHECKING:  # state set by the events' apply(); see PlanningAggregate
        subject_id: UUID
        subject_type: str
        group_ids: list[UUID]
        channel: str
        note: str | None

    class ParliamentaryGroupsInformed(PlanningAggregate.Created):
        prose = (*PlanningAggregate.Event.prose, "note")

        subject_id: UUID
        subject_type: str
        group_ids: list[UUID]
        channel: str
        note: str | None

        def apply(self, briefing: Briefing) -> None:
            briefing.subject_id, briefing.subject_type = self.subject_id, self.subject_type
            briefing.group_ids = list(self.group_ids)
            briefing.channel, briefing.note = self.channel, self.note

    @classmethod
    def inform(
        cls,
        meta: Meta,
        *,
        subject_id: UUID,
        subject_type: str,
        groups: list[Organization],
        channel: str,
        note: str | None,
    ) -> Briefing:
        if not groups:
            raise ValidationError("Name at least one parliamentary group.", "groups")
        group_ids: list[UUID] = []
        for index, group in enumerate(groups):
            if group.kind != OrganizationKind.PARLIAMENTARY_GROUP:
                raise ValidationError(
                    f"{group.name} is not a parliamentary group (Fraktion).", f"groups.{index}"
                )
            if group.id not in group_ids:
                group_ids.append(group.id)
        return cls._create(
            cls.ParliamentaryGroupsInformed,
            id=uuid4(),
            subject_id=subject_id,
            subject_type=subject_type,
            group_ids=group_ids,
            channel=text(channel, "channel", limit=100),
            note=optional_text(note, "note", limit=5_000),
            **meta.fields(),
        )
