"""Maßnahmen through their lifecycle, with a term per cycle they lived in — and the counts
of each cycle's statistics, kept by the projector instead of counted at each question.

A *term* remembers every state the measure reached in a cycle, how it ended there and its
evaluation (Hemmnisse, förderliche Rahmenbedingungen). ``measure_states`` holds one row per
(term, state reached or outcome), so "the measures of cycle 3 that were adopted" is one
indexed question; ``measure_counts`` holds their number per cycle, working group and state,
moved by the difference each batch makes — the statistics of a cycle with 100,000 measures
read a dozen rows.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..domain.measure import Measure
from .database import Cursor, Row
from .paging import Page, keyset_page
from .search import SearchQueries
from .view import Child, View, copy_rows, day, handles, ident

COLUMNS = {
    "id": "TEXT",
    "title": "TEXT NOT NULL",
    "description": "TEXT",
    "status": "TEXT NOT NULL",
    "cycle_number": "INTEGER NOT NULL",
    "working_group_id": "TEXT NOT NULL",
    "lead_id": "TEXT",
    "progress": "INTEGER NOT NULL",
    "terms": "TEXT NOT NULL",  # JSON: [{cycle, working_group_id, reached, status_at_end,
    #                                    evaluation}]
    "evaluations": "TEXT NOT NULL",  # JSON: [{cycle, outcome, obstacles, enablers, report,
    #                                          effective_on}]
    "progress_reports": "TEXT NOT NULL",  # JSON: [{percent, note, effective_on, reported_by}]
    "paper_ids": "TEXT NOT NULL",  # JSON: the papers it is referred to
    "decisions": "TEXT NOT NULL",  # JSON: [{adopted, body_id, paper_id, cycle, effective_on}]
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}
STATE_COLUMNS = {
    "measure_id": "TEXT NOT NULL",
    "cycle_number": "INTEGER NOT NULL",
    "working_group_id": "TEXT NOT NULL",
    "state": "TEXT NOT NULL",
}
PAPER_COLUMNS = {"measure_id": "TEXT NOT NULL", "paper_id": "TEXT NOT NULL"}
COUNTS = (
    "measure_counts",
    "cycle_number INTEGER NOT NULL, working_group_id TEXT NOT NULL, state TEXT NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (cycle_number, working_group_id, state)",
)


def term_states(row: Row) -> list[Row]:
    """One row per state a term reached, and one for its outcome."""
    found = []
    for term in row["terms"]:
        states = list(term["reached"])
        if term["evaluation"] is not None:
            states.append(term["evaluation"]["outcome"])
        for state in dict.fromkeys(states):
            found.append(
                {
                    "measure_id": row["id"],
                    "cycle_number": term["cycle"],
                    "working_group_id": term["working_group_id"],
                    "state": state,
                }
            )
    return found


def _papers(row: Row) -> list[Row]:
    return [{"measure_id": row["id"], "paper_id": p} for p in row["paper_ids"]]


def _term(cycle: int, group: str) -> Row:
    return {
        "cycle": cycle,
        "working_group_id": group,
        "reached": [],
        "status_at_end": None,
        "evaluation": None,
    }


def _enter(row: Row, status: str, *, ends_term: bool = False) -> Row:
    """The measure enters a state: its current term remembers it."""
    terms = [dict(t) for t in row["terms"]]
    term = terms[-1]
    if status not in term["reached"]:
        term["reached"] = [*term["reached"], status]
    if ends_term:
        term["status_at_end"] = status
    return {**row, "status": status, "terms": terms}


class MeasuresView(View):
    aggregate = Measure
    table = "measures"
    columns = COLUMNS
    json_columns = ("terms", "evaluations", "progress_reports", "paper_ids", "decisions")
    children = (
        Child("measure_states", STATE_COLUMNS, term_states, "measure_id"),
        Child("measure_papers", PAPER_COLUMNS, _papers, "measure_id"),
    )
    indexes = (
        "measures (cycle_number, title, id)",
        "measures (title, id)",
        "measures (working_group_id)",
        "measures (lead_id)",
        "measures (status)",
        "measure_states (cycle_number, state, measure_id)",
        "measure_papers (paper_id)",
    )

    @classmethod
    def tables(cls) -> dict[str, str]:
        return {**super().tables(), COUNTS[0]: COUNTS[1]}

    @classmethod
    def merging(cls, source: str) -> list[str]:
        """The counts of another part's measures are added to this part's."""
        return [
            *(copy_rows(table, source) for table in super().tables()),
            "INSERT INTO measure_counts (cycle_number, working_group_id, state, n) "
            f"SELECT cycle_number, working_group_id, state, n FROM {source}.measure_counts "
            "WHERE true ON CONFLICT (cycle_number, working_group_id, state) "
            "DO UPDATE SET n = measure_counts.n + excluded.n",
        ]

    # Handlers ----------------------------------------------------------------------------

    @handles(Measure.MeasureProposed)
    def proposed(self, row: Row | None, e: Any) -> Row:
        group = str(e.working_group_id)
        created = {
            "id": str(e.originator_id),
            "title": e.title,
            "description": e.description,
            "status": "PROPOSED",
            "cycle_number": e.cycle_number,
            "working_group_id": group,
            "lead_id": ident(e.lead_id),
            "progress": 0,
            "terms": [_term(e.cycle_number, group)],
            "evaluations": [],
            "progress_reports": [],
            "paper_ids": [],
            "decisions": [],
        }
        return _enter(created, "PROPOSED")

    @handles(Measure.MeasureRevised)
    def revised(self, row: Row, e: Any) -> Row:
        return {
            **row,
            "title": e.title,
            "description": e.description,
        }

    @handles(Measure.MeasureReferred)
    def referred(self, row: Row, e: Any) -> Row:
        row = {**row, "paper_ids": [*row["paper_ids"], str(e.paper_id)]}
        return _enter(row, "IN_DELIBERATION")

    @handles(Measure.ReferralWithdrawn)
    def referral_withdrawn(self, row: Row, e: Any) -> Row:
        papers = [p for p in row["paper_ids"] if p != str(e.paper_id)]
        status = "PROPOSED" if row["status"] == "IN_DELIBERATION" and not papers else row["status"]
        return {**row, "paper_ids": papers, "status": status}

    @handles(Measure.MeasureDecided)
    def decided(self, row: Row, e: Any) -> Row:
        decision = {
            "adopted": e.adopted,
            "body_id": str(e.body_id),
            "paper_id": ident(e.paper_id),
            "cycle": row["cycle_number"],
            "effective_on": day(e.effective_on),
        }
        row = {**row, "decisions": [*row["decisions"], decision]}
        return _enter(row, "ADOPTED") if e.adopted else _enter(row, "REJECTED", ends_term=True)

    @handles(Measure.ImplementationStarted)
    def started(self, row: Row, e: Any) -> Row:
        return _enter(row, "IN_IMPLEMENTATION")

    @handles(Measure.ProgressReported)
    def progress_reported(self, row: Row, e: Any) -> Row:
        report = {
            "percent": e.percent,
            "note": e.note,
            "effective_on": day(e.effective_on),
            "reported_by": e.actor,
        }
        return {
            **row,
            "progress": e.percent,
            "progress_reports": [*row["progress_reports"], report],
        }

    @handles(Measure.MeasureEvaluated)
    def evaluated(self, row: Row, e: Any) -> Row:
        evaluation = {
            "cycle": row["cycle_number"],
            "outcome": e.outcome,
            "obstacles": list(e.obstacles),
            "enablers": list(e.enablers),
            "report": e.report,
            "effective_on": day(e.effective_on),
        }
        terms = [dict(t) for t in row["terms"]]
        terms[-1]["evaluation"] = evaluation
        row = {**row, "terms": terms, "evaluations": [*row["evaluations"], evaluation]}
        return _enter(row, "EVALUATED")

    @handles(Measure.MeasureCarriedForward)
    def carried_forward(self, row: Row, e: Any) -> Row:
        row = _enter(row, "CARRIED_FORWARD", ends_term=True)
        group = str(e.working_group_id)
        row = {
            **row,
            "cycle_number": e.to_cycle,
            "working_group_id": group,
            "title": e.title,
            "description": e.description,
            "terms": [*row["terms"], _term(e.to_cycle, group)],
            "progress": 0 if e.status_in_new_cycle == "PROPOSED" else row["progress"],
        }
        return _enter(row, e.status_in_new_cycle)

    @handles(Measure.MeasureCompleted)
    def completed(self, row: Row, e: Any) -> Row:
        return _enter(row, "COMPLETED", ends_term=True)

    @handles(Measure.MeasureDropped)
    def dropped(self, row: Row, e: Any) -> Row:
        return _enter(row, "DROPPED", ends_term=True)

    @handles(Measure.MeasureWithdrawn)
    def withdrawn(self, row: Row, e: Any) -> Row:
        return _enter(row, "WITHDRAWN", ends_term=True)

    @staticmethod
    def from_aggregate(measure: Measure) -> Row:
        def evaluation(found: dict[str, Any] | None) -> Row | None:
            if found is None:
                return None
            return {**found, "effective_on": day(found["effective_on"])}

        return {
            "id": str(measure.id),
            "title": measure.title,
            "description": measure.description,
            "status": measure.status,
            "cycle_number": measure.cycle_number,
            "working_group_id": str(measure.working_group_id),
            "lead_id": ident(measure.lead_id),
            "progress": measure.progress,
            "terms": [
                {
                    "cycle": t["cycle"],
                    "working_group_id": str(t["working_group_id"]),
                    "reached": list(t["reached"]),
                    "status_at_end": t["status_at_end"],
                    "evaluation": evaluation(t["evaluation"]),
                }
                for t in measure.terms
            ],
            "evaluations": [evaluation(e) for e in measure.evaluations],
            "progress_reports": [
                {**r, "effective_on": day(r["effective_on"])} for r in measure.progress_reports
            ],
            "paper_ids": [str(p) for p in measure.paper_ids],
            "decisions": [
                {
                    **d,
                    "body_id": str(d["body_id"]),
                    "paper_id": ident(d["paper_id"]),
                    "effective_on": day(d["effective_on"]),
                }
                for d in measure.decisions
            ],
        }

    # The counts ---------------------------------------------------------------------------

    def after_flush(
        self, cursor: Cursor, before: dict[str, Row | None], after: dict[str, Row]
    ) -> None:
        delta: Counter[tuple[int, str, str]] = Counter()
        for key, row in after.items():
            old = before.get(key)
            for state in term_states(row):
                delta[(state["cycle_number"], state["working_group_id"], state["state"])] += 1
            for state in term_states(old) if old is not None else []:
                delta[(state["cycle_number"], state["working_group_id"], state["state"])] -= 1
        moved = [[*k, n, n] for k, n in delta.items() if n]
        if moved:
            cursor.executemany(
                "INSERT INTO measure_counts (cycle_number, working_group_id, state, n) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (cycle_number, working_group_id, state) "
                "DO UPDATE SET n = measure_counts.n + ?",
                moved,
            )

    # Questions ---------------------------------------------------------------------------

    def page(
        self,
        *,
        cycle: int | None = None,
        status: str | None = None,
        working_group: str | None = None,
        lead: str | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Page:
        """Measures by their current cycle, status, group, lead, or text."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("cycle_number", cycle),
            ("working_group_id", working_group),
            ("lead_id", lead),
            ("status", status),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if search:  # the full-text index, German word forms included (search.py)
            matching, values = SearchQueries(self.db).matching("MEASURE", search)
            where.append(f"id IN ({matching})")
            params.extend(values)
        return keyset_page(
            self.db,
            self,
            ["cycle_number", "title", "id"],
            where=where,
            params=params,
            first=first,
            after=after,
        )

    def in_cycle(
        self,
        number: int,
        *,
        status: str | None = None,
        reached: str | None = None,
        outcome: str | None = None,
        working_group: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Page:
        """Every measure with a term in the cycle (also those carried forward since):
        ``reached``/``outcome`` select the terms the cycle's statistics count."""
        where = [_term_in(number, None, working_group)]
        params: list[Any] = [number, *([working_group] if working_group else [])]
        for state in (reached, outcome):
            if state is not None:
                where.append(_term_in(number, state, working_group))
                params += [number, state, *([working_group] if working_group else [])]
        if status is not None:
            where.append("status = ?")
            params.append(status)
        return keyset_page(
            self.db, self, ["title", "id"], where=where, params=params, first=first, after=after
        )

    def counts(self, number: int) -> dict[str, dict[str, int]]:
        """{working group: {state: measures whose term reached it}} of one cycle."""
        found: dict[str, dict[str, int]] = {}
        for row in self.db.query(
            "SELECT working_group_id, state, n FROM measure_counts "
            "WHERE cycle_number = ? AND n <> 0",
            [number],
        ):
            found.setdefault(row["working_group_id"], {})[row["state"]] = row["n"]
        return found

    def evaluated_in(self, number: int) -> list[Row]:
        """The evaluations of the cycle's terms (obstacles and enablers)."""
        rows = self.db.query(
            "SELECT terms FROM measures WHERE id IN (SELECT measure_id FROM measure_states "
            "WHERE cycle_number = ? AND state IN "
            "('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'NOT_IMPLEMENTED'))",
            [number],
        )
        return [
            term["evaluation"]
            for row in rows
            for term in self.decode(dict(row))["terms"]
            if term["cycle"] == number and term["evaluation"] is not None
        ]

    def carried_from(self, from_number: int, to_number: int) -> list[str]:
        """Measures whose term in one cycle ended carried forward and that live in the other."""
        rows = self.db.query(
            "SELECT DISTINCT a.measure_id FROM measure_states a JOIN measure_states b "
            "ON b.measure_id = a.measure_id WHERE a.cycle_number = ? "
            "AND a.state = 'CARRIED_FORWARD' AND b.cycle_number = ? ORDER BY a.measure_id",
            [from_number, to_number],
        )
        return [row["measure_id"] for row in rows]

    def of_paper(self, paper: str) -> list[str]:
        return [
            row["measure_id"]
            for row in self.db.query(
                "SELECT measure_id FROM measure_papers WHERE paper_id = ? ORDER BY measure_id",
                [paper],
            )
        ]

    def papers_and_leads(self) -> list[Row]:
        """(paper_id, lead_id) of measures with a lead referred to papers (compliance)."""
        return self.db.query(
            "SELECT mp.paper_id, m.lead_id FROM measure_papers mp "
            "JOIN measures m ON m.id = mp.measure_id WHERE m.lead_id IS NOT NULL"
        )

    def referrals(self) -> list[Row]:
        return self.db.query("SELECT measure_id, paper_id FROM measure_papers")


def _term_in(number: int, state: str | None, working_group: str | None) -> str:
    return (
        "EXISTS (SELECT 1 FROM measure_states s WHERE s.measure_id = measures.id "
        "AND s.cycle_number = ?"
        + (" AND s.state = ?" if state is not None else "")
        + (" AND s.working_group_id = ?" if working_group else "")
        + ")"
    )
