"""Gremien with their Mitgliedschaften: who is a member on which business date, who leads."""

from __future__ import annotations

from typing import Any

from ..domain.body import Body
from .database import Row
from .paging import Page, keyset_page
from .view import Child, View, day, handles, ident, moment

COLUMNS = {
    "id": "TEXT",
    "name": "TEXT NOT NULL",
    "kind": "TEXT NOT NULL",
    "topic": "TEXT",
    "lead_id": "TEXT",
    "parent_id": "TEXT",
    "cadence": "TEXT",  # JSON: {description, min_per_year, max_per_year, every_months, …}
    "established_on": "TEXT NOT NULL",
    "dissolved_on": "TEXT",
    "notices": "INTEGER NOT NULL",
    "memberships": "TEXT NOT NULL",  # JSON: [{member_id, member_type, role, on_behalf_of_id,
    #                                            since, until, created_at, modified_at}]
    "version": "INTEGER NOT NULL",
    "created_at": "TEXT NOT NULL",
    "modified_at": "TEXT NOT NULL",
}
MEMBERSHIP_COLUMNS = {
    "body_id": "TEXT NOT NULL",
    "seq": "INTEGER NOT NULL",
    "member_id": "TEXT NOT NULL",
    "member_type": "TEXT NOT NULL",
    "role": "TEXT NOT NULL",
    "on_behalf_of_id": "TEXT",
    "since": "TEXT NOT NULL",
    "until": "TEXT",
    # When the membership (this period) was recorded and last changed: OParl's created and
    # modified of a Membership, which is an object of its own there.
    "created_at": "TEXT",
    "modified_at": "TEXT",
}


def _memberships(row: Row) -> list[Row]:
    return [
        {"body_id": row["id"], "seq": seq, "created_at": None, "modified_at": None, **m}
        for seq, m in enumerate(row["memberships"])
    ]


def members_on(row: Row, on: str) -> list[Row]:
    """The memberships of a body on a business date (ISO), in the order they began."""
    return [
        m
        for m in row["memberships"]
        if m["since"] <= on and (m["until"] is None or on < m["until"])
    ]


class BodiesView(View):
    aggregate = Body
    table = "bodies"
    columns = COLUMNS
    json_columns = ("cadence", "memberships")
    children = (Child("memberships", MEMBERSHIP_COLUMNS, _memberships, "body_id"),)
    indexes = ("bodies (name, id)", "bodies (kind, name, id)", "memberships (member_id)")

    @handles(Body.BodyEstablished)
    def established(self, row: Row | None, e: Any) -> Row:
        return {
            "id": str(e.originator_id),
            "name": e.name,
            "kind": e.kind,
            "topic": e.topic,
            "lead_id": ident(e.lead_id),
            "parent_id": ident(e.parent_id),
            "cadence": e.cadence,
            "established_on": day(e.effective_on),
            "dissolved_on": None,
            "notices": 0,
            "memberships": [],
        }

    @handles(Body.LeadAssigned)
    def lead_assigned(self, row: Row, e: Any) -> Row:
        return {**row, "lead_id": str(e.lead_id)}

    @handles(Body.FocusShifted)
    def focus_shifted(self, row: Row, e: Any) -> Row:
        return {**row, "topic": e.topic}

    @handles(Body.CadenceSet)
    def cadence_set(self, row: Row, e: Any) -> Row:
        return {**row, "cadence": e.cadence}

    @handles(Body.MemberJoined)
    def member_joined(self, row: Row, e: Any) -> Row:
        stamp = moment(e.timestamp)
        joined = {
            "member_id": str(e.member_id),
            "member_type": e.member_type,
            "role": e.role,
            "on_behalf_of_id": ident(e.on_behalf_of_id),
            "since": day(e.effective_on),
            "until": None,
            "created_at": stamp,
            "modified_at": stamp,
        }
        return {**row, "memberships": [*row["memberships"], joined]}

    @handles(Body.MemberRoleChanged)
    def member_role_changed(self, row: Row, e: Any) -> Row:
        memberships = [dict(m) for m in row["memberships"]]
        on, stamp = day(e.effective_on), moment(e.timestamp)
        current = _open(memberships, str(e.member_id))
        if current is not None:
            current["modified_at"] = stamp
            if current["since"] >= on:
                current["role"] = e.role
            else:
                current["until"] = on
                memberships.append(
                    {**current, "role": e.role, "since": on, "until": None, "created_at": stamp}
                )
        return {**row, "memberships": memberships}

    @handles(Body.MemberLeft)
    def member_left(self, row: Row, e: Any) -> Row:
        memberships = [dict(m) for m in row["memberships"]]
        current = _open(memberships, str(e.member_id))
        if current is not None:
            current["until"] = day(e.effective_on)
            current["modified_at"] = moment(e.timestamp)
        return {**row, "memberships": memberships}

    @handles(Body.BodyDissolved)
    def dissolved(self, row: Row, e: Any) -> Row:
        return {**row, "dissolved_on": day(e.effective_on)}

    @handles(Body.NoticePublished)
    def notice_published(self, row: Row, e: Any) -> Row:
        return {**row, "notices": row["notices"] + 1}

    @staticmethod
    def from_aggregate(body: Body) -> Row:
        return {
            "id": str(body.id),
            "name": body.name,
            "kind": body.kind,
            "topic": body.topic,
            "lead_id": ident(body.lead_id),
            "parent_id": ident(body.parent_id),
            "cadence": body.cadence,
            "established_on": day(body.established_on),
            "dissolved_on": day(body.dissolved_on),
            "notices": body.notice_count,
            "memberships": [
                {
                    "member_id": str(m["member_id"]),
                    "member_type": m["member_type"],
                    "role": m["role"],
                    "on_behalf_of_id": ident(m["on_behalf_of_id"]),
                    "since": day(m["since"]),
                    "until": day(m["until"]),
                }
                for m in body.memberships
            ],
        }

    # Questions ---------------------------------------------------------------------------

    def page(
        self,
        *,
        kind: str | None,
        active_on: str | None,
        first: int | None,
        after: str | None,
    ) -> Page:
        where: list[str] = []
        params: list[Any] = []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if active_on:
            where.append("established_on <= ? AND (dissolved_on IS NULL OR dissolved_on > ?)")
            params += [active_on, active_on]
        return keyset_page(
            self.db, self, ["name", "id"], where=where, params=params, first=first, after=after
        )

    def active(self, on: str) -> list[Row]:
        """Every body in existence on that day, by name (the landing page's calendars)."""
        rows = self.db.query(
            "SELECT * FROM bodies WHERE established_on <= ? AND "
            "(dissolved_on IS NULL OR dissolved_on > ?) ORDER BY name, id",
            [on, on],
        )
        return self.decode_all(rows)

    def all(self) -> list[Row]:
        return self.decode_all(self.db.query("SELECT * FROM bodies ORDER BY name, id"))

    def memberships_of(self, member_id: str) -> list[Row]:
        """Where someone is or was a member, with the body's name (Auskunft, Art. 15)."""
        return self.db.query(
            "SELECT m.body_id, b.name AS body, m.role, m.since, m.until, m.on_behalf_of_id "
            "FROM memberships m JOIN bodies b ON b.id = m.body_id WHERE m.member_id = ? "
            "ORDER BY m.since, b.name",
            [member_id],
        )


def _open(memberships: list[Row], member_id: str) -> Row | None:
    for membership in memberships:
        if membership["member_id"] == member_id and membership["until"] is None:
            return membership
    return None
