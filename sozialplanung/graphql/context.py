"""Per-request context: the principal, the application, the read model, the loaders."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import uuid4

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from ..application import PlanningApp
from ..domain.rights import PUBLIC, Principal, Unauthenticated
from ..projections import ReadModel
from ..projections.queries import Document, ReadQueries

T = TypeVar("T")


@dataclass
class Context:
    app: PlanningApp
    read_model: ReadModel
    queries: ReadQueries
    token: str | None = None
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

            names = await self.run(self.app.person_names, [UUID(k) for k in keys])
            return [names.get(UUID(k)) for k in keys]

        self.documents = DataLoader(load_fn=load_documents)
        self.person_names = DataLoader(load_fn=load_names)

    @property
    def principal(self) -> Principal:
        """From the Authorization header, or a websocket's connection_init payload."""
        if self._principal is None:
            token = self.token
            params = self.connection_params or {}
            if token is None and isinstance(params.get("Authorization"), str):
                token = bearer_token(params["Authorization"])
            found = self.app.tokens.principal(token) if token else None
            if token and found is None:
                raise Unauthenticated("That token is unknown or revoked.")
            self._principal = found or PUBLIC
        return self._principal

    def recheck(self) -> Principal:
        """Asks the token store again: a websocket lives long, and a token revoked meanwhile
        must end what it was allowed (raises Unauthenticated then)."""
        self._principal = None
        return self.principal

    async def run(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        """The synchronous store, off the event loop."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def document(self, key: Any) -> Document | None:
        return None if key is None else await self.documents.load(str(key))


Info = StrawberryInfo[Context, None]


def bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None
