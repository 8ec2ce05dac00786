"""Certificates in the API: the public verification (no login, same shape whatever the serial), a decision's
certificates and issuing their serials (scoped: 404 outside, 403 without the permission)."""

import pytest
from django.core.cache import cache

from tests.rewards.builders import user_of
from thidua.certificates import actions
from thidua.certificates.models import Certificate

FIELDS = {"state", "serial", "name", "award", "year", "decision", "decided_on", "issuer"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_verify_needs_no_login_and_answers_the_same_shape(client, decision, people):
    actions.issue_certificates(decision, by=None)
    cert = Certificate.objects.get(record__person=people.tran_hao)
    genuine = client.get(f"/api/v1/certificates/verify/{cert.display_serial}/")
    unknown = client.get("/api/v1/certificates/verify/ABCDEFGHJKMN/")
    assert genuine.status_code == unknown.status_code == 200
    assert set(genuine.json()) == set(unknown.json()) == FIELDS
    assert genuine.json()["state"] == "genuine" and genuine.json()["name"] == "Trần Trung Hào"
    assert unknown.json() == {"state": "unknown", "serial": "ABCD-EFGH-JKMN", "name": "", "award": "", "year": None,
                              "decision": "", "decided_on": "", "issuer": ""}  # fmt: skip


def test_verify_of_a_revoked_award(client, decision, people):
    from thidua.rewards import actions as reward_actions
    from thidua.rewards.models import AwardRecord

    actions.issue_certificates(decision, by=None)
    record = AwardRecord.objects.get(decision_line__decision=decision, person=people.nguyen_dao)
    reward_actions.revoke_award(
        record, by=None, reason="fraud", revoked_on=record.decided_on, reference="03/QĐ"
    )
    serial = Certificate.objects.get(record=record).serial
    assert client.get(f"/api/v1/certificates/verify/{serial}/").json()["state"] == "revoked"


def test_verify_is_rate_limited(client, db):
    for _ in range(30):
        client.get("/api/v1/certificates/verify/ABCDEFGHJKMN/")
    assert client.get("/api/v1/certificates/verify/ABCDEFGHJKMN/").status_code == 429


def test_decision_certificates_need_login_and_scope(client, client_for, decision, users):
    assert client.get(f"/api/v1/certificates/decisions/{decision.pk}/").status_code == 401
    assert client_for(users.outsider).get(f"/api/v1/certificates/decisions/{decision.pk}/").status_code == 404
    response = client_for(users.province_officer).get(f"/api/v1/certificates/decisions/{decision.pk}/")
    assert response.status_code == 200
    assert [(i["name"], i["state"]) for i in response.json()["items"]] == [
        ("Trần Trung Hào", "none"), ("Nguyễn Thị Đào", "none"), ("Lê Văn Đức", "revoked"),
        ("Công đoàn cơ sở Trường THPT Châu Thành A", "none"),
    ]  # fmt: skip


def test_issue_through_the_api(client_for, decision, tree, users):
    viewer = user_of(tree.CT, "ct_viewer", "viewer")
    assert client_for(viewer).post(f"/api/v1/certificates/decisions/{decision.pk}/issue/").status_code == 403
    assert (
        client_for(users.outsider).post(f"/api/v1/certificates/decisions/{decision.pk}/issue/").status_code
        == 404
    )
    response = client_for(users.district_leader).post(f"/api/v1/certificates/decisions/{decision.pk}/issue/")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["state"] for i in items] == ["genuine", "genuine", "revoked", "genuine"]
    assert items[0]["verify_url"].startswith("http://testserver/xac-thuc/")
    assert Certificate.objects.count() == 3
