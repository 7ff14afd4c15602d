"""How our values read in OParl: times in the spec's form, dates, and German labels for our
codes (OParl's vocabulary is German free text; the spec's recommended words where it has
some)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# Times are shown as the city's clocks showed them; the offset makes each unambiguous.
LOCAL = ZoneInfo("Europe/Berlin")

OPARL = "https://schema.oparl.org/1.1/"
VENDOR = "sozialplanung:"  # the prefix of our own properties and types (spec 3.0, 2.1)

# Organization.organizationType: the spec's words. classification: as precise as possible,
# no abbreviations, "Parlament" for the council (strings.yml).
BODY_CLASSIFICATION = {
    "INFORMATION_FORUM": "Informationsforum",
    "WORKING_GROUP": "Arbeitskreis",
    "STEERING_GROUP": "Lenkungsgruppe",
    "SOCIAL_CONFERENCE": "Sozialkonferenz",
    "CONFERENCE_WORKING_GROUP": "Arbeitsgruppe der Sozialkonferenz",
    "COMMITTEE": "Ausschuss",
    "COUNCIL": "Parlament",
}
ORGANIZATION_TYPE = {
    "DEPARTMENT": ("Verwaltungsbereich", "Fachbereich"),
    "REGIONAL_INSTITUTION": ("Institution", "Einrichtung der StädteRegion"),
    "WELFARE_ASSOCIATION": ("Institution", "Verband der Freien Wohlfahrtspflege"),
    "PARLIAMENTARY_GROUP": ("Fraktion", "Fraktion"),
    "EXTERNAL": ("Sonstiges", "Externe Organisation"),
    "OTHER": ("Sonstiges", "Sonstige Organisation"),
}
MEMBER_ROLE = {
    "LEAD": "Leitung",
    "DEPUTY": "Stellvertretende Leitung",
    "MEMBER": "Mitglied",
    "CO_OPTED": "Hinzugezogenes Mitglied",
    "GUEST": "Gast",
    "EXPERT": "Sachverständige Person",
}
PAPER_TYPE = {
    "MOTION": "Antrag",
    "INFORMATION": "Mitteilung",
    "DECISION_PROPOSAL": "Beschlussvorlage",
    "REPORT": "Bericht",
}
CONSULTATION_ROLE = {
    "PRELIMINARY": "Vorberatung",
    "DECISION": "Entscheidung",
    "NOTICE": "Kenntnisnahme",
    "HEARING": "Anhörung",
}
# AgendaItem.result ("Unverändert beschlossen", "Geändert beschlossen" in the spec).
RESULT = {
    "NOTED": "Zur Kenntnis genommen",
    "APPROVED": "Unverändert beschlossen",
    "APPROVED_AMENDED": "Geändert beschlossen",
    "REJECTED": "Abgelehnt",
    "DEFERRED": "Vertagt",
    "REFERRED": "Verwiesen",
}
# Meeting.meetingState: the spec recommends these words; a cancelled meeting says so with
# ``cancelled`` and names no state.
MEETING_STATE = {"SCHEDULED": "terminiert", "HELD": "durchgeführt"}


def shown(stored: str) -> str:
    """A stored time (UTC, microseconds) in the spec's form yyyy-mm-ddThh:mm:ss±hh:mm:
    cut to the second (the filters compare the same way, projections/oparl.py)."""
    return datetime.fromisoformat(stored).astimezone(LOCAL).isoformat(timespec="seconds")


def moment_shown(value: str) -> str:
    """A meeting's start or end, in the offset it was given in (to the second)."""
    found = datetime.fromisoformat(value)
    offset = found.utcoffset()
    if offset is None or offset % timedelta(minutes=1):
        found = found.astimezone(LOCAL)  # an offset with seconds has no ±hh:mm form
    return found.isoformat(timespec="seconds")


def last_day(until: str | None, since: str) -> str | None:
    """OParl's endDate is the last day (inclusive); ours (``until``, ``dissolved_on``) is
    the first day no longer in it. A period that ended the day it began shows that day."""
    if until is None:
        return None
    last = date.fromisoformat(until) - timedelta(days=1)
    return max(last, date.fromisoformat(since)).isoformat()


def compact(found: dict[str, Any]) -> dict[str, Any]:
    """Without null values and empty lists: the spec prefers them left out (2.4); the
    properties it requires are set after this."""
    return {k: v for k, v in found.items() if v is not None and v != []}
