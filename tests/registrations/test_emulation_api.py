"""/api/v1/emulation-registrations/: the scoped list and detail, and the workflow through the same actions."""

from __future__ import annotations

import pytest

from .builders import filled_registration, submitted_registration

pytestmark = pytest.mark.django_db
URL = "/api/v1/emulation-registrations/"


def test_list_is_scoped_and_filtered(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao, people.nguyen_dao])
    filled_registration(tree.DUA, [people.vo_hong])
    body = client_for(users.district_leader).get(URL).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["unit"]["code"], item["year"], item["status"], item["target_count"], item["people_count"]) == (
        "MAY", 2017, "submitted", 1, 2)  # fmt: skip
    assert client_for(users.province_officer).get(URL, {"status": "draft"}).json()["count"] == 1
    assert client_for(users.province_officer).get(URL, {"unit": tree.LD.pk}).status_code == 404


def test_detail_has_rows_and_history(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    body = client_for(users.grassroots_officer).get(f"{URL}{registration.pk}/").json()
    assert [(p["full_name"], p["award_code"]) for p in body["people"]] == [
        ("Trần Trung Hào", "lao-dong-tien-tien")
    ]
    assert [t["award_code"] for t in body["targets"]] == ["cdcs-vung-manh"]
    assert [e["action"] for e in body["events"]] == ["open", "submit"]
    assert client_for(users.outsider).get(f"{URL}{registration.pk}/").status_code == 404


def test_acknowledge_by_the_level_above_and_403_for_the_unit(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    own = client_for(users.grassroots_officer).post(f"{URL}{registration.pk}/acknowledge/", {},
                                                    content_type="application/json")  # fmt: skip
    assert own.status_code == 403
    assert own.json() == {"detail": "Người dùng không có quyền thực hiện thao tác này với đăng ký."}
    done = client_for(users.district_leader).post(f"{URL}{registration.pk}/acknowledge/", {"note": "Đã xem"},
                                                  content_type="application/json")  # fmt: skip
    assert done.status_code == 200
    assert done.json()["status"] == "acknowledged"
    again = client_for(users.district_leader).post(f"{URL}{registration.pk}/return/", {"reason": "Muộn"},
                                                   content_type="application/json")  # fmt: skip
    assert again.status_code == 400
    assert again.json()["detail"].startswith("Không thể trả lại đăng ký thi đua ở trạng thái")


def test_return_needs_a_reason_and_submit_needs_the_deadline(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    client = client_for(users.district_leader)
    assert (
        client.post(
            f"{URL}{registration.pk}/return/", {"reason": ""}, content_type="application/json"
        ).status_code
        == 400
    )
    response = client.post(f"{URL}{registration.pk}/return/", {"reason": "Thiếu chỉ tiêu"},
                           content_type="application/json")  # fmt: skip
    assert response.json()["returned_reason"] == "Thiếu chỉ tiêu"
    other = filled_registration(tree.THPT, [people.huynh_mai])
    late = client_for(users.district_leader).post(
        f"{URL}{other.pk}/submit/", {}, content_type="application/json"
    )
    assert late.status_code == 400 and late.json()["detail"].startswith("Đã quá hạn đăng ký (25/01/2017)")
