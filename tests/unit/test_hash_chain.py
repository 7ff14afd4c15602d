"""The hash chain's link, pinned to its written definition: a stored log's links were
computed by an earlier version of this code and must still verify."""

from __future__ import annotations

import hashlib
import struct
from uuid import UUID

import pytest

from sozialplanung.application.ledger import Scanned
from sozialplanung.integrity import DOMAIN, GENESIS, link

ID = UUID("8308df98-75f3-4b35-b215-6d9c1a3b6f68")
TOPIC = "sozialplanung.domain.measure:Measure.MeasureProposed"
STATE = b'{"title":{"_type_":"sealed","_data_":"..."}}'


def test_a_link_is_sha256_over_the_length_prefixed_parts_after_the_domain() -> None:
    key, name = str(ID).encode(), TOPIC.encode()
    expected = hashlib.sha256(
        b"sozialplanung/chain/v1\x00"
        + GENESIS
        + struct.pack(">QI", 7, len(key))
        + key
        + struct.pack(">QI", 2, len(name))
        + name
        + struct.pack(">I", len(STATE))
        + STATE
    ).digest()
    assert DOMAIN == b"sozialplanung/chain/v1\x00"
    assert link(GENESIS, 7, ID, 2, TOPIC, STATE) == expected


def test_each_link_depends_on_every_part_and_on_the_one_before() -> None:
    first = link(GENESIS, 1, ID, 1, TOPIC, STATE)
    variants = [
        link(first, 1, ID, 1, TOPIC, STATE),
        link(GENESIS, 2, ID, 1, TOPIC, STATE),
        link(GENESIS, 1, UUID(int=1), 1, TOPIC, STATE),
        link(GENESIS, 1, ID, 2, TOPIC, STATE),
        link(GENESIS, 1, ID, 1, TOPIC + "X", STATE),
        link(GENESIS, 1, ID, 1, TOPIC, STATE + b" "),
    ]
    assert len({first, *variants}) == len(variants) + 1


# Spellings of an aggregate id in the SQLite store: only the one it writes is not respelled.
SPELLINGS = [
    (ID.hex, False),
    ("0123456789" * 3 + "01", False),  # a UUID of digits only: still as written
    (ID.hex.upper(), True),
    (ID.hex[:31] + "A", True),
    (str(ID), True),
    ("{" + ID.hex + "}", True),
    ("urn:uuid:" + ID.hex, True),
    (" " + ID.hex[1:], True),  # int() would read it, as another UUID
    ("٣" * 32, True),  # Arabic-Indic digits: int() reads them too
    ("z" * 32, True),
    ("", True),
]


@pytest.mark.parametrize(("stored", "respelled"), SPELLINGS)
def test_only_the_spelling_the_store_writes_is_not_respelled(stored: str, respelled: bool) -> None:
    scanned = Scanned([], [(7, stored, 1, TOPIC, STATE)])
    assert scanned.respelled == ([7] if respelled else [])
