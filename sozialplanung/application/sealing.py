"""Sealing: personal data and prose are encrypted in the stored events (AES-256-GCM).

The event classes declare which of their fields are prose and which are a person's data
(``PlanningAggregate.Event.prose`` / ``personal``). :class:`SealingMapper` seals those values
when an event is stored and opens them when it is read; the actor of every event is stored as
a pseudonym (``{"_type_": "actor", "_data_": "a-…"}``: a random id whose name only the key
table knows). A sealed value is stored in the event's JSON as

    {"_type_": "sealed", "_data_": {"k": key id, "n": nonce, "c": ciphertext, "l": 1?}}

with a fresh 96-bit nonce per value and the event's id, version and field name as
associated data, so a ciphertext cannot be moved into another event or field. Reading a
value whose key was destroyed gives what an empty field gives (null, or [] for a list) and
marks the event as redacted. The stored bytes never change, so the hash chain over them
(``ledger.py``) stays valid after an erasure or redaction.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
from dataclasses import dataclass
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Mapper, StoredEvent, Transcoder, Transcoding
from eventsourcing.utils import get_topic

from ..domain.base import REDACTED_MARK, PlanningAggregate
from .keys import KeyStore

log = logging.getLogger(__name__)

ERASED_ACTOR = "(gelöscht)"
NONCE_BYTES = 12


@dataclass(frozen=True)
class Sealed:
    key_id: str
    nonce: bytes
    ciphertext: bytes
    is_list: bool = False


class SealedTranscoding(Transcoding):
    type = Sealed
    name = "sealed"

    def encode(self, obj: Sealed) -> dict[str, Any]:
        data: dict[str, Any] = {
            "k": obj.key_id,
            "n": base64.b64encode(obj.nonce).decode(),
            "c": base64.b64encode(obj.ciphertext).decode(),
        }
        if obj.is_list:
            data["l"] = 1
        return data

    def decode(self, data: dict[str, Any]) -> Sealed:
        return Sealed(
            data["k"],
            binascii.a2b_base64(data["n"]),
            binascii.a2b_base64(data["c"]),
            "l" in data,
        )


@dataclass(frozen=True)
class Pseudonym:
    """An actor as its events name it: the id of its row in the key table."""

    key_id: str


class ActorTranscoding(Transcoding):
    """Writes an actor's pseudonym, reads back the name the key table holds for it."""

    type = Pseudonym
    name = "actor"

    def __init__(self, keys: KeyStore):
        self.keys = keys

    def encode(self, obj: Pseudonym) -> str:
        return obj.key_id

    def decode(self, data: str) -> str:
        return self.keys.actor_name(data) or ERASED_ACTOR


def _associated(originator_id: Any, version: int, field: str) -> bytes:
    return f"sozialplanung/seal/v1|{originator_id}|{version}|{field}".encode()


class SealingMapper(Mapper):
    """eventsourcing's mapper, with sealed values in the stored state."""

    def __init__(self, transcoder: Transcoder, keys: KeyStore):
        super().__init__(transcoder)
        self.keys = keys

    # Storing ------------------------------------------------------------------------------

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        cls = type(domain_event)
        state = dict(vars(domain_event))
        if isinstance(domain_event, PlanningAggregate.Event):
            self._seal(cls, state)
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        class_version = getattr(cls, "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        return StoredEvent(
            originator_id=originator_id,
            originator_version=originator_version,
            topic=get_topic(cls),
            state=self.transcoder.encode(state),
        )

    def _seal(self, cls: type[PlanningAggregate.Event], state: dict[str, Any]) -> None:
        originator, version = state["originator_id"], state["originator_version"]

        def seal(name: str, key: tuple[str, AESGCM]) -> None:
            value = state[name]
            nonce = os.urandom(NONCE_BYTES)
            plain = json.dumps(value, ensure_ascii=False).encode()
            sealed = key[1].encrypt(nonce, plain, _associated(originator, version, name))
            state[name] = Sealed(key[0], nonce, sealed, isinstance(value, list))

        for name in cls.prose:
            if state.get(name) not in (None, "", []):
                seal(name, self.keys.record_key())
        for name in cls.personal:
            if state.get(name) is not None:
                key = self.keys.person_key(originator)
                if key is None:
                    raise ValueError(f"The data of {originator} was erased; nothing is sealed.")
                seal(name, key)
        state["actor"] = Pseudonym(self.keys.pseudonym(state["actor"]))

    # Reading ------------------------------------------------------------------------------

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        event = super().to_domain_event(stored_event)
        state = event.__dict__
        sealed = [(name, value) for name, value in state.items() if type(value) is Sealed]
        if sealed:
            prefix = (
                f"sozialplanung/seal/v1|{stored_event.originator_id}|"
                f"{stored_event.originator_version}|"
            )
            redacted = False
            for name, value in sealed:
                opened, readable = self._open(value, prefix + name, stored_event)
                state[name] = opened
                redacted = redacted or not readable
            if redacted:
                state[REDACTED_MARK] = True
        return event

    def _open(self, sealed: Sealed, associated: str, stored: StoredEvent) -> tuple[Any, bool]:
        """The value, and whether it could be read (its key exists, its bytes are intact)."""
        empty: Any = [] if sealed.is_list else None
        cipher = self.keys.cipher(sealed.key_id)
        if cipher is None:
            return empty, False
        try:
            plain = cipher.decrypt(sealed.nonce, sealed.ciphertext, associated.encode())
        except InvalidTag:
            # Altered bytes: `sozialplanung verify` names the event; reads go on.
            log.error(
                "a sealed value of %s v%s does not open",
                stored.originator_id,
                stored.originator_version,
            )
            return empty, False
        return orjson.loads(plain), True
