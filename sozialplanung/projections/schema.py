"""Tables of the read model. Each aggregate's current state is one JSON document
(``documents``); typed tables beside it carry the columns queries filter and sort on."""

from __future__ import annotations

import hashlib

from .database import ViewDatabase

VIEW_NAME = "sozialplanung-views"

TABLES = {
    "view_tracking": "view_name TEXT PRIMARY KEY, notification_id BIGINT NOT NULL, "
    "position BIGINT NOT NULL",
    "documents": "id TEXT PRIMARY KEY, type TEXT NOT NULL, version INTEGER NOT NULL, "
    "created_at TEXT NOT NULL, modified_at TEXT NOT NULL, state TEXT NOT NULL",
    "organizations": "id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, parent_id TEXT",
    "persons": "id TEXT PRIMARY KEY, affiliation_id TEXT, erased INTEGER NOT NULL",
    "bodies": "id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, parent_id TEXT, "
    "lead_id TEXT, established_on TEXT NOT NULL, dissolved_on TEXT",
    "memberships": "body_id TEXT NOT NULL, seq INTEGER NOT NULL, member_id TEXT NOT NULL, "
    "member_type TEXT NOT NULL, role TEXT NOT NULL, on_behalf_of_id TEXT, "
    "since TEXT NOT NULL, until TEXT, PRIMARY KEY (body_id, seq)",
    "meetings": "id TEXT PRIMARY KEY, body_id TEXT NOT NULL, scheduled_for TEXT NOT NULL, "
    "status TEXT NOT NULL, cycle_number INTEGER",
    "cycles": "id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, status TEXT NOT NULL",
    "measures": "id TEXT PRIMARY KEY, title TEXT NOT NULL, search TEXT NOT NULL, "
    "status TEXT NOT NULL, cycle_number INTEGER NOT NULL, "
    "working_group_id TEXT NOT NULL, lead_id TEXT",
    "measure_terms": "measure_id TEXT NOT NULL, seq INTEGER NOT NULL, "
    "cycle_number INTEGER NOT NULL, working_group_id TEXT NOT NULL, "
    "reached TEXT NOT NULL, status_at_end TEXT, outcome TEXT, "
    "PRIMARY KEY (measure_id, seq)",
    "measure_papers": "measure_id TEXT NOT NULL, paper_id TEXT NOT NULL, "
    "PRIMARY KEY (measure_id, paper_id)",
    "papers": "id TEXT PRIMARY KEY, reference TEXT NOT NULL, type TEXT NOT NULL, "
    "date TEXT NOT NULL, withdrawn INTEGER NOT NULL",
    "consultations": "id TEXT PRIMARY KEY, paper_id TEXT NOT NULL, body_id TEXT NOT NULL, "
    "meeting_id TEXT, date TEXT",
    "events": "position BIGINT PRIMARY KEY, notification_id BIGINT NOT NULL, "
    "aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL, type TEXT NOT NULL, "
    "version INTEGER NOT NULL, recorded_at TEXT NOT NULL, effective_on TEXT, "
    "actor TEXT NOT NULL, on_behalf_of TEXT, reason TEXT, correlation_id TEXT, "
    "payload TEXT NOT NULL, redacted INTEGER NOT NULL",
    "chain_tracking": "verified BIGINT NOT NULL, hash TEXT NOT NULL, broken_at BIGINT, "
    "problem TEXT",
}

INDEXES = [
    "organizations (name, id)",
    "organizations (kind, name, id)",
    "bodies (name, id)",
    "bodies (kind, name, id)",
    "memberships (member_id)",
    "meetings (scheduled_for, id)",
    "meetings (body_id, scheduled_for, id)",
    "measures (cycle_number, title, id)",
    "measures (working_group_id)",
    "measures (lead_id)",
    "measures (status)",
    "measure_terms (cycle_number)",
    "measure_papers (paper_id)",
    "papers (reference)",
    "papers (date, id)",
    "consultations (paper_id)",
    "events (aggregate_id, position)",
    "events (type, position)",
    "events (aggregate_type, position)",
    "events (actor, position)",
    "events (recorded_at, position)",
    "events (correlation_id)",
    "events (notification_id)",
]

DATA_TABLES = [name for name in TABLES if name not in ("view_tracking", "chain_tracking")]
# Raised whenever what the projector writes changes meaning without the tables changing.
PROJECTION_VERSION = 2
# The views' shape: a store whose views were built by another version is rebuilt from the
# event log at start, never read in a shape this code does not know.
SHAPE = hashlib.sha256(
    repr((PROJECTION_VERSION, sorted(TABLES.items()), INDEXES)).encode()
).hexdigest()[:16]


def create_tables(db: ViewDatabase) -> None:
    """Creates the views; drops them first when they were built in another shape."""
    with db.write() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS view_shape (shape TEXT NOT NULL)")
        cursor.execute("SELECT shape FROM view_shape")
        found = cursor.fetchone()
        if found is not None and dict(found)["shape"] != SHAPE:
            for name in TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute("DELETE FROM view_shape")
        cursor.execute("INSERT INTO view_shape (shape) VALUES (?)", [SHAPE])
        for name, columns in TABLES.items():
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        for index in INDEXES:
            table, columns = index.split(" ", 1)
            suffix = "_".join(c.strip() for c in columns.strip("()").split(","))
            cursor.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{suffix} ON {index}")


def drop_tables(db: ViewDatabase) -> None:
    with db.write() as cursor:
        for name in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
