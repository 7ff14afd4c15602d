"""GraphQL operations counted for Prometheus (exposed at /metrics by the server)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import Counter
from strawberry.extensions import SchemaExtension

OPERATIONS = Counter(
    "sozialplanung_graphql_operations",
    "GraphQL operations answered, by type (query, mutation, subscription) and outcome (ok, "
    "or error when the answer carries top-level errors; a mutation's userErrors are ok).",
    ["type", "outcome"],
)


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except Exception:  # a document that did not parse names no operation
            kind = "unknown"
        failed = bool(context.pre_execution_errors) or bool(
            context.result is not None and context.result.errors
        )
        OPERATIONS.labels(kind, "error" if failed else "ok").inc()
