"""The read side's questions, by view: ``ReadQueries(db).measures.in_cycle(3, reached=…)``.

Synchronous (the API calls them from a worker thread); every answer is rows of plain values
that the GraphQL types, feeds and reports map with their own mappers.
"""

from __future__ import annotations

from .audit import AuditLog
from .bodies import BodiesView
from .briefings import BriefingsView
from .cycles import CyclesView
from .database import ViewDatabase
from .measures import MeasuresView
from .meetings import MeetingsView
from .organizations import OrganizationsView
from .papers import PapersView
from .persons import PersonsView
from .redactions import RedactionsView


class ReadQueries:
    def __init__(self, db: ViewDatabase):
        self.db = db
        self.organizations = OrganizationsView(db)
        self.persons = PersonsView(db)
        self.bodies = BodiesView(db)
        self.meetings = MeetingsView(db)
        self.cycles = CyclesView(db)
        self.measures = MeasuresView(db)
        self.papers = PapersView(db)
        self.briefings = BriefingsView(db)
        self.redactions = RedactionsView(db)
        self.audit = AuditLog(db)
