"""Building blocks the demo is recorded with: metadata, meetings, cycles, committee decisions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import count
from uuid import UUID
from zoneinfo import ZoneInfo

from ..application import PlanningApp
from ..domain.base import Meta
from ..domain.rights import administrator

# The demo runs through the same commands and rights as any client, as an administrator.
DEMO_LOADER = administrator("demo-loader")
ILLUSTRATIVE = "Illustrative: not stated in paper FB 50/0098/WP16."
FROM_PAPER = "As stated in paper FB 50/0098/WP16."
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class DemoRecorder:
    """Records the demo's commands; `ids` names every aggregate it made by a short key."""

    app: PlanningApp
    ids: dict[str, UUID] = field(default_factory=dict)
    _step: Iterator[int] = field(default_factory=lambda: count(1))

    def meta(self, on: date, reason: str = ILLUSTRATIVE) -> Meta:
        return Meta(
            principal=DEMO_LOADER,
            correlation_id=f"demo-{next(self._step):04d}",
            # The demo records history (2011–2025): the real today bounds it like any client.
            today=date.today(),
            effective_on=on,
            reason=reason,
        )

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
    ) -> UUID:
        at = datetime.combine(on, time(15, 0), BERLIN)
        meeting = self.app.schedule_meeting(
            self.meta(on),
            body=self.ids[body],
            title=title,
            scheduled_for=at,
            location="Verwaltungsgebäude Katschhof (illustrativ)",
            cycle=cycle,
        )
        for number, item, measure, paper in agenda:
            self.app.add_agenda_item(
                self.meta(on),
                meeting=meeting,
                number=number,
                title=item,
                measure=self.ids.get(measure or ""),
                paper=self.ids.get(paper or ""),
            )
        if held:
            self.app.record_meeting_held(
                self.meta(on),
                meeting=meeting,
                attendees=[self.ids[a] for a in attendees],
                minutes=f"Protokoll: {title} (illustrativ).",
            )
        return meeting

    def cycle(
        self, number: int, starts: date, ends: date, conference_on: date, groups: range
    ) -> None:
        app, ids = self.app, self.ids
        app.open_cycle(
            self.meta(starts),
            number=number,
            label=f"{starts.year}–{ends.year}",
            starts_on=starts,
            ends_on=ends,
            conference_body=ids["sk"],
            working_groups=[
                (ids[f"ag{i}"], app.repository.get(ids[f"ag{i}"]).topic) for i in groups
            ],
        )
        ids[f"conference{number}"] = self.meeting(
            "sk",
            f"Sozialkonferenz {conference_on.year}",
            conference_on,
            cycle=number,
            attendees=("fb50", "fb45", "jobcenter", "wohlfahrt", "anna", "clara"),
        )
        app.record_conference_held(
            self.meta(conference_on), cycle=number, meeting=ids[f"conference{number}"]
        )

    def propose(self, key: str, cycle: int, group: int, title: str, lead: str, on: date) -> None:
        self.ids[key] = self.app.propose_measure(
            self.meta(on),
            cycle=cycle,
            working_group=self.ids[f"ag{group}"],
            title=title,
            description=f"{title} (illustrative sample measure).",
            lead=self.ids[lead],
        )

    def decide_by_committee(self, reference: str, on: date, decisions: dict[str, bool]) -> None:
        app, ids = self.app, self.ids
        ids[reference] = app.submit_paper(
            self.meta(on),
            reference=reference,
            type="DECISION_PROPOSAL",
            subject=f"Maßnahmen der Sozialkonferenz ({reference}, illustrativ)",
            date=on,
            lead=ids["fb50"],
            measures=[ids[k] for k in decisions],
            decision_proposal="Der Ausschuss beschließt die Maßnahmen wie vorgeschlagen.",
        )
        decided_on = date(on.year, 11, 24)
        meeting = self.meeting(
            "ausschuss",
            f"Ausschusssitzung {decided_on:%d.%m.%Y}",
            decided_on,
            agenda=(("3", "Maßnahmen der Sozialkonferenz", None, reference),),
        )
        app.schedule_consultation(
            self.meta(on),
            paper=ids[reference],
            body=ids["ausschuss"],
            meeting=meeting,
            role="DECISION",
            authoritative=True,
        )
        consultation = app.repository.get(ids[reference]).consultations[-1]["id"]
        app.conclude_consultation(
            self.meta(decided_on),
            consultation=consultation,
            decision="APPROVED_AMENDED",
            measure_decisions=[(ids[k], v) for k, v in decisions.items()],
        )
        app.settle_paper(self.meta(decided_on), paper=ids[reference])

    def start(self, starts: dict[str, date]) -> None:
        for key, on in starts.items():
            self.app.start_implementation(self.meta(on), measure=self.ids[key])

    def progress(self, reports: list[tuple[str, int, date]]) -> None:
        for key, percent, on in reports:
            self.app.report_progress(
                self.meta(on),
                measure=self.ids[key],
                percent=percent,
                note="Sachstandsbericht (illustrativ)",
            )

    def evaluate(
        self, on: date, report: str, evaluations: list[tuple[str, str, list[str], list[str]]]
    ) -> None:
        """Evaluations at a conference: (measure, outcome, obstacles, enablers)."""
        for key, outcome, obstacles, enablers in evaluations:
            self.app.evaluate_measure(
                self.meta(on),
                measure=self.ids[key],
                outcome=outcome,
                obstacles=obstacles,
                enablers=enablers,
                report=report,
            )
