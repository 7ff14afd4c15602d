"""Node, Relay connections, enums and errors shared by every type."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from ...domain.base import ErrorCode
from ...domain.body import BodyKind, MemberRole
from ...domain.cycle import CycleStatus
from ...domain.measure import EvaluationOutcome, MeasureStatus
from ...domain.meeting import DecisionKind, MeetingStatus
from ...domain.organization import OrganizationKind
from ...domain.paper import ConsultationRole, PaperType
from ...domain.rights import Forbidden, Unauthenticated
from ...projections.paging import Page
from ..context import Info

T = TypeVar("T")

# strawberry.enum() makes a domain enum a GraphQL enum in place and returns the class
# itself: the names below are aliases of the domain's classes, so type checkers take them
# as types.
for _domain_enum in (
    OrganizationKind,
    BodyKind,
    MemberRole,
    MeetingStatus,
    CycleStatus,
    MeasureStatus,
    EvaluationOutcome,
    PaperType,
    ConsultationRole,
    DecisionKind,
):
    strawberry.enum(_domain_enum, name=_domain_enum.__name__)
strawberry.enum(ErrorCode, name="UserErrorCode")

OrganizationKindEnum = OrganizationKind
BodyKindEnum = BodyKind
MemberRoleEnum = MemberRole
MeetingStatusEnum = MeetingStatus
CycleStatusEnum = CycleStatus
MeasureStatusEnum = MeasureStatus
EvaluationOutcomeEnum = EvaluationOutcome
PaperTypeEnum = PaperType
ConsultationRoleEnum = ConsultationRole
DecisionKindEnum = DecisionKind
UserErrorCode = ErrorCode


@strawberry.interface(description="An object with a global, opaque id.")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    nodes: list[T]
    page: strawberry.Private[Page]

    @strawberry.field
    def edges(self) -> list[Edge[T]]:
        return [Edge(cursor=c, node=n) for c, n in zip(self.page.cursors, self.nodes, strict=True)]

    @strawberry.field
    def page_info(self) -> PageInfo:
        cursors = self.page.cursors
        return PageInfo(
            has_next_page=self.page.has_next,
            has_previous_page=self.page.has_previous,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )

    @strawberry.field
    async def total_count(self, info: Info) -> int:
        # Counted only when asked for: a count over a filtered view is a query of its own.
        return await info.context.run(lambda: self.page.total)

    @classmethod
    def of(cls, page: Page, nodes: list[T]) -> Connection[T]:
        return cls(nodes=nodes, page=page)


@strawberry.type
class UserError:
    field: list[str] | None
    message: str
    code: UserErrorCode


def require_history(info: Info) -> None:
    """The event log and histories are for ADMIN and ANALYST (the rights table, README)."""
    principal = info.context.principal
    if principal.reads_history:
        return
    if not principal.reads_personal_data:
        raise Unauthenticated("Sign in as ADMIN or ANALYST to read the event log.")
    raise Forbidden("The event log is for ADMIN and ANALYST.")
