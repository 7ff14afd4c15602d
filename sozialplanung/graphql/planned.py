"""Planned execution of queries: the shape of a query compiled once, run per request without
graphql-core's per-field bookkeeping (docs/ARCHITECTURE.md, "A query, from request to rows").

graphql-core executes a query one field value at a time: for each it builds a resolve-info
object and a path, dispatches on the field's type, asks whether the value is awaitable and
stands ready to record an error. A page of 50 measures with their leads is about 280 fields
and 600 completions, most of the request's time. Yet a query's document is parsed once and
kept (``cost.py``), so what it asks for can be worked out once: which fields in which order,
each read how (an attribute of the object, or its resolver) and completed how (a scalar's
output coercion, the items of a list, the fields of an object). That plan then runs for each
request with the request's variables, context and root.

A plan takes the common road only: every resolver returns, every value is what the schema
says. Anything else (a resolver raising a refusal, null in a non-null field, a value of the
wrong type) abandons the plan, and graphql-core runs the operation again from the start and
reports it exactly as it always does. Only queries are planned, since only they may safely
run twice; mutations and subscriptions always take graphql-core's road. Awaitables (an
``async`` resolver, a relation loaded in a batch) are collected while the plan runs and
awaited together, as graphql-core gathers them, so a DataLoader still batches its loads.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable
from prometheus_client import Counter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from .cost import CACHE_ENTRIES, CACHED_QUERY_LENGTH

PLANS_KEPT = CACHE_ENTRIES  # as many as cost.py keeps parsed documents

EXECUTIONS = Counter(
    "sozialplanung_graphql_planned",
    "Queries by how they ran: planned (the compiled plan answered), abandoned (the plan "
    "met an error or an unexpected value and graphql-core answered instead) or unplanned "
    "(graphql-core only, e.g. mutations).",
    ["outcome"],
)
# Bound once: a label lookup per request is work the counter need not do.
PLANNED, ABANDONED, UNPLANNED = (
    EXECUTIONS.labels(o) for o in ("planned", "abandoned", "unplanned")
)


class Abandon(Exception):
    """The plan leaves the common road: graphql-core answers instead."""


Details = list[FieldDetails]


class Completion:
    """How a field's value becomes its part of the answer, by the field's type."""

    nullable: bool
    # Whether completing needs the field's resolve-info (an object's is_type_of check or
    # an abstract type's resolve_type), so that it is built once per field, not per item.
    needs_info: bool = False

    def complete(self, run: Run, value: Any, path: Path | None, step: FieldStep, info: Any) -> Any:
        raise NotImplementedError

    def null(self) -> None:
        if self.nullable:
            return None
        raise Abandon  # graphql-core reports null in a non-null field


class Leaf(Completion):
    """A scalar or enum: the type's output coercion."""

    def __init__(self, type_: GraphQLLeafType, nullable: bool):
        self.coerce = type_.coerce_output_value
        self.nullable = nullable

    def complete(self, run: Run, value: Any, path: Path | None, step: FieldStep, info: Any) -> Any:
        if value is None or value is Undefined:
            return self.null()
        if isinstance(value, Exception):
            raise Abandon
        coerced = self.coerce(value)
        if coerced is None or coerced is Undefined:
            raise Abandon
        return coerced


class ListOf(Completion):
    def __init__(self, item: Completion, nullable: bool):
        self.item = item
        self.nullable = nullable
        self.needs_info = item.needs_info

    def complete(self, run: Run, value: Any, path: Path | None, step: FieldStep, info: Any) -> Any:
        if value is None or value is Undefined:
            return self.null()
        if isinstance(value, Exception) or not is_iterable(value) or run.is_async(value):
            raise Abandon
        item, is_awaitable = self.item, run.is_awaitable
        completed: list[Any] = []
        for index, entry in enumerate(value):
            item_path = Path(path, index, None)
            if is_awaitable(entry):
                completed.append(None)
                run.later(entry, item, completed, index, item_path, step, info)
            else:
                completed.append(item.complete(run, entry, item_path, step, info))
        return completed


