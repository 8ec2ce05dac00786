"""POST /api/v1/emulation-registrations/ (open), …/{id}/rows/ (fill in) and …/{id}/amend/ (the level above's
recorded change): the same actions, window, catalog check and rights as the pages; scoped by relation."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from thidua.api import actions as api_actions
from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import Registration, RegistrationEvent

from .builders import submitted_registration

pytestmark = pytest.mark.django_db
URL = "/api/v1/emulation-registrations/"
THIS_YEAR = datetime.date.today().year


def _post(user, url, data):
    _, secret = api_actions.create_api_token(user, by=user, name="Phần mềm đăng ký")
    return Client(enforce_csrf_checks=True).post(url, data, content_type="application/json",
                                                 HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip


@pytest.fixture
def open_window(tree):
    actions.set_deadline(tree.BT, by=None, day=31, month=12)  # the window of this year is open until 31/12


@pytest.fixture
def relations(users, tree, django_user_model):
    """Users by their relation to the grassroots union MAY: own, parent, ancestor, sibling, outsider."""
    sibling = django_user_model.objects.create_user("thpt_officer", password="x")
    org_actions.grant_role(sibling, tree.THPT, "officer", by=None)
    return {"own": users.grassroots_officer, "parent": users.district_leader, "ancestor": users.province_officer,
            "sibling": sibling, "outsider": users.outsider}  # fmt: skip


@pytest.mark.parametrize(("relation", "status"), [
    ("own", 200), ("parent", 200), ("ancestor", 200), ("sibling", 404), ("outsider", 404)])  # fmt: skip
def test_open_by_relation_to_the_unit(relation, status, relations, tree, open_window):
    response = _post(relations[relation], URL, {"unit_id": tree.MAY.pk, "year": THIS_YEAR})
    assert response.status_code == status, response.content
    if status == 200:
        assert (response.json()["status"], response.json()["year"]) == ("draft", THIS_YEAR)
    assert Registration.objects.filter(unit=tree.MAY).count() == (1 if status == 200 else 0)


def test_open_outside_the_window_is_400(tree, users):
    response = _post(users.grassroots_officer, URL, {"unit_id": tree.MAY.pk, "year": THIS_YEAR})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Đã quá hạn đăng ký (25/01/")


def test_fill_in_then_send(tree, users, people, open_window):
    opened = _post(users.grassroots_officer, URL, {"unit_id": tree.MAY.pk, "year": THIS_YEAR}).json()
    url = f"{URL}{opened['id']}/"
    bad = _post(users.grassroots_officer, url + "rows/", {
        "targets": [{"award_code": "lao-dong-tien-tien"}, {"award_code": "khong-co"}],
        "people": [{"person_id": people.pham_binh.pk, "award_code": "lao-dong-tien-tien"}]})  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["detail"] == (
        "Đăng ký tập thể, dòng 2: không có danh hiệu mã “khong-co”. Đăng ký cá nhân, dòng 1: không tìm thấy người "
        "này trong phạm vi quản lý.")  # fmt: skip
    refused = _post(
        users.grassroots_officer, url + "rows/", {"targets": [{"award_code": "lao-dong-tien-tien"}]}
    )
    assert refused.status_code == 400
    assert "là danh hiệu, hình thức cho cá nhân, không đăng ký cho tập thể" in refused.json()["detail"]
    saved = _post(users.grassroots_officer, url + "rows/", {
        "targets": [{"award_code": "cdcs-vung-manh", "targets": "100% đoàn viên tham gia"}],
        "people": [{"person_id": people.tran_hao.pk, "award_code": "cstd-co-so", "position": "Tổ trưởng"},
                   {"person_id": people.nguyen_dao.pk, "award_code": "lao-dong-tien-tien"}],
        "note": "Đăng ký qua phần mềm"})  # fmt: skip
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert [(p["full_name"], p["award_code"], p["position"]) for p in body["people"]] == [
        ("Trần Trung Hào", "cstd-co-so", "Tổ trưởng"), ("Nguyễn Thị Đào", "lao-dong-tien-tien", "")]  # fmt: skip
    assert [t["award_code"] for t in body["targets"]] == ["cdcs-vung-manh"]
    assert body["note"] == "Đăng ký qua phần mềm"
    assert body["warnings"] == []  # no 15 % cap in this year's catalog (Decree 152/2025)
    assert _post(users.grassroots_officer, url + "submit/", {}).json()["status"] == "submitted"
    assert (
        _post(users.grassroots_officer, url + "rows/", {"targets": []}).status_code == 400
    )  # sent: read-only


def test_amend_is_the_level_aboves_with_a_reason(tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    actions.acknowledge_registration(registration, by=users.district_leader)
    url = f"{URL}{registration.pk}/amend/"
    rows = {"targets": [{"award_code": "cdcs-vung-manh"}],
            "people": [{"person_id": people.tran_hao.pk, "award_code": "lao-dong-tien-tien"},
                       {"person_id": people.nguyen_dao.pk, "award_code": "lao-dong-tien-tien"}]}  # fmt: skip
    assert (
        _post(users.grassroots_officer, url, {**rows, "reason": "Bổ sung"}).status_code == 403
    )  # its own unit
    assert _post(users.district_leader, url, rows).status_code == 400  # no reason
    done = _post(users.district_leader, url, {**rows, "reason": "Bổ sung Nguyễn Thị Đào mới chuyển đến"})
    assert done.status_code == 200, done.content
    assert sorted(p["full_name"] for p in done.json()["people"]) == ["Nguyễn Thị Đào", "Trần Trung Hào"]
    event = RegistrationEvent.objects.filter(registration=registration, action="amend").get()
    assert event.note == "Bổ sung Nguyễn Thị Đào mới chuyển đến" and "people" in event.changes
    assert _post(users.outsider, url, {**rows, "reason": "x"}).status_code == 404


def test_a_quota_warning_comes_back_with_the_saved_rows(tree, users, people):
    registration = actions.open_registration(tree.MAY, by=None, year=2017, today=datetime.date(2017, 1, 10))
    saved = _post(users.grassroots_officer, f"{URL}{registration.pk}/rows/", {
        "people": [{"person_id": people.tran_hao.pk, "award_code": "cstd-co-so"},
                   {"person_id": people.nguyen_dao.pk, "award_code": "lao-dong-tien-tien"}]}).json()  # fmt: skip
    assert len(saved["warnings"]) == 1
    assert saved["warnings"][0].startswith("1 người đăng ký “Chiến sĩ thi đua cơ sở”, vượt tỷ lệ 15%")
