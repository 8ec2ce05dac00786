"""History for successors (decision 0011): the units that took over an ended unit's units read its issued plans and
what it received; a unit that moved reads what its former parent received while it stood there. Read-only; drafts
stay with nobody; outsiders get 404.

The trees are the demo's 2025 restructuring in small, built on the standard tree through the real actions:

- an area union ``KVCT`` is founded under BT on 01/7/2025, MAY and THPT move to it, and LĐLĐ Châu Thành (CT) is
  dissolved that day (an area union succeeding a district federation);
- DUA moves from LĐLĐ TP Bến Tre (TPBT, still active) to LĐLĐ Châu Thành in 2020 (a grassroots union moved between
  parents);
- BT is consolidated into TV (a merged federation).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from tests.plans.builders import built_and_issued, draft_plan, issued_plan
from thidua.orgs import actions as org_actions
from thidua.orgs import queries as org_queries
from thidua.orgs.models import EndKind, Unit
from thidua.plans import actions as plan_actions
from thidua.plans import permissions, queries
from thidua.plans.models import Plan

D = datetime.date
RESTRUCTURED_ON = D(2025, 7, 1)


@pytest.fixture
def province_plan(tree):
    """13/KH-LĐLĐ of 22/02/2017, to the unions directly below BT (CT and TPBT)."""
    return issued_plan(tree.BT)


@pytest.fixture
def district_plans(tree, province_plan):
    """LĐLĐ Châu Thành's plan built from the province's (to MAY and THPT), and a draft it never issued."""
    issued = built_and_issued(province_plan, tree.CT, date=D(2017, 3, 1))
    draft = draft_plan(tree.CT, number=20, title="Kế hoạch dự thảo chưa ban hành")
    return issued, draft


def _user(username: str, unit: Unit, role: str = "officer"):
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user


@pytest.fixture
def area_union(tree, district_plans):
    """01/7/2025: the area union takes over LĐLĐ Châu Thành's grassroots unions; the district federation is
    dissolved."""
    area = org_actions.create_unit(tree.BT, by=None, code="KVCT", name="Công đoàn khu vực Châu Thành",
                                   level="upper", founded_on=RESTRUCTURED_ON)  # fmt: skip
    for code in ("MAY", "THPT"):
        org_actions.move_unit(Unit.objects.get(code=code), area, by=None, effective_on=RESTRUCTURED_ON)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=RESTRUCTURED_ON)
    return Unit.objects.get(pk=area.pk)


@pytest.fixture
def area_officer(area_union):
    return _user("area_officer", area_union)


# --- orgs.queries ----------------------------------------------------------------------------------------------


def test_the_area_union_succeeds_the_district_federation_it_took_over(tree, area_union):
    assert list(org_queries.predecessors(area_union)) == [Unit.objects.get(code="CT")]
    assert list(org_queries.successors(Unit.objects.get(code="CT"))) == [area_union]
    assert list(org_queries.predecessors(tree.TPBT)) == []


def test_a_unit_that_received_one_union_before_the_dissolution_is_no_successor(tree, district_plans):
    """Only the units that took over the ended unit's units on the day it ended carry on its records."""
    org_actions.move_unit(tree.THPT, tree.TPBT, by=None, effective_on=D(2020, 1, 1))
    org_actions.move_unit(tree.MAY, tree.TPBT, by=None, effective_on=RESTRUCTURED_ON)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=D(2025, 7, 2))
    assert list(org_queries.predecessors(tree.TPBT)) == []


def test_successors_and_predecessors_run_over_generations(tree, area_union):
    """The area union is consolidated into LĐLĐ TP Bến Tre later: TPBT carries on both CT and the area union."""
    org_actions.merge_units(
        [area_union], tree.TPBT, by=None, effective_on=D(2026, 1, 1), kind=EndKind.CONSOLIDATED
    )
    ct = Unit.objects.get(code="CT")
    assert set(org_queries.predecessors(tree.TPBT)) == {ct, Unit.objects.get(pk=area_union.pk)}
    assert set(org_queries.successors(ct)) == {Unit.objects.get(pk=area_union.pk), tree.TPBT}