class ObjectOf(Completion):
    def __init__(self, type_: GraphQLObjectType, fields: list[FieldStep], nullable: bool):
        self.fields = fields
        self.is_type_of = type_.is_type_of
        self.nullable = nullable
        self.needs_info = type_.is_type_of is not None

    def complete(self, run: Run, value: Any, path: Path | None, step: FieldStep, info: Any) -> Any:
        if value is None or value is Undefined:
            return self.null()
        if isinstance(value, Exception):
            raise Abandon
        if self.is_type_of is not None:
            fits = self.is_type_of(value, info)
            if run.is_awaitable(fits):
                run.discard(fits)
                raise Abandon
            if not fits:
                raise Abandon
        return run.fields(self.fields, value, path)


class AbstractOf(Completion):
    """An interface or union: the object type is known only from the value."""

    needs_info = True

    def __init__(self, type_: GraphQLAbstractType, nullable: bool):
        self.type = type_
        self.nullable = nullable
        # Compiled the first time a value of each object type comes along.
        self.by_type: dict[str, ObjectOf] = {}

    def complete(self, run: Run, value: Any, path: Path | None, step: FieldStep, info: Any) -> Any:
        if value is None or value is Undefined:
            return self.null()
        if isinstance(value, Exception):
            raise Abandon
        executor = run.executor
        resolve_type = self.type.resolve_type or executor.type_resolver
        name = resolve_type(value, info, self.type)
        if run.is_awaitable(name):
            run.discard(name)
            raise Abandon
        object_type = executor.ensure_valid_runtime_type(name, self.type, step.details, info, value)
        plan = self.by_type.get(object_type.name)
        if plan is None:
            subfields = executor.collect_subfields(object_type, step.details)[0]
            plan = self.by_type[object_type.name] = ObjectOf(
                object_type, compile_fields(executor, object_type, subfields), nullable=True
            )
        return plan.complete(run, value, path, step, info)


@dataclass(eq=False)
class FieldStep:
    """One response key of an object: how to read it and how to complete it."""

    key: str
    parent: GraphQLObjectType
    definition: GraphQLField
    details: Details
    nodes: list[FieldNode]
    completion: Completion
    resolve: Callable[..., Any]
    # A field without a resolver of its own (strawberry's "basic field") is read from the
    # object with strawberry's default resolver (getattr), with no resolve-info at all.
    attribute: str | None = None
    read: Callable[[Any, str], Any] = getattr
    arguments: bool = False
    needs_info: bool = True
    needs_path: bool = True
    typename: str | None = None  # __typename: known from the plan


def completion_of(
    executor: PlannedExecutor, type_: GraphQLOutputType, details: Details
) -> Completion:
    nullable = True
    if is_non_null_type(type_):
        assert isinstance(type_, GraphQLNonNull)
        type_, nullable = type_.of_type, False
    if is_list_type(type_):
        assert isinstance(type_, GraphQLList)
        return ListOf(completion_of(executor, type_.of_type, details), nullable)
    if is_leaf_type(type_):
        return Leaf(type_, nullable)
    if is_abstract_type(type_):
        return AbstractOf(type_, nullable)
    assert isinstance(type_, GraphQLObjectType)
    subfields = executor.collect_subfields(type_, details)[0]
    return ObjectOf(type_, compile_fields(executor, type_, subfields), nullable)


def compile_fields(
    executor: PlannedExecutor, parent: GraphQLObjectType, grouped: dict[str, Details]
) -> list[FieldStep]:
    steps = []
    for key, details in grouped.items():
        node = details[0].node
        name = node.name.value
        definition = executor.schema.get_field(parent, name)
        if definition is None:
            continue  # graphql-core leaves it out, too
        completion = completion_of(executor, definition.type, details)
        step = FieldStep(
            key=key,
            parent=parent,
            definition=definition,
            details=details,
            nodes=[d.node for d in details],
            completion=completion,
            resolve=definition.resolve or executor.field_resolver,
            arguments=bool(definition.args or node.arguments),
        )
        strawberry_field = (definition.extensions or {}).get("strawberry-definition")
        if name == "__typename":
            step.typename = parent.name
        elif strawberry_field is None or step.arguments:
            pass  # graphql-core's own fields (introspection), or arguments to coerce
        elif getattr(definition.resolve, "_is_default", False):
            if strawberry_field.is_basic_field:
                step.attribute = strawberry_field.python_name
                step.read = strawberry_field.default_resolver
                step.needs_info = completion.needs_info
                step.needs_path = not isinstance(completion, Leaf)
        else:
            step.resolve = direct_call(executor, strawberry_field) or step.resolve
        steps.append(step)
    return steps


