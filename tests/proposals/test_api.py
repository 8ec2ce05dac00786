"""/api/v1/proposals/: list, detail, create (with nominees, all or nothing) and send, scoped like the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.api import actions as api_actions
from thidua.proposals.models import Proposal

from .builders import minutes, proposal_with

pytestmark = pytest.mark.django_db
URL = "/api/v1/proposals/"


def _token(user) -> dict:
    _, secret = api_actions.create_api_token(user, by=user, name="Phần mềm khen thưởng")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _get(user, url):
    return Client().get(url, **_token(user))


def _post(user, url, data=None):
    return Client(enforce_csrf_checks=True).post(
        url, data or {}, content_type="application/json", **_token(user)
    )


def test_create_then_send_through_the_api(tree, users, people):
    body = {
        "unit_id": tree.MAY.pk,
        "kind": "cong-trang",
        "year": 2017,
        "nominees": [
            {
                "person_id": people.nguyen_dao.pk,
                "award_code": "bang-khen-ldld",
                "achievement": "Vượt kế hoạch.",
            }
        ],
    }
    response = _post(users.grassroots_officer, URL, body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["to_unit"]["id"] == tree.CT.pk and data["nominees"][0]["name"] == "Nguyễn Thị Đào"
    assert data["nominees"][0]["priorities"] == [
        "Công nhân trực tiếp sản xuất",
        "Doanh nghiệp ngoài nhà nước",
        "Nữ",
    ]
    assert data["missing"] == [
        "Thiếu Biên bản họp Hội đồng thi đua – khen thưởng của đơn vị đề nghị (đính kèm tệp, thành phần hồ sơ "
        "“Biên bản họp hội đồng”)."
    ]
    refused = _post(users.grassroots_officer, f"{URL}{data['id']}/send/")
    assert refused.status_code == 400 and "Biên bản" in refused.json()["detail"]
    minutes(Proposal.objects.get(pk=data["id"]))
    sent = _post(users.grassroots_officer, f"{URL}{data['id']}/send/")
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    received = _get(users.district_leader, f"{URL}?box=received&year=2017").json()
    assert [p["id"] for p in received["items"]] == [data["id"]]


def test_create_is_all_or_nothing(tree, users, people):
    body = {
        "unit_id": tree.MAY.pk,
        "kind": "cong-trang",
        "year": 2017,
        "nominees": [
            {"person_id": people.nguyen_dao.pk, "award_code": "bang-khen-ldld"},
            {"person_id": people.vo_hong.pk, "award_code": "bang-khen-ldld"},
        ],
    }
    response = _post(users.grassroots_officer, URL, body)
    assert response.status_code == 400
    assert (
        response.json()["detail"] == "Dòng 2: không tìm thấy người, tập thể hoặc hình thức “bang-khen-ldld”."
    )
    assert not Proposal.objects.exists()


def test_outsider_gets_404_and_cannot_send(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    assert _get(users.outsider, f"{URL}{p.pk}/").status_code == 404
    assert _post(users.outsider, f"{URL}{p.pk}/send/").status_code == 404
    assert _get(users.outsider, URL).json()["count"] == 0
    assert _get(users.province_officer, f"{URL}{p.pk}/").status_code == 200


def test_the_receiving_level_cannot_send_for_the_unit_it_does_not_hold(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    # the council member of the province sees it but holds no "submit"
    assert _post(users.council_member, f"{URL}{p.pk}/send/").status_code == 403
