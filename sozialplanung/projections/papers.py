"""Vorlagen with their Beratungsfolge (consultations in the bodies that deliberate them)."""

from __future__ import annotations

from typing import Any

from ..domain.paper import Paper
from .database import Row
from .paging import Page, keyset_page
from .view import Child, View, day, handles, ident, moment

COLUMNS = {
    "id": "TEXT",
    "reference": "TEXT NOT NULL",
    "type": "TEXT NOT NULL",
    "subject": "TEXT NOT NULL",
    "date": "TEXT NOT NULL",
    "lead_id": "TEXT",
    "originated_by_id": "TEXT",
    "decision_proposal": "TEXT",
    "explanation": "TEXT",
    "related_paper_ids": "TEXT NOT NULL",  # JSON
    "measure_ids": "TEXT NOT NULL",  # JSON: the measures it lists
    "attachments": "TEXT NOT NULL",  # JSON: [{name, media_type, size_bytes, sha256}]
    "consultations": "TEXT NOT NULL",  # JSON: [{id, body_id, meeting_id, date, role,
    #                                            authoritative, decision, decision_text,
    #                                            created_at, modified_at}]
    "settled": "INTEGER NOT NULL",
    "withdrawn": "INTEGER NOT NULL",
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}
CONSULTATION_COLUMNS = {
    "id": "TEXT NOT NULL",
    "paper_id": "TEXT NOT NULL",
    "body_id": "TEXT NOT NULL",
    "meeting_id": "TEXT",
    "date": "TEXT",
    "role": "TEXT NOT NULL",
    "decision": "TEXT",
    # When it was scheduled and last changed: OParl's created and modified of a Consultation.
    "created_at": "TEXT",
    "modified_at": "TEXT",
}
# Each attachment by its position: OParl lists them as File objects of their own.
ATTACHMENT_COLUMNS = {"paper_id": "TEXT NOT NULL", "seq": "INTEGER NOT NULL"}


def _consultations(row: Row) -> list[Row]:
    return [
        {
            "id": c["id"],
            "paper_id": row["id"],
            "body_id": c["body_id"],
            "meeting_id": c["meeting_id"],
            "date": c["date"],
            "role": c["role"],
            "decision": c["decision"],
            "created_at": c.get("created_at"),
            "modified_at": c.get("modified_at"),
        }
        for c in row["consultations"]
    ]


def _attachments(row: Row) -> list[Row]:
    return [{"paper_id": row["id"], "seq": seq} for seq in range(len(row["attachments"]))]


