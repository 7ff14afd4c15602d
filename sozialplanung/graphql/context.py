"""Per-request context: the principal, the application, the read model, the loaders."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import uuid4

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from ..application import PlanningApp
from ..domain.rights import Principal, Unauthenticated
from ..projections import ReadModel
from ..projections.queries import Document, ReadQueries

T = TypeVar("T")


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
    _principal: Principal | None = field(default=None, init=False)
    documents: DataLoader[str, Document | None] = field(init=False)
    person_names: DataLoader[str, str | None] = field(init=False)

    def __post_init__(self) -> None:
        async def load_documents(keys: list[str]) -> list[Document | None]:
            found = await self.run(self.queries.documents, list(keys))
            return [found.get(k) for k in keys]

        async def load_names(keys: list[str]) -> list[str | None]:
            from uuid import UUID

            names = await self.run(self.app.legacy_person_names, [UUID(k) for k in keys])
            return [names.get(UUID(k)) for k in keys]

        self.documents = DataLoader(load_fn=load_documents)
        self.person_names = DataLoader(load_fn=load_names)

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

    async def run(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        """The synchronous store, off the event loop."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def document(self, key: Any) -> Document | None:
        return None if key is None else await self.documents.load(str(key))


Info = StrawberryInfo[Context, None]
