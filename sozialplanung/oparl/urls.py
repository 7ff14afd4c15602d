"""The canonical URL of every OParl object and list: absolute, under the public address,
keyed by aggregate UUIDs (and a position where an object lives inside an aggregate), so it
never changes. Each object's ``id`` is the URL it is served under (spec 2.3)."""

from __future__ import annotations

from urllib.parse import quote

PREFIX = "/oparl/v1.1"  # the System object; every OParl path begins with it
BODY = "1"  # the one Body, the city: a setting, not an aggregate

# The Body's external lists: OParl's property → the path under the Body.
BODY_LISTS = {
    "organization": "organizations",
    "person": "persons",
    "meeting": "meetings",
    "paper": "papers",
    "agendaItem": "agenda-items",
    "consultation": "consultations",
    "file": "files",
    "locationList": "locations",
    "legislativeTermList": "legislative-terms",
    "membership": "memberships",
    "sozialplanung:measureList": "measures",
    "sozialplanung:cycleList": "cycles",
}
# An Organization's external lists (only Gremien hold meetings and consultations).
ORGANIZATION_LISTS = {"meeting": "meetings", "consultation": "consultations"}


class Urls:
    def __init__(self, public_base: str):
        self.base = public_base
        self.api = public_base + PREFIX

    @property
    def system(self) -> str:
        return self.api

    @property
    def bodies(self) -> str:
        return f"{self.api}/bodies"

    @property
    def body(self) -> str:
        return f"{self.api}/body/{BODY}"

    @property
    def web(self) -> str:
        """The landing page: what a browser shows of the service."""
        return f"{self.base}/"

    def body_list(self, name: str) -> str:
        return f"{self.body}/{BODY_LISTS[name]}"

    def organization(self, key: str) -> str:
        return f"{self.api}/organization/{key}"

    def organization_list(self, key: str, name: str) -> str:
        return f"{self.organization(key)}/{ORGANIZATION_LISTS[name]}"

    def person(self, key: str) -> str:
        return f"{self.api}/person/{key}"

    def membership(self, body: str, seq: int) -> str:
        return f"{self.api}/membership/{body}/{seq}"

    def meeting(self, key: str) -> str:
        return f"{self.api}/meeting/{key}"

    def agenda_item(self, meeting: str, seq: int) -> str:
        return f"{self.api}/agenda-item/{meeting}/{seq}"

    def location(self, meeting: str) -> str:
        return f"{self.api}/location/{meeting}"

    def paper(self, key: str) -> str:
        return f"{self.api}/paper/{key}"

    def consultation(self, key: str) -> str:
        return f"{self.api}/consultation/{key}"

    def file(self, paper: str, seq: int) -> str:
        return f"{self.api}/file/{paper}/{seq}"

    def file_access(self, paper: str, seq: int) -> str:
        return f"{self.file(paper, seq)}/access"

    def measure(self, key: str) -> str:
        return f"{self.api}/measure/{key}"

    def cycle(self, key: str) -> str:
        return f"{self.api}/cycle/{key}"

    def absolute(self, path: str, query: str = "") -> str:
        """A path of this service as a client must ask for it (redirects, list links)."""
        return self.base + quote(path, safe="/:@-._~!$&'()*+,;=") + (f"?{query}" if query else "")
