"""Demo data from council paper FB 50/0098/WP16 of the City of Aachen.

What the paper states is recorded as stated (`paper`). Everything else is illustrative and
says so in its text or in the event's reason: eight Sozialkonferenz cycles from 2011–2013 to
the open cycle 2025–2027 with their measures (`cycles`, `stories`, `lifecycle`,
`vocabulary`), and the routine of the bodies at the paper's cadence with the deviations the
compliance report finds (`meetings`). The story is played in business-date order up to the
demo's "today", 2026-11-25; later meetings are only scheduled.
"""

from __future__ import annotations

from ..application import PlanningApp
from ..domain.claim import Claim
from . import cycles, meetings, paper
from .recorder import TODAY, DemoRecorder

__all__ = ["DemoLoader", "load_demo"]


class DemoLoader(DemoRecorder):
    def load(self) -> None:
        paper.organizations(self)
        paper.bodies(self)
        paper.papers(self)
        cycles.plan(self)
        meetings.plan(self)
        self.play()
        # The marker makes a second run a no-op (see load_demo).
        marker = Claim.make(
            self.meta(TODAY, "Demo data loaded."),
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
