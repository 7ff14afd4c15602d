"""Aggregates for domain tests, built in memory through their own commands."""

from __future__ import annotations

from datetime import date

from sozialplanung.domain.base import Meta
from sozialplanung.domain.body import Body
from sozialplanung.domain.cycle import Cycle
from sozialplanung.domain.measure import Measure
from sozialplanung.domain.organization import Organization
from sozialplanung.domain.paper import Paper
from sozialplanung.domain.rights import administrator

# The domain's "today" in these tests: fixed, so that the rules on business dates are
# tested on known days.
TODAY = date(2026, 11, 25)


def meta(day: date | None = date(2011, 9, 15), today: date = TODAY) -> Meta:
    """A context on business date ``day``; ``None``: the client gave no effectiveOn."""
    return Meta(
        principal=administrator("tester"), correlation_id="test", today=today, effective_on=day
    )


def department(name: str = "Fachbereich Soziales und Integration") -> Organization:
    return Organization.register(meta(), name=name, kind="DEPARTMENT", short_name="FB 50")


def conference() -> Body:
    return Body.establish(meta(date(2011, 2, 24)), name="Sozialkonferenz", kind="SOCIAL_CONFERENCE")


def working_group(parent: Body, name: str = "AG 1 Kinderarmut") -> Body:
    return Body.establish(
        meta(date(2011, 6, 1)), name=name, kind="CONFERENCE_WORKING_GROUP", parent=parent
    )


def committee() -> Body:
    return Body.establish(
        meta(date(2011, 2, 24)),
        name="Ausschuss für Soziales, Integration und Demographie",
        kind="COMMITTEE",
    )


def cycle(number: int, conf: Body, groups: list[Body]) -> Cycle:
    start = date(2009 + 2 * number, 9, 1)
    return Cycle.open(
        meta(start),
        number=number,
        label=f"{start.year}–{start.year + 2}",
        starts_on=start,
        ends_on=date(start.year + 2, 8, 31),
        conference=conf,
        working_groups=[(g, f"Schwerpunkt {g.name}") for g in groups],
    )


PAPER_DATED = date(2011, 10, 20)
DECIDED_ON = date(2011, 11, 24)
EVALUATED_ON = date(2013, 9, 19)


class Planning:
    """A conference with one working group, cycles 1 and 2, a committee and a paper
    (dated 2011-10-20); measures are proposed on 2011-09-15 and decided on 2011-11-24."""

    def __init__(self) -> None:
        self.conference = conference()
        self.group = working_group(self.conference)
        self.cycle1 = cycle(1, self.conference, [self.group])
        self.cycle2 = cycle(2, self.conference, [self.group])
        self.committee = committee()
        self.paper = Paper.submit(
            meta(),
            reference="FB 50/0150/WP16",
            type_="DECISION_PROPOSAL",
            subject="Maßnahmen",
            date_=PAPER_DATED,
        )

    def proposed(self, title: str = "Familienzentren") -> Measure:
        return Measure.propose(meta(), cycle=self.cycle1, working_group=self.group, title=title)

    def in_deliberation(self) -> Measure:
        measure = self.proposed()
        measure.refer(meta(), self.paper.id)
        return measure

    def adopted(self) -> Measure:
        measure = self.in_deliberation()
        measure.decide(meta(DECIDED_ON), adopted=True, body=self.committee, paper=self.paper)
        return measure

    def rejected(self) -> Measure:
        measure = self.in_deliberation()
        measure.decide(meta(DECIDED_ON), adopted=False, body=self.committee, paper=self.paper)
        return measure

    def in_implementation(self) -> Measure:
        measure = self.adopted()
        measure.start_implementation(meta(date(2012, 1, 10)))
        return measure

    def evaluated(self, outcome: str = "PARTIALLY_IMPLEMENTED") -> Measure:
        measure = self.in_implementation()
        measure.evaluate(
            meta(EVALUATED_ON),
            outcome=outcome,
            obstacles=["Personal"],
            enablers=["Kooperation"],
            report=None,
        )
        return measure
