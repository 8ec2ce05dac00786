"""The demo shows history for successors (decision 0011): ``chauthanh``, an officer of the area union that took over
LĐLĐ huyện Châu Thành's grassroots unions on 01/7/2025, reads the district federation's 2017 plan and the province's
plan it received; ``cdcs-maybentre`` (moved when the industrial-zone unions merged) reads what its former upper level
received in 2017; ``bentre`` sees the Bến Tre federation's plans as the merged federation's history."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thidua.plans import queries
from thidua.plans.models import Plan

pytestmark = pytest.mark.django_db
SMALL = {"grassroots": 40, "people": 900, "neighbour_grassroots": 8}


def _user(username: str):
    return get_user_model().objects.get(username=username)


def test_the_demo_shows_history_for_successors(db, client):
    """One demo load (the slow part) for the three cases."""
    call_command("load_demo", stdout=io.StringIO(), **SMALL)
    province = Plan.objects.get(issuer__code="BTR", number=13, year=2017)
    district = Plan.objects.get(issuer__code="BTR-CT", year=2017, status="issued")

    # The area union's officer reads its predecessor's plan and the plan its predecessor received.
    chauthanh = _user("chauthanh")
    assert [(p.pk, p.via_name) for p in queries.inherited_plans(chauthanh)] == [
        (district.pk, "Liên đoàn Lao động huyện Châu Thành"),
        (province.pk, "Liên đoàn Lao động huyện Châu Thành"),
    ]
    client.force_login(chauthanh)
    assert client.get(f"/ke-hoach/{district.pk}/").status_code == 200
    assert client.get(f"/ke-hoach/{province.pk}/").status_code == 200
    assert 'data-testid="dashboard-history"' in client.get("/").content.decode()
    neighbour = Plan.objects.filter(issuer__code="BTR-BD", year=2017, status="issued").get()
    assert (
        client.get(f"/ke-hoach/{neighbour.pk}/").status_code == 404
    )  # another district's: not its predecessor

    # The grassroots union moved by the merger of the industrial-zone unions reads what its upper level received,
    # and its inbox holds its upper level's 2017 plan, received on the day it was issued.
    maybentre = _user("cdcs-maybentre")
    assert province in set(Plan.objects.visible_to(maybentre))
    upper = Plan.objects.get(issuer__code="BTR-KCN", year=2017, status="issued")
    assert [(d.plan_id, d.received_on) for d in queries.inbox(maybentre)] == [(upper.pk, upper.date)]

    # The merged federation: the Bến Tre plans are its history, and its 2017 calendar opens on them.
    bentre = _user("bentre")
    assert province.pk in [p.pk for p in queries.inherited_plans(bentre)]
    merged = province.issuer.merged_into
    assert [p.pk for p in queries.plans_for_unit(bentre, merged, 2017)] == [province.pk]
