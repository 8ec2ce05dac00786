"""GET /api/v1/people/...: search without diacritics, Vietnamese order, subtree filter, masked personal data."""

import datetime

from thidua.orgs import actions
from thidua.orgs.models import Unit

BT_PEOPLE_IN_ORDER = ["Nguyễn Thị Đào", "Lê Văn Đức", "Trần Trung Hào", "Võ Thị Hồng", "Huỳnh Thị Mai"]


def names(response):
    return [p["full_name"] for p in response.json()["items"]]


def add_people(unit_code: str, count: int):
    unit = Unit.objects.get(code=unit_code)
    for i in range(count):
        actions.create_person(
            by=None, unit=unit, full_name=f"Đặng Văn Thành {i:03}", gender="male",
            birth_date=datetime.date(1990, 1, 1), joined_on=datetime.date(2020, 1, 1),
        )  # fmt: skip


# --- list -----------------------------------------------------------------------------------------------------


def test_people_list_is_in_vietnamese_order(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/people/")
    assert response.status_code == 200
    assert response.json()["count"] == 5
    assert names(response) == BT_PEOPLE_IN_ORDER


def test_people_search_ignores_diacritics_and_case(client_for, users):
    client = client_for(users.province_officer)
    assert names(client.get("/api/v1/people/?q=tran trung hao")) == ["Trần Trung Hào"]
    assert names(client.get("/api/v1/people/?q=TRẦN")) == ["Trần Trung Hào"]
    assert names(client.get("/api/v1/people/?q=dao")) == ["Nguyễn Thị Đào"]  # d finds đ
    assert names(client.get("/api/v1/people/?q=thi")) == ["Nguyễn Thị Đào", "Võ Thị Hồng", "Huỳnh Thị Mai"]


def test_people_search_does_not_reach_another_branch(client_for, users):
    assert names(client_for(users.province_officer).get("/api/v1/people/?q=pham van binh")) == []
    assert names(client_for(users.outsider).get("/api/v1/people/?q=pham van binh")) == ["Phạm Văn Bình"]


def test_people_list_filters_by_unit_subtree(client_for, tree, users):
    client = client_for(users.province_officer)
    assert names(client.get(f"/api/v1/people/?unit={tree.CT.pk}")) == [
        "Nguyễn Thị Đào", "Lê Văn Đức", "Trần Trung Hào", "Huỳnh Thị Mai",
    ]  # fmt: skip
    assert names(client.get(f"/api/v1/people/?unit={tree.DUA.pk}")) == ["Võ Thị Hồng"]


def test_people_list_filter_on_another_branchs_unit_is_404(client_for, tree, users):
    assert client_for(users.province_officer).get(f"/api/v1/people/?unit={tree.GIAY.pk}").status_code == 404


def test_people_list_filters_members_direct_workers_and_gender(client_for, users):
    client = client_for(users.province_officer)
    assert names(client.get("/api/v1/people/?is_member=false")) == ["Lê Văn Đức"]
    assert names(client.get("/api/v1/people/?direct_production=true")) == [
        "Nguyễn Thị Đào", "Trần Trung Hào", "Võ Thị Hồng",
    ]  # fmt: skip
    assert names(client.get("/api/v1/people/?gender=male")) == ["Lê Văn Đức", "Trần Trung Hào"]


def test_people_list_pages_with_limit_and_offset(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/people/?limit=2&offset=1")
    assert response.json()["count"] == 5
    assert names(response) == ["Lê Văn Đức", "Trần Trung Hào"]


def test_people_list_leaves_out_archived_people(client_for, people, users):
    actions.archive_person(people.vo_hong, by=None, note="Nhập trùng")
    assert "Võ Thị Hồng" not in names(client_for(users.province_officer).get("/api/v1/people/"))


def test_people_list_shows_personal_data_to_those_who_manage_the_union(client_for, people, users):
    [item] = client_for(users.grassroots_officer).get("/api/v1/people/?q=tran trung hao").json()["items"]
    assert item == {
        "id": people.tran_hao.pk,
        "full_name": "Trần Trung Hào",
        "family_name": "Trần",
        "middle_name": "Trung",
        "given_name": "Hào",
        "gender": "male",
        "gender_label": "Nam",
        "personal_data_visible": True,
        "birth_date": "1980-05-01",
        "birth_year": 1980,
        "national_id": "083080000001",
        "unit": {
            "id": people.tran_hao.unit_id,
            "code": "MAY",
            "name": "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
        },
        "is_archived": False,
        "position": "member",
        "card_number": "",
        "joined_on": "2016-01-01",
        "is_member": True,
        "is_direct_production_worker": True,
    }


def test_people_list_masks_personal_data_for_viewers(client_for, users):
    [item] = client_for(users.council_member).get("/api/v1/people/?q=tran trung hao").json()["items"]
    assert item["personal_data_visible"] is False
    assert item["national_id"] == "•••••••••001"
    assert item["birth_date"] is None
    assert item["birth_year"] == 1980


def test_people_list_queries_do_not_grow_with_rows(client_for, tree, users, django_assert_num_queries):
    client = client_for(users.province_officer)
    url = f"/api/v1/people/?unit={tree.TPBT.pk}&limit=500"
    # session, user, scope, the unit filter, count, rows (with their unit and open membership)
    with django_assert_num_queries(7):
        one = client.get(url)
    assert names(one) == ["Võ Thị Hồng"]
    add_people("DUA", 40)
    with django_assert_num_queries(7):
        many = client.get(url)
    assert many.json()["count"] == 41
    assert len(many.json()["items"]) == 41


# --- detail ---------------------------------------------------------------------------------------------------


def test_person_detail_lists_memberships_newest_first(client_for, people, tree, users):
    actions.transfer_person(
        people.tran_hao, tree.THPT, by=None, on=datetime.date(2023, 9, 1), position="committee"
    )
    response = client_for(users.province_officer).get(f"/api/v1/people/{people.tran_hao.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["unit"]["code"] == "THPT"
    assert (data["phone"], data["email"]) == ("", "")
    assert [(m["unit"]["code"], m["joined_on"], m["left_on"], m["left_reason"], m["position"]) for m in data["memberships"]] == [
        ("THPT", "2023-09-01", None, "", "committee"),
        ("MAY", "2016-01-01", "2023-09-01", "transfer", "member"),
    ]  # fmt: skip
    assert data["memberships"][1]["left_reason_label"] == "Chuyển sinh hoạt"
    assert data["memberships"][0]["position_label"] == "Ủy viên Ban Chấp hành"


def test_person_detail_shows_personal_data_to_the_unions_officer(client_for, people, users):
    data = client_for(users.grassroots_officer).get(f"/api/v1/people/{people.nguyen_dao.pk}/").json()
    assert (data["national_id"], data["birth_date"], data["birth_year"]) == (
        "083192000002",
        "1992-03-08",
        1992,
    )


def test_person_detail_masks_personal_data_for_a_council_member(client_for, people, users):
    data = client_for(users.council_member).get(f"/api/v1/people/{people.nguyen_dao.pk}/").json()
    assert (data["national_id"], data["birth_date"], data["birth_year"]) == ("•••••••••002", None, 1992)
    assert data["personal_data_visible"] is False


def test_person_detail_of_another_branch_is_404(client_for, people, users):
    assert client_for(users.province_leader).get(f"/api/v1/people/{people.pham_binh.pk}/").status_code == 404
    assert client_for(users.outsider).get(f"/api/v1/people/{people.pham_binh.pk}/").status_code == 200


def test_person_detail_queries_do_not_grow_with_memberships(
    client_for, people, tree, users, django_assert_num_queries
):
    client = client_for(users.province_officer)
    url = f"/api/v1/people/{people.huynh_mai.pk}/"
    # session, user, scope, the person with their unit, the memberships with their units
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["memberships"]) == 1
    for year in range(2017, 2023):
        target = tree.MAY if year % 2 else tree.THPT
        actions.transfer_person(people.huynh_mai, target, by=None, on=datetime.date(year, 1, 1))
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["memberships"]) == 7
