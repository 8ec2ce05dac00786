"""Out-of-range and malformed parameters are answered 422 with a Vietnamese message naming the parameter, never 500;
every route documents every status it answers."""

import pytest

from thidua.api.api import api


@pytest.mark.parametrize(
    ("url", "loc", "message"),
    [
        ("/api/v1/units/?offset=9223372036854775808", ["query", "offset"],
         "“offset” không được lớn hơn 1000000000."),
        ("/api/v1/people/?offset=9223372036854775808", ["query", "offset"],
         "“offset” không được lớn hơn 1000000000."),
        ("/api/v1/plans/?year=10000", ["query", "year"], "“year” không được lớn hơn 2100."),
        ("/api/v1/calendar/?year=10000", ["query", "year"], "“year” không được lớn hơn 2100."),
        ("/api/v1/units/?q=" + "a" * 521, ["query", "q"], "“q” dài quá 100 ký tự."),
        ("/api/v1/people/?q=" + "a" * 521, ["query", "q"], "“q” dài quá 100 ký tự."),
        ("/api/v1/units/?q=a%00b", ["query", "q"],
         "“q” có ký tự điều khiển không hợp lệ (U+0000, ở vị trí 2): hãy gõ lại phần đó hoặc dán dưới dạng văn bản "
         "thuần."),
        ("/api/v1/plans/9223372036854775808/", ["path", "plan_id"],
         "“plan_id” không được lớn hơn 9223372036854775807."),
        ("/api/v1/units/9223372036854775808/", ["path", "unit_id"],
         "“unit_id” không được lớn hơn 9223372036854775807."),
        ("/api/v1/people/?unit=9223372036854775808", ["query", "unit"],
         "“unit” không được lớn hơn 9223372036854775807."),
        ("/api/v1/catalog/?federation=9223372036854775808", ["query", "federation"],
         "“federation” không được lớn hơn 9223372036854775807."),
        ("/api/v1/plans/1/deployment/?unit=0", ["query", "unit"], "“unit” phải từ 1 trở lên."),
        ("/api/v1/units/?active=maybe", ["query", "active"], "“active” phải là true hoặc false."),
        ("/api/v1/units/?level=x", ["query", "level"],
         "“level” phải là một trong các giá trị: 'national', 'province', 'central_sector', 'upper', "
         "'grassroots', 'sub_grassroots'."),
    ],
)  # fmt: skip
def test_bad_parameter_is_422_with_a_vietnamese_message(client_for, users, url, loc, message):
    response = client_for(users.province_officer).get(url)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": loc, "msg": message, "type": response.json()["detail"][0]["type"]}]
    }


@pytest.mark.parametrize("url", ["/api/v1/units/abc/", "/api/v1/people/null,null/", "/api/v1/khong-co/"])
def test_an_address_no_route_matches_is_a_json_404(client_for, users, url):
    response = client_for(users.province_officer).get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


def test_outside_scope_is_404_in_vietnamese(client_for, users, tree):
    response = client_for(users.outsider).get(f"/api/v1/units/{tree.MAY.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


CONFLICTING = {"/api/v1/initiatives/", "/api/v1/initiatives/{initiative_id}/edit/"}
# a read that computes from the catalog answers 400 when the catalog cannot (no such code, no coefficient, no base
# salary on that day)
COMPUTED = {"/api/v1/rewards/money/"}
# the one route without login (certificates' public verification): no 401, no 404 (same answer for an unknown
# serial), 429 past its rate limit
PUBLIC = {"/api/v1/certificates/verify/{serial}/"}


def test_every_route_documents_401_404_and_422():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    routes = {(path, method) for path, methods in schema["paths"].items() for method in methods}
    # 71 + congresses (units, progress) and activities; + councils (3), eligibility (1), proposals (list, create,
    # detail, send) and rewards (5); certificates (3); exemplars (3) and principle (1)
    assert len(routes) == 103
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            # a workflow step (POST) or a write (PUT) also answers 400 (refused by the state or the contents) and 403
            expected = {200, 400, 401, 403, 404, 422} if method in ("post", "put") else {200, 401, 404, 422}
            if (
                method == "post" and path in CONFLICTING
            ):  # a content a visible match makes doubtful: 409 with the matches
                expected |= {409}
            if method == "get" and path in COMPUTED:
                expected |= {400}
            if path in PUBLIC:
                expected = {200, 422, 429}
            assert set(operation["responses"]) == expected, (method, path)
            assert operation["responses"][422]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/InputErrorsOut"
            }
