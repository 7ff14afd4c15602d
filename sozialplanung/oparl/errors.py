"""OParl's error object (spec 2.9) and the answers that are not objects: a redirect to the
canonical URL, and the errors a client's request can cause (never a 500)."""

from __future__ import annotations

from typing import Any

from .values import OPARL

ERROR_TYPE = OPARL + "Error"


class OparlError(Exception):
    """Answered as the error object with this status; ``message`` is for the client's users
    (German, like the data), ``debug`` for its developers."""

    def __init__(self, status: int, message: str, debug: str):
        super().__init__(message)
        self.status = status
        self.message = message
        self.debug = debug

    def body(self) -> dict[str, Any]:
        return {"type": ERROR_TYPE, "message": self.message, "debug": self.debug}


def not_found(debug: str = "No OParl object or list has this URL.") -> OparlError:
    return OparlError(404, "Unter dieser URL gibt es kein OParl-Objekt.", debug)


def bad_request(message: str, debug: str) -> OparlError:
    return OparlError(400, message, debug)


class Moved(Exception):
    """The object's canonical URL is another spelling of the one asked for (301)."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path
