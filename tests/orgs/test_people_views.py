"""A person's page: facts with personal data masked unless allowed, membership history, audit trail, scope."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.orgs import actions
from thidua.orgs.models import Unit


def detail(person):
    return reverse("orgs:person-detail", kwargs={"pk": person.pk})


@pytest.fixture
def viewer(tree):
    """A viewer of the Bến Tre federation: may see its people, may not manage them."""
    user = get_user_model().objects.create_user(username="province_viewer", password="x")
    actions.grant_role(user, tree.BT, "viewer", by=None)
    return user


# --- scope ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "username", ["admin", "province_officer", "province_leader", "district_leader", "grassroots_officer",
                 "council_member"]
)  # fmt: skip
def test_person_page_is_shown_to_everyone_whose_scope_covers_the_union(client_for, users, people, username):
    response = client_for(getattr(users, username)).get(detail(people.tran_hao))
    assert response.status_code == 200
    assert response.context["person"] == people.tran_hao


def test_person_page_is_not_found_outside_the_scope(client_for, users, people):
    assert client_for(users.outsider).get(detail(people.tran_hao)).status_code == 404
    assert client_for(users.grassroots_officer).get(detail(people.vo_hong)).status_code == 404


def test_person_page_of_a_missing_person_is_not_found(client_for, users):
    assert (
        client_for(users.admin).get(reverse("orgs:person-detail", kwargs={"pk": 999999})).status_code == 404
    )


def test_person_page_requires_login(client, people):
    assert client.get(detail(people.tran_hao)).status_code == 302


# --- personal data --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", "province_officer", "district_leader", "grassroots_officer"])
def test_those_who_manage_the_union_see_national_id_and_birth_date_in_full(
    client_for, users, people, username
):
    response = client_for(getattr(users, username)).get(detail(people.tran_hao))
    assert response.context["show_personal_data"] is True
    assert "083080000001" in response.text
    assert "01/05/1980" in response.text
    assert "•••••••••001" not in response.text


def test_council_member_sees_national_id_masked_and_only_the_birth_year(client_for, users, people):
    response = client_for(users.council_member).get(detail(people.tran_hao))
    assert response.context["show_personal_data"] is False
    assert "•••••••••001" in response.text
    assert "083080000001" not in response.text
    assert "01/05/1980" not in response.text
    assert '<dd class="col-7" data-testid="birth">1980</dd>' in response.text


def test_viewer_sees_personal_data_masked(client_for, viewer, people):
    response = client_for(viewer).get(detail(people.nguyen_dao))
    assert "•••••••••002" in response.text
    assert "083192000002" not in response.text
    assert "08/03/1992" not in response.text


def test_audit_trail_masks_personal_data_for_those_without_the_right(client_for, users, people):
    actions.update_person(
        people.tran_hao,
        by=users.grassroots_officer,
        national_id="083080000777",
        birth_date=datetime.date(1980, 6, 2),
    )
    masked = client_for(users.council_member).get(detail(people.tran_hao))
    assert "083080000001" not in masked.text
    assert "083080000777" not in masked.text
    assert "•••••••••777" in masked.text
    assert "02/06/1980" not in masked.text
    assert "01/05/1980" not in masked.text
    full = client_for(users.province_officer).get(detail(people.tran_hao))
    assert "083080000001" in full.text
    assert "083080000777" in full.text
    assert "02/06/1980" in full.text


def test_list_shows_the_birth_year_under_nam_sinh_to_everyone(client_for, users):
    # The column is "Năm sinh": the year only; the full date is on the person's page for those allowed.
    for user in (users.grassroots_officer, users.council_member):
        response = client_for(user).get(reverse("orgs:person-list"), {"q": "hao"})
        assert "01/05/1980" not in response.text
        assert ">1980<" in response.text


def test_list_masks_row_by_row_for_a_user_with_mixed_rights(client_for, users, tree, people):
    """An officer of Mây and a viewer of the whole Bến Tre federation: full dates for Mây's people only."""
    actions.grant_role(users.grassroots_officer, tree.BT, "viewer", by=None)
    response = client_for(users.grassroots_officer).get(reverse("orgs:person-list"))
    shown = {p.full_name: p.show_personal_data for p in response.context["rows"]}
    assert shown == {
        "Nguyễn Thị Đào": True,
        "Lê Văn Đức": True,
        "Trần Trung Hào": True,
        "Võ Thị Hồng": False,
        "Huỳnh Thị Mai": False,
    }
    assert "15/01/1990" not in response.text
    assert "20/11/1988" not in response.text  # the list shows years only


# --- history --------------------------------------------------------------------------------------------------


def test_person_page_shows_the_membership_history_across_transfers(client_for, users, tree, people):
    actions.transfer_person(
        people.tran_hao,
        tree.DUA,
        by=users.province_officer,
        on=datetime.date(2022, 3, 1),
        position="committee",
    )
    response = client_for(users.province_officer).get(detail(people.tran_hao))
    history = [(m.unit.code, m.joined_on, m.left_on, m.position) for m in response.context["memberships"]]
    assert history == [
        ("DUA", datetime.date(2022, 3, 1), None, "committee"),
        ("MAY", datetime.date(2016, 1, 1), datetime.date(2022, 3, 1), "member"),
    ]
    assert "Ủy viên Ban Chấp hành" in response.text
    assert "Chuyển sinh hoạt" in response.text
    assert "01/03/2022" in response.text


