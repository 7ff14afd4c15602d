"""What every aggregate shares: the context of an action, domain errors, input checks.

Each event carries, besides its own fields, who acted (``actor``), for whom
(``on_behalf_of``), why (``reason``), within which request (``correlation_id``) and the
business date it concerns (``effective_on``) — the date of the meeting, not the day it
was typed in. ``recorded_at`` is the event's ``timestamp``, set by the library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

if TYPE_CHECKING:
    from .rights import Principal

MAX_NAME = 200
MAX_TEXT = 20_000
# Business dates a city's planning can concern: history from the minutes back to 1900, plans
# up to 2199. Anything outside is a typo (0201 for 2021), and years near 9999 overflow date
# arithmetic in the reports.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
# Control characters (tab and line breaks are text) and lone surrogates cannot be stored in
# PostgreSQL text or encoded as UTF-8. C1 controls have no meaning in text, and the
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a name
# or reference display differently from what it is ("Trojan Source"): all are refused.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


# Set on an event read back whose sealed values could not be opened (their key was
# destroyed): the views and the API show it as redacted.
REDACTED_MARK = "_redacted"


def is_redacted(event: Any) -> bool:
    return bool(getattr(event, "__dict__", {}).get(REDACTED_MARK))


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    VALIDATION = "VALIDATION"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    VERSION_CONFLICT = "VERSION_CONFLICT"
    DUPLICATE = "DUPLICATE"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"


class DomainError(Exception):
    """A refused command: a code for programs, a message for people, the offending field."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, field: str | None = None, code: ErrorCode | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class ValidationError(DomainError):
    code = ErrorCode.VALIDATION


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class Duplicate(DomainError):
    code = ErrorCode.DUPLICATE


class VersionConflict(DomainError):
    code = ErrorCode.VERSION_CONFLICT


@dataclass(frozen=True)
class Meta:
    """Handlungskontext: who acts, for whom, why, in which request, for which business date.

    The principal travels with the command: the application decides its rights against the
    aggregates the command changes, and the events name it as their actor.

    ``today`` is the caller's calendar day, the only clock the domain knows: whoever builds
    the Meta (the API, the console, the demo, a test) sets it. ``effective_on`` is the
    business date as the client gave it; ``None`` means "not given": the action's own day
    where it has one (the meeting's, the consultation's; see :func:`occurred`), else today.
    """

    principal: Principal
    correlation_id: str
    today: date
    effective_on: date | None = None
    on_behalf_of: UUID | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        business_date(self.today, "today")
        if self.effective_on is not None:
            business_date(self.effective_on, "effectiveOn")
        if self.reason is not None:
            printable(self.reason, "reason")

    @property
    def actor(self) -> str:
        return self.principal.actor

    @property
    def business_day(self) -> date:
        """The business date the events carry: as given, else today."""
        return self.effective_on if self.effective_on is not None else self.today

    def defaulting_to(self, day: date) -> Meta:
        """This context with ``day`` as its business date unless the client gave one."""
        return self if self.effective_on is not None else replace(self, effective_on=day)

    def fields(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "on_behalf_of": self.on_behalf_of,
            "reason": self.reason,
            "correlation_id": self.correlation_id,
            "effective_on": self.business_day,
        }


def occurred(
    meta: Meta,
    what: str,
    *,
    own_day: tuple[str, date] | None = None,
    not_before: Sequence[tuple[str, date | None]] = (),
) -> Meta:
    """The context of something that *happened* (a meeting held, a decision taken): its
    business date defaults to the thing's own day (``own_day``: a label and the date),
    else today, and lies neither after today nor before any date in ``not_before``.

    ``what`` names the happening in the messages ("holding the meeting").
    """
    given = meta.effective_on is not None
    resolved = meta if own_day is None else meta.defaulting_to(own_day[1])
    day = resolved.business_day
    if given or own_day is None:
        subject = f"effectiveOn ({day.isoformat()})"
    else:
        subject = f"effectiveOn (not given: {own_day[0]}, {day.isoformat()})"
    if day > meta.today:
        raise ValidationError(
            f"{subject} lies in the future (today is {meta.today.isoformat()}): {what} is "
            "recorded once it has happened, never ahead.",
            "effectiveOn",
        )
    for label, earliest in not_before:
        if earliest is not None and day < earliest:
            raise ValidationError(
                f"{subject} lies before {label} ({earliest.isoformat()}): {what} cannot "
                "be dated earlier.",
                "effectiveOn",
            )
    return resolved


