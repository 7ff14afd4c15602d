"""Cycle statistics (the contract's CycleStatistics) from the states the measures' terms
reached — kept as counts by the measures view, or counted from rows replayed "as of"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .database import Row
from .measures import term_states

# Each count: terms that reached that state during the term; outcomes from the term's
# evaluation, even when it was recorded at the next conference.
COUNTED = {
    "PROPOSED": "proposed",
    "ADOPTED": "adopted",
    "REJECTED": "rejected",
    "CARRIED_FORWARD": "carried_forward",
    "COMPLETED": "completed",
    "DROPPED": "dropped",
    "WITHDRAWN": "withdrawn",
    "IMPLEMENTED": "implemented",
    "PARTIALLY_IMPLEMENTED": "partially_implemented",
    "NOT_IMPLEMENTED": "not_implemented",
}


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

    @classmethod
    def of(cls, states: Mapping[str, int]) -> TermCounts:
        """From {state: number of terms that reached it}."""
        return cls(**{COUNTED[s]: n for s, n in states.items() if s in COUNTED})

    def add(self, other: TermCounts) -> TermCounts:
        return TermCounts(
            **{
                name: getattr(self, name) + getattr(other, name)
                for name in self.__dataclass_fields__
            }
        )


def per_group(counts: Mapping[str, Mapping[str, int]]) -> dict[str, TermCounts]:
    """{working group: TermCounts} from the measures view's counts of a cycle."""
    return {group: TermCounts.of(states) for group, states in counts.items()}


def total(groups: Iterable[TermCounts]) -> TermCounts:
    result = TermCounts()
    for counts in groups:
        result = result.add(counts)
    return result


def counted_rows(rows: Iterable[Row], number: int) -> TermCounts:
    """The statistics of one cycle over measure rows (as replayed "as of" a moment)."""
    states: Counter[str] = Counter(
        state["state"]
        for row in rows
        for state in term_states(row)
        if state["cycle_number"] == number
    )
    return TermCounts.of(states)
