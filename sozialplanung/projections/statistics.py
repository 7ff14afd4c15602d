"""Cycle statistics from measure terms (the contract's CycleStatistics)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .database import Row


@dataclass
class TermCounts:
    proposed: int = 0
    adopted: int = 0
    rejected: int = 0
    implemented: int = 0
    partially_implemented: int = 0
    not_implemented: int = 0
    carried_forward: int = 0
    completed: int = 0
    dropped: int = 0
    withdrawn: int = 0

    @property
    def evaluated(self) -> int:
        return self.implemented + self.partially_implemented + self.not_implemented

    @property
    def implementation_rate(self) -> float | None:
        if not self.evaluated:
            return None
        return (self.implemented + 0.5 * self.partially_implemented) / self.evaluated

    def add(self, other: TermCounts) -> TermCounts:
        return TermCounts(
            **{
                name: getattr(self, name) + getattr(other, name)
                for name in self.__dataclass_fields__
            }
        )


REACHED = {
    "PROPOSED": "proposed",
    "ADOPTED": "adopted",
    "REJECTED": "rejected",
    "CARRIED_FORWARD": "carried_forward",
    "COMPLETED": "completed",
    "DROPPED": "dropped",
    "WITHDRAWN": "withdrawn",
}
OUTCOMES = {
    "IMPLEMENTED": "implemented",
    "PARTIALLY_IMPLEMENTED": "partially_implemented",
    "NOT_IMPLEMENTED": "not_implemented",
}


def term_rows(measure_id: str, terms: Iterable[Mapping[str, Any]]) -> list[Row]:
    """The `measure_terms` rows of a measure's terms (Amtszeiten je Zyklus)."""
    return [
        {
            "measure_id": measure_id,
            "seq": seq,
            "cycle_number": term["cycle"],
            "working_group_id": str(term["working_group_id"]),
            "reached": json.dumps(term["reached"]),
            "status_at_end": term["status_at_end"],
            "outcome": term["evaluation"]["outcome"] if term["evaluation"] else None,
        }
        for seq, term in enumerate(terms)
    ]


def count_terms(terms: Iterable[Row]) -> TermCounts:
    """Each count: terms that reached that state during the term; outcomes from the term's
    evaluation, even when it was recorded at the next conference."""
    counts = TermCounts()
    for term in terms:
        for status in json.loads(term["reached"]):
            if status in REACHED:
                name = REACHED[status]
                setattr(counts, name, getattr(counts, name) + 1)
        if term["outcome"] in OUTCOMES:
            name = OUTCOMES[term["outcome"]]
            setattr(counts, name, getattr(counts, name) + 1)
    return counts