def direct_call(executor: PlannedExecutor, field: Any) -> Callable[..., Any] | None:
    """A resolver without arguments, called as strawberry calls it (``self`` the object,
    ``info`` strawberry's Info) minus the layers strawberry wraps around every resolver
    for arguments, field extensions and exception handlers, when it has none of these.
    For anything else, strawberry's own resolver."""
    resolver = field.base_resolver
    strawberry_schema = getattr(executor.schema, "_strawberry_schema", None)
    if (
        strawberry_schema is None
        or resolver is None
        or field.extensions
        or field.arguments
        or resolver.parent_parameter is not None
        or resolver.root_parameter is not None
        # Exception handlers (none in this schema; unknown to older strawberry: none).
        or getattr(strawberry_schema.schema_converter, "_exception_handler_specs", ())
    ):
        return None
    function = resolver.wrapped_func
    info_class = strawberry_schema.config.info_class
    passes_self = resolver.self_parameter is not None
    info_parameter = resolver.info_parameter

    if info_parameter is None:
        if passes_self:
            return lambda source, info: function(source)
        return lambda source, info: function()
    name = info_parameter.name
    if passes_self:
        return lambda source, info: function(
            source, **{name: info_class(_raw_info=info, _field=field)}
        )
    return lambda source, info: function(**{name: info_class(_raw_info=info, _field=field)})


@dataclass(eq=False)
class Later:
    """An awaitable a field or list item returned, and where its completion goes."""

    awaitable: Awaitable[Any]
    completion: Completion
    into: dict[str, Any] | list[Any]
    key: Any
    path: Path | None
    step: FieldStep
    info: Any


@dataclass(eq=False)
class Run:
    """One request's run of a plan."""

    executor: PlannedExecutor
    pending: list[Later] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.is_awaitable = self.executor.is_awaitable
        self.is_async = self.executor.is_async_iterable

    def fields(self, steps: list[FieldStep], source: Any, path: Path | None) -> dict[str, Any]:
        executor = self.executor
        result: dict[str, Any] = {}
        for step in steps:
            if step.typename is not None:
                result[step.key] = step.typename
                continue
            field_path = Path(path, step.key, step.parent.name) if step.needs_path else None
            info = None
            if field_path is not None and step.needs_info:  # needs_info implies needs_path
                info = executor.build_resolve_info(
                    step.definition, step.nodes, step.parent, field_path
                )
            if step.attribute is not None:
                value = step.read(source, step.attribute)
            else:
                arguments = (
                    get_argument_values(
                        step.definition,
                        step.nodes[0],
                        executor.variable_values,
                        step.details[0].fragment_variable_values,
                        executor.hide_suggestions,
                    )
                    if step.arguments
                    else {}
                )
                value = step.resolve(source, info, **arguments)
            if self.is_awaitable(value):
                result[step.key] = None
                self.later(value, step.completion, result, step.key, field_path, step, info)
            else:
                result[step.key] = step.completion.complete(self, value, field_path, step, info)
        return result

    def later(
        self,
        awaitable: Awaitable[Any],
        completion: Completion,
        into: dict[str, Any] | list[Any],
        key: Any,
        path: Path | None,
        step: FieldStep,
        info: Any,
    ) -> None:
        self.pending.append(Later(awaitable, completion, into, key, path, step, info))

    async def settle(self) -> None:
        """Await what is pending, all at once (a DataLoader batches its loads), and
        complete it; completing may bring new awaitables, so again until none is left."""
        while self.pending:
            batch, self.pending = self.pending, []
            values: list[Any]
            if len(batch) == 1:  # the common case (one root field): no task to wrap it in
                values = [await batch[0].awaitable]
            else:
                values = await asyncio.gather(
                    *(later.awaitable for later in batch), return_exceptions=True
                )
            for later, value in zip(batch, values, strict=True):
                if isinstance(value, BaseException):
                    raise Abandon from value
                later.into[later.key] = later.completion.complete(
                    self, value, later.path, later.step, later.info
                )

    def discard(self, awaitable: object = None) -> None:
        """Close what will never be awaited (so no "never awaited" warning)."""
        for later in self.pending:
            self.close(later.awaitable)
        self.pending = []
        if awaitable is not None:
            self.close(awaitable)

    @staticmethod
    def close(awaitable: object) -> None:
        """A coroutine not yet started is closed. A future is left alone: it may be a
        DataLoader's, kept in its cache for graphql-core's run, which must not find it
        cancelled."""
        if inspect.iscoroutine(awaitable):
            awaitable.close()


