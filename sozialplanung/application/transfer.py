"""Export and import of the whole event log as JSON Lines (Sicherung, Umzug).

One line per stored event, in log order, read from the raw notification log: bookkeeping
aggregates (claims of unique keys, command receipts) are included, because a restored store
must refuse the same duplicates and retries as the original. Snapshots are left out (they are
derived and taken again on import). Persons' names and API tokens are not events and stay
behind: an export can be handed to an analyst without personal data.

A line: {"position", "aggregate_id", "aggregate_version", "topic", "recorded_at", "state"};
`state` is the stored JSON itself (dates keep their {"_type_", "_data_"} form), so a round
trip stores the same bytes. `recorded_at` repeats the state's timestamp for people reading
the file; on import it must agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, is_dataclass
from dataclasses import fields as dataclass_fields
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError, StoredEvent
from eventsourcing.utils import resolve_topic

from .base import CommandsBase

BATCH = 1_000
FIELDS: dict[str, type | tuple[type, ...]] = {
    "position": int,
    "aggregate_id": str,
    "aggregate_version": int,
    "topic": str,
    "recorded_at": str,
    "state": dict,
}


class ImportRefused(Exception):
    """The file was not imported and nothing was written; the message says why."""


# Export ------------------------------------------------------------------------------


def export_lines(
    app: CommandsBase, progress: Callable[[int], None] | None = None, *, with_keys: bool = False
) -> Iterator[str]:
    """Every stored event as one JSON line (without newline), oldest first, in batches;
    with ``with_keys``, then every data key that still exists (a full backup)."""
    last = 0
    while True:
        batch = app.recorder.select_notifications(start=last + 1, limit=BATCH)
        if not batch:
            break
        for notification in batch:
            state = json.loads(_open(app, notification.state))
            yield _dumps(
                {
                    "position": notification.id,
                    "aggregate_id": str(notification.originator_id),
                    "aggregate_version": notification.originator_version,
                    "topic": notification.topic,
                    "recorded_at": _timestamp(state),
                    "state": state,
                }
            )
        last = batch[-1].id
        if progress:
            progress(len(batch))
    if with_keys:
        for row in app.keys.export_rows():
            yield _dumps({"data_key": row})


# Import ------------------------------------------------------------------------------


@dataclass
class Backup:
    """A file's events (with the positions they had) and the data keys it carries."""

    events: list[StoredEvent] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    keys: list[dict[str, Any]] = field(default_factory=list)


def read_lines(app: Application, lines: Iterable[str]) -> Backup:
    """The file's events and keys, checked line by line; ImportRefused names the first bad
    line."""
    backup = Backup()
    events = backup.events
    last_position = 0
    versions: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            key = _key_line(line)
            if key is not None:
                backup.keys.append(key)
                continue
            if backup.keys:
                raise ValueError("an event after the data keys: the file is not in order")
            record = _record(line)
            if record["position"] <= last_position:
                raise ValueError(
                    f"position {record['position']} does not follow {last_position}: "
                    "the file is not in log order"
                )
            aggregate = str(UUID(record["aggregate_id"]))
            expected = versions.get(aggregate, 0) + 1
            if record["aggregate_version"] != expected:
                raise ValueError(
                    f"version {record['aggregate_version']} of {aggregate} where {expected} was due"
                )
            stored = StoredEvent(
                originator_id=UUID(aggregate),
                originator_version=record["aggregate_version"],
                topic=record["topic"],
                state=_seal(app, _dumps(record["state"]).encode()),
            )
            _check_decodes(app, stored, record)
        except (ValueError, TypeError, KeyError) as error:
            raise ImportRefused(f"line {number}: {error}") from None
        events.append(stored)
        backup.positions.append(record["position"])
        last_position = record["position"]
        versions[aggregate] = expected
    return backup


def import_events(app: CommandsBase, backup: Backup) -> int:
    """Stores the events and their keys into an empty store in one transaction, then takes
    the snapshots the application would have taken."""
    if app.recorder.max_notification_id():
        raise ImportRefused("The store already holds events; import only into an empty store.")
    keys = app.keys
    keys.stage_import(backup.keys, backup.positions)
    try:
        app.recorder.insert_events(backup.events)  # one transaction: all or nothing
    except PersistenceError as error:
        raise ImportRefused(f"The store refused the events ({error}).") from None
    finally:
        keys.discard_staged()
    with keys.reading():
        _take_snapshots(app, backup.events)
    return len(backup.events)


