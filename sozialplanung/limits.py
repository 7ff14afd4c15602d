"""ASGI limits on what a client may send: request bodies and websocket messages.

A body over the limit is answered 413 *after* it was read (up to a bound): a server that
answers and closes while the client still sends makes the client's kernel see a reset, and
the client never learns why. A websocket message over the limit closes the socket with 1009
("message too big") before the application sees it.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1_000_000
MAX_WEBSOCKET_MESSAGE_BYTES = 1_000_000
# What is read and thrown away so that the 413 reaches the client; beyond this the
# connection is closed at once (a client sending gigabytes gets a reset, not our time).
DRAIN_BYTES = 16 * MAX_BODY_BYTES


class BodyLimit:
    """Answers 413 to a request body larger than the limit, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, drain=int(declared) <= DRAIN_BYTES)
            return
        received = 0
        more = True

        async def limited() -> Message:
            nonlocal received, more
            message = await receive()
            received += len(message.get("body", b""))
            more = bool(message.get("more_body"))
            if received > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._refuse(scope, receive, send, drain=more)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, *, drain: bool) -> None:
        drained = 0
        while drain and drained <= DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                break
            drained += len(message.get("body", b""))
            drain = bool(message.get("more_body"))
        response = PlainTextResponse(
            f"Request body too large: at most {self.limit:,} bytes.",
            413,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


class WebSocketLimit:
    """Closes a websocket with 1009 when a client message exceeds the limit."""

    def __init__(self, app: ASGIApp, limit: int = MAX_WEBSOCKET_MESSAGE_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        closed = False

        async def guarded_send(message: Message) -> None:
            if not closed:
                await send(message)

        async def limited() -> Message:
            nonlocal closed
            message = await receive()
            if message["type"] == "websocket.receive":
                size = len(message.get("bytes") or b"") + len(
                    (message.get("text") or "").encode("utf-8", "surrogatepass")
                )
                if size > self.limit:
                    await send(
                        {
                            "type": "websocket.close",
                            "code": 1009,
                            "reason": f"Message too big: at most {self.limit:,} bytes.",
                        }
                    )
                    closed = True
                    return {"type": "websocket.disconnect", "code": 1009}
            return message

        await self.app(scope, limited, guarded_send)
