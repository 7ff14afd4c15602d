"""Demo data from council paper FB 50/0098/WP16 of the City of Aachen.

What the paper states is recorded as stated (`paper`). Everything else — working-group
topics, persons, meeting dates, the sample measures of the cycles 2011–2013, 2013–2015 and
the open cycle 2015–2017 (`cycles`) — is illustrative and says so in its text or in the
event's reason.
"""

from __future__ import annotations

from datetime import date

from ..application import PlanningApp
from ..domain.claim import Claim
from . import cycles, paper
from .recorder import DemoRecorder

__all__ = ["DemoLoader", "load_demo"]


class DemoLoader(DemoRecorder):
    def load(self) -> None:
        paper.organizations(self)
        paper.bodies(self)
        paper.papers(self)
        cycles.first_cycle(self)
        cycles.second_cycle(self)
        cycles.third_cycle(self)
        cycles.routine_meetings(self)
        # The marker makes a second run a no-op (see load_demo).
        marker = Claim.make(
            self.meta(date(2015, 11, 3), "Demo data loaded."),
            kind="demo",
            key="FB 50/0098/WP16",
            owner_id=self.ids["0098"],
        )
        self.app.save(marker)


def load_demo(app: PlanningApp) -> str:
    """Loads the demo into an empty store; says what it did. A second run writes nothing."""
    if app.claimed_owner("demo", "FB 50/0098/WP16") is not None:
        return "The demo data is already loaded; nothing was written."
    last = app.recorder.max_notification_id() or 0
    if last:
        return (
            f"The store already holds {last} events of other data; the demo loads only "
            "into an empty store. Nothing was written."
        )
    DemoLoader(app).load()
    return f"Loaded the demo data: {app.recorder.max_notification_id()} events."