def _take_snapshots(app: Application, events: list[StoredEvent]) -> None:
    intervals = app.snapshotting_intervals or {}
    if app.snapshots is None or not intervals:
        return
    by_topic = {f"{cls.__module__}:{cls.__qualname__}": every for cls, every in intervals.items()}
    for event in events:
        owner = event.topic.rsplit(".", 1)[0]  # events are classes nested in their aggregate
        every = by_topic.get(owner)
        if every and event.originator_version % every == 0:
            app.take_snapshot(event.originator_id, version=event.originator_version)


# Lines -------------------------------------------------------------------------------


KEY_FIELDS = ("key_id", "kind", "subject", "material", "first_position", "last_position")


def _key_line(line: str) -> dict[str, Any] | None:
    """A data key of a full backup ({"data_key": {...}}), checked; None for other lines."""
    if not line.startswith('{"data_key"'):
        return None
    record = _record(line, fields={})
    key = record.get("data_key")
    if set(record) != {"data_key"} or not isinstance(key, dict):
        raise ValueError("a data key line holds one object, data_key")
    missing = [name for name in (*KEY_FIELDS, "created_at") if name not in key]
    if missing:
        raise ValueError(f"the data key lacks {missing}")
    if key["kind"] == "actor":  # a pseudonym: the name, no material
        if key["material"] is not None or not isinstance(key["subject"], str):
            raise ValueError("an actor's key names the actor and holds no material")
    else:
        bytes.fromhex(str(key["material"]))
    return key


def _record(line: str, fields: dict[str, type | tuple[type, ...]] = FIELDS) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    for name, kind in fields.items():
        if name not in record:
            raise ValueError(f"'{name}' is missing")
        value = record[name]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError(f"'{name}' must be a {getattr(kind, '__name__', kind)}")
    if "aggregate_version" in fields and record["aggregate_version"] < 1:
        raise ValueError("'aggregate_version' must be 1 or more")
    return record


def _check_decodes(app: Application, stored: StoredEvent, record: dict[str, Any]) -> None:
    """The event must be one this code can read, exactly as the store will later read it."""
    try:
        resolve_topic(stored.topic)
    except Exception:
        raise ValueError(f"unknown event type {stored.topic!r}") from None
    try:
        event = app.mapper.to_domain_event(stored)
    except Exception as error:
        raise ValueError(f"{stored.topic} cannot be read from its state ({error})") from None
    # Decoding does not check the fields (old versions are upcast first): compare them.
    assert is_dataclass(event)  # eventsourcing's domain events are dataclasses
    expected = {f.name for f in dataclass_fields(type(event))}
    present = {name for name in vars(event) if not name.startswith("_")}  # markers aside
    missing, unknown = expected - present, present - expected
    if missing or unknown:
        raise ValueError(
            f"the state of {stored.topic.rsplit('.', 1)[-1]} lacks {sorted(missing)} "
            f"and has unknown {sorted(unknown)}"
        )
    if _timestamp(record["state"]) != record["recorded_at"]:
        raise ValueError("'recorded_at' differs from the state's timestamp")


def _timestamp(state: dict[str, Any]) -> str:
    stamp = state.get("timestamp")
    if isinstance(stamp, dict) and isinstance(stamp.get("_data_"), str):
        return stamp["_data_"]
    raise ValueError("the state has no timestamp")


def _dumps(value: Any) -> str:
    # The transcoder's own form: compact, UTF-8 kept as is.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _open(app: Application, state: bytes) -> bytes:
    if app.mapper.cipher:
        state = app.mapper.cipher.decrypt(state)
    if app.mapper.compressor:
        state = app.mapper.compressor.decompress(state)
    return state


def _seal(app: Application, state: bytes) -> bytes:
    if app.mapper.compressor:
        state = app.mapper.compressor.compress(state)
    if app.mapper.cipher:
        state = app.mapper.cipher.encrypt(state)
    return state
