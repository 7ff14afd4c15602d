"""The rights table as rules: role × relation × command, and the keys that belong to the
city or to one department (domain/rights.py; no I/O)."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest

from sozialplanung.domain.rights import (
    RULES,
    Forbidden,
    Principal,
    Relation,
    Role,
    Unauthenticated,
    reference_code,
    require,
    require_city_wide_by_admin,
    require_may_send,
    require_may_submit,
    rights_matrix,
)

ORG = uuid4()
ADMIN = Principal("admin", Role.ADMIN)
COORDINATOR = Principal("fb50", Role.COORDINATOR, ORG)
MEMBER = Principal("caritas", Role.MEMBER, ORG)
ANALYST = Principal("statistik", Role.ANALYST)
PUBLIC = Principal("anonymous", Role.PUBLIC)


@pytest.mark.parametrize(
    ("principal", "command", "relation", "allowed"),
    [
        (ADMIN, "erasePerson", Relation.NONE, True),
        (ADMIN, "decideMeasure", Relation.NONE, True),
        (COORDINATOR, "decideMeasure", Relation.LEADS, True),
        (COORDINATOR, "decideMeasure", Relation.LEADS_ABOVE, True),
        (COORDINATOR, "decideMeasure", Relation.MEMBER, False),
        (COORDINATOR, "decideMeasure", Relation.NONE, False),
        (COORDINATOR, "openCycle", Relation.LEADS, True),
        (COORDINATOR, "openCycle", Relation.LEADS_ABOVE, False),
        (COORDINATOR, "settlePaper", Relation.LEADS, True),
        (COORDINATOR, "registerOrganization", Relation.NONE, True),
        (COORDINATOR, "erasePerson", Relation.LEADS, False),
        (COORDINATOR, "redactEvent", Relation.LEADS, False),
        (MEMBER, "reportProgress", Relation.MEMBER, True),
        (MEMBER, "evaluateMeasure", Relation.MEMBER, True),
        (MEMBER, "evaluateMeasure", Relation.NONE, False),
        (MEMBER, "decideMeasure", Relation.LEADS, False),
        (MEMBER, "proposeMeasure", Relation.LEADS_ABOVE, False),
    ],
)
def test_each_role_is_judged_by_its_relation_to_the_aggregate(
    principal: Principal, command: str, relation: Relation, allowed: bool
) -> None:
    if allowed:
        require(principal, command, relation, "it")
    else:
        with pytest.raises(Forbidden):
            require(principal, command, relation, "it")


@pytest.mark.parametrize("command", sorted(RULES))
def test_readers_never_write(command: str) -> None:
    with pytest.raises(Unauthenticated):
        require(PUBLIC, command, Relation.LEADS, "it")
    with pytest.raises(Forbidden):
        require(ANALYST, command, Relation.LEADS, "it")


def test_a_token_without_an_organisation_leads_nothing() -> None:
    alone = Principal("ohne", Role.COORDINATOR)
    with pytest.raises(Forbidden, match="leads nothing"):
        require_may_send(alone, "decideMeasure")
    require_may_send(alone, "registerOrganization")


def test_a_command_without_a_rule_is_a_defect_not_a_refusal() -> None:
    with pytest.raises(LookupError):
        require(ADMIN, "deleteEverything", Relation.NONE, "it")


@pytest.mark.parametrize("kind", ["SOCIAL_CONFERENCE", "COMMITTEE", "COUNCIL"])
def test_city_wide_bodies_are_the_administrators(kind: str) -> None:
    require_city_wide_by_admin(ADMIN, "establishBody", kind)
    with pytest.raises(Forbidden, match="whole city"):
        require_city_wide_by_admin(COORDINATOR, "establishBody", kind)
    require_city_wide_by_admin(COORDINATOR, "establishBody", "STEERING_GROUP")


@pytest.mark.parametrize(
    ("reference", "code"),
    [
        ("FB 50/0098/WP16", "fb 50"),
        ("fb  50/0098/WP16", "fb 50"),
        ("Dez. III/12/2015", "dez. iii"),
        ("105/16", None),
        ("0098", None),
    ],
)
def test_a_reference_names_its_organisation_before_the_first_slash(
    reference: str, code: str | None
) -> None:
    assert reference_code(reference) == code


@pytest.mark.parametrize(
    ("reference", "lead", "short_name", "allowed"),
    [
        ("FB 50/0900/WP17", ORG, "FB 50", True),
        ("fb 50/0900/WP17", ORG, "FB 50", True),
        ("FB 20/0900/WP17", ORG, "FB 50", False),  # another department's namespace
        ("FB 50/0900/WP17", uuid4(), "FB 50", False),  # led by another organisation
        ("FB 50/0900/WP17", None, "FB 50", False),  # led by nobody
        ("105/17", ORG, "FB 50", False),  # a motion number: the council office's
        ("FB 50/0900/WP17", ORG, None, False),  # an organisation without a code
    ],
)
def test_a_department_submits_papers_in_its_own_namespace_only(
    reference: str, lead: object, short_name: str | None, allowed: bool
) -> None:
    if allowed:
        require_may_submit(COORDINATOR, reference, lead, short_name)  # type: ignore[arg-type]
    else:
        with pytest.raises(Forbidden):
            require_may_submit(COORDINATOR, reference, lead, short_name)  # type: ignore[arg-type]
    require_may_submit(ADMIN, reference, None, None)


def test_the_readme_shows_the_rights_matrix_of_the_code() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "\n".join(rights_matrix()) in readme, "paste `sozialplanung rights` into the README"