def test_a_merged_federation_succeeds_the_federations_merged_into_it(tree):
    org_actions.merge_units(
        [tree.BT], tree.TV, by=None, effective_on=RESTRUCTURED_ON, kind=EndKind.CONSOLIDATED
    )
    assert list(org_queries.predecessors(tree.TV)) == [Unit.objects.get(code="BT")]


def test_former_parents_are_the_parents_a_unit_has_left(tree):
    org_actions.rename_unit(tree.DUA, by=None, name="Công đoàn cơ sở Công ty Cổ phần Dừa Xanh Bến Tre",
                            effective_on=D(2019, 1, 1))  # fmt: skip
    org_actions.move_unit(tree.DUA, tree.CT, by=None, effective_on=D(2020, 1, 1))
    versions = org_queries.former_parents(Unit.objects.get(code="DUA"))
    # Two periods under TPBT (before and after the rename), none under CT where it stands now.
    assert [(v.parent.code, v.valid_from, v.valid_to) for v in versions] == [
        ("TPBT", D(2015, 1, 1), D(2019, 1, 1)),
        ("TPBT", D(2019, 1, 1), D(2020, 1, 1)),
    ]
    assert org_queries.former_parents(tree.MAY) == []


# --- who reads which plan ------------------------------------------------------------------------------------


def test_the_area_union_reads_its_predecessors_plans_and_what_it_received(area_officer, province_plan,
                                                                          district_plans):  # fmt: skip
    issued, draft = district_plans
    seen = set(Plan.objects.visible_to(area_officer))
    assert province_plan in seen  # delivered to LĐLĐ Châu Thành: the plan it had to carry out
    assert issued in seen  # LĐLĐ Châu Thành's own plan
    assert draft not in seen  # a draft it never issued is nobody's
    assert permissions.can_view_plan(area_officer, province_plan) is True
    assert permissions.can_view_plan(area_officer, issued) is True
    assert permissions.can_view_plan(area_officer, draft) is False


def test_history_is_read_only(area_officer, province_plan, district_plans):
    issued, _draft = district_plans
    for plan in (province_plan, issued):
        assert permissions.can_edit_plan_if_draft(area_officer, plan) is False
        assert permissions.can_amend_plan(area_officer, plan) is False
        assert permissions.can_close_plan(area_officer, plan) is False
        assert permissions.can_archive_plan(area_officer, plan) is False
        assert permissions.can_copy_plan(area_officer, plan) is False
        assert permissions.can_send_reminders(area_officer, plan) is False
        assert permissions.can_view_deployment(area_officer, plan) is False
    # Nothing is built from the predecessor's own plan (the area union never stood below LĐLĐ Châu Thành).
    assert list(permissions.units_that_can_build_from(area_officer, issued)) == []


def test_before_the_restructuring_the_area_union_reads_nothing_of_the_district(tree, province_plan,
                                                                               district_plans):  # fmt: skip
    """An active district federation's plans are not its neighbours' to read."""
    neighbour = _user("neighbour", tree.TPBT)
    issued, _draft = district_plans
    assert permissions.can_view_plan(neighbour, issued) is False
    assert issued not in set(Plan.objects.visible_to(neighbour))


def test_outsiders_get_404_on_the_predecessors_plans(
    client_for, users, area_union, province_plan, district_plans
):
    issued, draft = district_plans
    for plan in (province_plan, issued, draft):
        assert client_for(users.outsider).get(f"/ke-hoach/{plan.pk}/").status_code == 404


def test_the_area_union_opens_the_predecessors_plans(client, area_officer, province_plan, district_plans):
    issued, draft = district_plans
    client.force_login(area_officer)
    for plan in (province_plan, issued):
        response = client.get(f"/ke-hoach/{plan.pk}/")
        assert response.status_code == 200
        assert plan.title in response.content.decode()
    assert client.get(f"/ke-hoach/{draft.pk}/").status_code == 404


