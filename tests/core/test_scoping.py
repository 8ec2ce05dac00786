import pytest
from django.http import Http404

from thidua.core.scoping import get_for_user, has_perm, scope_q, scope_roots, sees_everything
from thidua.orgs.models import Person, Unit
from thidua.orgs.permissions import EXPORT, MANAGE_UNITS
from thidua.plans.permissions import APPROVE, SUBMIT


def test_role_covers_the_whole_subtree(tree, users):
    visible = set(Unit.objects.visible_to(users.district_leader).values_list("code", flat=True))
    assert visible == {"CT", "MAY", "THPT"}


def test_outsider_sees_only_their_branch(tree, users):
    assert set(Unit.objects.visible_to(users.outsider).values_list("code", flat=True)) == {"TV", "LD", "GIAY"}
    assert list(Person.objects.visible_to(users.outsider).values_list("full_name", flat=True)) == [
        "Phạm Văn Bình"
    ]


def test_get_for_user_answers_404_outside_scope(tree, users):
    assert get_for_user(Unit, users.grassroots_officer, code="MAY").code == "MAY"
    with pytest.raises(Http404):
        get_for_user(Unit, users.grassroots_officer, code="DUA")


def test_system_administrator_sees_everything(tree, users):
    assert Unit.objects.visible_to(users.admin).count() == Unit.objects.count()


def test_permissions_follow_the_role_map(tree, users):
    assert has_perm(users.province_leader, APPROVE, tree.MAY.path)
    assert not has_perm(users.province_officer, APPROVE, tree.MAY.path)
    assert has_perm(users.province_officer, MANAGE_UNITS, tree.MAY.path)
    assert has_perm(users.council_member, EXPORT, tree.BT.path)
    assert not has_perm(users.council_member, SUBMIT, tree.BT.path)
    assert not has_perm(users.council_member, MANAGE_UNITS, tree.BT.path)
    assert not has_perm(users.outsider, MANAGE_UNITS, tree.MAY.path)


def test_user_without_roles_sees_nothing(db, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert Unit.objects.visible_to(nobody).count() == 0


def test_successor_of_a_merger_inherits_the_merged_units_records(tree, users):
    import datetime

    from django.contrib.auth import get_user_model

    from thidua.core.scoping import forget_scope
    from thidua.orgs import actions

    actions.merge_units([tree.BT], tree.TV, by=users.admin, effective_on=datetime.date(2025, 7, 1))
    forget_scope(users.outsider)
    outsider = get_user_model().objects.get(pk=users.outsider.pk)
    visible = set(Unit.objects.visible_to(outsider).values_list("code", flat=True))
    assert {"BT", "CT", "MAY", "TPBT", "DUA", "TV", "LD", "GIAY"} <= visible
    assert has_perm(outsider, MANAGE_UNITS, Unit.objects.get(code="BT").path)


def test_merger_elsewhere_grants_nothing(tree, users):
    import datetime

    from thidua.orgs import actions

    actions.merge_units([tree.THPT], tree.MAY, by=users.admin, effective_on=datetime.date(2025, 7, 1))
    assert set(Unit.objects.visible_to(users.outsider).values_list("code", flat=True)) == {"TV", "LD", "GIAY"}


def test_a_successors_own_unit_comes_before_the_units_it_inherited(tree, users):
    import datetime

    from django.contrib.auth import get_user_model

    from thidua.orgs import actions, queries

    actions.merge_units([tree.BT], tree.TV, by=users.admin, effective_on=datetime.date(2025, 7, 1))
    outsider = get_user_model().objects.get(pk=users.outsider.pk)
    assert [u.code for u in queries.root_units_for(outsider)] == ["TV", "BT"]


# --- the helpers for what a queryset method cannot say -----------------------------------------------------------


def test_sees_everything_only_for_the_system_administrator(tree, users):
    assert sees_everything(users.admin)
    assert not sees_everything(users.province_leader)
    assert not sees_everything(None)


def test_scope_roots_are_the_minimal_subtrees_where_the_user_holds_the_permission(tree, users):
    assert scope_roots(users.admin) is None
    assert scope_roots(users.district_leader) == [tree.CT.path]
    assert scope_roots(users.council_member) == [tree.BT.path]
    assert scope_roots(users.council_member, MANAGE_UNITS) == []
    assert scope_roots(users.province_officer, MANAGE_UNITS) == [tree.BT.path]
    assert scope_roots(None) == []


def test_scope_q_filters_any_path_field_like_visible_to(tree, users):
    people = Person.objects.filter(scope_q(users.district_leader, "unit__path"))
    assert sorted(people.values_list("full_name", flat=True)) == sorted(
        Person.objects.visible_to(users.district_leader).values_list("full_name", flat=True)
    )
    assert set(people.values_list("unit__code", flat=True)) == {"MAY", "THPT"}
    assert Unit.objects.filter(scope_q(users.council_member, "path", MANAGE_UNITS)).count() == 0
    assert Unit.objects.filter(scope_q(users.admin, "path", MANAGE_UNITS)).count() == Unit.objects.count()


def test_core_scoping_names_no_domain_permission():
    from thidua.core import scoping

    for name in ("MANAGE_UNITS", "MANAGE_PEOPLE", "MANAGE_ACCOUNTS", "SUBMIT", "APPROVE", "VOTE", "EXPORT"):
        assert not hasattr(scoping, name)
    assert not hasattr(scoping, "scope_of") and not hasattr(scoping, "paths_with_perm")