def test_unit_of_an_earlier_membership_outside_the_scope_is_named_but_not_linked(
    client_for, users, tree, people
):
    actions.transfer_person(people.tran_hao, tree.GIAY, by=users.admin, on=datetime.date(2023, 1, 1))
    response = client_for(users.outsider).get(detail(people.tran_hao))
    assert response.status_code == 200
    assert "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre" in response.text
    assert reverse("orgs:unit-detail", kwargs={"pk": tree.MAY.pk}) not in response.text
    assert reverse("orgs:unit-detail", kwargs={"pk": tree.GIAY.pk}) in response.text


def test_audit_trail_names_who_changed_what(client_for, users, people):
    actions.update_person(people.tran_hao, by=users.grassroots_officer, phone="0912345678",
                          membership={"position": "chair"})  # fmt: skip
    response = client_for(users.province_officer).get(detail(people.tran_hao))
    latest = response.context["history"][0]
    assert latest["event"].actor == users.grassroots_officer
    assert latest["changes"] == [
        {"label": "Điện thoại", "before": "—", "after": "0912345678"},
        {"label": "Chức vụ công đoàn", "before": "Đoàn viên", "after": "Chủ tịch công đoàn"},
    ]
    assert "grassroots_officer" in response.text


def test_audit_trail_shows_the_union_names_of_a_transfer(client_for, users, tree, people):
    actions.transfer_person(
        people.tran_hao, tree.DUA, by=users.province_officer, on=datetime.date(2022, 3, 1)
    )
    response = client_for(users.province_officer).get(detail(people.tran_hao))
    assert response.context["history"][0]["changes"] == [
        {
            "label": "Công đoàn cơ sở",
            "before": "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
            "after": "Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre",
        }
    ]


def test_person_page_runs_a_fixed_number_of_queries(
    client_for, users, tree, people, django_assert_num_queries
):
    client = client_for(users.province_officer)
    client.get(detail(people.tran_hao))
    # session, user, person with union, scope, memberships, audit events, union names in the audit, the bell's count
    # of unread notices, the research topics the person led or worked on (their panel), the initiatives the person
    # authored (theirs), the emulation registration panel's entries, the rewards panel's records
    with django_assert_num_queries(13):
        client.get(detail(people.tran_hao))
    for day, unit in [(datetime.date(2020, 1, 1), tree.DUA), (datetime.date(2021, 1, 1), tree.THPT),
                      (datetime.date(2022, 1, 1), tree.MAY)]:  # fmt: skip
        actions.transfer_person(people.tran_hao, unit, by=users.province_officer, on=day)
    with django_assert_num_queries(13):
        response = client.get(detail(people.tran_hao))
    assert len(response.context["memberships"]) == 4
    # registered for titles (the registration panel then asks the rewards what became of them: one query more,
    # whatever the number of registrations and awards)
    from tests.registrations.builders import award, submitted_registration
    from tests.rewards.builders import issued, person_line, register
    from thidua.registrations import actions as registration_actions

    submitted_registration(tree.MAY, [people.tran_hao])
    client.get(detail(people.tran_hao))
    with django_assert_num_queries(14):
        client.get(detail(people.tran_hao))
    for year in (2018, 2019, 2020):
        registration = registration_actions.open_registration(tree.MAY, by=None, year=year,
                                                              today=datetime.date(year, 1, 10))  # fmt: skip
        registration_actions.save_registration(registration, by=None, targets=[], people=[
            {"person": people.tran_hao, "award": award("lao-dong-tien-tien")}])  # fmt: skip
        issued(register(tree.BT, mode="external", year=year), [person_line(people.tran_hao, year=year)],
               number=45, decided_on=datetime.date(year, 12, 20))  # fmt: skip
    with django_assert_num_queries(14):
        response = client.get(detail(people.tran_hao))
    assert response.content.decode().count("Đã được tặng theo Quyết định số") == 3


# --- what the page offers -------------------------------------------------------------------------------------


def test_those_who_manage_people_get_the_action_buttons(client_for, users, people):
    response = client_for(users.grassroots_officer).get(detail(people.tran_hao))
    assert response.context["can_manage"] is True
    for name in ("person-update", "person-transfer", "person-end-membership", "person-archive"):
        assert reverse(f"orgs:{name}", kwargs={"pk": people.tran_hao.pk}) in response.text


def test_council_member_gets_no_action_buttons(client_for, users, people):
    response = client_for(users.council_member).get(detail(people.tran_hao))
    assert response.context["can_manage"] is False
    assert 'data-testid="person-actions"' not in response.text


def test_archived_person_page_says_so_and_offers_restore(client_for, users, people):
    actions.archive_person(people.tran_hao, by=users.grassroots_officer, note="Nhập trùng")
    response = client_for(users.grassroots_officer).get(detail(people.tran_hao))
    assert "Hồ sơ đã lưu trữ" in response.text
    assert reverse("orgs:person-restore", kwargs={"pk": people.tran_hao.pk}) in response.text
    assert reverse("orgs:person-update", kwargs={"pk": people.tran_hao.pk}) not in response.text


def test_person_who_left_shows_the_last_union(client_for, users, people):
    actions.end_membership(people.huynh_mai, by=users.district_leader, on=datetime.date(2024, 6, 30),
                           reason="retired")  # fmt: skip
    response = client_for(users.district_leader).get(detail(people.huynh_mai))
    assert response.context["current"] is None
    assert "Hiện không sinh hoạt tại công đoàn cơ sở nào." in response.text
    assert "Nghỉ hưu" in response.text
    assert Unit.objects.get(code="THPT").member_count == 0
