"""Eight illustrative Sozialkonferenz cycles, 2011–2013 to the open cycle 2025–2027.

At each conference the working groups evaluate the last cycle's measures — obstacles and
enablers included — and the conference completes, drops or carries them forward (unchanged,
or revised for a new deliberation), the last cycle is closed and new measures are proposed.
The committee decides them in the autumn; they start, report progress and are evaluated at
the next conference. The conference of 2021 was postponed to March 2022 (the pandemic). A
13th working group joins in 2015; four groups shift their focus. Nothing here is stated in
the paper; every description and every event's reason says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from .lifecycle import Draws, Measure, Term, days
from .recorder import BERLIN, TODAY, Consultation, DemoRecorder
from .stories import STORIES, Story
from .vocabulary import ADDED_GROUP, FOCUS_SHIFTS, PROFILES


@dataclass(frozen=True)
class Paper:
    """A Beschlussvorlage with the cycle's measures and the committee session deciding it."""

    reference: str
    submitted: date
    committee: date


@dataclass(frozen=True)
class CycleSpec:
    number: int
    starts: date
    conference: date
    paper: Paper
    late: Paper | None = None  # measures that waited (or were proposed between conferences)
    planned: date | None = None  # the conference's first date, when it was postponed

    @property
    def label(self) -> str:
        return f"{self.starts.year}–{self.starts.year + 2}"

    @property
    def ends(self) -> date:
        return date(self.starts.year + 2, 8, 31)


CYCLES = (
    CycleSpec(
        1,
        date(2011, 9, 1),
        date(2011, 9, 15),
        Paper("FB 50/0150/WP16", date(2011, 10, 20), date(2011, 11, 24)),
    ),
    CycleSpec(
        2,
        date(2013, 9, 1),
        date(2013, 9, 12),
        Paper("FB 50/0412/WP16", date(2013, 10, 24), date(2013, 11, 28)),
    ),
    CycleSpec(
        3,
        date(2015, 9, 1),
        date(2015, 9, 10),
        Paper("FB 50/0720/WP17", date(2015, 10, 8), date(2015, 11, 26)),
        late=Paper("FB 50/0733/WP17", date(2016, 8, 25), date(2016, 9, 29)),
    ),
    CycleSpec(
        4,
        date(2017, 9, 1),
        date(2017, 9, 7),
        Paper("FB 50/1104/WP17", date(2017, 10, 19), date(2017, 11, 23)),
    ),
    CycleSpec(
        5,
        date(2019, 9, 1),
        date(2019, 9, 5),
        Paper("FB 50/1455/WP17", date(2019, 10, 17), date(2019, 11, 21)),
        late=Paper("FB 50/0188/WP18", date(2021, 11, 11), date(2021, 12, 9)),
    ),
    CycleSpec(
        6,
        date(2021, 9, 1),
        date(2022, 3, 24),
        Paper("FB 50/0240/WP18", date(2022, 4, 7), date(2022, 5, 12)),
        planned=date(2021, 9, 16),
    ),
    CycleSpec(
        7,
        date(2023, 9, 1),
        date(2023, 9, 21),
        Paper("FB 50/0431/WP18", date(2023, 10, 12), date(2023, 11, 23)),
    ),
    CycleSpec(
        8,
        date(2025, 9, 1),
        date(2025, 9, 18),
        Paper("FB 50/0702/WP18", date(2025, 9, 25), date(2025, 10, 23)),
        late=Paper("FB 50/0041/WP19", date(2026, 10, 29), date(2026, 12, 10)),
    ),
)
NEXT_CONFERENCE = date(2027, 9, 16)  # scheduled, not yet held
# Measures each working group works on in a cycle, carried-forward ones included.
ROSTER = (2, 3, 3, 4, 4, 5)
SHORT_ROSTER = (2, 2, 3)  # 2021–2023, shortened by the postponed conference
CONFERENCE_GUESTS = ("fb50", "fb45", "fb64", "jobcenter", "wohlfahrt", "anna", "clara")


