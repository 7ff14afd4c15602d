"""Whole answers kept in memory by the views' position in the audit log, for the GraphQL
API (graphql/response_cache.py: its key) and the OParl interface (oparl/service.py).

An answer depends on what was asked and on the position the views have reached: both are
in the key, so a new event is a new key, nothing is invalidated by hand and nothing is
served stale. Entries are the bytes that were sent, least recently used first out once the
cache holds ``max_bytes``. Erasure and redaction rewrite the views: then every entry goes
(erased data must not linger in memory either), and an answer computed before the rewrite
is not kept.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

import orjson


def key_of(parts: list[Any]) -> str:
    """A short hash of everything an answer depends on (dictionaries in any key order)."""
    try:
        text = orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer beyond 64 bits: the standard library writes it
        text = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(text).hexdigest()[:40]


class ResponseCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._rewritten_at = 0  # the views' last rewrite this cache has seen
        self._lock = threading.Lock()

    def rewritten(self, at: int) -> None:
        """The views were rewritten at position ``at``: every older answer goes."""
        if at > self._rewritten_at:
            with self._lock:
                self._rewritten_at = max(at, self._rewritten_at)
                self._entries.clear()
                self._size = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: bytes, position: int) -> None:
        """Keeps an answer computed at ``position`` (not one from before a rewrite)."""
        if len(body) > self.max_bytes // 8:  # one huge answer must not empty the cache
            return
        with self._lock:
            if position < self._rewritten_at or key in self._entries:
                return
            self._entries[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped)

    def answers(self) -> list[bytes]:
        """Every answer kept (what an audit of the process's memory would find)."""
        with self._lock:
            return list(self._entries.values())
