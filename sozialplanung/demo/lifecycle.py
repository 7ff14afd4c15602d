"""A measure's life in the demo, drawn with a seeded generator: how each term is decided,
whether it starts, how far it gets, what the next conference finds and how it goes on.

`Term` is the plan of one measure in one cycle; the cycles (cycles.py) put its steps on the
schedule. Every draw comes from one `random.Random` with a constant seed, in a fixed order,
so the demo is the same on every run.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from .vocabulary import DIGITAL, ENABLERS, OBSTACLES, PANDEMIC, PROFILES, QUARTERS

SEED = 20110224  # the day the committee took note of FB 50/0098/WP16
MAX_TERMS = 4  # a measure lives through at most four cycles

IMPLEMENTED = "IMPLEMENTED"
PARTIAL = "PARTIALLY_IMPLEMENTED"
NOT = "NOT_IMPLEMENTED"

# How the cycles fared, against each group's own share (illustrative): a good cycle
# 2017–2019, the pandemic in 2019–2021, a slow recovery.
CYCLE_MODIFIER = {1: 0.0, 2: 0.05, 3: 0.0, 4: 0.1, 5: -0.25, 6: -0.05, 7: 0.05, 8: 0.0}


@dataclass
class Measure:
    """The demo's plan for one measure across its terms."""

    key: str
    group: int
    title: str
    lead: str
    percent: int = 0  # the last progress reported
    terms: int = 0


@dataclass
class Term:
    """One measure in one cycle. `entry`: PROPOSED (new, or revised on carry-forward) or
    ADOPTED (carried forward unchanged). `decision`: adopt, reject, withdraw, late
    (referred to the cycle's later paper, adopted there) or wait (never referred).
    `end`: complete, drop, carry, revise (carried forward with a new title) or keep
    (evaluated, the next step still open)."""

    measure: Measure
    cycle: int
    entry: str = "PROPOSED"
    decision: str = "adopt"
    started: bool = True
    outcome: str | None = None
    end: str | None = None
    revised_title: str | None = None
    proposed_on: date | None = None  # a proposal between two conferences


T = TypeVar("T")


@dataclass
class Draws:
    """The seeded generator and what it has handed out."""

    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    titles: set[str] = field(default_factory=set)

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def title(self, group: int) -> str | None:
        """An unused title of the group's vocabulary, a Sozialraum filled in."""
        templates = list(PROFILES[group].titles)
        self.rng.shuffle(templates)
        for template in templates:
            quarters = list(QUARTERS) if "{q}" in template else [""]
            self.rng.shuffle(quarters)
            for quarter in quarters:
                title = template.replace("{q}", quarter)
                if title not in self.titles:
                    self.titles.add(title)
                    return title
        return None

    def decision(self, term: Term) -> None:
        r = self.rng.random()
        if term.entry == "ADOPTED":
            term.decision = "adopt"
        elif term.measure.terms == 1 and r < 0.06:
            term.decision = "withdraw"
        elif r < 0.18:
            term.decision = "reject"
        else:
            term.decision = "adopt"
        if term.decision == "adopt":
            term.started = self.rng.random() < (0.95 if term.entry == "ADOPTED" else 0.88)

    def outcome(self, term: Term) -> None:
        if not term.started:
            term.outcome = NOT
            return
        share = PROFILES[term.measure.group].success + CYCLE_MODIFIER[term.cycle]
        r = self.rng.random()
        term.outcome = IMPLEMENTED if r < share else PARTIAL if r < share + 0.32 else NOT

    def end(self, term: Term, *, last_cycle: bool) -> None:
        """How the conference goes on with an evaluated measure."""
        r = self.rng.random()
        may_carry = term.measure.terms < MAX_TERMS and not last_cycle
        if term.outcome == IMPLEMENTED:
            term.end = "carry" if may_carry and r < 0.15 else "complete"
        elif term.outcome == PARTIAL:
            if may_carry and r < 0.3:
                term.end = "carry"
            elif may_carry and r < 0.45:
                term.end = "revise"
            else:
                term.end = "complete"
        else:
            term.end = "revise" if may_carry and r < 0.35 else "drop"

    def factors(self, term: Term) -> tuple[list[str], list[str]]:
        """Obstacles and enablers of an evaluation: the group's typical ones more often,
        the pandemic in the evaluations of 2022, digital offers from 2019 on."""
        profile = PROFILES[term.measure.group]
        counts = {IMPLEMENTED: ((0, 1), (1, 3)), PARTIAL: ((1, 2), (1, 2)), NOT: ((2, 3), (0, 1))}
        (low_o, high_o), (low_e, high_e) = counts[term.outcome or NOT]
        obstacle_weights = [5 if i in profile.obstacles else 1 for i in range(len(OBSTACLES))]
        obstacle_weights[PANDEMIC] = {5: 14, 6: 3}.get(term.cycle, 0)
        enabler_weights = [5 if i in profile.enablers else 1 for i in range(len(ENABLERS))]
        enabler_weights[DIGITAL] += 4 if term.cycle >= 5 else 0
        obstacles = self._sample(OBSTACLES, obstacle_weights, self.rng.randint(low_o, high_o))
        enablers = self._sample(ENABLERS, enabler_weights, self.rng.randint(low_e, high_e))
        return obstacles, enablers

    def _sample(self, words: tuple[str, ...], weights: list[int], k: int) -> list[str]:
        weights = list(weights)
        chosen: list[str] = []
        for _ in range(k):
            index = self.rng.choices(range(len(words)), weights)[0]
            chosen.append(words[index])
            weights[index] = 0
        return chosen

    def progress(self, term: Term, start: date, until: date) -> list[tuple[int, date]]:
        """Progress reports between the start and `until`: one or two, towards what the
        outcome will be (or an open share for a term still running)."""
        base = term.measure.percent
        target = {
            IMPLEMENTED: 100,
            PARTIAL: self.pick((50, 60, 70)),
            NOT: self.pick((10, 20)),
            None: self.pick((20, 30, 40, 50, 60)),
        }[term.outcome]
        target = max(target, base)
        first = start + timedelta(days=self.rng.randint(140, 200))
        second = first + timedelta(days=self.rng.randint(240, 330))
        reports = []
        if second < until and target - base >= 20 and self.rng.random() < 0.6:
            reports.append((base + (target - base) // 10 * 5, first))
            first = second
        if first < until:
            reports.append((target, first))
        return reports


def days(start: date, low: int, high: int, draws: Draws) -> date:
    return start + timedelta(days=draws.rng.randint(low, high))
