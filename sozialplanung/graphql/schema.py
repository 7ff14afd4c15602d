"""Assembles the schema with its limits. Built by build_schema(), never at import."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import ASTValidationRule
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import AddValidationRules, MaskErrors, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from ..domain.base import DomainError
from ..projections.paging import BadPaging
from ..settings import MAX_SELECTIONS
from .cost import DocumentChecks
from .descriptions import describe_patterns
from .history import HistoryQueries
from .metrics import OperationMetrics
from .mutations import Mutation
from .planned import planned_executor
from .queries import StateQueries
from .response_cache import AnswerCacheability
from .scalars import SCALARS
from .subscriptions import Subscription
from .types.bodies import Body
from .types.cycles import Cycle
from .types.events import Event
from .types.measures import Measure
from .types.meetings import Meeting
from .types.organizations import Organization, Person
from .types.papers import Paper

log = logging.getLogger("sozialplanung.graphql")

# Current state first, then history: the order of the fields in schema.graphql.
Query = strawberry.type(
    type("Query", (StateQueries, HistoryQueries), {}),
    description="Reads. Everyone (PUBLIC, without a token) reads the current state; persons' "
    "data needs a token; the event log, histories and trails need ADMIN or ANALYST. asOf "
    "arguments read the state as recorded at a past moment.",
)

MAX_DEPTH = 12
MAX_ALIASES = 30
# "Did you mean …?" names fields, arguments, enum values and types the client did not know:
# production keeps the schema to itself (introspection is off there, too).
SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


class ClientErrors(MaskErrors):
    """Refusals keep their message and get ``extensions.code``; anything unexpected is
    masked for the client and logged with the request's correlation id."""

    def __init__(self, *, production: bool) -> None:
        super().__init__()
        self.production = production

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        context = self.execution_context.context
        correlation = getattr(context, "correlation_id", "-")
        result = []
        for error in errors:
            original = error.original_error
            if original is None:
                # A refusal of the document itself (syntax, validation, a variable's value).
                message = error.message
                if self.production:
                    message = SUGGESTION.sub("", message)
                result.append(
                    GraphQLError(
                        message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "VALIDATION", **(error.extensions or {})},
                    )
                )
            elif isinstance(original, DomainError):
                result.append(
                    GraphQLError(
                        original.message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": original.code.value, "field": original.field},
                    )
                )
            elif isinstance(original, BadPaging):
                result.append(
                    GraphQLError(
                        str(original),
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "VALIDATION", "field": original.field},
                    )
                )
            elif isinstance(original, GraphQLError | StrawberryInputCoercionError):
                # graphql-core's own refusal of an input (an Int variable beyond 32 bits):
                # the client's mistake, told as it is.
                result.append(
                    GraphQLError(
                        error.message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "VALIDATION"},
                    )
                )
            else:
                log.error("unexpected error (correlation id %s)", correlation, exc_info=original)
                result.append(
                    GraphQLError(
                        f"Unexpected error. Quote correlation id {correlation} when reporting it.",
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "INTERNAL", "correlationId": correlation},
                    )
                )
        return result


class SubscriptionsOverWebsocket(SchemaExtension):
    """A subscription sent as a plain HTTP request is refused with a pointer to the socket
    (strawberry would run it and fail on the missing stream)."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if (
            context.pre_execution_errors is None
            and context.graphql_document is not None
            and getattr(context.context, "over_websocket", True) is False
            and context.operation_type is OperationType.SUBSCRIPTION
        ):
            context.pre_execution_errors = [
                GraphQLError(
                    "Subscriptions run over a websocket (graphql-transport-ws) at /graphql, "
                    "not over plain HTTP.",
                    extensions={"code": "VALIDATION"},
                )
            ]
        yield


class PlanningSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Logging happens in ClientErrors; refusals are no server errors."""


def build_schema(
    *, production: bool = False, max_selections: int = MAX_SELECTIONS
) -> strawberry.Schema:
    # The limit rules are built once per schema: QueryDepthLimiter and MaxAliasesLimiter
    # built per request bring new rule classes each time.
    limits: list[type[ASTValidationRule]] = [
        depth_rule(MAX_DEPTH, None),
        aliases_rule(MAX_ALIASES),
    ]
    checks = DocumentChecks(max_selections)
    extensions: list[Any] = [
        lambda: AddValidationRules(limits),
        SubscriptionsOverWebsocket,
        checks.extension,
        lambda: ClientErrors(production=production),
        OperationMetrics,
        AnswerCacheability,
    ]
    if production:
        from strawberry.extensions import DisableIntrospection

        extensions.append(DisableIntrospection)
    schema = PlanningSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Organization, Person, Body, Meeting, Cycle, Measure, Paper, Event],
        extensions=extensions,
        execution_context_class=planned_executor(),
        config=StrawberryConfig(disable_field_suggestions=production, scalar_map=SCALARS),
    )
    describe_patterns(schema._schema)  # connections, payloads, paging, shared input fields
    return schema