class PlanningAggregate(Aggregate):
    """Base of every aggregate in sozialplanung: its events carry the action's context.

    Subclasses declare their state under ``if TYPE_CHECKING:``: eventsourcing turns class
    annotations of an aggregate into ``__init__`` parameters, but our state is set by the
    created event's ``apply()``, never by the constructor.
    """

    class Event(Aggregate.Event):
        """Version 2 stores personal data and prose sealed (encrypted under a data key, see
        ``application/sealing.py``); version 1 stored them as plain text, which is read as
        stored. The fields are the same in both.

        ``prose`` names the free-text fields of an event class, sealed under the key of the
        command's record (destroyed by ``redactEvent``); ``personal`` the personal data of
        the person the event is about, sealed under that person's key (destroyed by
        ``erasePerson``). The actor is sealed under a key of its own, so that an export
        without keys names nobody.
        """

        class_version = 2
        prose: ClassVar[tuple[str, ...]] = ("reason",)
        personal: ClassVar[tuple[str, ...]] = ()

        actor: str
        on_behalf_of: UUID | None
        reason: str | None
        correlation_id: str
        effective_on: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Nothing to change: version 1's plain text stays as it was stored."""

    class Created(Event, Aggregate.Created):
        pass

    def require_version(self, expected: int | None) -> None:
        """Optimistic concurrency: refuse when the aggregate moved on since the client read it."""
        if expected is not None and expected != self.version:
            raise VersionConflict(
                f"{type(self).__name__} {self.id} is at version {self.version}, "
                f"not {expected}: it was changed meanwhile. Reload and try again.",
                field="expectedVersion",
            )


def article(noun: str) -> str:
    """'a measure', 'an organization' (for messages)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def printable(value: str, field: str) -> str:
    if found := _UNPRINTABLE.search(value):
        raise ValidationError(
            f"{field} contains the control character U+{ord(found.group()):04X}; remove it.",
            field=field,
        )
    return value


def text(value: str | None, field: str, *, required: bool = True, limit: int = MAX_NAME) -> str:
    """A trimmed, non-empty, printable text of at most ``limit`` characters."""
    cleaned = printable((value or "").strip(), field)
    if required and not cleaned:
        raise ValidationError(f"{field} must not be empty.", field=field)
    if len(cleaned) > limit:
        raise ValidationError(
            f"{field} is {len(cleaned)} characters long; at most {limit} are allowed.",
            field=field,
        )
    return cleaned


def optional_text(value: str | None, field: str, *, limit: int = MAX_TEXT) -> str | None:
    cleaned = text(value, field, required=False, limit=limit)
    return cleaned or None


E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], value: str, field: str) -> E:
    """The enum member named ``value``, or a VALIDATION error listing the allowed values."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(f"{field} must be one of {allowed}, not {value!r}.", field) from None


def percent(value: int, field: str) -> int:
    if not 0 <= value <= 100:
        raise ValidationError(f"{field} must be between 0 and 100, not {value}.", field=field)
    return value


def business_date(day: date, field: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            f"{field} must lie between {EARLIEST.isoformat()} and {LATEST.isoformat()}, "
            f"not {day.isoformat()}.",
            field=field,
        )
    return day


def period(starts_on: date, ends_on: date | None, field: str = "endsOn") -> None:
    business_date(starts_on, "startsOn")
    if ends_on is not None:
        business_date(ends_on, field)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            f"The end ({ends_on.isoformat()}) lies before the start ({starts_on.isoformat()}).",
            field=field,
        )