class PapersView(View):
    aggregate = Paper
    table = "papers"
    columns = COLUMNS
    json_columns = ("related_paper_ids", "measure_ids", "attachments", "consultations")
    children = (
        Child("consultations", CONSULTATION_COLUMNS, _consultations, "paper_id"),
        Child("paper_attachments", ATTACHMENT_COLUMNS, _attachments, "paper_id"),
    )
    indexes = (
        "papers (reference)",
        "papers (date, id)",
        "consultations (id)",
        "consultations (meeting_id)",
        "consultations (body_id)",
    )

    @handles(Paper.PaperSubmitted)
    def submitted(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "reference": e.reference,
            "type": e.type,
            "subject": e.subject,
            "date": day(e.date),
            "lead_id": ident(e.lead_id),
            "originated_by_id": ident(e.originated_by_id),
            "decision_proposal": e.decision_proposal,
            "explanation": e.explanation,
            "related_paper_ids": [str(p) for p in e.related_paper_ids],
            "measure_ids": [str(m) for m in e.measure_ids],
            "attachments": [dict(a) for a in e.attachments],
            "consultations": [],
            "settled": 0,
            "withdrawn": 0,
        }

    @handles(Paper.MeasureListed)
    def measure_listed(self, row: Row, e: Any) -> Row:
        return {**row, "measure_ids": [*row["measure_ids"], str(e.measure_id)]}

    @handles(Paper.ConsultationScheduled)
    def consultation_scheduled(self, row: Row, e: Any) -> Row:
        stamp = moment(e.timestamp)
        consultation = {
            "id": str(e.consultation_id),
            "body_id": str(e.body_id),
            "meeting_id": ident(e.meeting_id),
            "date": day(e.date),
            "role": e.role,
            "authoritative": e.authoritative,
            "decision": None,
            "decision_text": None,
            "created_at": stamp,
            "modified_at": stamp,
        }
        return {**row, "consultations": [*row["consultations"], consultation]}

    @handles(Paper.ConsultationConcluded)
    def consultation_concluded(self, row: Row, e: Any) -> Row:
        key, stamp = str(e.consultation_id), moment(e.timestamp)
        consultations = [
            {**c, "decision": e.decision, "decision_text": e.decision_text, "modified_at": stamp}
            if c["id"] == key
            else c
            for c in row["consultations"]
        ]
        return {**row, "consultations": consultations}

    @handles(Paper.PaperSettled)
    def settled(self, row: Row, e: Any) -> Row:
        return {**row, "settled": 1}

    @handles(Paper.PaperWithdrawn)
    def withdrawn(self, row: Row, e: Any) -> Row:
        return {**row, "withdrawn": 1}

    @staticmethod
    def from_aggregate(paper: Paper) -> Row:
        return {
            "id": str(paper.id),
            "reference": paper.reference,
            "type": paper.type,
            "subject": paper.subject,
            "date": day(paper.date),
            "lead_id": ident(paper.lead_id),
            "originated_by_id": ident(paper.originated_by_id),
            "decision_proposal": paper.decision_proposal,
            "explanation": paper.explanation,
            "related_paper_ids": [str(p) for p in paper.related_paper_ids],
            "measure_ids": [str(m) for m in paper.measure_ids],
            "attachments": [dict(a) for a in paper.attachments],
            "consultations": [
                {
                    **c,
                    "id": str(c["id"]),
                    "body_id": str(c["body_id"]),
                    "meeting_id": ident(c["meeting_id"]),
                    "date": day(c["date"]),
                }
                for c in paper.consultations
            ],
            "settled": int(paper.settled),
            "withdrawn": int(paper.withdrawn),
        }

    # Questions ---------------------------------------------------------------------------

    def page(
        self,
        *,
        reference: str | None,
        type: str | None,
        first: int | None,
        after: str | None,
    ) -> Page:
        where: list[str] = []
        params: list[Any] = []
        if reference:
            where.append("LOWER(reference) = LOWER(?)")
            params.append(" ".join(reference.split()))
        if type:
            where.append("type = ?")
            params.append(type)
        return keyset_page(
            self.db, self, ["date", "id"], where=where, params=params, first=first, after=after
        )

    def by_reference(self, reference: str) -> Row | None:
        """The paper with that reference; a reference freed by a withdrawal may name a newer
        paper: the current one first."""
        row = self.db.query_one(
            "SELECT * FROM papers WHERE LOWER(reference) = LOWER(?) "
            "ORDER BY withdrawn, date DESC, id LIMIT 1",
            [" ".join(reference.split())],
        )
        return self.decode(row) if row else None

    def consulted_in(self, kinds: tuple[str, ...]) -> list[Row]:
        """(paper_id, date) of every consultation in bodies of these kinds that took place:
        concluded, or at a meeting that was held (one only planned, or whose meeting was
        cancelled, discussed nothing)."""
        marks = ", ".join("?" for _ in kinds)
        return self.db.query(
            "SELECT c.paper_id, c.date FROM consultations c JOIN bodies b ON b.id = c.body_id "
            "LEFT JOIN meetings m ON m.id = c.meeting_id "
            f"WHERE b.kind IN ({marks}) AND c.date IS NOT NULL "
            "AND (c.decision IS NOT NULL OR m.status = 'HELD')",
            list(kinds),
        )
