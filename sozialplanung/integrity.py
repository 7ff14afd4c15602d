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


def _part(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def link(
    previous: bytes, position: int, originator_id: Any, version: int, topic: str, state: bytes
) -> bytes:
    """The link of one stored event, after the link before it."""
    return hashlib.sha256(
        DOMAIN
        + previous
        + struct.pack(">Q", position)
        + _part(str(originator_id).encode())
        + struct.pack(">Q", version)
        + _part(topic.encode())
        + _part(state)
    ).digest()
