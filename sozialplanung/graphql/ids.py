"""Opaque global ids: base64 of "Type:key". Inputs also accept a bare UUID."""

from __future__ import annotations

import base64
import binascii
from uuid import UUID

from ..domain.base import NotFound, ValidationError, article


def to_global(type_name: str, key: object) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def from_global(value: str) -> tuple[str, str] | None:
    padded = value + "=" * (-len(value) % 4)
    try:
        decoded = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, sep, key = decoded.partition(":")
    return (type_name, key) if sep and type_name.isalpha() else None


def uuid_of(value: str, field: str, *types: str) -> UUID:
    """The UUID behind a global id of one of ``types`` (or a bare UUID)."""
    parsed = from_global(value)
    if parsed is not None:
        type_name, key = parsed
        if types and type_name not in types:
            raise ValidationError(
                f"{field} must be the id of {article(' or '.join(types))}, "
                f"not of {article(type_name)}.",
                field,
            )
    else:
        key = value
    try:
        return UUID(key)
    except ValueError:
        raise NotFound(f"{value!r} is not an id of this service.", field) from None


def optional_uuid(value: str | None, field: str, *types: str) -> UUID | None:
    return None if value is None else uuid_of(value, field, *types)


def event_position(value: str) -> int:
    """The audit-log position an Event id names (Event:<position>), or NOT_FOUND."""
    parsed = from_global(value)
    key = parsed[1] if parsed is not None and parsed[0] == "Event" else value
    # ASCII digits only: "²".isdigit() is true, and int("²") fails.
    if not (key.isascii() and key.isdigit() and len(key) <= 19 and 0 < int(key) < 2**63):
        raise NotFound(f"{value!r} is not an event id of this service.", "event")
    return int(key)
