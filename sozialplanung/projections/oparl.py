"""OParl 1.1's questions to the views (``sozialplanung/oparl/`` maps the answers to JSON).

Every object OParl shows is found here with its ``created``, ``modified`` and ``deleted``
(a *stamp*), in lists ordered by creation and filtered by those times, a keyset page at a
time. Each kind of object has one SQL source yielding the same columns: its key (``k1``,
``k2``), the object it is embedded in (``owner``), the body whose list it is in (``scope``),
``created``, ``modified`` and ``deleted``. A list, a single object and an embedded object
all read their stamps from that one source, so that they always agree.

OParl demands that ``modified`` moves whenever what is shown of an object changes. Mostly
that is the view row's ``modified_at``, but a few things are shown across aggregates: an
agenda item links the consultation of its paper in its meeting (a Paper event), and a
consultation links the agenda item (a Meeting event); a person shows its memberships (Body
events). And a redaction blacks out text without an event of the aggregate itself. There
the source takes the latest of those times, so that a client's incremental update (with
``modified_since``) also fetches what was blacked out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .bodies import BodiesView
from .cycles import CyclesView
from .database import Row, ViewDatabase
from .measures import MeasuresView
from .meetings import MeetingsView
from .organizations import OrganizationsView
from .papers import PapersView
from .persons import PersonsView
from .view import moment


def _latest(*times: str) -> str:
    """The latest of stored times, the first never NULL (others may be); both stores know
    CASE, not one spelling of GREATEST that skips NULLs."""
    found = times[0]
    for other in times[1:]:
        found = f"CASE WHEN {other} > {found} THEN {other} ELSE {found} END"
    return found


def _redacted(alias: str, key: str) -> str:
    """When text of this aggregate was last redacted (NULL: never), as column alias.red."""
    return (
        "LEFT JOIN (SELECT aggregate_id, MAX(redacted_at) AS red FROM redacted_aggregates "
        f"GROUP BY aggregate_id) {alias} ON {alias}.aggregate_id = {key}"
    )


SOURCES: dict[str, str] = {
    # Gremien and organisations share OParl's Organization; k2 tells them apart.
    "organization": (
        "SELECT id AS k1, 0 AS k2, id AS owner, NULL AS scope, created_at AS created, "
        "modified_at AS modified, 0 AS deleted FROM bodies "
        "UNION ALL "
        "SELECT id, 1, id, NULL, created_at, modified_at, 0 FROM organizations"
    ),
    # A person shows its memberships; erased, it shows nothing but that it was deleted.
    "person": (
        "SELECT p.id AS k1, 0 AS k2, p.id AS owner, NULL AS scope, p.created_at AS created, "
        "CASE WHEN p.erased = 0 AND m.latest > p.modified_at THEN m.latest "
        "ELSE p.modified_at END AS modified, p.erased AS deleted "
        "FROM persons p LEFT JOIN (SELECT member_id, MAX(modified_at) AS latest "
        "FROM memberships WHERE member_type = 'PERSON' GROUP BY member_id) m "
        "ON m.member_id = p.id"
    ),
    # OParl's Membership is a person's; an organisation's membership in a Gremium is shown
    # on the Gremium (sozialplanung/oparl/organizations.py).
    "membership": (
        "SELECT body_id AS k1, seq AS k2, member_id AS owner, body_id AS scope, "
        "created_at AS created, modified_at AS modified, 0 AS deleted "
        "FROM memberships WHERE member_type = 'PERSON'"
    ),
    # A meeting's agenda items link the consultations held in it; minutes and resolutions
    # are text a redaction may black out.
    "meeting": (
        "SELECT m.id AS k1, 0 AS k2, m.id AS owner, m.body_id AS scope, m.created_at AS created, "
        + _latest("m.modified_at", "c.latest", "r.red")
        + " AS modified, 0 AS deleted FROM meetings m "
        "LEFT JOIN (SELECT meeting_id, MAX(created_at) AS latest FROM consultations "
        "WHERE meeting_id IS NOT NULL GROUP BY meeting_id) c ON c.meeting_id = m.id "
        + _redacted("r", "m.id")
    ),
    "agendaItem": (
        "SELECT a.meeting_id AS k1, a.seq AS k2, a.meeting_id AS owner, NULL AS scope, "
        "a.created_at AS created, "
        + _latest("a.modified_at", "c.linked", "r.red")
        + " AS modified, 0 AS deleted FROM agenda_items a "
        "LEFT JOIN (SELECT meeting_id, paper_id, MIN(created_at) AS linked FROM consultations "
        "WHERE meeting_id IS NOT NULL GROUP BY meeting_id, paper_id) c "
        "ON c.meeting_id = a.meeting_id AND c.paper_id = a.paper_id "
        + _redacted("r", "a.meeting_id")
    ),
    # A paper withdrawn (submitted in error) is deleted, its consultations and files too:
    # then modified is the time of the withdrawal (spec 2.8), whatever follows.
    "paper": (
        "SELECT p.id AS k1, 0 AS k2, p.id AS owner, NULL AS scope, p.created_at AS created, "
        "CASE WHEN p.withdrawn = 1 THEN p.modified_at ELSE "
        + _latest("p.modified_at", "l.linked", "r.red")
        + " END AS modified, p.withdrawn AS deleted FROM papers p "
        "LEFT JOIN (SELECT c.paper_id, MAX(a.created_at) AS linked FROM consultations c "
        "JOIN agenda_items a ON a.meeting_id = c.meeting_id AND a.paper_id = c.paper_id "
        "GROUP BY c.paper_id) l ON l.paper_id = p.id " + _redacted("r", "p.id")
    ),
    "consultation": (
        "SELECT c.id AS k1, 0 AS k2, c.paper_id AS owner, c.body_id AS scope, "
        "c.created_at AS created, CASE WHEN p.withdrawn = 1 THEN p.modified_at ELSE "
        + _latest("c.modified_at", "a.linked", "r.red")
        + " END AS modified, p.withdrawn AS deleted "
        "FROM consultations c JOIN papers p ON p.id = c.paper_id "
        "LEFT JOIN (SELECT meeting_id, paper_id, MIN(created_at) AS linked FROM agenda_items "
        "WHERE paper_id IS NOT NULL GROUP BY meeting_id, paper_id) a "
        "ON a.meeting_id = c.meeting_id AND a.paper_id = c.paper_id " + _redacted("r", "c.paper_id")
    ),
    # Attachments never change after the paper's submission, only with its withdrawal.
    "file": (
        "SELECT f.paper_id AS k1, f.seq AS k2, f.paper_id AS owner, NULL AS scope, "
        "p.created_at AS created, CASE WHEN p.withdrawn = 1 THEN p.modified_at "
        "ELSE p.created_at END AS modified, p.withdrawn AS deleted "
        "FROM paper_attachments f JOIN papers p ON p.id = f.paper_id"
    ),
    # A meeting's place, where it names one: a Location of its own, keyed by the meeting.
    "location": (
        "SELECT id AS k1, 0 AS k2, id AS owner, NULL AS scope, created_at AS created, "
        "modified_at AS modified, 0 AS deleted FROM meetings WHERE location IS NOT NULL"
    ),
    # Vendor types (sozialplanung:Measure, sozialplanung:Cycle).
    "measure": (
        "SELECT x.id AS k1, 0 AS k2, x.id AS owner, NULL AS scope, x.created_at AS created, "
        + _latest("x.modified_at", "r.red")
        + " AS modified, 0 AS deleted FROM measures x "
        + _redacted("r", "x.id")
    ),
    "cycle": (
        "SELECT id AS k1, 0 AS k2, id AS owner, NULL AS scope, created_at AS created, "
        "modified_at AS modified, 0 AS deleted FROM cycles"
    ),
}
ORDER = ("created", "k1", "k2")


@dataclass(frozen=True)
class Stamp:
    """An object as a list sees it: its key, where it is embedded, and its times."""

    kind: str
    k1: str
    k2: int
    owner: str | None
    created: str  # stored form (UTC, microseconds); the HTTP layer formats it
    modified: str
    deleted: bool

    @classmethod
    def of(cls, kind: str, row: Row) -> Stamp:
        return cls(
            kind,
            row["k1"],
            int(row["k2"]),
            row["owner"],
            row["created"],
            row["modified"],
            bool(row["deleted"]),
        )

    @property
    def cursor(self) -> list[Any]:
        return [self.created, self.k1, self.k2]


@dataclass(frozen=True)
class Window:
    """OParl's filters. Times are shown to the second, so that a bound compares with what a
    client saw: ``…_since`` takes the whole second, ``…_until`` includes the second it names.
    Deleted objects only when ``modified_since`` is given (OParl 1.1, 2.5)."""

    created_since: datetime | None = None
    created_until: datetime | None = None
    modified_since: datetime | None = None
    modified_until: datetime | None = None

    def _bounds(self) -> list[tuple[str, str, str]]:
        """(column, comparison, stored-form bound) of each filter given."""
        found = []
        for column, since, until in (
            ("created", self.created_since, self.created_until),
            ("modified", self.modified_since, self.modified_until),
        ):
            if since is not None:
                found.append((column, ">=", moment(since.replace(microsecond=0))))
            if until is not None:
                bound = until.replace(microsecond=0) + timedelta(seconds=1)
                found.append((column, "<", moment(bound)))
        return found

    def conditions(self) -> tuple[list[str], list[Any]]:
        bounds = self._bounds()
        where = [f"{column} {comparison} ?" for column, comparison, _ in bounds]
        if self.modified_since is None:
            where.append("deleted = 0")
        return where, [bound for _, _, bound in bounds]

    def admits(self, stamp: Stamp) -> bool:
        """The same filter for an object that is no view row (the Body)."""
        if stamp.deleted and self.modified_since is None:
            return False
        for column, comparison, bound in self._bounds():
            value = stamp.created if column == "created" else stamp.modified
            if not (value >= bound if comparison == ">=" else value < bound):
                return False
        return True


@dataclass(frozen=True)
class StampPage:
    stamps: list[Stamp]
    has_next: bool
    total: int  # every object the filtered list holds
    before: int  # those before this page


class OparlQueries:
    def __init__(self, db: ViewDatabase):
        self.db = db
        self.bodies = BodiesView(db)
        self.organizations = OrganizationsView(db)
        self.persons = PersonsView(db)
        self.meetings = MeetingsView(db)
        self.papers = PapersView(db)
        self.measures = MeasuresView(db)
        self.cycles = CyclesView(db)

    # Stamps ------------------------------------------------------------------------------

    def page(
        self,
        kind: str,
        window: Window,
        *,
        scope: str | None = None,
        after: Sequence[Any] | None = None,
        size: int,
    ) -> StampPage:
        """A page of the list of ``kind`` (within a body's ``scope``), after the cursor."""
        where, params = window.conditions()
        if scope is not None:
            where.append("scope = ?")
            params.append(scope)
        source = f"SELECT * FROM ({SOURCES[kind]}) AS s"
        filtered = source + (f" WHERE {' AND '.join(where)}" if where else "")
        marks = ", ".join("?" for _ in ORDER)
        keyset = f"({', '.join(ORDER)}) > ({marks})"
        if after is None:
            rows = self.db.query(f"{filtered} ORDER BY {', '.join(ORDER)} LIMIT {size + 1}", params)
            before = 0
        else:
            joiner = " AND " if where else " WHERE "
            rows = self.db.query(
                f"{filtered}{joiner}{keyset} ORDER BY {', '.join(ORDER)} LIMIT {size + 1}",
                [*params, *after],
            )
            before = self._count(
                f"{filtered}{joiner}NOT {keyset}",
                [*params, *after],
            )
        total = self._count(filtered, params)
        stamps = [Stamp.of(kind, row) for row in rows[:size]]
        return StampPage(stamps, len(rows) > size, total, before)

    def _count(self, statement: str, params: list[Any]) -> int:
        found = self.db.query_one(f"SELECT COUNT(*) AS n FROM ({statement}) AS c", params)
        return int(found["n"]) if found else 0

    def stamp(self, kind: str, k1: str, k2: int | None = None) -> Stamp | None:
        """One object's stamp (deleted ones too: a deleted object stays at its URL)."""
        where = "k1 = ?"
        params: list[Any] = [k1]
        if k2 is not None:
            where += " AND k2 = ?"
            params.append(k2)
        row = self.db.query_one(f"SELECT * FROM ({SOURCES[kind]}) AS s WHERE {where}", params)
        return Stamp.of(kind, row) if row else None

    def stamps_of(self, kind: str, owners: Sequence[str]) -> dict[str, list[Stamp]]:
        """The stamps of the objects embedded in these owners, by owner, in key order."""
        found: dict[str, list[Stamp]] = {owner: [] for owner in owners}
        for chunk in _chunks(list(owners)):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.query(
                f"SELECT * FROM ({SOURCES[kind]}) AS s WHERE owner IN ({marks}) ORDER BY k1, k2",
                chunk,
            ):
                found[row["owner"]].append(Stamp.of(kind, row))
        return found

    def first_event_at(self) -> str | None:
        """When the log began: the time of the System and the Body, which are settings."""
        row = self.db.query_one("SELECT recorded_at FROM events ORDER BY position LIMIT 1")
        return row["recorded_at"] if row else None

    # Rows --------------------------------------------------------------------------------

    def memberships(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Row]:
        """Membership rows by (body, position in the body's list)."""
        found: dict[tuple[str, int], Row] = {}
        for body_id in sorted({body for body, _ in keys}):
            for row in self.db.query("SELECT * FROM memberships WHERE body_id = ?", [body_id]):
                found[(row["body_id"], int(row["seq"]))] = row
        return {key: found[key] for key in keys if key in found}

    def memberships_of_persons(self, persons: Sequence[str]) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {person: [] for person in persons}
        for chunk in _chunks(list(persons)):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.query(
                f"SELECT * FROM memberships WHERE member_type = 'PERSON' "
                f"AND member_id IN ({marks}) ORDER BY created_at, body_id, seq",
                chunk,
            ):
                found[row["member_id"]].append(row)
        return found

    def consultation_papers(self, consultations: Sequence[str]) -> dict[str, str]:
        """The paper each consultation belongs to."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(consultations)):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.query(
                f"SELECT id, paper_id FROM consultations WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = row["paper_id"]
        return found

    def agenda_items_for(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """The agenda item that treats a paper in a meeting, per (meeting, paper): the
        first, where several do."""
        wanted = set(pairs)
        found: dict[tuple[str, str], int] = {}
        for chunk in _chunks(sorted({meeting for meeting, _ in wanted})):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.query(
                "SELECT meeting_id, paper_id, MIN(seq) AS seq FROM agenda_items "
                f"WHERE meeting_id IN ({marks}) AND paper_id IS NOT NULL "
                "GROUP BY meeting_id, paper_id",
                chunk,
            ):
                pair = (row["meeting_id"], row["paper_id"])
                if pair in wanted:
                    found[pair] = int(row["seq"])
        return found

    def consultations_in(self, meetings: Sequence[str]) -> dict[tuple[str, str], str]:
        """The consultation of a paper in a meeting, per (meeting, paper): the first
        scheduled, where several are."""
        found: dict[tuple[str, str], str] = {}
        for chunk in _chunks(list(meetings)):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.query(
                "SELECT id, meeting_id, paper_id FROM consultations "
                f"WHERE meeting_id IN ({marks}) ORDER BY created_at, id",
                chunk,
            ):
                found.setdefault((row["meeting_id"], row["paper_id"]), row["id"])
        return found


def _chunks(keys: list[Any], size: int = 500) -> list[list[Any]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]
