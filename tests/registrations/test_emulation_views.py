"""The pages of emulation registration: the list (filters, scope, query count) and one registration."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from thidua.registrations import actions

from .builders import filled_registration, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db


def _list(client, **params):
    return client.get(reverse("emulation:registration-list"), params)


def test_list_shows_the_subtrees_registrations(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])
    filled_registration(tree.DUA, [people.vo_hong])
    response = _list(client_for(users.district_leader))
    assert response.status_code == 200
    rows = [r.unit.code for r in response.context["registrations"]]
    assert rows == ["MAY"]  # DUA is under TP Bến Tre, not Châu Thành


def test_list_filters_by_year_status_and_unit(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])
    filled_registration(tree.DUA, [people.vo_hong])
    client = client_for(users.province_officer)
    assert [r.unit.code for r in _list(client).context["registrations"]] == ["MAY", "DUA"]
    assert [r.unit.code for r in _list(client, status="draft").context["registrations"]] == ["DUA"]
    assert [r.unit.code for r in _list(client, unit=tree.CT.pk).context["registrations"]] == ["MAY"]
    assert [r.unit.code for r in _list(client, year=2018).context["registrations"]] == []
    # a unit outside the user's scope is no filter at all (not a hint): the whole scope is listed
    assert _list(client, unit=tree.LD.pk).context["unit"] is None


def _many(n: int) -> None:
    """``n`` grassroots unions under Châu Thành, each with an open registration."""
    from thidua.orgs import actions as org_actions

    for i in range(n):
        unit = org_actions.create_unit(tree_ct(), by=None, code=f"N{i}", name=f"Công đoàn cơ sở Công ty số {i}",
                                       level="grassroots", sector="private")  # fmt: skip
        actions.open_registration(unit, by=None, year=2017, today=D(2017, 1, 10))


def tree_ct():
    from thidua.orgs.models import Unit

    return Unit.objects.get(code="CT")


@pytest.mark.parametrize("count", [1, 12])
def test_list_query_count_does_not_grow_with_rows(client_for, users, count, django_assert_num_queries):
    _many(count)
    client = client_for(users.province_officer)
    client.get(reverse("emulation:registration-list"))  # warm the session
    with django_assert_num_queries(9):
        response = _list(client)
    assert len(response.context["registrations"]) == count


def test_detail_shows_rows_and_history(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    response = client_for(users.district_leader).get(
        reverse("emulation:registration-detail", args=[registration.pk])
    )
    text = response.content.decode()
    assert "Trần Trung Hào" in text and "Lao động tiên tiến" in text and "Công đoàn cơ sở vững mạnh" in text
    assert [e.action for e in response.context["registration"].events.all()] == ["open", "submit"]


def test_detail_of_another_branch_is_404(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    assert client_for(users.outsider).get(
        reverse("emulation:registration-detail", args=[registration.pk])).status_code == 404  # fmt: skip
