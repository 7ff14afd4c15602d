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

OrganizationKindEnum = strawberry.enum(OrganizationKind, name="OrganizationKind")
BodyKindEnum = strawberry.enum(BodyKind, name="BodyKind")
MemberRoleEnum = strawberry.enum(MemberRole, name="MemberRole")
MeetingStatusEnum = strawberry.enum(MeetingStatus, name="MeetingStatus")
CycleStatusEnum = strawberry.enum(CycleStatus, name="CycleStatus")
MeasureStatusEnum = strawberry.enum(MeasureStatus, name="MeasureStatus")
EvaluationOutcomeEnum = strawberry.enum(EvaluationOutcome, name="EvaluationOutcome")
PaperTypeEnum = strawberry.enum(PaperType, name="PaperType")
ConsultationRoleEnum = strawberry.enum(ConsultationRole, name="ConsultationRole")
DecisionKindEnum = strawberry.enum(DecisionKind, name="DecisionKind")
UserErrorCode = strawberry.enum(ErrorCode, name="UserErrorCode")


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
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, page: Page, nodes: list[T]) -> Connection[T]:
        return cls(
            edges=[Edge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=page.cursors[0] if page.cursors else None,
                end_cursor=page.cursors[-1] if page.cursors else None,
            ),
            total_count=page.total,
        )


@strawberry.type
class UserError:
    field: list[str] | None
    message: str
    code: UserErrorCode  # type: ignore[valid-type]


def require_history(info: Info) -> None:
    """The event log and histories are for ADMIN and ANALYST (DESIGN §6)."""
    principal = info.context.principal
    if principal.reads_history:
        return
    if not principal.reads_personal_data:
        raise Unauthenticated("Sign in as ADMIN or ANALYST to read the event log.")
    raise Forbidden("The event log is for ADMIN and ANALYST.")