def test_a_moved_grassroots_union_reads_what_its_former_parent_received_while_it_stood_there(
    tree, province_plan
):
    """DUA stood under TPBT until 2020: it reads the 2017 plan TPBT received, not what TPBT receives after it
    left."""
    dua_officer = _user("dua_officer", tree.DUA)
    assert (
        permissions.can_view_plan(dua_officer, province_plan) is False
    )  # still under TPBT: not addressed to it
    org_actions.move_unit(tree.DUA, tree.CT, by=None, effective_on=D(2020, 1, 1))
    later = issued_plan(tree.BT, year=2021, number=5, date=D(2021, 2, 1))
    dua_officer = get_user_model().objects.get(pk=dua_officer.pk)
    assert permissions.can_view_plan(dua_officer, province_plan) is True
    assert permissions.can_view_plan(dua_officer, later) is False  # TPBT received it after DUA left
    assert set(Plan.objects.visible_to(dua_officer)) == {province_plan}


def test_a_rename_is_no_move(tree, province_plan):
    """A union renamed under the same parent has no former parent: it does not read its parent's inbox."""
    org_actions.rename_unit(tree.DUA, by=None, name="Công đoàn cơ sở Công ty Cổ phần Dừa Xanh Bến Tre",
                            effective_on=D(2019, 1, 1))  # fmt: skip
    dua_officer = _user("dua_officer", tree.DUA)
    assert permissions.can_view_plan(dua_officer, province_plan) is False


def test_the_merged_federation_reads_its_predecessors_plans(tree, province_plan, district_plans):
    org_actions.merge_units(
        [tree.BT], tree.TV, by=None, effective_on=RESTRUCTURED_ON, kind=EndKind.CONSOLIDATED
    )
    tv_officer = _user("tv_officer", tree.TV)
    issued, draft = district_plans
    assert {province_plan, issued, draft} <= set(Plan.objects.visible_to(tv_officer))


def test_reading_history_adds_no_query(django_assert_num_queries, area_officer, province_plan):
    list(Plan.objects.visible_to(area_officer))  # the user's scope is computed once per user
    with django_assert_num_queries(1):
        assert province_plan in list(Plan.objects.visible_to(area_officer))


# --- the calendar ------------------------------------------------------------------------------------------------


def test_the_2017_calendar_of_a_merged_federation_opens_on_its_predecessors_plans(
    tree, province_plan, client
):
    org_actions.merge_units(
        [tree.BT], tree.TV, by=None, effective_on=RESTRUCTURED_ON, kind=EndKind.CONSOLIDATED
    )
    tv_officer = _user("tv_officer", tree.TV)
    assert list(queries.plans_for_unit(tv_officer, tree.TV, 2017)) == [province_plan]
    assert 2017 in queries.years_for_unit(tv_officer, tree.TV)
    client.force_login(tv_officer)
    page = client.get(f"/ke-hoach/lich/?unit={tree.TV.pk}&year=2017").content.decode()
    assert province_plan.number_display in page
    assert "Không có kế hoạch nào" not in page
    assert "kể cả kế hoạch của đơn vị tiền thân" in page


def test_the_calendar_of_the_area_union_holds_what_its_predecessor_received_and_issued(area_officer, area_union,
                                                                                      province_plan, district_plans):  # fmt: skip
    issued, _draft = district_plans
    assert list(queries.plans_for_unit(area_officer, area_union, 2017)) == [province_plan, issued]


def test_the_calendar_shows_no_predecessor_to_those_who_cannot_read_it(users, area_union, province_plan,
                                                                       district_plans):  # fmt: skip
    """The calendar of a unit the user does not see is 404 (the predecessors' plans go through ``visible_to``)."""
    assert list(queries.plans_for_unit(users.outsider, area_union, 2017)) == []


# --- the dashboard's history block ---------------------------------------------------------------------------------


def _history_block(html: str) -> str:
    if 'data-testid="dashboard-history"' not in html:
        return ""
    import re

    block = html.split('data-testid="dashboard-history"')[1].split("</section>")[0]
    return re.sub(r"<a [^>]*>|</a>", "", block)  # the text as read


def test_the_dashboard_lists_the_plans_the_area_union_carries_on(client, area_officer, province_plan,
                                                                 district_plans):  # fmt: skip
    issued, draft = district_plans
    client.force_login(area_officer)
    block = _history_block(client.get("/").content.decode())
    assert block.count('data-testid="history-plan"') == 2
    assert issued.number_display in block and province_plan.number_display in block
    assert draft.title not in block
    assert "LĐLĐ Châu Thành (đã giải thể 01/07/2025)" in block
    assert "Gửi đến Liên đoàn Lao động huyện Châu Thành" in block  # the province's plan came through it


