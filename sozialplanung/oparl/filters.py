"""A list's query: the filters created_since/…/modified_until, limit, the page (a keyset
cursor) and omit_internal, read strictly (a filter a server ignored would corrupt a
client's incremental update, so a malformed one is a 400), and written back canonically:
one spelling per value, parameters in alphabetical order (spec 2.3, 2.5)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ..projections.oparl import Window
from .errors import bad_request

PAGE_SIZE = 100  # the spec recommends paging lists of more than 100 (2.5)
TIMES = ("created_since", "created_until", "modified_since", "modified_until")
DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
FORM = "yyyy-mm-ddThh:mm:ss±hh:mm, URL-kodiert, z. B. 2014-01-01T00%3A00%3A00%2B01%3A00"


@dataclass(frozen=True)
class ListQuery:
    times: dict[str, datetime]
    limit: int | None = None
    after: list[Any] | None = None  # the sort key of the last object of the page before
    omit_internal: bool = False

    @property
    def window(self) -> Window:
        return Window(**self.times)

    @property
    def size(self) -> int:
        return self.limit or PAGE_SIZE

    @classmethod
    def parse(cls, params: Mapping[str, Sequence[str]]) -> ListQuery:
        """From the query's parameters (each name with every value given for it);
        parameters OParl does not know are ignored, like any server may."""
        single = {name: _single(name, values) for name, values in params.items()}
        times = {name: _time(name, single[name]) for name in TIMES if name in single}
        limit = _limit(single["limit"]) if "limit" in single else None
        after = _cursor(single["after"]) if "after" in single else None
        omit = single.get("omit_internal", "false")
        if omit not in ("true", "false"):
            raise bad_request(
                "omit_internal ist true oder false.", f"omit_internal={omit!r} is not a boolean."
            )
        return cls(times, limit, after, omit == "true")

    def page_after(self, cursor: list[Any] | None) -> ListQuery:
        return replace(self, after=cursor)

    def query_string(self) -> str:
        """The canonical query: this spelling only, names in alphabetical order."""
        pairs: list[tuple[str, str]] = []
        if self.after is not None:
            pairs.append(("after", _encode_cursor(self.after)))
        pairs += [(name, self.times[name].isoformat()) for name in TIMES if name in self.times]
        if self.limit is not None:
            pairs.append(("limit", str(self.limit)))
        if self.omit_internal:
            pairs.append(("omit_internal", "true"))
        return "&".join(f"{name}={quote(value, safe='')}" for name, value in sorted(pairs))


def _single(name: str, values: Sequence[str]) -> str:
    if len(values) != 1:
        raise bad_request(
            f"Der Parameter {name} ist mehrfach angegeben.", f"{name} given {len(values)} times."
        )
    return values[0]


def _time(name: str, value: str) -> datetime:
    if " " in value and DATE_TIME.fullmatch(value.replace(" ", "+")):
        raise bad_request(
            f"{name}: das Pluszeichen der Zeitzone muss URL-kodiert werden (%2B).",
            f"{name}={value!r}: a '+' in a query string reads as a space; send %2B.",
        )
    try:
        if not DATE_TIME.fullmatch(value):
            raise ValueError(value)
        found = datetime.fromisoformat(value)
        found.timestamp()  # a time UTC cannot hold (year 1 at +01:00) raises here
    except (ValueError, OverflowError):
        raise bad_request(
            f"{name} erwartet einen Zeitpunkt der Form {FORM}.",
            f"{name}={value!r} is not a date-time as OParl 1.1 (2.4) writes it.",
        ) from None
    if not 1900 <= found.year <= 9998:  # a second added to the bound stays in range
        raise bad_request(
            f"{name}: das Jahr muss zwischen 1900 und 9998 liegen.", f"{name}={value!r}"
        )
    return found


def _limit(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= 6 and int(value) > 0):
        raise bad_request(
            "limit ist eine positive ganze Zahl.", f"limit={value!r} is not a positive integer."
        )
    return min(int(value), PAGE_SIZE)  # a cap the client asks for; no more than our pages


def _encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor(value: str) -> list[Any]:
    problem = bad_request(
        "Der Parameter after stammt nicht aus einem Link dieser Liste.",
        f"after={value!r} is not a cursor this server gave out.",
    )
    try:
        found = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, TypeError):
        raise problem from None
    if not (
        isinstance(found, list)
        and len(found) == 3
        and isinstance(found[0], str)
        and isinstance(found[1], str)
        and type(found[2]) is int
        and abs(found[2]) < 2**31
    ):
        raise problem
    return found
