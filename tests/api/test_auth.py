"""Who may call the API: a Bearer token or the logged-in session; everyone else gets 401."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from thidua.api import actions
from thidua.api.models import ApiToken

API_ROUTES = ["/api/v1/units/", "/api/v1/people/?q=tran trung hao"]


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize("url", API_ROUTES)
def test_api_answers_401_without_authentication(client, db, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Cần đăng nhập hoặc một khóa API hợp lệ (tiêu đề “Authorization: Bearer …”)."
    }


def test_api_answers_401_for_an_object_route_without_authentication(client, tree):
    assert client.get(f"/api/v1/units/{tree.MAY.pk}/").status_code == 401


def test_api_accepts_a_bearer_token(client, users):
    _, secret = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    response = client.get("/api/v1/people/?q=tran trung hao", **bearer(secret))
    assert response.status_code == 200
    assert [p["full_name"] for p in response.json()["items"]] == ["Trần Trung Hào"]


def test_api_accepts_the_logged_in_session(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/people/?q=tran trung hao")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_revoked_token_gets_401(client, users):
    token, secret = actions.create_api_token(users.province_officer, by=users.province_officer, name="Cũ")
    assert client.get("/api/v1/units/", **bearer(secret)).status_code == 200
    actions.revoke_api_token(token, by=users.province_officer)
    assert client.get("/api/v1/units/", **bearer(secret)).status_code == 401


def test_unknown_token_gets_401(client, users):
    assert client.get("/api/v1/units/", **bearer("td_khong-phai-khoa-that")).status_code == 401


def test_token_of_a_deactivated_user_gets_401(client, users):
    _, secret = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    users.province_officer.is_active = False
    users.province_officer.save(update_fields=["is_active"])
    assert client.get("/api/v1/units/", **bearer(secret)).status_code == 401


def test_other_authorization_schemes_get_401(client, users):
    response = client.get("/api/v1/units/", HTTP_AUTHORIZATION="Basic cHJvdmluY2Vfb2ZmaWNlcjp4")
    assert response.status_code == 401


def test_token_acts_with_the_scope_of_its_user(client, tree, users):
    _, secret = actions.create_api_token(users.outsider, by=users.outsider, name="Trà Vinh")
    assert client.get(f"/api/v1/units/{tree.GIAY.pk}/", **bearer(secret)).status_code == 200
    assert client.get(f"/api/v1/units/{tree.MAY.pk}/", **bearer(secret)).status_code == 404
    codes = [u["code"] for u in client.get("/api/v1/units/", **bearer(secret)).json()["items"]]
    assert codes == ["TV", "LD", "GIAY"]


def test_token_use_is_recorded_at_most_once_a_minute(client, users):
    token, secret = actions.create_api_token(
        users.province_officer, by=users.province_officer, name="Báo cáo"
    )
    assert token.last_used_at is None
    client.get("/api/v1/units/", **bearer(secret))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get("/api/v1/units/", **bearer(secret))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get("/api/v1/units/", **bearer(secret))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > earlier


def test_openapi_schema_lists_the_routes_and_both_authentications(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert sorted(schema["paths"]) == [
        "/api/v1/activities/",
        "/api/v1/area-assignments/",
        "/api/v1/calendar/",
        "/api/v1/catalog/",
        "/api/v1/certificates/decisions/{decision_id}/",
        "/api/v1/certificates/decisions/{decision_id}/issue/",
        "/api/v1/certificates/verify/{serial}/",
        "/api/v1/clusters/",
        "/api/v1/clusters/{cluster_id}/",
        "/api/v1/congress-works/",
        "/api/v1/congress-works/{work_id}/",
        "/api/v1/congress-works/{work_id}/cancel/",
        "/api/v1/congress-works/{work_id}/complete/",
        "/api/v1/congress-works/{work_id}/edit/",
        "/api/v1/congress-works/{work_id}/start/",
        "/api/v1/congresses/",
        "/api/v1/congresses/progress/",
        "/api/v1/councils/",
        "/api/v1/councils/sessions/{session_id}/",
        "/api/v1/councils/{council_id}/",
        "/api/v1/covenants/{covenant_id}/ranking/",
        "/api/v1/covenants/{covenant_id}/scores/",
        "/api/v1/eligibility/",
        "/api/v1/emulation-registrations/",
        "/api/v1/emulation-registrations/{registration_id}/",
        "/api/v1/emulation-registrations/{registration_id}/acknowledge/",
        "/api/v1/emulation-registrations/{registration_id}/amend/",
        "/api/v1/emulation-registrations/{registration_id}/return/",
        "/api/v1/emulation-registrations/{registration_id}/rows/",
        "/api/v1/emulation-registrations/{registration_id}/submit/",
        "/api/v1/enterprises/",
        "/api/v1/enterprises/{enterprise_id}/",
        "/api/v1/exemplars/",
        "/api/v1/exemplars/{exemplar_id}/",
        "/api/v1/expected-reports/",
        "/api/v1/expected-reports/{report_id}/",
        "/api/v1/expected-reports/{report_id}/approve/",
        "/api/v1/expected-reports/{report_id}/return/",
        "/api/v1/expected-reports/{report_id}/submit/",
        "/api/v1/expected-reports/{report_id}/values/",
        "/api/v1/fund/entries/",
        "/api/v1/fund/grants/",
        "/api/v1/fund/report/",
        "/api/v1/honour-boards/",
        "/api/v1/initiatives/",
        "/api/v1/initiatives/{initiative_id}/",
        "/api/v1/initiatives/{initiative_id}/apply/",
        "/api/v1/initiatives/{initiative_id}/edit/",
        "/api/v1/initiatives/{initiative_id}/recognise/",
        "/api/v1/initiatives/{initiative_id}/reject/",
        "/api/v1/initiatives/{initiative_id}/review/",
        "/api/v1/inspections/",
        "/api/v1/inspections/{inspection_id}/",
        "/api/v1/own-indicators/{indicator_id}/archive/",
        "/api/v1/people/",
        "/api/v1/people/{person_id}/",
        "/api/v1/plans/",
        "/api/v1/plans/{plan_id}/",
        "/api/v1/plans/{plan_id}/deployment/",
        "/api/v1/plans/{plan_id}/phases/",
        "/api/v1/principle/",
        "/api/v1/proposals/",
        "/api/v1/proposals/{proposal_id}/",
        "/api/v1/proposals/{proposal_id}/send/",
        "/api/v1/recommendations/overdue/",
        "/api/v1/registrations/rollup/",
        "/api/v1/report-forms/",
        "/api/v1/report-forms/{form_id}/",
        "/api/v1/report-forms/{form_id}/close/",
        "/api/v1/report-forms/{form_id}/completeness/",
        "/api/v1/report-forms/{form_id}/late/",
        "/api/v1/report-forms/{form_id}/reopen/",
        "/api/v1/report-forms/{form_id}/rollup/",
        "/api/v1/research-topics/",
        "/api/v1/research-topics/{topic_id}/",
        "/api/v1/research-topics/{topic_id}/accept/",
        "/api/v1/research-topics/{topic_id}/edit/",
        "/api/v1/research-topics/{topic_id}/fail/",
        "/api/v1/research-topics/{topic_id}/start/",
        "/api/v1/research-topics/{topic_id}/stop/",
        "/api/v1/rewards/decisions/",
        "/api/v1/rewards/decisions/{decision_id}/",
        "/api/v1/rewards/money/",
        "/api/v1/rewards/people/{person_id}/records/",
        "/api/v1/rewards/units/{unit_id}/records/",
        "/api/v1/transfer-requests/",
        "/api/v1/transfer-requests/{request_id}/",
        "/api/v1/transfer-requests/{request_id}/accept/",
        "/api/v1/transfer-requests/{request_id}/refuse/",
        "/api/v1/transfer-requests/{request_id}/withdraw/",
        "/api/v1/units/",
        "/api/v1/units/{unit_id}/",
        "/api/v1/units/{unit_id}/children/",
        "/api/v1/units/{unit_id}/enterprise-pipeline/",
        "/api/v1/units/{unit_id}/own-indicators/",
    ]
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    people = schema["components"]["schemas"]["PersonListItem"]["properties"]
    assert people["national_id"]["description"] == (
        "Số CCCD; chỉ hiện 3 số cuối nếu người dùng không được xem đầy đủ"
    )


def test_docs_page_uses_only_vendored_files(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>' in html
    assert '<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">' in html
    assert "http://" not in html
    assert "https://" not in html
    assert '"validatorUrl": null' in html
    vendor = Path(settings.BASE_DIR) / "thidua" / "static" / "vendor" / "swagger-ui"
    assert (vendor / "swagger-ui-bundle.js").stat().st_size > 1_000_000
    assert (vendor / "swagger-ui.css").stat().st_size > 100_000