def test_the_merged_federation_sees_its_predecessors_plans_as_history(client, tree, province_plan):
    org_actions.merge_units(
        [tree.BT], tree.TV, by=None, effective_on=RESTRUCTURED_ON, kind=EndKind.CONSOLIDATED
    )
    client.force_login(_user("tv_officer", tree.TV))
    block = _history_block(client.get("/").content.decode())
    assert province_plan.number_display in block
    assert "LĐLĐ Bến Tre (đã hợp nhất 01/07/2025)" in block


def test_no_history_block_without_history(client_for, users, province_plan):
    for user in (users.province_officer, users.district_leader, users.grassroots_officer, users.outsider):
        assert _history_block(client_for(user).get("/").content.decode()) == ""


def test_the_history_block_costs_one_query_without_history_and_two_with(rf, users, area_officer, province_plan,
                                                                        district_plans, django_assert_num_queries):  # fmt: skip
    from thidua.plans.views.dashboard import history_block

    for user, expected in ((users.province_officer, 1), (area_officer, 2)):
        request = rf.get("/")
        request.user = get_user_model().objects.get(pk=user.pk)
        list(Plan.objects.visible_to(request.user)[:1])  # the scope is known before the block is drawn
        with django_assert_num_queries(expected):
            history_block(request)


def test_the_calendar_of_a_predecessor_opens_for_its_successor_only(client, client_for, users, area_officer, tree,
                                                                    province_plan, district_plans):  # fmt: skip
    issued, _draft = district_plans
    url = f"/ke-hoach/lich/?unit={tree.CT.pk}&year=2017"
    client.force_login(area_officer)
    page = client.get(url).content.decode()
    assert issued.number_display in page and province_plan.number_display in page
    assert client_for(users.outsider).get(url).status_code == 404
    assert client_for(users.outsider).get(f"/ke-hoach/lich/?unit={tree.MAY.pk}&year=2017").status_code == 404
    client.force_login(area_officer)
    page = client.get(
        f"/ke-hoach/lich/?unit={tree.CT.pk}"
    ).content.decode()  # an ended unit opens on its last year
    assert "Lịch thi đua năm 2017" in page and issued.number_display in page


def test_a_plan_entered_after_the_restructuring_goes_down_the_tree_of_its_day(tree, users, province_plan):
    """LĐLĐ Châu Thành's 2017 plan entered after 2025 (when it has no unit left) still goes to the grassroots unions
    it had in 2017: they read it where they stand now."""
    area = org_actions.create_unit(tree.BT, by=None, code="KVCT", name="Công đoàn khu vực Châu Thành",
                                   level="upper", founded_on=RESTRUCTURED_ON)  # fmt: skip
    for code in ("MAY", "THPT"):
        org_actions.move_unit(Unit.objects.get(code=code), area, by=None, effective_on=RESTRUCTURED_ON)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=RESTRUCTURED_ON)
    late = built_and_issued(province_plan, Unit.objects.get(code="CT"), date=D(2017, 3, 1))
    assert sorted(late.deliveries.values_list("unit__code", "received_on")) == [
        ("MAY", D(2017, 3, 1)),
        ("THPT", D(2017, 3, 1)),
    ]
    assert permissions.can_view_plan(users.grassroots_officer, late) is True


def test_the_calendar_queries_do_not_grow_with_the_predecessors_plans(client, area_officer, area_union, tree,
                                                                      province_plan, district_plans,
                                                                      django_assert_num_queries):  # fmt: skip
    url = f"/ke-hoach/lich/?unit={area_union.pk}&year=2017"
    client.force_login(area_officer)
    client.get(url)
    with django_assert_num_queries(14) as few:
        assert client.get(url).status_code == 200
    ct = Unit.objects.get(code="CT")
    for number in range(30, 36):  # six more plans of the predecessor in 2017
        plan = draft_plan(ct, number=number, date=D(2017, 3, number - 27))
        plan_actions.issue_plan(plan, by=None, date=plan.date)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('data-testid="cal-phase"') == 2 * 8