class Cycles:
    """Plans the cycles onto the demo's schedule, drawing every open choice from `Draws`."""

    def __init__(self, demo: DemoRecorder) -> None:
        self.demo, self.draws = demo, Draws()
        self.terms: dict[int, list[Term]] = {}
        self.scripts: dict[str, Story] = {s.key: s for s in STORIES}
        for story in STORIES:
            self.draws.titles.update(story.titles)

    def plan(self) -> None:
        for spec in CYCLES:
            self._open(spec)
            carried = self._evaluate(spec) if spec.number > 1 else []
            self.terms[spec.number] = self._roster(spec, carried)
            self._decide(spec)
        self._next_conference()

    # The conference ---------------------------------------------------------------------

    def _open(self, spec: CycleSpec) -> None:
        demo, app, number, on = self.demo, self.demo.app, spec.number, spec.conference

        def open_cycle() -> None:
            groups = [g for g in range(1, 14) if f"ag{g}" in demo.ids]
            app.open_cycle(
                demo.meta(spec.starts),
                number=number,
                label=spec.label,
                starts_on=spec.starts,
                ends_on=spec.ends,
                conference_body=demo.ids["sk"],
                working_groups=[
                    (demo.ids[f"ag{g}"], app.repository.get(demo.ids[f"ag{g}"]).topic)
                    for g in groups
                ],
            )

        demo.at(spec.starts, f"Zyklus {spec.label} eröffnet", open_cycle)
        first = spec.planned or on
        title = f"Sozialkonferenz {first.year}"
        key = f"conference{number}"

        def announce() -> None:  # with the cycle's start
            demo.ids[key] = demo.meeting(
                "sk", title, first, held=False, cycle=number, announced=spec.starts
            )

        demo.at(spec.starts, title, announce)
        if spec.planned:
            postponed = spec.planned - timedelta(days=7)
            demo.at(postponed, title, lambda: self._postpone(key, on, postponed))

        def held() -> None:
            demo.hold(demo.ids[key], title, on, CONFERENCE_GUESTS)
            app.record_conference_held(demo.meta(on), cycle=number, meeting=demo.ids[key])

        demo.at(on, title, held)
        for cycle, group, focus in FOCUS_SHIFTS:
            if cycle == number:
                demo.at(on, f"AG {group}: {focus}", partial(self._shift, number, group, focus))
        if number == 3:
            demo.at(on, ADDED_GROUP[0], partial(self._add_group, number))

    def _postpone(self, key: str, on: date, decided: date) -> None:
        self.demo.app.reschedule_meeting(
            self.demo.meta(decided, "Illustrative: postponed in the pandemic; not in the paper."),
            meeting=self.demo.ids[key],
            scheduled_for=datetime.combine(on, time(15, 0), BERLIN),
        )

    def _shift(self, number: int, group: int, focus: str) -> None:
        demo, on = self.demo, CYCLES[number - 1].conference
        demo.app.shift_focus(demo.meta(on), body=demo.ids[f"ag{group}"], topic=focus)
        demo.app.assign_working_group(
            demo.meta(on), cycle=number, body=demo.ids[f"ag{group}"], focus=focus
        )

    def _add_group(self, number: int) -> None:
        demo, on = self.demo, CYCLES[number - 1].conference
        name, topic = ADDED_GROUP
        demo.ids["ag13"] = demo.app.establish_body(
            demo.meta(on),
            name=name,
            kind="CONFERENCE_WORKING_GROUP",
            parent=demo.ids["sk"],
            topic=topic,
        )
        demo.app.assign_working_group(
            demo.meta(on), cycle=number, body=demo.ids["ag13"], focus=topic
        )

    def _evaluate(self, spec: CycleSpec) -> list[Term]:
        """The last cycle's measures evaluated and continued; the last cycle closed."""
        demo, app, on, carried = self.demo, self.demo.app, spec.conference, []
        for term in self.terms[spec.number - 1]:
            if not self._adopted(term, CYCLES[spec.number - 2]):
                continue
            obstacles, enablers = self.draws.factors(term)
            key = term.measure.key
            demo.at(
                on,
                f"{key} bewertet",
                partial(
                    demo.evaluate, key, on, term.outcome or "NOT_IMPLEMENTED", obstacles, enablers
                ),
            )
            script = self.scripts.get(key)
            if script is None:
                self.draws.end(term, last_cycle=False)
            if term.end == "revise":  # a story's next title; a drawn measure keeps its own
                titles = script.titles if script else (term.measure.title,)
                term.measure.title = titles[min(term.measure.terms, len(titles) - 1)]
                term.revised_title = term.measure.title
            if term.end in ("carry", "revise"):
                nxt = Term(
                    term.measure, spec.number, "ADOPTED" if term.end == "carry" else "PROPOSED"
                )
                self._plan_term(nxt)
                carried.append(nxt)
            demo.at(on, f"{key}: {term.end}", partial(self._continue, term, spec.number))
        demo.at(
            on,
            f"Zyklus {spec.number - 1} geschlossen",
            lambda: app.close_cycle(demo.meta(on), cycle=spec.number - 1),
        )
        return carried

    def _continue(self, term: Term, number: int) -> None:
        demo, app = self.demo, self.demo.app
        meta, measure = demo.meta(CYCLES[number - 1].conference), demo.ids[term.measure.key]
        if term.end == "complete":
            app.complete_measure(meta, measure=measure)
        elif term.end == "drop":
            app.drop_measure(meta, measure=measure)
        elif term.end == "carry":
            app.carry_forward_measure(meta, measure=measure, to_cycle=number)
        elif term.end == "revise":
            year = CYCLES[number - 1].conference.year
            app.carry_forward_measure(
                meta,
                measure=measure,
                to_cycle=number,
                title=term.revised_title,
                description=f"{term.revised_title}: nach der Bewertung {year} überarbeitet "
                "(illustrative sample measure).",
            )

    # The cycle's measures ---------------------------------------------------------------

    def _roster(self, spec: CycleSpec, carried: list[Term]) -> list[Term]:
        number, terms = spec.number, list(carried)
        for story in STORIES:
            if story.cycle == number:
                measure = Measure(story.key, story.group, story.titles[0], story.lead)
                terms.append(self._plan_term(Term(measure, number, proposed_on=story.proposed_on)))
        groups = range(1, 14 if number >= 3 else 13)
        sizes = SHORT_ROSTER if number == 6 else ROSTER
        for group in groups:
            wanted = self.draws.pick(sizes)
            have = sum(1 for t in terms if t.measure.group == group)
            for index in range(max(1, wanted - have) if have < 6 else 0):
                title = self.draws.title(group)
                if title is None:
                    break
                lead = self.draws.pick(PROFILES[group].leads)
                measure = Measure(f"c{number}-ag{group}-{index + 1}", group, title, lead)
                terms.append(self._plan_term(Term(measure, number)))
        for term in terms:
            if term.entry == "PROPOSED" and term.measure.terms == 1:
                self._propose(term, term.proposed_on or spec.conference)
        return terms

    def _plan_term(self, term: Term) -> Term:
        term.measure.terms += 1
        script = self.scripts.get(term.measure.key)
        if script is not None:
            spec = script.terms[term.measure.terms - 1]
            term.decision, term.started, term.outcome, term.end = spec
            return term
        self.draws.decision(term)
        if term.decision == "adopt" and term.cycle < len(CYCLES):
            self.draws.outcome(term)
        return term

    def _propose(self, term: Term, on: date) -> None:
        m = term.measure
        self.demo.at(
            on,
            f"{m.key} vorgeschlagen",
            partial(self.demo.propose, m.key, term.cycle, m.group, m.title, m.lead, on),
        )

    def _decide(self, spec: CycleSpec) -> None:
        """Withdrawals, the papers, the committee's decisions, starts and progress."""
        demo, terms, on = self.demo, self.terms[spec.number], spec.conference
        for term in terms:
            if term.decision == "withdraw":
                day = days(on, 3, max(3, (spec.paper.submitted - on).days - 1), self.draws)
                key = term.measure.key
                demo.at(day, f"{key} zurückgezogen", partial(demo.withdraw, key, day))
        year = on.year
        for paper, decisions, subject in (
            (spec.paper, ("adopt", "reject"), f"Maßnahmen der Sozialkonferenz {year}"),
            (spec.late, ("late",), f"Weitere Maßnahmen des Zyklus {spec.label}"),
        ):
            if paper is None:
                continue
            chosen = [t for t in terms if t.entry == "PROPOSED" and t.decision in decisions]
            keys = [t.measure.key for t in chosen]
            demo.at(
                paper.submitted,
                paper.reference,
                partial(
                    demo.submit,
                    paper.reference,
                    subject,
                    paper.submitted,
                    lead="fb50",
                    measures=keys,
                    proposal="Der Ausschuss beschließt die Maßnahmen wie vorgeschlagen.",
                ),
            )
            demo.consult(
                paper.committee,
                Consultation(
                    paper.reference,
                    subject,
                    {t.measure.key: t.decision != "reject" for t in chosen},
                ),
            )
        until = (
            CYCLES[spec.number].conference - timedelta(days=14)
            if spec.number < len(CYCLES)
            else TODAY
        )
        for term in terms:
            if self._adopted(term, spec) and term.started:
                self._implement(term, spec, until)

    def _adopted(self, term: Term, spec: CycleSpec) -> bool:
        if term.decision == "adopt":
            return True
        return term.decision == "late" and spec.late is not None and spec.late.committee <= TODAY

    def _implement(self, term: Term, spec: CycleSpec, until: date) -> None:
        demo, key = self.demo, term.measure.key
        if term.entry == "ADOPTED":
            start = days(spec.conference, 20, 60, self.draws)
        else:
            decided = (
                spec.late.committee
                if term.decision == "late" and spec.late
                else spec.paper.committee
            )
            start = min(days(decided, 30, 110, self.draws), until - timedelta(days=30))
        if term.entry == "PROPOSED":
            term.measure.percent = 0
        demo.at(start, f"{key} begonnen", partial(demo.start, key, start))
        for percent, day in self.draws.progress(term, start, until):
            demo.at(day, f"{key} {percent} %", partial(demo.progress, key, percent, day))
            term.measure.percent = percent

    def _next_conference(self) -> None:
        on = NEXT_CONFERENCE
        announced = date(2026, 10, 1)
        self.demo.at(
            announced,
            "Sozialkonferenz 2027",
            lambda: self.demo.meeting(
                "sk", "Sozialkonferenz 2027", on, held=False, announced=announced
            ),
        )


def plan(demo: DemoRecorder) -> None:
    Cycles(demo).plan()
