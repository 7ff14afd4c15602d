"""The hash chain over the event log (Manipulationsschutz), as pure functions.

    hash(n) = SHA-256("sozialplanung/chain/v1" 0x00 | hash(previous) | n | id | version
                      | topic | state)

over each event's *stored* form (its sealed bytes), with variable parts length-prefixed and
``hash`` of the first event's predecessor 32 zero bytes. The ledger recorder writes each link
in the transaction that stores its event (``application/ledger.py``); the projector checks the
links of every batch it applies, and ``sozialplanung verify`` the whole log.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Any

GENESIS = bytes(32)
DOMAIN = b"sozialplanung/chain/v1\x00"


_HEAD = struct.Struct(">QI")  # position, length of the id
_VERSION = struct.Struct(">QI")  # version, length of the topic
_STATE = struct.Struct(">I")  # length of the state


def link(
    previous: bytes, position: int, originator_id: Any, version: int, topic: str, state: bytes
) -> bytes:
    """The link of one stored event, after the link before it (one hash over the joined
    parts: the same digest as hashing them one after the other)."""
    key = str(originator_id).encode()
    name = topic.encode()
    return hashlib.sha256(
        b"".join(
            (
                DOMAIN,
                previous,
                _HEAD.pack(position, len(key)),
                key,
                _VERSION.pack(version, len(name)),
                name,
                _STATE.pack(len(state)),
                state,
            )
        )
    ).digest()
