"""Building blocks the demo is recorded with: metadata, a date-ordered schedule, meetings,
papers and committee sessions, the steps of a measure's life."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import count
from uuid import UUID
from zoneinfo import ZoneInfo

from ..application import PlanningApp
from ..domain.base import Meta
from ..domain.paper import Paper
from ..domain.rights import administrator

# The demo runs through the same commands and rights as any client, as an administrator.
DEMO_LOADER = administrator("demo-loader")
ILLUSTRATIVE = "Illustrative: not stated in paper FB 50/0098/WP16."
FROM_PAPER = "As stated in paper FB 50/0098/WP16."
BERLIN = ZoneInfo("Europe/Berlin")
# The demo's "today": nothing after it is held, decided or evaluated; later meetings are
# only scheduled.
TODAY = date(2026, 11, 25)
LOCATION = "Verwaltungsgebäude Katschhof (illustrativ)"


@dataclass(frozen=True)
class Step:
    """One dated action of the story; the schedule plays them in date order."""

    day: date
    seq: int
    label: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Consultation:
    """A paper on a committee agenda; `decisions` (measure key → adopted) for a
    Beschlussvorlage, None for a report the committee notes."""

    reference: str
    title: str
    decisions: dict[str, bool] | None = None


@dataclass
class DemoRecorder:
    """Records the demo's commands; `ids` names every aggregate it made by a short key."""

    app: PlanningApp
    ids: dict[str, UUID] = field(default_factory=dict)
    _step: Iterator[int] = field(default_factory=lambda: count(1))
    schedule: list[Step] = field(default_factory=list)
    sessions: dict[date, list[Consultation]] = field(default_factory=dict)

    def meta(self, on: date, reason: str = ILLUSTRATIVE) -> Meta:
        return Meta(
            principal=DEMO_LOADER,
            correlation_id=f"demo-{next(self._step):04d}",
            # The demo records history (2011–2025): the real today bounds it like any client.
            today=date.today(),
            effective_on=on,
            reason=reason,
        )

    # The schedule -----------------------------------------------------------------------

    def at(self, day: date, label: str, run: Callable[[], object]) -> None:
        """Plans an action for a business date; actions of one day keep their order."""
        self.schedule.append(Step(day, len(self.schedule), label, run))

    def play(self) -> None:
        for on, items in sorted(self.sessions.items()):
            self._session(on, items)
        self.sessions.clear()
        for step in sorted(self.schedule, key=lambda s: (s.day, s.seq)):
            step.run()
        self.schedule.clear()

    # Meetings ---------------------------------------------------------------------------

    def meeting(
        self,
        body: str,
        title: str,
        on: date,
        *,
        held: bool = True,
        attendees: tuple[str, ...] = (),
        cycle: int | None = None,
        agenda: tuple[tuple[str, str, str | None, str | None], ...] = (),
        announced: date | None = None,
        hour: int = 15,
    ) -> UUID:
        """Schedules a meeting (on the day it was announced, by default its own day), adds
        its agenda and, when `held`, records it held on its day."""
        announced = announced or on
        meeting = self.app.schedule_meeting(
            self.meta(announced),
            body=self.ids[body],
            title=title,
            scheduled_for=datetime.combine(on, time(hour, 0), BERLIN),
            location=LOCATION,
            cycle=cycle,
        )
        for number, item, measure, paper in agenda:
            self.app.add_agenda_item(
                self.meta(announced),
                meeting=meeting,
                number=number,
                title=item,
                measure=self.ids.get(measure or ""),
                paper=self.ids.get(paper or ""),
            )
        if held:
            self.hold(meeting, title, on, attendees)
        return meeting

    def hold(self, meeting: UUID, title: str, on: date, attendees: tuple[str, ...]) -> None:
        self.app.record_meeting_held(
            self.meta(on),
            meeting=meeting,
            attendees=[self.ids[a] for a in attendees],
            minutes=f"Protokoll: {title} (illustrativ).",
        )

    # Papers and the committee -----------------------------------------------------------

    def submit(
        self,
        reference: str,
        subject: str,
        on: date,
        *,
        lead: str,
        measures: Sequence[str] = (),
        kind: str = "DECISION_PROPOSAL",
        proposal: str | None = None,
    ) -> None:
        self.ids[reference] = self.app.submit_paper(
            self.meta(on),
            reference=reference,
            type=kind,
            subject=f"{subject} (illustrativ)",
            date=on,
            lead=self.ids[lead],
            measures=[self.ids[m] for m in measures],
            decision_proposal=proposal,
        )

    def consult(self, on: date, item: Consultation) -> None:
        """Puts a paper on the agenda of the committee's session on that day."""
        self.sessions.setdefault(on, []).append(item)

    def _session(self, on: date, items: Sequence[Consultation]) -> None:
        """A session of the Ausschuss: announced three weeks ahead with its agenda and
        consultations; once its day has come, held, each consultation concluded (measures
        decided) and its paper settled."""
        key = f"ausschuss-{on.isoformat()}"
        title = f"Sitzung des Ausschusses für Soziales, Integration und Demographie {on:%d.%m.%Y}"
        announced = on - timedelta(days=21)
        self.at(announced, title, lambda: self._announce(key, title, on, announced, items))
        if on <= TODAY:
            self.at(on, title, lambda: self._decide(key, title, on, items))

    def _announce(
        self, key: str, title: str, on: date, announced: date, items: Sequence[Consultation]
    ) -> None:
        agenda = tuple((str(n), c.title, None, c.reference) for n, c in enumerate(items, 4))
        self.ids[key] = self.meeting(
            "ausschuss", title, on, held=False, agenda=agenda, announced=announced, hour=17
        )
        for item in items:
            self.app.schedule_consultation(
                self.meta(announced),
                paper=self.ids[item.reference],
                body=self.ids["ausschuss"],
                meeting=self.ids[key],
                role="NOTICE" if item.decisions is None else "DECISION",
                authoritative=True,
            )

    def _decide(self, key: str, title: str, on: date, items: Sequence[Consultation]) -> None:
        self.hold(self.ids[key], title, on, ("fb50", "fb45", "fb64"))
        for item in items:
            paper = self.ids[item.reference]
            found: Paper = self.app.repository.get(paper)
            consultation = found.consultations[-1]["id"]
            decisions = item.decisions
            if decisions is None:
                self.app.conclude_consultation(
                    self.meta(on), consultation=consultation, decision="NOTED"
                )
            else:
                self.app.conclude_consultation(
                    self.meta(on),
                    consultation=consultation,
                    decision="APPROVED" if all(decisions.values()) else "APPROVED_AMENDED",
                    measure_decisions=[(self.ids[k], v) for k, v in decisions.items()],
                )
            self.app.settle_paper(self.meta(on), paper=paper)

    # A measure's life -------------------------------------------------------------------

    def propose(self, key: str, cycle: int, group: int, title: str, lead: str, on: date) -> None:
        self.ids[key] = self.app.propose_measure(
            self.meta(on),
            cycle=cycle,
            working_group=self.ids[f"ag{group}"],
            title=title,
            description=f"{title} (illustrative sample measure).",
            lead=self.ids[lead],
        )

    def withdraw(self, key: str, on: date) -> None:
        self.app.withdraw_measure(self.meta(on), measure=self.ids[key])

    def start(self, key: str, on: date) -> None:
        self.app.start_implementation(self.meta(on), measure=self.ids[key])

    def progress(self, key: str, percent: int, on: date) -> None:
        self.app.report_progress(
            self.meta(on),
            measure=self.ids[key],
            percent=percent,
            note="Sachstandsbericht (illustrativ)",
        )

    def evaluate(
        self, key: str, on: date, outcome: str, obstacles: list[str], enablers: list[str]
    ) -> None:
        self.app.evaluate_measure(
            self.meta(on),
            measure=self.ids[key],
            outcome=outcome,
            obstacles=obstacles,
            enablers=enablers,
            report="Bericht der Arbeitsgruppe an die Sozialkonferenz (illustrativ).",
        )
