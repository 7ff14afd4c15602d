"""The OParl 1.1 interface: the public data read-only, as a council information system's
standard API (https://oparl.org; spec notes in tests/oparl/NOTES.md, mapping in the README).

urls.py       canonical URLs (ids)         service.py   cache, ETag, errors, JSON
filters.py    list queries, canonical form  resources.py objects and list pages
routes.py     Starlette routes, CORS        system.py    System, Body
organizations.py  Organization, Person, Membership
meetings.py   Meeting, AgendaItem, Location papers.py    Paper, Consultation, File
vendor.py     sozialplanung:Measure, sozialplanung:Cycle (our own types)

The SQL is in projections/oparl.py; nothing here writes.
"""

from .routes import OparlCors, oparl_routes

__all__ = ["OparlCors", "oparl_routes"]