class Plans:
    """Compiled plans by operation (parsed documents are kept, so the same query text
    brings the same operation node). Bounded; used on the event loop only."""

    def __init__(self, size: int = PLANS_KEPT):
        self.size = size
        self.kept: OrderedDict[int, tuple[object, list[FieldStep]]] = OrderedDict()

    def of(self, executor: PlannedExecutor) -> list[FieldStep]:
        operation = executor.operation
        found = self.kept.get(id(operation))
        if found is not None and found[0] is operation:
            self.kept.move_to_end(id(operation))
            return found[1]
        root = executor.schema.get_root_type(operation.operation)
        assert root is not None  # queries always have a root type
        grouped = collect_fields(
            executor.schema,
            executor.fragments,
            executor.variable_values,
            root,
            operation,
            executor.hide_suggestions,
        )[0]
        steps = compile_fields(executor, root, grouped)
        # @skip and @include choose fields by the variables' values: such a plan holds for
        # this request only. A plan keeps its document alive: like the parse cache, only
        # documents of a bounded length are kept (a megabyte of query each, 512 times over,
        # would be memory for the taking).
        if not uses_directives(executor) and _short(operation):
            self.kept[id(operation)] = (operation, steps)
            if len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return steps


def _short(operation: OperationDefinitionNode) -> bool:
    location = operation.loc
    return location is not None and len(location.source.body) <= CACHED_QUERY_LENGTH


def uses_directives(executor: PlannedExecutor) -> bool:
    sets = [executor.operation.selection_set]
    sets.extend(f.selection_set for f in executor.fragment_definitions.values())
    return any(node.directives for node in _selections(sets))


def _selections(sets: list[SelectionSetNode]) -> Iterator[Any]:
    while sets:
        for selection in sets.pop().selections:
            yield selection
            inner = getattr(selection, "selection_set", None)
            if inner is not None:
                sets.append(inner)


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, answering queries from a plan where it can."""

    plans: Plans
    planning = True  # False: graphql-core answers everything (tests compare the two)

    def execute_operation(self, serially: bool | None = None) -> Any:
        manager = self.middleware_manager
        if (
            not self.planning
            or self.operation.operation is not OperationType.QUERY
            or serially
            or self.abort_signal is not None
            or (manager is not None and manager.middlewares)
        ):
            UNPLANNED.inc()
            return super().execute_operation(serially)
        run = Run(self)
        try:
            data = run.fields(self.plans.of(self), self.root_value, None)
        except Exception:
            run.discard()
            return self._abandoned()
        if not run.pending:
            PLANNED.inc()
            return self.finish(self.build_response(data))
        return self._settled(run, data)

    async def _settled(self, run: Run, data: dict[str, Any]) -> Any:
        try:
            await run.settle()
        except Exception:
            run.discard()
            result = self._abandoned()
            return await result if self.is_awaitable(result) else result
        except BaseException:  # cancelled: the client went away
            run.discard()
            raise
        PLANNED.inc()
        return self.build_response(data)

    def _abandoned(self) -> Any:
        ABANDONED.inc()
        return super().execute_operation()


def planned_executor(plans: Plans | None = None) -> type[PlannedExecutor]:
    """An executor class with its own plans (one per schema)."""
    return type("PlannedExecutor", (PlannedExecutor,), {"plans": plans or Plans()})
