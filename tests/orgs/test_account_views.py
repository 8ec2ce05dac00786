"""The roles page of a unit: listing, granting (existing or new account) and revoking, for account managers only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.core.models import AuditEvent
from thidua.orgs import actions
from thidua.orgs.models import RoleAssignment

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def listed(response) -> list[str]:
    return re.findall(r'data-username="([^"]+)"', response.content.decode())


@pytest.fixture
def bt_admin(tree, django_user_model):
    """A system administrator of the Bến Tre federation only (not of the whole tree: no superuser)."""
    user = django_user_model.objects.create_user("bt_admin", password="x", first_name="Lê Thị Quản Trị")
    actions.grant_role(user, tree.BT, RoleAssignment.Role.ADMIN, by=None)
    assert not user.is_superuser
    return user


def test_roles_page_lists_the_accounts_with_a_role_on_the_unit(client_for, bt_admin, tree):
    response = client_for(bt_admin).get(reverse("orgs:unit-roles", args=[tree.BT.pk]))
    assert response.status_code == 200
    assert listed(response) == ["bt_admin", "province_leader", "province_officer", "council_member"]
    assert "Lê Thị Quản Trị bt_admin Quản trị hệ thống" in text(response)


def test_roles_page_of_a_unit_below_is_open_to_its_administrator(client_for, bt_admin, tree):
    response = client_for(bt_admin).get(reverse("orgs:unit-roles", args=[tree.MAY.pk]))
    assert listed(response) == ["grassroots_officer"]


@pytest.mark.parametrize("user", ["province_officer", "province_leader", "council_member", "district_leader"])
def test_roles_page_is_forbidden_to_those_who_do_not_manage_accounts(client_for, users, tree, user):
    unit = tree.CT
    assert client_for(getattr(users, user)).get(reverse("orgs:unit-roles", args=[unit.pk])).status_code == 403


def test_roles_page_of_another_branch_answers_404(client_for, bt_admin, users, tree):
    assert client_for(bt_admin).get(reverse("orgs:unit-roles", args=[tree.TV.pk])).status_code == 404
    assert client_for(users.outsider).get(reverse("orgs:unit-roles", args=[tree.BT.pk])).status_code == 404


def test_grant_a_role_to_an_existing_account(client_for, bt_admin, users, tree):
    response = client_for(bt_admin).post(
        reverse("orgs:unit-roles", args=[tree.CT.pk]),
        {"role": "viewer", "account": "existing", "username": "Grassroots_Officer"},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=users.grassroots_officer, unit=tree.CT)
    assert assignment.role == "viewer"
    event = AuditEvent.objects.get(action="grant", object_id=str(assignment.pk))
    assert event.actor == bt_admin
    followed = client_for(bt_admin).get(response.url)
    assert (
        "Đã cấp vai trò “Xem” trên “Liên đoàn Lao động huyện Châu Thành” cho tài khoản “grassroots_officer”."
        in text(followed)
    )


def test_grant_a_role_to_a_new_account(client_for, bt_admin, tree):
    response = client_for(bt_admin).post(
        reverse("orgs:unit-roles", args=[tree.DUA.pk]),
        {"role": "officer", "account": "new", "username": "dua.canbo", "full_name": "Phan Văn Tâm",
         "email": "tam@duabentre.vn", "password": "Xanh-la-cay#2025"},
    )  # fmt: skip
    assert response.status_code == 302
    user = get_user_model().objects.get(username="dua.canbo")
    assert (user.first_name, user.email, user.is_superuser) == ("Phan Văn Tâm", "tam@duabentre.vn", False)
    assert user.check_password("Xanh-la-cay#2025")
    assert list(user.roles.values_list("unit__code", "role")) == [("DUA", "officer")]
    assert history_of(user).get(action="create").changes == {
        "email": [None, "tam@duabentre.vn"], "full_name": [None, "Phan Văn Tâm"], "username": [None, "dua.canbo"],
    }  # fmt: skip


def test_new_account_errors_are_in_vietnamese_and_nothing_is_created(client_for, bt_admin, tree):
    response = client_for(bt_admin).post(
        reverse("orgs:unit-roles", args=[tree.DUA.pk]),
        {"role": "officer", "account": "new", "username": "province_officer", "password": "12345678"},
    )
    errors = response.context["form"].errors
    assert errors["username"] == ["Tên đăng nhập “province_officer” đã có người dùng."]
    assert errors["full_name"] == ["Chưa nhập “Họ và tên” của người dùng mới."]
    assert errors["password"] == ["Mật khẩu quá phổ biến, dễ bị đoán.", "Mật khẩu không được chỉ gồm chữ số."]
    response = client_for(bt_admin).post(
        reverse("orgs:unit-roles", args=[tree.DUA.pk]),
        {"role": "", "account": "new", "username": "có dấu", "full_name": "A B", "password": "ngan"},
    )
    errors = response.context["form"].errors
    assert errors["role"] == ["Chưa chọn “Vai trò”."]
    assert errors["username"] == ["Tên đăng nhập gồm 3–150 ký tự: chữ không dấu, số và các dấu . _ -."]
    assert errors["password"] == ["Mật khẩu quá ngắn: cần ít nhất 8 ký tự."]
    assert get_user_model().objects.filter(username="có dấu").count() == 0


def test_granting_to_an_unknown_account_or_twice_is_refused(client_for, bt_admin, users, tree):
    client = client_for(bt_admin)
    url = reverse("orgs:unit-roles", args=[tree.BT.pk])
    response = client.post(url, {"role": "viewer", "account": "existing", "username": "khong-co"})
    assert response.context["form"].errors["username"] == [
        "Không có tài khoản đang hoạt động nào tên “khong-co”."
    ]
    response = client.post(url, {"role": "officer", "account": "existing", "username": "province_officer"})
    assert response.context["form"].errors["role"] == [
        "Tài khoản “province_officer” đã có vai trò này trên đơn vị."
    ]
    assert RoleAssignment.objects.filter(user=users.province_officer).count() == 1


def test_revoke_a_role(client_for, bt_admin, users, tree):
    assignment = RoleAssignment.objects.get(user=users.council_member, unit=tree.BT)
    response = client_for(bt_admin).post(reverse("orgs:role-revoke", args=[assignment.pk]))
    assert response.status_code == 302 and response.url == reverse("orgs:unit-roles", args=[tree.BT.pk])
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    record = AuditEvent.objects.get(action="revoke", object_id=str(assignment.pk))
    assert record.actor == bt_admin
    assert record.changes == {  # everything the assignment was, nothing after
        "id": [assignment.pk, None],
        "user_id": [users.council_member.pk, None],
        "user": ["council_member", None],
        "unit_id": [tree.BT.pk, None],
        "unit": [tree.BT.name, None],
        "role": ["council", None],
        "created_at": [assignment.created_at.isoformat(), None],
    }


def test_revoking_ones_own_role_is_refused(client_for, bt_admin, tree):
    own = RoleAssignment.objects.get(user=bt_admin)
    response = client_for(bt_admin).post(reverse("orgs:role-revoke", args=[own.pk]), follow=True)
    assert "Bạn không thể tự thu hồi vai trò của chính mình" in text(response)
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_revoke_is_forbidden_to_an_officer_and_hidden_from_another_branch(client_for, users, tree):
    assignment = RoleAssignment.objects.get(user=users.grassroots_officer, unit=tree.MAY)
    assert (
        client_for(users.province_officer).post(reverse("orgs:role-revoke", args=[assignment.pk])).status_code
        == 403
    )
    assert (
        client_for(users.outsider).post(reverse("orgs:role-revoke", args=[assignment.pk])).status_code == 404
    )
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_revoke_only_by_post(client_for, bt_admin, users, tree):
    assignment = RoleAssignment.objects.get(user=users.grassroots_officer, unit=tree.MAY)
    assert client_for(bt_admin).get(reverse("orgs:role-revoke", args=[assignment.pk])).status_code == 405
