import pytest
from django.http import Http404

from thidua.core.scoping import APPROVE, MANAGE_UNITS, VOTE, get_for_user, has_perm
from thidua.orgs.models import Person, Unit


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
    assert has_perm(users.council_member, VOTE, tree.BT.path)
    assert not has_perm(users.council_member, MANAGE_UNITS, tree.BT.path)
    assert not has_perm(users.outsider, MANAGE_UNITS, tree.MAY.path)


def test_user_without_roles_sees_nothing(db, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert Unit.objects.visible_to(nobody).count() == 0
