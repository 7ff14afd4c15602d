"""The read model's tables: each view's own, the audit log, and the tracking positions.

A store whose views were built in another shape (another version of this code) drops and
rebuilds them from the event log at start; nothing is ever read in a shape this code does
not know."""

from __future__ import annotations

import hashlib

from . import audit
from .database import ViewDatabase
from .registry import VIEWS

VIEW_NAME = "sozialplanung-views"

TRACKING = {
    "view_tracking": "view_name TEXT PRIMARY KEY, notification_id BIGINT NOT NULL, "
    "position BIGINT NOT NULL",
    "chain_tracking": "verified BIGINT NOT NULL, hash TEXT NOT NULL, broken_at BIGINT, "
    "problem TEXT",
}
TABLES: dict[str, str] = {
    **TRACKING,
    audit.TABLE: audit.COLUMNS,
    **{name: ddl for view in VIEWS for name, ddl in view.tables().items()},
}
INDEXES = [*audit.INDEXES, *(index for view in VIEWS for index in view.indexes)]
DATA_TABLES = [name for name in TABLES if name not in TRACKING]
# Raised whenever what the projector writes changes meaning without the tables changing.
PROJECTION_VERSION = 3
SHAPE = hashlib.sha256(repr((PROJECTION_VERSION, sorted(TABLES.items()), INDEXES)).encode())
SHAPE_ID = SHAPE.hexdigest()[:16]
OLD_TABLES = ("documents", "measure_terms")  # of earlier versions: dropped with the rest


def create_tables(db: ViewDatabase) -> bool:
    """Creates the views; drops them first when they were built in another shape. True
    when the views are new (empty) and must be built from the log."""
    with db.write() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS view_shape (shape TEXT NOT NULL)")
        cursor.execute("SELECT shape FROM view_shape")
        found = cursor.fetchone()
        rebuilt = found is None or dict(found)["shape"] != SHAPE_ID
        if rebuilt:
            for name in [*TABLES, *OLD_TABLES]:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute("DELETE FROM view_shape")
        cursor.execute("INSERT INTO view_shape (shape) VALUES (?)", [SHAPE_ID])
        for name, columns in TABLES.items():
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        for index in INDEXES:
            table, columns = index.split(" ", 1)
            suffix = "_".join(c.strip() for c in columns.strip("()").split(","))
            cursor.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{suffix} ON {index}")
    return rebuilt


def drop_tables(db: ViewDatabase) -> None:
    with db.write() as cursor:
        for name in [*TABLES, *OLD_TABLES, "view_shape"]:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
