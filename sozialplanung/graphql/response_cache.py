"""Whole answers cached by log position (docs/ARCHITECTURE.md, "A query, from request to
rows"); the store itself is ../response_cache.py, which the OParl interface shares.

A query's answer depends on nothing but the document, its variables, who asks as far as
any resolver looks (the role and the organisation), the business day and the position the
views have reached in the audit log. That tuple is the key: a new event is a new key, so
nothing is invalidated by hand and nothing is served stale. The same key is the answer's
``ETag``: a GET that sends it back in ``If-None-Match`` gets ``304 Not Modified``.

Only answers to queries without errors are kept, as the bytes that were sent, least
recently used first out once the cache holds ``max_bytes``. Erasure and redaction rewrite
the views: then every entry goes (erased data must not linger in memory either), and an
answer computed before the rewrite is not kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from prometheus_client import Counter
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from ..domain.rights import Principal
from ..response_cache import ResponseCache as AnswerStore
from ..response_cache import key_of

LOOKUPS = Counter(
    "sozialplanung_response_cache_lookups",
    "GraphQL requests over HTTP by what the response cache did: hit (answered from it), "
    "miss (computed), not_modified (304 to a GET's If-None-Match).",
    ["outcome"],
)


@dataclass(frozen=True)
class Question:
    """What a GraphQL request over HTTP asks, as far as the answer depends on it."""

    query: str
    operation_name: str | None
    variables: dict[str, Any]

    @classmethod
    def of(cls, data: Any) -> Question | None:
        """The request in a parsed body or GET parameters; None for anything else (a
        batch, a missing query …): strawberry answers those, uncached."""
        if not isinstance(data, dict):
            return None
        query, name, variables = data.get("query"), data.get("operationName"), data.get("variables")
        if isinstance(variables, str):  # GET: variables travel as JSON text
            try:
                variables = json.loads(variables)
            except ValueError:
                return None
        if variables is None:
            variables = {}
        if not isinstance(query, str) or not isinstance(variables, dict):
            return None
        if name is not None and not isinstance(name, str):
            return None
        return cls(query, name, variables)


@dataclass
class Answer:
    """Filled in while the operation runs: may its answer be kept?"""

    cacheable: bool = False


class AnswerCacheability(SchemaExtension):
    """Marks an answer cacheable: a query that ran without any error."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        answer = getattr(context.context, "answer", None)
        if answer is None or context.pre_execution_errors:
            return
        answer.cacheable = (
            context.result is not None
            and not context.result.errors
            and context.operation_type is OperationType.QUERY
        )


class ResponseCache(AnswerStore):
    """The store of answers (shared with the OParl interface), keyed for GraphQL."""

    def key(self, question: Question, principal: Principal, position: int, today: date) -> str:
        return key_of(
            [
                question.query,
                question.operation_name,
                question.variables,
                principal.role.value,
                str(principal.organization_id),
                position,
                today.isoformat(),
            ]
        )
