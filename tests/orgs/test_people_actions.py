"""The people forms (add, edit, transfer, end membership, archive, restore): who may use them, what they check,
and what the actions they call change."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from thidua.core.audit import history_of
from thidua.orgs import actions
from thidua.orgs.models import Membership, Person, Unit

CREATE = reverse("orgs:person-create")


def url(name, person):
    return reverse(f"orgs:{name}", kwargs={"pk": person.pk})


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.fixture
def viewer(tree):
    user = get_user_model().objects.create_user(username="province_viewer", password="x")
    actions.grant_role(user, tree.BT, "viewer", by=None)
    return user


def new_person_data(unit, **overrides):
    data = {
        "unit": unit.pk,
        "full_name": "Đặng Thị Ánh Tuyết",
        "gender": "female",
        "birth_date": "12/10/1995",
        "national_id": "083195001234",
        "phone": "0912 345 678",
        "email": "tuyet@mayviettien.vn",
        "joined_on": "01/03/2021",
        "is_member": "1",
        "card_number": "BT-2021-0042",
        "position": "committee",
        "job_category": "worker",
        "is_direct_production_worker": "on",
    }
    data.update(overrides)
    return data


def errors(response):
    return {name: list(errs) for name, errs in response.context["form"].errors.items()}


# --- add ------------------------------------------------------------------------------------------------------


def test_officer_adds_a_person_with_their_membership(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(CREATE, new_person_data(tree.MAY))
    person = Person.objects.get(full_name="Đặng Thị Ánh Tuyết")
    assert response.status_code == 302
    assert response["Location"] == url("person-detail", person)
    assert (person.unit, person.gender, person.birth_date, person.national_id, person.phone, person.search_name) == (
        tree.MAY, "female", datetime.date(1995, 10, 12), "083195001234", "0912345678", "dang thi anh tuyet",
    )  # fmt: skip
    membership = person.memberships.get()
    assert (membership.unit, membership.joined_on, membership.card_number, membership.position,
            membership.job_category, membership.is_direct_production_worker, membership.is_member) == (
        tree.MAY, datetime.date(2021, 3, 1), "BT-2021-0042", "committee", "worker", True, True,
    )  # fmt: skip
    tree.MAY.refresh_from_db()
    assert (tree.MAY.member_count, tree.MAY.worker_count, tree.MAY.direct_worker_count) == (3, 4, 3)
    event = history_of(person).get()
    assert (event.action, event.actor, event.changes["card_number"]) == (
        "create", users.grassroots_officer, [None, "BT-2021-0042"],
    )  # fmt: skip


def test_add_form_offers_only_the_grassroots_unions_the_user_manages(client_for, users, tree):
    response = client_for(users.district_leader).get(CREATE)
    assert list(response.context["form"].fields["unit"].queryset) == [tree.MAY, tree.THPT]


def test_add_form_preselects_the_union_from_the_query(client_for, users, tree):
    response = client_for(users.province_officer).get(CREATE, {"unit": tree.DUA.pk})
    assert response.context["form"].initial["unit"] == tree.DUA.pk


def test_adding_to_a_union_the_user_does_not_manage_is_refused(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(CREATE, new_person_data(tree.THPT))
    assert response.status_code == 200
    assert errors(response) == {"unit": ["Chọn một công đoàn cơ sở trong danh sách bạn được quản lý."]}
    assert not Person.objects.filter(full_name="Đặng Thị Ánh Tuyết").exists()


def test_add_form_is_not_found_for_a_union_outside_the_scope(client_for, users, tree):
    assert client_for(users.outsider).get(CREATE, {"unit": tree.MAY.pk}).status_code == 404


@pytest.mark.parametrize("who", ["council_member", "viewer"])
def test_add_form_is_forbidden_to_those_who_only_see_people(client_for, users, viewer, tree, who):
    user = viewer if who == "viewer" else users.council_member
    client = client_for(user)
    response = client.get(CREATE)
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.text
    assert client.get(CREATE, {"unit": tree.MAY.pk}).status_code == 403
    assert client.post(CREATE, new_person_data(tree.MAY)).status_code == 403
    assert not Person.objects.filter(full_name="Đặng Thị Ánh Tuyết").exists()


def test_add_form_lists_missing_fields_by_name(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(CREATE, {"is_member": "1", "position": "member",
                                                                  "job_category": "worker"})  # fmt: skip
    assert errors(response) == {
        "unit": ["Chưa chọn “Công đoàn cơ sở”."],
        "full_name": ["Chưa nhập “Họ và tên”."],
        "joined_on": ["Chưa nhập “Ngày vào công đoàn cơ sở”."],
    }
    assert "Chưa lưu được: vui lòng sửa các mục sau." in response.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_id", "12345", "Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số nếu là CMND cũ)."),
        ("national_id", "08319500123A", "Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số nếu là CMND cũ)."),
        (
            "national_id",
            "083080000001",
            "Số CCCD này đã có trong hồ sơ của “Trần Trung Hào” (Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre).",
        ),
        (
            "national_id",
            "084087000009",
            "Không thể nhận số CCCD này. Nếu người lao động đang sinh hoạt ở công đoàn khác, hãy gửi đề nghị chuyển "
            "sinh hoạt về công đoàn của bạn.",
        ),
        ("birth_date", "1995-10-12", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020."),
        ("birth_date", "31/02/1995", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020."),
        ("joined_on", "tháng 3", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020."),
        ("birth_date", "01/01/1899", "Năm phải từ 1900 trở đi."),
        ("phone", "12345", "Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0, ví dụ 0912 345 678."),
        ("email", "tuyet@", "Địa chỉ thư điện tử không hợp lệ, ví dụ ten@congdoan.vn."),
        ("full_name", "Tuyết", "Nhập đầy đủ họ và tên (ít nhất hai chữ), ví dụ Trần Trung Hào."),
        ("full_name", "Đặng Thị Tuyết 2", "Họ và tên không được chứa chữ số."),
    ],
)
def test_add_form_rejects_bad_values_in_vietnamese(client_for, users, tree, field, value, message):
    response = client_for(users.grassroots_officer).post(CREATE, new_person_data(tree.MAY, **{field: value}))
    assert errors(response) == {field: [message]}
    assert Person.objects.count() == 6


def test_nine_digit_national_id_is_accepted(client_for, users, tree):
    client_for(users.grassroots_officer).post(CREATE, new_person_data(tree.MAY, national_id="083 195 001"))
    assert Person.objects.get(full_name="Đặng Thị Ánh Tuyết").national_id == "083195001"


def test_dates_in_the_future_are_refused(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        CREATE, new_person_data(tree.MAY, joined_on=tomorrow())
    )
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert errors(response) == {"joined_on": [f"Ngày không được sau ngày hôm nay ({today})."]}


def test_a_person_under_fifteen_is_refused(client_for, users, tree):
    born = timezone.localdate().replace(year=timezone.localdate().year - 14, day=1).strftime("%d/%m/%Y")
    response = client_for(users.grassroots_officer).post(CREATE, new_person_data(tree.MAY, birth_date=born))
    assert list(errors(response)) == ["birth_date"]
    assert errors(response)["birth_date"][0].startswith("Người lao động phải đủ 15 tuổi trở lên")


def test_joining_before_birth_is_refused(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        CREATE, new_person_data(tree.MAY, birth_date="12/10/1995", joined_on="01/01/1990")
    )
    assert errors(response) == {"joined_on": ["Ngày vào công đoàn cơ sở phải sau ngày sinh."]}


def test_a_non_member_has_neither_card_nor_union_office(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        CREATE, new_person_data(tree.MAY, is_member="0", card_number="BT-1", position="chair")
    )
    assert errors(response) == {
        "card_number": ["Người chưa là đoàn viên không có số thẻ đoàn viên."],
        "position": [
            "Người chưa là đoàn viên không giữ chức vụ công đoàn: chọn “Không giữ chức vụ công đoàn”."
        ],
    }


def test_a_non_member_worker_is_added_without_counting_as_member(client_for, users, tree):
    client_for(users.grassroots_officer).post(
        CREATE, new_person_data(tree.MAY, is_member="0", card_number="", position="none")
    )
    tree.MAY.refresh_from_db()
    assert (tree.MAY.member_count, tree.MAY.worker_count) == (2, 4)


# --- edit -----------------------------------------------------------------------------------------------------


def test_officer_edits_facts_and_membership_in_one_audited_change(client_for, users, tree, people):
    client = client_for(users.grassroots_officer)
    form = client.get(url("person-update", people.tran_hao)).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}}
    data.update(
        birth_date="01/05/1980", full_name="Trần  Trung   Hào", phone="0987654321", is_member="1",
        position="chair", is_direct_production_worker="",
    )  # fmt: skip
    response = client.post(url("person-update", people.tran_hao), data)
    assert response.status_code == 302
    person = Person.objects.get(pk=people.tran_hao.pk)
    membership = person.memberships.get(left_on__isnull=True)
    assert (person.full_name, person.phone, membership.position, membership.is_direct_production_worker) == (
        "Trần Trung Hào", "0987654321", "chair", False,
    )  # fmt: skip
    tree.MAY.refresh_from_db()
    assert tree.MAY.direct_worker_count == 1
    event = history_of(person).first()
    assert (event.action, event.actor, event.changes) == (
        "update",
        users.grassroots_officer,
        {
            "phone": ["", "0987654321"],
            "position": ["member", "chair"],
            "is_direct_production_worker": [True, False],
        },
    )


def test_edit_form_shows_dates_as_dd_mm_yyyy(client_for, users, people):
    response = client_for(users.grassroots_officer).get(url("person-update", people.tran_hao))
    assert 'value="01/05/1980"' in response.text


def test_edit_keeps_a_national_id_that_belongs_to_the_same_person(client_for, users, people):
    client = client_for(users.grassroots_officer)
    data = {"full_name": "Trần Trung Hào", "gender": "male", "birth_date": "01/05/1980",
            "national_id": "083080000001", "is_member": "1", "position": "member", "job_category": "employee"}  # fmt: skip
    assert client.post(url("person-update", people.tran_hao), data).status_code == 302


def test_saving_the_edit_form_unchanged_writes_no_audit_record(client_for, users, people):
    client = client_for(users.grassroots_officer)
    data = {"full_name": "Trần Trung Hào", "gender": "male", "birth_date": "01/05/1980",
            "national_id": "083080000001", "is_member": "1", "position": "member", "job_category": "employee",
            "is_direct_production_worker": "on"}  # fmt: skip
    before = history_of(people.tran_hao).count()
    client.post(url("person-update", people.tran_hao), data)
    assert history_of(people.tran_hao).count() == before


def test_edit_of_a_person_who_left_changes_only_their_facts(client_for, users, people):
    actions.end_membership(people.huynh_mai, by=users.admin, on=datetime.date(2024, 1, 1), reason="retired")
    client = client_for(users.district_leader)
    response = client.get(url("person-update", people.huynh_mai))
    assert "position" not in response.context["form"].fields
    response = client.post(url("person-update", people.huynh_mai), {"full_name": "Huỳnh Thị Mai", "gender": "female",
                                                                     "phone": "0909000111"})  # fmt: skip
    assert response.status_code == 302
    assert Person.objects.get(pk=people.huynh_mai.pk).phone == "0909000111"


def test_birth_date_after_joining_the_current_union_is_refused(client_for, users, tree):
    person = actions.create_person(
        by=None, unit=tree.MAY, full_name="Lý Văn Sớm", joined_on=datetime.date(2000, 1, 1)
    )
    response = client_for(users.grassroots_officer).post(
        url("person-update", person),
        {"full_name": "Lý Văn Sớm", "birth_date": "02/01/2005", "is_member": "1", "position": "member",
         "job_category": "employee"},
    )  # fmt: skip
    assert errors(response) == {
        "birth_date": ["Ngày sinh phải trước ngày vào công đoàn cơ sở hiện tại (01/01/2000)."]
    }


def test_edit_refuses_a_person_under_fifteen(client_for, users, people):
    response = client_for(users.grassroots_officer).post(
        url("person-update", people.tran_hao),
        {"full_name": "Trần Trung Hào", "birth_date": "02/01/2016", "is_member": "1", "position": "member",
         "job_category": "employee"},
    )  # fmt: skip
    assert list(errors(response)) == ["birth_date"]
    assert errors(response)["birth_date"][0].startswith("Người lao động phải đủ 15 tuổi trở lên")


# --- permissions of the forms on one person -------------------------------------------------------------------

PERSON_FORMS = ["person-update", "person-transfer", "person-end-membership", "person-archive"]


@pytest.mark.parametrize("name", PERSON_FORMS)
@pytest.mark.parametrize("username", ["admin", "province_officer", "province_leader", "district_leader",
                                      "grassroots_officer"])  # fmt: skip
def test_person_forms_open_for_those_who_manage_the_union(client_for, users, people, name, username):
    assert client_for(getattr(users, username)).get(url(name, people.tran_hao)).status_code == 200


@pytest.mark.parametrize("name", [*PERSON_FORMS, "person-restore"])
def test_person_forms_are_not_found_outside_the_scope(client_for, users, people, name):
    client = client_for(users.outsider)
    assert client.get(url(name, people.tran_hao)).status_code in (404, 405)
    assert client.post(url(name, people.tran_hao), {"full_name": "X Y", "on": "01/01/2024",
                                                    "reason": "retired", "note": "x"}).status_code == 404  # fmt: skip


@pytest.mark.parametrize("name", [*PERSON_FORMS, "person-restore"])
@pytest.mark.parametrize("who", ["council_member", "viewer"])
def test_person_forms_are_forbidden_to_those_who_only_see_the_person(
    client_for, users, viewer, people, name, who
):
    client = client_for(viewer if who == "viewer" else users.council_member)
    if name != "person-restore":
        assert client.get(url(name, people.tran_hao)).status_code == 403
    response = client.post(url(name, people.tran_hao), {"full_name": "Trần Văn Khác", "on": "01/01/2024",
                                                         "reason": "retired", "note": "x"})  # fmt: skip
    assert response.status_code == 403
    person = Person.objects.get(pk=people.tran_hao.pk)
    assert (person.full_name, person.archived_at, person.memberships.filter(left_on__isnull=True).count()) == (
        "Trần Trung Hào", None, 1,
    )  # fmt: skip


def test_grassroots_officer_cannot_change_a_person_of_a_sibling_union(client_for, users, people):
    assert client_for(users.grassroots_officer).get(url("person-update", people.huynh_mai)).status_code == 404


# --- transfer -------------------------------------------------------------------------------------------------


def test_officer_transfers_a_person_to_another_union_in_scope(client_for, users, tree, people):
    response = client_for(users.province_officer).post(
        url("person-transfer", people.tran_hao),
        {"to_unit": tree.DUA.pk, "on": "01/03/2022", "position": "member"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("person-detail", people.tran_hao)
    memberships = list(people.tran_hao.memberships.order_by("joined_on").values_list(
        "unit__code", "joined_on", "left_on", "left_reason"))  # fmt: skip
    assert memberships == [
        ("MAY", datetime.date(2016, 1, 1), datetime.date(2022, 3, 1), "transfer"),
        ("DUA", datetime.date(2022, 3, 1), None, ""),
    ]
    counts = dict(Unit.objects.filter(code__in=["MAY", "DUA"]).values_list("code", "member_count"))
    assert counts == {"MAY": 1, "DUA": 2}
    assert history_of(people.tran_hao).first().action == "transfer"


def test_transfer_offers_the_visible_unions_except_the_current_one(client_for, users, tree, people):
    response = client_for(users.province_officer).get(url("person-transfer", people.tran_hao))
    assert list(response.context["form"].fields["to_unit"].queryset) == [tree.DUA, tree.THPT]


def test_transfer_to_a_union_outside_the_scope_is_refused(client_for, users, tree, people):
    response = client_for(users.province_officer).post(
        url("person-transfer", people.tran_hao),
        {"to_unit": tree.GIAY.pk, "on": "01/03/2022", "position": "member"},
    )
    assert errors(response) == {"to_unit": ["Chọn một công đoàn cơ sở đang hoạt động trong danh sách."]}
    assert Person.objects.get(pk=people.tran_hao.pk).unit == tree.MAY


def test_transfer_before_joining_the_current_union_is_refused(client_for, users, tree, people):
    response = client_for(users.province_officer).post(
        url("person-transfer", people.tran_hao),
        {"to_unit": tree.DUA.pk, "on": "31/12/2015", "position": "member"},
    )
    assert errors(response) == {"on": ["Ngày chuyển không thể trước ngày vào đơn vị hiện tại (01/01/2016)."]}


def test_transfer_in_the_future_is_refused(client_for, users, tree, people):
    response = client_for(users.province_officer).post(
        url("person-transfer", people.tran_hao),
        {"to_unit": tree.DUA.pk, "on": tomorrow(), "position": "member"},
    )
    assert list(errors(response)) == ["on"]


def test_transfer_into_a_union_the_user_only_views_is_refused(client_for, users, tree, people):
    """A district leader who also views the province cannot move someone to a union of another district."""
    actions.grant_role(users.district_leader, tree.BT, "viewer", by=None)
    client = client_for(users.district_leader)
    form = client.get(url("person-transfer", people.tran_hao))
    assert f'value="{tree.DUA.pk}"' not in form.content.decode()
    assert f'value="{tree.THPT.pk}"' in form.content.decode()
    response = client.post(
        url("person-transfer", people.tran_hao),
        {"to_unit": tree.DUA.pk, "on": "01/03/2022", "position": "member"},
    )
    assert list(errors(response)) == ["to_unit"]
    people.tran_hao.refresh_from_db()
    assert people.tran_hao.unit == tree.MAY
    assert not people.tran_hao.memberships.filter(unit=tree.DUA).exists()


def test_transfer_of_someone_who_left_takes_them_back(client_for, users, tree, people):
    actions.end_membership(people.huynh_mai, by=users.admin, on=datetime.date(2023, 1, 1), reason="resigned")
    response = client_for(users.province_officer).post(
        url("person-transfer", people.huynh_mai),
        {"to_unit": tree.DUA.pk, "on": "01/06/2024", "position": "member"},
    )
    assert response.status_code == 302
    assert people.huynh_mai.memberships.get(left_on__isnull=True).unit == tree.DUA


# --- end membership -------------------------------------------------------------------------------------------


def test_officer_ends_a_membership_with_its_reason(client_for, users, tree, people):
    response = client_for(users.grassroots_officer).post(
        url("person-end-membership", people.tran_hao), {"on": "30/06/2024", "reason": "retired"}
    )
    assert response.status_code == 302
    membership = people.tran_hao.memberships.get()
    assert (membership.left_on, membership.left_reason) == (datetime.date(2024, 6, 30), "retired")
    tree.MAY.refresh_from_db()
    assert tree.MAY.member_count == 1
    event = history_of(people.tran_hao).first()
    assert (event.changes, event.note) == (
        {"left_on": [None, "2024-06-30"], "left_reason": ["", "retired"]},
        "Thôi sinh hoạt tại “Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre”",
    )


def test_end_membership_offers_no_transfer_reason(client_for, users, people):
    response = client_for(users.grassroots_officer).get(url("person-end-membership", people.tran_hao))
    values = [value for value, _label in response.context["form"].fields["reason"].choices]
    assert values == ["", "retired", "resigned", "left_union", "other"]


def test_end_membership_before_joining_is_refused(client_for, users, people):
    response = client_for(users.grassroots_officer).post(
        url("person-end-membership", people.tran_hao), {"on": "31/12/2015", "reason": "retired"}
    )
    assert errors(response) == {
        "on": ["Ngày thôi sinh hoạt không thể trước ngày vào công đoàn cơ sở (01/01/2016)."]
    }
    assert people.tran_hao.memberships.get().left_on is None


def test_end_membership_needs_a_reason(client_for, users, people):
    response = client_for(users.grassroots_officer).post(
        url("person-end-membership", people.tran_hao), {"on": "30/06/2024", "reason": ""}
    )
    assert errors(response) == {"reason": ["Chưa chọn “Lý do”."]}


def test_end_membership_of_someone_who_already_left_goes_back_to_their_page(client_for, users, people):
    actions.end_membership(people.tran_hao, by=users.admin, on=datetime.date(2024, 1, 1), reason="resigned")
    response = client_for(users.grassroots_officer).get(url("person-end-membership", people.tran_hao))
    assert response["Location"] == url("person-detail", people.tran_hao)


def test_end_membership_action_refuses_a_date_before_joining(users, people):
    with pytest.raises(ValidationError) as error:
        actions.end_membership(
            people.tran_hao, by=users.admin, on=datetime.date(2015, 1, 1), reason="retired"
        )
    assert error.value.message_dict == {
        "on": ["Ngày thôi sinh hoạt không thể trước ngày vào công đoàn cơ sở (01/01/2016)."]
    }


# --- archive and restore --------------------------------------------------------------------------------------


def test_officer_archives_a_person_with_a_reason_and_nothing_is_deleted(client_for, users, tree, people):
    response = client_for(users.grassroots_officer).post(url("person-archive", people.tran_hao),
                                                         {"note": "Nhập trùng với hồ sơ khác"})  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get(pk=people.tran_hao.pk)
    assert person.archived_at is not None
    assert Membership.objects.filter(person=person).count() == 1
    tree.MAY.refresh_from_db()
    assert (tree.MAY.member_count, tree.MAY.worker_count) == (1, 2)
    event = history_of(person).first()
    assert (event.action, event.note) == ("archive", "Nhập trùng với hồ sơ khác")


def test_archive_needs_a_reason(client_for, users, people):
    response = client_for(users.grassroots_officer).post(url("person-archive", people.tran_hao), {"note": ""})
    assert errors(response) == {"note": ["Chưa nhập “Lý do lưu trữ”."]}


def test_archived_person_cannot_be_edited_until_restored(client_for, users, people):
    actions.archive_person(people.tran_hao, by=users.admin, note="Nhầm")
    client = client_for(users.grassroots_officer)
    response = client.get(url("person-update", people.tran_hao))
    assert response["Location"] == url("person-detail", people.tran_hao)
    client.post(url("person-restore", people.tran_hao))
    assert Person.objects.get(pk=people.tran_hao.pk).archived_at is None
    assert client.get(url("person-update", people.tran_hao)).status_code == 200


def test_restore_brings_the_person_back_into_the_counts(client_for, users, tree, people):
    actions.archive_person(people.tran_hao, by=users.admin, note="Nhầm")
    client_for(users.grassroots_officer).post(url("person-restore", people.tran_hao))
    tree.MAY.refresh_from_db()
    assert (tree.MAY.member_count, tree.MAY.worker_count) == (2, 3)
    assert history_of(people.tran_hao).first().action == "restore"


def test_restore_only_answers_post(client_for, users, people):
    assert client_for(users.grassroots_officer).get(url("person-restore", people.tran_hao)).status_code == 405


def test_archiving_twice_is_refused(users, people):
    actions.archive_person(people.tran_hao, by=users.admin, note="Nhầm")
    with pytest.raises(ValidationError):
        actions.archive_person(people.tran_hao, by=users.admin, note="Nhầm")
