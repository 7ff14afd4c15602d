"""Feeds for other programs: the meetings calendar (iCalendar)."""
