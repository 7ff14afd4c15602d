"""Per-request context: the principal, the application, the read model, the loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID, uuid4

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from ..application import PlanningApp
from ..domain.rights import Principal, Unauthenticated
from ..projections import ReadModel
from ..projections.database import Row
from ..projections.queries import ReadQueries
from .response_cache import Answer

T = TypeVar("T")
K = TypeVar("K")


class Loaders:
    """One batched read per relation and request: the rows behind ids, whatever asks. Each
    loader is made when first used (most requests use one or two of them)."""

    def __init__(self, context: Context):
        self.context = context
        queries = context.queries
        self.reads: dict[str, Callable[[list[Any]], dict[Any, Row]]] = {
            "organizations": queries.organizations.by_ids,
            "persons": queries.persons.by_ids,
            "bodies": queries.bodies.by_ids,
            "meetings": queries.meetings.by_ids,
            "measures": queries.measures.by_ids,
            "papers": queries.papers.by_ids,
            "cycles": queries.cycles.by_numbers,
        }
        # Rows read ahead with a page, by kind and key (None: there is no such row).
        self.known: dict[str, dict[Any, Row | None]] = {kind: {} for kind in self.reads}
        # The objects made of them, by maker and key: fifty measures of a page share a
        # handful of leads, and each lead is made once (the types hold no state beyond
        # their row, so one object may stand in many places of an answer).
        self.made: dict[Callable[[Row], Any], dict[Any, Any]] = {}
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

    def loader(self, kind: str) -> DataLoader[Any, Row | None]:
        found = self._loaders.get(kind)
        if found is None:
            read, run = self.reads[kind], self.context.read

            async def load(keys: Sequence[Any]) -> list[Row | None]:
                rows = await run(read, list(keys))
                return [rows.get(key) for key in keys]

            found = self._loaders[kind] = DataLoader(load_fn=load)
        return found

    @property
    def organizations(self) -> DataLoader[Any, Row | None]:
        return self.loader("organizations")

    @property
    def persons(self) -> DataLoader[Any, Row | None]:
        return self.loader("persons")

    @property
    def bodies(self) -> DataLoader[Any, Row | None]:
        return self.loader("bodies")

    @property
    def meetings(self) -> DataLoader[Any, Row | None]:
        return self.loader("meetings")

    @property
    def measures(self) -> DataLoader[Any, Row | None]:
        return self.loader("measures")

    @property
    def papers(self) -> DataLoader[Any, Row | None]:
        return self.loader("papers")

    @property
    def cycles(self) -> DataLoader[Any, Row | None]:
        return self.loader("cycles")

    @property
    def legacy_names(self) -> DataLoader[str, str | None]:
        found = self._loaders.get("legacy_names")
        if found is None:
            context = self.context

            async def names(keys: Sequence[str]) -> list[str | None]:
                found = await context.run(context.app.legacy_person_names, [UUID(k) for k in keys])
                return [found.get(UUID(k)) for k in keys]

            found = self._loaders["legacy_names"] = DataLoader(load_fn=names)
        return found

    def read_ahead(
        self, rows: Sequence[Row], wanted: frozenset[str], relations: Sequence[Relation]
    ) -> None:
        """In the thread that reads a page: the rows its relations point to, one query per
        relation asked for, so that their fields resolve at once instead of awaiting a
        loader each (the executor's cost per awaited field is what made pages slow)."""
        for relation in relations:
            if relation.field not in wanted:
                continue
            self.rows(relation.kind, [row[relation.column] for row in rows if row[relation.column]])

    def rows(self, kind: str, keys: Sequence[Any]) -> dict[Any, Row | None]:
        """In a worker thread: the rows of ``kind`` behind ``keys``, read in one query and
        kept for the fields of this request."""
        known = self.known[kind]
        missing = [key for key in dict.fromkeys(keys) if key not in known]
        if missing:
            found = self.reads[kind](missing)
            known.update({key: found.get(key) for key in missing})
        return {key: known[key] for key in keys}

    def related(self, kind: str, key: Any, make: Callable[[Row], T]) -> Any:
        """The object a relation points to: at once from a row read ahead, else (an
        awaitable) from the loader, batched with the rest of the request."""
        if key is None:
            return None
        made = self.made.get(make)
        if made is None:
            made = self.made[make] = {}
        elif key in made:
            return made[key]
        known = self.known[kind]
        if key in known:
            row = known[key]
            found = made[key] = make(row) if row is not None else None
            return found
        loader = self.loader(kind)

        async def later() -> T | None:
            row = await loader.load(key)
            return make(row) if row is not None else None

        return later()

    def clear_all(self) -> None:
        for loader in self._loaders.values():
            loader.clear_all()
        for known in self.known.values():
            known.clear()
        self.made.clear()


@dataclass(frozen=True)
class Relation:
    """A field whose object another view holds: ``Measure.lead`` is the organisation
    (kind ``organizations``) whose key the row holds in ``lead_id``."""

    field: str
    kind: str
    column: str


@dataclass
class Context:
    app: PlanningApp
    read_model: ReadModel
    queries: ReadQueries
    # HTTP: resolved once per request, before the operation runs (server.py). A websocket
    # resolves it from its connection_init payload (or the upgrade request's header) and
    # again before every operation: it lives long, a token may be revoked meanwhile.
    principal_of_request: Principal | None = None
    authorization: str | None = None  # the websocket upgrade request's header, if any
    over_websocket: bool = False
    correlation_id: str = field(default_factory=lambda: uuid4().hex)
    connection_params: dict[str, Any] | None = None  # set by graphql-transport-ws
    answer: Answer | None = None  # may the answer be cached? (HTTP; response_cache.py)
    inline_reads: bool = False  # ReadModel.inline_reads: short reads need no thread
    _principal: Principal | None = field(default=None, init=False)
    load: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.load = Loaders(self)

    @property
    def principal(self) -> Principal:
        """Who asks: from the request, or from a websocket's connection_init payload."""
        if self._principal is None:
            if self.principal_of_request is not None:
                self._principal = self.principal_of_request
            else:
                self._principal = self.app.tokens.resolve(self._websocket_authorization())
        return self._principal

    def _websocket_authorization(self) -> str | None:
        value = (self.connection_params or {}).get("Authorization", self.authorization)
        if value is not None and not isinstance(value, str):
            raise Unauthenticated("Authorization in connection_init must be 'Bearer <token>'.")
        return value

    def recheck(self) -> Principal:
        """Asks the token store again (websockets, before every operation): a token revoked
        meanwhile ends what it was allowed (raises Unauthenticated then)."""
        if self.principal_of_request is None:
            self._principal = None
        return self.principal

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """The synchronous store, off the event loop."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def read(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A short read of the views: a keyset page or rows by key, which an index answers
        without a scan. Inline on a local SQLite file, else off the event loop (see
        ReadModel.inline_reads). Anything that may scan (a search, a count, a replay)
        goes through ``run``."""
        if self.inline_reads:
            return function(*args, **kwargs)
        return await asyncio.to_thread(function, *args, **kwargs)


Info = StrawberryInfo[Context, None]
