"""The permission registry: apps declare their permissions and the roles that hold them; core names none."""

import pytest

from thidua.core import permissions as registry
from thidua.core.scoping import has_perm
from thidua.orgs.permissions import EXPORT, MANAGE_ACCOUNTS, MANAGE_PEOPLE, MANAGE_UNITS
from thidua.plans.permissions import APPROVE, SUBMIT
from thidua.registrations.permissions.emulation import ACKNOWLEDGE
from thidua.reports.permissions import APPROVE_REPORTS


@pytest.fixture
def scratch_registry(monkeypatch):
    """A registry of its own, so a declaration in a test does not leak into the others."""
    fresh = registry._Registry(grants={registry.VIEW: set()}, owners={registry.VIEW: {"core"}})
    monkeypatch.setattr(registry, "_registry", fresh)
    return fresh


def test_each_role_holds_what_the_apps_declared_for_it():
    assert registry.permissions_of("leader") == {"view", MANAGE_UNITS, MANAGE_PEOPLE, EXPORT, SUBMIT, APPROVE,
                                                 "mark_notices_read", ACKNOWLEDGE, "manage_enterprises",
                                                 "assign_area_officers", "supervise", APPROVE_REPORTS, "reward",
                                                 "manage_councils", "handle_proposals", "decide_rewards",
                                                 "certificate", "sign_decisions", "manage_exemplars"}  # fmt: skip
    assert registry.permissions_of("officer") == {"view", MANAGE_UNITS, MANAGE_PEOPLE, EXPORT, SUBMIT,
                                                  "mark_notices_read", ACKNOWLEDGE, "manage_enterprises",
                                                  "supervise", APPROVE_REPORTS, "reward", "manage_councils",
                                                  "handle_proposals", "certificate", "certificate_layout",
                                                  "manage_exemplars"}  # fmt: skip
    assert registry.permissions_of("council") == {"view", EXPORT}
    assert registry.permissions_of("viewer") == {"view", EXPORT}


def test_the_system_administrator_role_holds_every_permission():
    assert registry.permissions_of("admin") == registry.all_permissions()
    assert MANAGE_ACCOUNTS in registry.permissions_of("admin")
    assert MANAGE_ACCOUNTS not in registry.permissions_of("leader")


def test_each_app_declares_its_own_permissions():
    assert registry.declared_by(MANAGE_UNITS) == {"orgs"}
    assert {"plans", "registrations", "reports"} <= registry.declared_by(
        SUBMIT
    )  # and each later app that submits
    assert registry.declared_by("mark_notices_read") == {"notices"}
    assert registry.roles_holding(APPROVE) == {"admin", "leader"}


def test_a_permission_declared_by_two_apps_adds_up_their_roles(scratch_registry):
    registry.declare_role("officer")
    registry.declare_role("council")
    registry.declare_permission("submit", roles=["officer"], app="plans")
    registry.declare_permission("submit", roles=["council"], app="reporting")
    assert registry.roles_holding("submit") == {"officer", "council"}
    assert registry.declared_by("submit") == {"plans", "reporting"}


def test_a_role_holding_everything_gets_permissions_declared_after_it(scratch_registry):
    registry.declare_role("admin", everything=True)
    registry.declare_role("viewer")
    registry.declare_permission("vote", roles=[], app="rewards")
    assert "vote" in registry.permissions_of("admin")
    assert registry.permissions_of("viewer") == {"view"}


def test_an_undeclared_role_holds_nothing(scratch_registry):
    assert registry.permissions_of("stranger") == frozenset()


def test_has_perm_without_a_unit_asks_whether_the_user_holds_it_anywhere(users):
    assert has_perm(users.grassroots_officer, MANAGE_PEOPLE)
    assert not has_perm(users.council_member, MANAGE_PEOPLE)
    assert has_perm(users.council_member, EXPORT)
