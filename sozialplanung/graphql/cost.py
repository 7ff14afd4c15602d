"""Bounded cost for any GraphQL document, before and during graphql-core's own checks.

- A document is parsed (at most ``MAX_TOKENS`` tokens) and validated in a worker thread, so
  a large one never holds up other requests on the event loop; both results are cached by
  the query text, so a query sent again costs nothing here.
- Before validation, its field selections are counted with every fragment expanded: more
  than ``max_selections`` (default 500) is refused. So is one field repeated under the same
  name more than ``MAX_SAME_NAME`` times in one selection set: graphql-core's check of
  overlapping fields compares such fields pairwise, and 420 copies of one field took it 2 s.
"""

from __future__ import annotations

import asyncio
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from ..settings import MAX_SELECTIONS

MAX_TOKENS = 3000
MAX_SAME_NAME = 30
CACHE_ENTRIES = 512
CACHED_QUERY_LENGTH = 20_000  # longer texts are checked each time, not kept


class _Lru(OrderedDict[str, Any]):
    def get_fresh(self, key: str) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return None

    def keep(self, key: str, value: Any) -> None:
        if len(key) > CACHED_QUERY_LENGTH:
            return
        self[key] = value
        if len(self) > CACHE_ENTRIES:
            self.popitem(last=False)


class DocumentChecks:
    """The caches and limits one schema shares across requests (used on the event loop)."""

    def __init__(self, max_selections: int = MAX_SELECTIONS):
        self.max_selections = max_selections
        self.parsed = _Lru()
        self.checked = _Lru()

    def extension(self) -> BoundedDocuments:
        return BoundedDocuments(self)


class BoundedDocuments(SchemaExtension):
    def __init__(self, checks: DocumentChecks):
        super().__init__()
        self.checks = checks

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        query = context.query
        # Also for strawberry's own parse, which reports a document this one refused.
        context.parse_options["max_tokens"] = MAX_TOKENS
        if context.graphql_document is None and query:
            document = self.checks.parsed.get_fresh(query)
            if document is None:
                try:
                    document = await asyncio.to_thread(parse, query, max_tokens=MAX_TOKENS)
                except GraphQLError:
                    document = None  # strawberry parses it again and reports the error
                else:
                    self.checks.parsed.keep(query, document)
            context.graphql_document = document
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        document, query = context.graphql_document, context.query or ""
        if document is not None and context.pre_execution_errors is None:
            errors = self.checks.checked.get_fresh(query) if query else None
            if errors is None:
                errors = too_costly(document, self.checks.max_selections)
                if not errors:
                    errors = await asyncio.to_thread(
                        validate_document,
                        context.schema._schema,
                        document,
                        context.validation_rules,
                    )
                if query:
                    self.checks.checked.keep(query, errors)
            context.pre_execution_errors = errors
        yield


def too_costly(document: DocumentNode, max_selections: int) -> list[GraphQLError]:
    """Refusals for a document that selects too many fields, fragments expanded."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    counted: dict[str, int] = {}

    def count(selections: SelectionSetNode | None, visiting: frozenset[str]) -> int:
        total = 0
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                total += 1 + count(selection.selection_set, visiting)
            elif isinstance(selection, InlineFragmentNode):
                total += count(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visiting or name not in fragments:
                    continue  # validation reports cycles and unknown fragments
                if name not in counted:
                    counted[name] = count(fragments[name].selection_set, visiting | {name})
                total += counted[name]
            if total > max_selections:
                break  # enough to refuse; never walk an exploding fragment tree further
        return total

    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    for operation in operations:
        selected = count(operation.selection_set, frozenset())
        if selected > max_selections:
            return [
                _refusal(
                    f"The operation selects more than {max_selections} fields (fragments "
                    "expanded); ask for fewer at a time, or page through the lists."
                )
            ]
    for operation in operations:
        repeated = _most_repeated(operation.selection_set, fragments)
        if repeated is not None:
            name, times = repeated
            return [
                _refusal(
                    f"The field {name!r} is selected {times} times in one selection set; "
                    f"at most {MAX_SAME_NAME} are allowed."
                )
            ]
    return []


def _most_repeated(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> tuple[str, int] | None:
    """The first response name selected more than MAX_SAME_NAME times in a selection set."""
    fields = list(_fields(selections, fragments, frozenset()))
    names = Counter((f.alias or f.name).value for f in fields)
    for name, times in names.items():
        if times > MAX_SAME_NAME:
            return name, times
    for field in fields:
        if field.selection_set is not None:
            found = _most_repeated(field.selection_set, fragments)
            if found is not None:
                return found
    return None


def _fields(
    selections: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: frozenset[str],
) -> Iterator[FieldNode]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, visiting)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in visiting:
                yield from _fields(fragments[name].selection_set, fragments, visiting | {name})


def _refusal(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "VALIDATION"})
