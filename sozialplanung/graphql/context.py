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
    """One batched read per relation and request: the rows behind ids, whatever asks."""

    def __init__(self, context: Context):
        queries = context.queries

        def loader(read: Callable[[list[Any]], dict[Any, Row]]) -> DataLoader[Any, Row | None]:
            async def load(keys: Sequence[Any]) -> list[Row | None]:
                found = await context.run(read, list(keys))
                return [found.get(key) for key in keys]

            return DataLoader(load_fn=load)

        self.organizations = loader(queries.organizations.by_ids)
        self.persons = loader(queries.persons.by_ids)
        self.bodies = loader(queries.bodies.by_ids)
        self.meetings = loader(queries.meetings.by_ids)
        self.measures = loader(queries.measures.by_ids)
        self.papers = loader(queries.papers.by_ids)
        self.cycles = loader(queries.cycles.by_numbers)

        async def legacy_names(keys: Sequence[str]) -> list[str | None]:
            names = await context.run(context.app.legacy_person_names, [UUID(k) for k in keys])
            return [names.get(UUID(k)) for k in keys]

        self.legacy_names: DataLoader[str, str | None] = DataLoader(load_fn=legacy_names)

    def clear_all(self) -> None:
        for loader in vars(self).values():
            loader.clear_all()


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


Info = StrawberryInfo[Context, None]
