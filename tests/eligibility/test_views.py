"""The pages: a nominee's verdict with its reasons and citations, the override form (officers only, reason
recorded, audited), a unit's year paged and filtered with its .xlsx export, the overrides for the council; scoping
by relation (own unit, parent, ancestor, sibling, child, outsider) and query counts."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from thidua.core.models import AuditEvent
from thidua.eligibility.models import Override, TaskRating

from .records import many_people, record, registered

D = datetime.date
pytestmark = pytest.mark.django_db


def verdict_url(person, code="lao-dong-tien-tien", year=2026, unit=None):
    url = f"/xet-dieu-kien/nguoi/{person.pk}/?award={code}&year={year}"
    return f"{url}&unit={unit.pk}" if unit else url


def test_verdict_page_shows_reasons_with_citations(client_for, users, people, tree):
    registered(tree.MAY, 2026, [people.tran_hao])
    TaskRating.objects.create(person=people.tran_hao, unit=tree.MAY, year=2026, rating="completed")
    response = client_for(users.grassroots_officer).get(verdict_url(people.tran_hao))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không đủ điều kiện" in html
    assert "Nghị định 152/2025/NĐ-CP, Điều 50" in html
    assert 'data-outcome="fail"' in html


def test_the_same_person_judged_in_2017_and_2026(client_for, users, people, tree):
    html_2017 = (
        client_for(users.province_officer)
        .get(verdict_url(people.tran_hao, "cstd-co-so", 2017))
        .content.decode()
    )
    html_2026 = (
        client_for(users.province_officer)
        .get(verdict_url(people.tran_hao, "cstd-co-so", 2026))
        .content.decode()
    )
    assert "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3" in html_2017
    assert "Nghị định 152/2025/NĐ-CP, Điều 50" in html_2026


@pytest.mark.parametrize(("user", "status"), [
    ("grassroots_officer", 200),  # own unit
    ("district_leader", 200),  # parent
    ("province_officer", 200),  # ancestor
    ("council_member", 200),  # reader above
    ("outsider", 404),  # another branch
])  # fmt: skip
def test_verdict_page_scoping(client_for, users, people, user, status):
    assert client_for(getattr(users, user)).get(verdict_url(people.tran_hao)).status_code == status


def test_sibling_and_child_units_do_not_see_the_person(client_for, people, tree):
    from django.contrib.auth import get_user_model

    from thidua.orgs import actions

    sibling = get_user_model().objects.create_user(username="thpt_officer", password="x")
    actions.grant_role(sibling, tree.THPT, "officer", by=None)
    assert client_for(sibling).get(verdict_url(people.tran_hao)).status_code == 404
    child = get_user_model().objects.create_user(username="may_viewer", password="x")
    actions.grant_role(child, tree.MAY, "viewer", by=None)
    # a viewer of the union reads, but the district's collective is above it: 404
    assert (
        client_for(child).get(f"/xet-dieu-kien/tap-the/{tree.CT.pk}/?award=tt-ld-tien-tien").status_code
        == 404
    )
    assert client_for(child).get(verdict_url(people.tran_hao)).status_code == 200


def test_override_records_the_reason_and_is_audited(client_for, users, people, tree):
    client = client_for(users.grassroots_officer)
    response = client.post(verdict_url(people.tran_hao, unit=tree.MAY),
                           {"outcome": "eligible", "reason": "Hội đồng đã xác nhận bảng xếp loại năm 2026."})  # fmt: skip
    assert response.status_code == 302
    override = Override.objects.get()
    assert (override.outcome, override.computed, override.by) == (
        "eligible",
        "not_eligible",
        users.grassroots_officer,
    )
    assert AuditEvent.objects.filter(action="override_verdict", object_id=str(override.pk)).exists()
    html = client.get(verdict_url(people.tran_hao, unit=tree.MAY)).content.decode()
    assert "Hội đồng đã xác nhận bảng xếp loại năm 2026." in html
    listing = client_for(users.province_officer).get("/xet-dieu-kien/ket-luan-thay/").content.decode()
    assert "Hội đồng đã xác nhận bảng xếp loại năm 2026." in listing


def test_override_needs_a_reason(client_for, users, people, tree):
    response = client_for(users.grassroots_officer).post(verdict_url(people.tran_hao, unit=tree.MAY),
                                                         {"outcome": "eligible", "reason": "ngắn"})  # fmt: skip
    assert response.status_code == 200
    assert "Cần ghi rõ lý do" in response.content.decode()
    assert not Override.objects.exists()


@pytest.mark.parametrize("user", ["council_member", "outsider"])
def test_override_is_refused_to_readers_and_outsiders(client_for, users, people, tree, user):
    response = client_for(getattr(users, user)).post(verdict_url(people.tran_hao, unit=tree.MAY),
                                                     {"outcome": "eligible", "reason": "Lý do đủ dài để ghi."})  # fmt: skip
    assert response.status_code in (403, 404)
    assert not Override.objects.exists()


def test_withdrawing_an_override(client_for, users, people, tree):
    client = client_for(users.grassroots_officer)
    client.post(
        verdict_url(people.tran_hao, unit=tree.MAY),
        {"outcome": "not_eligible", "reason": "Vi phạm nội quy đã xác minh."},
    )
    override = Override.objects.get()
    assert (
        client_for(users.outsider).post(f"/xet-dieu-kien/ket-luan-thay/{override.pk}/rut-lai/").status_code
        == 404
    )
    officer = client_for(users.grassroots_officer)  # the same test client, logged in again
    assert officer.post(f"/xet-dieu-kien/ket-luan-thay/{override.pk}/rut-lai/").status_code == 302
    override.refresh_from_db()
    assert override.archived_at is not None


def test_unit_year_lists_filters_and_exports(client_for, users, people, tree):
    registered(tree.MAY, 2026, [people.tran_hao, people.nguyen_dao])
    TaskRating.objects.create(person=people.tran_hao, unit=tree.MAY, year=2026, rating="good")
    client = client_for(users.district_leader)
    html = client.get(
        f"/xet-dieu-kien/don-vi/{tree.CT.pk}/?award=lao-dong-tien-tien&year=2026"
    ).content.decode()
    assert html.count('data-testid="verdict-row"') == 4  # three at May Việt Tiến, one at THPT
    eligible = client.get(
        f"/xet-dieu-kien/don-vi/{tree.CT.pk}/?award=lao-dong-tien-tien&year=2026&verdict=eligible"
    )
    assert eligible.content.decode().count('data-testid="verdict-row"') == 1
    export = client.get(f"/xet-dieu-kien/don-vi/{tree.CT.pk}/?award=lao-dong-tien-tien&year=2026&format=xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "Trần Trung Hào" in names and len(names) == 4
    assert client_for(users.outsider).get(f"/xet-dieu-kien/don-vi/{tree.CT.pk}/").status_code == 404


def test_unit_year_page_costs_the_same_queries_for_few_and_many(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    url = f"/xet-dieu-kien/don-vi/{tree.MAY.pk}/?award=cstd-co-so&year=2017"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for p in many_people(tree.MAY, 120)[:60]:
        record("lao-dong-tien-tien", 2017, person=p)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_officer_records_facts_from_the_verdict_page_and_the_verdict_follows(client_for, users, people, tree):
    registered(tree.MAY, 2026, [people.tran_hao])
    client = client_for(users.grassroots_officer)
    base = f"/xet-dieu-kien/nguoi/{people.tran_hao.pk}"
    query = "?award=lao-dong-tien-tien&year=2026"
    assert client.post(f"{base}/xep-loai/{query}", {"year": 2026, "rating": "good"}).status_code == 302
    html = client.get(f"{base}/{query}").content.decode()
    assert "Đủ điều kiện" in html and "Hoàn thành tốt nhiệm vụ" in html
    response = client.post(f"{base}/su-viec/{query}", {"kind": "investigation", "starts_on": "02/11/2026",
                                                      "source": "Thông báo 5/TB-TTr"})  # fmt: skip
    assert response.status_code == 302
    html = client.get(f"{base}/{query}").content.decode()
    assert "Thông báo 5/TB-TTr" in html and "Không đủ điều kiện" in html


def test_readers_and_outsiders_may_not_record_facts(client_for, users, people):
    url = f"/xet-dieu-kien/nguoi/{people.tran_hao.pk}/xep-loai/"
    assert client_for(users.council_member).post(url, {"year": 2026, "rating": "good"}).status_code == 403
    assert client_for(users.outsider).post(url, {"year": 2026, "rating": "good"}).status_code == 404
    assert not TaskRating.objects.exists()
