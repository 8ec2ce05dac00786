"""The emulation registration panels on a unit's page and a person's page: what they registered across years,
restructuring and transfers, and what became of it, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.budgets import UNIT_PAGE_QUERY_BUDGET
from thidua.orgs import actions as org_actions
from thidua.registrations import actions

from .builders import award, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db


def _panel(response, marker='data-testid="emulation-panel"') -> str:
    return response.content.decode().split(marker)[1].split("</section>")[0]


def test_unit_page_lists_the_units_registrations_with_their_fate(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    actions.acknowledge_registration(registration, by=users.district_leader)
    panel = _panel(client_for(users.district_leader).get(reverse("orgs:unit-detail", args=[tree.MAY.pk])))
    assert "2017" in panel and "Cấp trên đã ghi nhận" in panel and "Công đoàn cơ sở vững mạnh" in panel
    assert "1 cá nhân" in panel


def test_unit_page_shows_the_predecessors_registrations(client_for, tree, users, people):
    submitted_registration(tree.DUA, [people.vo_hong])
    org_actions.merge_units([tree.DUA], tree.MAY, by=None, effective_on=D(2018, 1, 1))
    panel = _panel(client_for(users.province_officer).get(reverse("orgs:unit-detail", args=[tree.MAY.pk])))
    assert "của Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre (đơn vị tiền thân)" in panel


def test_person_page_follows_the_person_across_transfers(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])
    org_actions.transfer_person(people.tran_hao, tree.DUA, by=users.province_officer, on=D(2017, 6, 1))
    registration = actions.open_registration(tree.DUA, by=None, year=2018, today=D(2018, 1, 10))
    actions.save_registration(registration, by=None, targets=[],
                              people=[{"person": people.tran_hao, "award": award("cstd-co-so")}])  # fmt: skip
    panel = _panel(
        client_for(users.province_officer).get(reverse("orgs:person-detail", args=[people.tran_hao.pk]))
    )
    assert panel.index("2018") < panel.index("2017")
    assert "Do Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre đăng ký" in panel
    assert "Do Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre đăng ký" in panel
    assert "Chiến sĩ thi đua cơ sở" in panel and "Đang soạn" in panel and "Đã gửi cấp trên" in panel


def test_panels_cost_the_same_for_one_year_and_many(
    client_for, tree, users, people, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(users.province_officer)
    url = reverse("orgs:unit-detail", args=[tree.MAY.pk])
    submitted_registration(tree.MAY, [people.tran_hao])
    client.get(url)
    # a grassroots union's page with every app's panel (this one costs two: registrations, titles), within the
    # unit page's budget, and no more with registrations of many years
    with django_assert_max_num_queries(UNIT_PAGE_QUERY_BUDGET) as one:
        client.get(url)
    own = [q["sql"] for q in one.captured_queries if 'FROM "registrations_registration"' in q["sql"]
           or 'FROM "registrations_collectivetarget"' in q["sql"]]  # fmt: skip
    assert len(own) == 2, own
    for year in (2018, 2019, 2020):
        registration = actions.open_registration(tree.MAY, by=None, year=year, today=D(year, 1, 10))
        actions.save_registration(
            registration, by=None, targets=[{"award": award("cdcs-vung-manh")}], people=[]
        )
    with django_assert_num_queries(len(one.captured_queries)):
        assert _panel(client.get(url)).count("Công đoàn cơ sở vững mạnh") == 4


def test_person_transferred_to_another_federation_keeps_their_registrations(client_for, tree, users, people):
    """Trần Trung Hào registered in Bến Tre (2017), then moved to Giày Trà Vinh, which registered him for 2018: the
    person page in his new branch lists both years, each with the union that registered it; Bến Tre no longer
    reads him; neither title has a reward decision yet."""
    submitted_registration(tree.MAY, [people.tran_hao])
    org_actions.transfer_person(people.tran_hao, tree.GIAY, by=None, on=D(2017, 8, 1))
    registration = actions.open_registration(tree.GIAY, by=None, year=2018, today=D(2018, 1, 10))
    actions.save_registration(registration, by=None, targets=[],
                              people=[{"person": people.tran_hao, "award": award("lao-dong-tien-tien")}])  # fmt: skip
    url = reverse("orgs:person-detail", args=[people.tran_hao.pk])
    page = client_for(users.outsider).get(url)
    panel = _panel(page)
    assert panel.index("2018") < panel.index("2017")
    assert "Do Công đoàn cơ sở Công ty TNHH Giày Trà Vinh đăng ký" in panel
    assert "Do Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre đăng ký" in panel
    assert panel.count("Lao động tiên tiến") == 2
    assert panel.count("Chưa có quyết định") == 2  # no reward decided yet for either year
    assert client_for(users.province_officer).get(url).status_code == 404
    giay = _panel(client_for(users.outsider).get(reverse("orgs:unit-detail", args=[tree.GIAY.pk])))
    assert "2018" in giay and "1 cá nhân" in giay and "2017" not in giay  # the unit's own registrations
    may = _panel(client_for(users.district_leader).get(reverse("orgs:unit-detail", args=[tree.MAY.pk])))
    assert "2017" in may and "1 cá nhân" in may  # what the union registered stays on its page
