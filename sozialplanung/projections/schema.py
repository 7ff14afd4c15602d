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
    "position BIGINT NOT NULL, rewritten_at BIGINT NOT NULL",
    "chain_tracking": "verified BIGINT NOT NULL, hash TEXT NOT NULL, broken_at BIGINT, "
    "problem TEXT",
}
TABLES: dict[str, str] = {
    **TRACKING,
    audit.TABLE: audit.COLUMNS,
    **{name: ddl for view in VIEWS for name, ddl in view.tables().items()},
}
INDEXES = [*audit.INDEXES, *(index for view in VIEWS for index in view.indexes)]
# What the projector's own writes look rows up by (a child table's rows by their parent):
# made with the tables, also for a rebuild, whose other indexes follow the bulk load.
WRITE_INDEXES = [f"{child.table} ({child.parent})" for view in VIEWS for child in view.children]
DATA_TABLES = [name for name in TABLES if name not in TRACKING]
# Raised whenever what the projector writes changes meaning without the tables changing.
PROJECTION_VERSION = 3
SHAPE = hashlib.sha256(repr((PROJECTION_VERSION, sorted(TABLES.items()), INDEXES)).encode())
SHAPE_ID = SHAPE.hexdigest()[:16]
OLD_TABLES = ("documents", "measure_terms")  # of earlier versions: dropped with the rest


def create_tables(db: ViewDatabase, *, indexes: bool = True) -> bool:
    """Creates the views; drops them first when they were built in another shape. True
    when the views are new (empty) and must be built from the log. Without ``indexes``
    (a rebuild), :func:`create_indexes` follows the bulk load: an index built once over
    sorted rows costs a fraction of one kept up to date row by row."""
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
            if not db.postgres:
                # SQLite's INTEGER (64 bits) key is the row id itself: no second index.
                columns = columns.replace("BIGINT PRIMARY KEY", "INTEGER PRIMARY KEY")
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    create_indexes(db, WRITE_INDEXES)
    if indexes:
        create_indexes(db)
    return rebuilt


def create_indexes(db: ViewDatabase, indexes: list[str] = INDEXES) -> None:
    with db.write() as cursor:
        for index in indexes:
            table, columns = index.split(" ", 1)
            suffix = "_".join(c.strip() for c in columns.strip("()").split(","))
            cursor.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{suffix} ON {index}")


def drop_tables(db: ViewDatabase) -> None:
    """Every view (a rebuild), and how far the hash chain was checked: a rebuild reads
    every event anyway and checks the whole chain again, so that an event altered in the
    store since it was first checked cannot enter the views unnoticed."""
    if db.reset():
        return
    with db.write() as cursor:
        for name in [*TABLES, *OLD_TABLES, "view_shape"]:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
