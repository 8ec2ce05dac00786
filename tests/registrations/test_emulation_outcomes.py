"""What became of a registered title, on the person's and the unit's page: conferred by which decision, revoked, or
no decision yet (the rewards answer through ``registrations.outcomes``, one query per panel)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.rewards.builders import issued, person_line, register, unit_line
from thidua.orgs import actions as org_actions
from thidua.registrations.outcomes import outcomes_for
from thidua.rewards import actions as reward_actions
from thidua.rewards.models import AwardRecord

from .builders import award, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db
AWARDED = "Đã được tặng theo Quyết định số 45/QĐ-LĐLĐ ngày 20/12/2017"


def _panel(response, marker='data-testid="emulation-panel"') -> str:
    return response.content.decode().split(marker)[1].split("</section>")[0]


def _person(client, person) -> str:
    return _panel(client.get(reverse("orgs:person-detail", args=[person.pk])))


def _unit(client, unit) -> str:
    return _panel(client.get(reverse("orgs:unit-detail", args=[unit.pk])))


def test_person_awarded_revoked_and_not_decided(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao, people.nguyen_dao])
    client = client_for(users.province_officer)
    assert "Chưa có quyết định" in _person(client, people.tran_hao)
    reg = register(tree.BT, mode="external")
    issued(reg, [person_line(people.tran_hao), person_line(people.nguyen_dao)], number=45)
    assert AWARDED in _person(client, people.tran_hao)
    record = AwardRecord.objects.get(person=people.nguyen_dao)
    reward_actions.revoke_award(
        record, by=None, reason="fraud", revoked_on=D(2018, 3, 5), reference="12/QĐ-LĐLĐ"
    )
    dao = _person(client, people.nguyen_dao)
    assert "Đã bị thu hồi" in dao and "Đã được tặng" not in dao


def test_another_title_or_year_is_not_the_registered_one(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])  # Lao động tiên tiến 2017
    reg = register(tree.BT, mode="external")
    issued(reg, [person_line(people.tran_hao, award="cstd-co-so")], number=45)
    issued(reg, [person_line(people.tran_hao, year=2016)], number=46)
    panel = _person(client_for(users.province_officer), people.tran_hao)
    assert "Chưa có quyết định" in panel and "Đã được tặng" not in panel


def test_transferred_person_registered_by_one_union_awarded_later(client_for, tree, users, people):
    """Registered by May Việt Tiến for 2017, moved to Dừa, awarded for 2017 afterwards: the registration made by
    the first union shows the award."""
    submitted_registration(tree.MAY, [people.tran_hao])
    org_actions.transfer_person(people.tran_hao, tree.DUA, by=users.province_officer, on=D(2017, 6, 1))
    issued(register(tree.BT, mode="external"), [person_line(people.tran_hao)], number=45)
    panel = _person(client_for(users.province_officer), people.tran_hao)
    assert "Do Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre đăng ký" in panel and AWARDED in panel


def test_unit_collective_title_and_predecessor(client_for, tree, users, people):
    submitted_registration(tree.MAY, [])
    submitted_registration(tree.DUA, [])
    client = client_for(users.province_officer)
    assert "Chưa có quyết định" in _unit(client, tree.MAY)
    issued(register(tree.BT, mode="external"), [unit_line(tree.DUA, award="cdcs-vung-manh")], number=45)
    assert "Chưa có quyết định" in _unit(client, tree.MAY)  # Dừa's award is not May's
    org_actions.merge_units([tree.DUA], tree.MAY, by=None, effective_on=D(2018, 1, 1))
    items = _unit(client, tree.MAY).split('<li class="list-group-item">')[1:]
    (dua,) = [i for i in items if "(đơn vị tiền thân)" in i]
    (may,) = [i for i in items if "(đơn vị tiền thân)" not in i]
    assert AWARDED in dua  # the predecessor's registration, matched against the predecessor's award
    assert "Chưa có quyết định" in may and "Đã được tặng" not in may


def test_outcomes_cost_one_query_whatever_the_number_of_titles(
    tree, users, people, django_assert_num_queries
):
    submitted_registration(tree.MAY, [people.tran_hao])
    issued(register(tree.BT, mode="external"), [person_line(people.tran_hao)], number=45)
    keys = [(people.tran_hao.pk, award(code).pk, year) for code in ("lao-dong-tien-tien", "cstd-co-so")
            for year in (2016, 2017, 2018)]  # fmt: skip
    users.province_officer.refresh_from_db()
    outcomes_for(users.province_officer, people=keys[:1])  # warm the user's scope
    with django_assert_num_queries(1):
        found = outcomes_for(users.province_officer, people=keys, units=[(tree.MAY.pk, keys[0][1], 2017)])
    assert [k for k, o in found.items() if o.state == "awarded"] == [("person", keys[1])]
