"""The enterprise registry in the API, read-only (issue 14): the list with the pages' filters, one enterprise, the
scope by relation (an enterprise followed by another unit is 404), no writes, a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.api import actions as api_actions
from thidua.enterprises import actions

from .builders import D, enterprise

pytestmark = pytest.mark.django_db
LIST = "/api/v1/enterprises/"


@pytest.fixture
def firms(tree):
    """Two enterprises followed by CT (one with its union MAY, one archived), one by TPBT, one by Trà Vinh's LD."""
    with_union = enterprise(tree.CT, name="Công ty TNHH May Việt Tiến", ownership="fdi", union_unit=tree.MAY,
                            workforce=1200, industry="May mặc")  # fmt: skip
    without = enterprise(tree.CT, name="Công ty TNHH Chế biến Dừa Lương Quới", workforce=80)
    archived = enterprise(tree.CT, name="Hợp tác xã Bến Tre Xưa", ownership="cooperative")
    actions.archive_enterprise(archived, by=None, note="Giải thể")
    sibling = enterprise(tree.TPBT, name="Công ty Cổ phần Đường Bến Tre", ownership="state_enterprise")
    other = enterprise(tree.LD, name="Công ty TNHH Giày Trà Vinh", ownership="fdi")
    return {
        "with_union": with_union,
        "without": without,
        "archived": archived,
        "sibling": sibling,
        "other": other,
    }


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(e["name"] for e in response.json()["items"])


def test_the_list_is_scoped_like_the_pages(client_for, users, firms):
    assert names(client_for(users.district_leader).get(LIST)) == [
        "Công ty TNHH Chế biến Dừa Lương Quới", "Công ty TNHH May Việt Tiến"]  # fmt: skip
    assert names(client_for(users.province_officer).get(LIST)) == [
        "Công ty Cổ phần Đường Bến Tre", "Công ty TNHH Chế biến Dừa Lương Quới", "Công ty TNHH May Việt Tiến"]  # fmt: skip
    assert names(client_for(users.outsider).get(LIST)) == ["Công ty TNHH Giày Trà Vinh"]
    assert names(client_for(users.grassroots_officer).get(LIST)) == []


@pytest.mark.parametrize("query, expected", [
    ("union=yes", ["Công ty TNHH May Việt Tiến"]),
    ("union=no", ["Công ty Cổ phần Đường Bến Tre", "Công ty TNHH Chế biến Dừa Lương Quới"]),
    ("ownership=fdi", ["Công ty TNHH May Việt Tiến"]),
    ("ownership=state_enterprise", ["Công ty Cổ phần Đường Bến Tre"]),
    ("q=DUONG ben tre", ["Công ty Cổ phần Đường Bến Tre"]),
    ("archived=true", ["Hợp tác xã Bến Tre Xưa"]),
    ("stage=founded", ["Công ty TNHH May Việt Tiến"]),
], ids=["with-union", "without-union", "fdi", "state", "search", "archived", "stage"])  # fmt: skip
def test_the_list_filters_as_the_page_does(client_for, users, tree, firms, query, expected):
    assert names(client_for(users.province_officer).get(f"{LIST}?{query}")) == expected


def test_the_upper_filter_takes_a_visible_unit_only(client_for, users, tree, firms):
    client = client_for(users.province_officer)
    assert names(client.get(f"{LIST}?upper={tree.TPBT.pk}")) == ["Công ty Cổ phần Đường Bến Tre"]
    assert client.get(f"{LIST}?upper={tree.LD.pk}").status_code == 404
    assert client_for(users.district_leader).get(f"{LIST}?upper={tree.TPBT.pk}").status_code == 404


def test_one_enterprise_with_its_union(client_for, users, tree, firms):
    firm = firms["with_union"]
    data = client_for(users.district_leader).get(f"{LIST}{firm.pk}/").json()
    assert {k: data[k] for k in ("tax_code", "name", "ownership", "ownership_label", "industry", "workforce",
                                 "stage", "is_archived")} == {
        "tax_code": firm.tax_code, "name": "Công ty TNHH May Việt Tiến", "ownership": "fdi",
        "ownership_label": firm.get_ownership_display(), "industry": "May mặc", "workforce": 1200,
        "stage": "founded", "is_archived": False}  # fmt: skip
    assert (data["upper_unit"]["id"], data["union_unit"]["id"]) == (tree.CT.pk, tree.MAY.pk)


@pytest.mark.parametrize("user, firm, status", [
    ("district_leader", "without", 200),  # followed by one's own unit
    ("province_officer", "without", 200),  # by a unit below
    ("district_leader", "sibling", 404),  # by a sibling unit
    ("grassroots_officer", "without", 404),  # by the unit above one's own
    ("outsider", "without", 404),  # another branch
    ("outsider", "other", 200),
])  # fmt: skip
def test_one_enterprise_is_404_outside_the_scope(client_for, users, firms, user, firm, status):
    assert client_for(getattr(users, user)).get(f"{LIST}{firms[firm].pk}/").status_code == status


def test_the_registry_is_read_only_and_needs_a_caller(client, client_for, users, firms):
    firm = firms["without"]
    assert client.get(LIST).status_code == 401
    assert client.get(f"{LIST}{firm.pk}/").status_code == 401
    officer = client_for(users.district_leader)
    assert officer.post(LIST, {"name": "X"}, content_type="application/json").status_code == 405
    assert officer.put(f"{LIST}{firm.pk}/", {"name": "X"}, content_type="application/json").status_code == 405
    assert officer.delete(f"{LIST}{firm.pk}/").status_code == 405


def test_a_bearer_token_reads_the_registry(client, users, firms):
    _token, secret = api_actions.create_api_token(users.district_leader, by=users.district_leader, name="Đọc")
    response = client.get(LIST, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert names(response) == ["Công ty TNHH Chế biến Dừa Lương Quới", "Công ty TNHH May Việt Tiến"]


def test_the_list_costs_the_same_queries_for_few_and_many(client_for, users, tree, firms):
    client = client_for(users.province_officer)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(6):
        enterprise(
            tree.CT if i % 2 else tree.TPBT,
            name=f"Công ty TNHH Số {i}",
            union_unit=tree.MAY if i % 2 else None,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).json()["count"] == 9
    assert len(many.captured_queries) == len(few.captured_queries)
    assert D(2017, 1, 5) <= firms["without"].stage_since
