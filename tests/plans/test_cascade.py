import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.orgs.models import Unit
from thidua.plans import actions, permissions, queries
from thidua.plans.models import MeasureTarget, Plan, PlanStatus

from .builders import built_and_issued, draft_plan, issued_plan

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(tree, users):
    return issued_plan(tree.BT, by=users.province_leader)


def test_built_plan_cites_the_upper_plan_and_takes_its_content(tree, users, province_plan):
    plan = actions.build_plan_from(province_plan, tree.CT, by=users.district_leader)
    assert (plan.issuer, plan.status, plan.based_on, plan.year, plan.number_display) == (
        tree.CT, PlanStatus.DRAFT, province_plan, 2017, "01/KH-LĐLĐ")  # fmt: skip
    basis = plan.legal_bases.get()
    assert (basis.kind, basis.number, basis.date, basis.issuer, basis.cited_plan) == (
        "plan", "13/KH-LĐLĐ", D(2017, 2, 22), "Liên đoàn Lao động tỉnh Bến Tre", province_plan)  # fmt: skip
    assert [m.names for m in plan.movements.order_by("order")] == [
        m.names for m in province_plan.movements.order_by("order")]  # fmt: skip
    assert sorted(plan.commemorations.values_list("ordinal", flat=True)) == [72, 87, 88]
    assert list(plan.events.values_list("action", flat=True)) == ["build"]


def test_built_phases_follow_the_upper_ones_with_earlier_report_deadlines(tree, users, province_plan):
    plan = actions.build_plan_from(province_plan, tree.CT, by=users.district_leader)
    upper = list(province_plan.phases.order_by("order"))
    rows = [(p.name, p.start, p.end, p.report_due, p.upper_phase) for p in plan.phases.order_by("order")]
    assert rows == [
        ("Đợt 1", D(2017, 1, 1), D(2017, 8, 31), D(2017, 9, 5), upper[0]),
        ("Đợt 2", D(2017, 9, 1), D(2017, 12, 31), D(2017, 12, 15), upper[1]),  # 10/12 would precede the end
    ]
    assert all(p.report_due <= p.upper_phase.report_due for p in plan.phases.all())
    assert list(plan.reporting_duties.values_list("to_whom", "due")) == [
        ("Liên đoàn Lao động tỉnh Bến Tre", D(2017, 9, 5)), ("Liên đoàn Lao động tỉnh Bến Tre", D(2017, 12, 15))]  # fmt: skip


def test_report_deadline_later_than_the_upper_one_is_refused(tree, users, province_plan):
    plan = actions.build_plan_from(province_plan, tree.CT, by=users.district_leader)
    phase = plan.phases.get(order=1)
    with pytest.raises(ValidationError) as error:
        actions.update_plan(plan, by=users.district_leader, parts={"phases": [
            {"id": phase.pk, "name": "Đợt 1", "start": phase.start, "end": phase.end, "report_due": D(2017, 9, 20),
             "upper_phase": phase.upper_phase},
        ]})  # fmt: skip
    assert error.value.message_dict["phases"] == [
        "Đợt 1: hạn báo cáo 20/09/2017 muộn hơn hạn của kế hoạch cấp trên (10/09/2017)."
    ]


def test_built_measures_are_those_for_units_like_the_builder(tree, users, province_plan):
    district_plan = built_and_issued(province_plan, tree.CT, by=users.district_leader)
    upper_targets = set(district_plan.measures.values_list("target", flat=True))
    assert upper_targets == {t.value for t in MeasureTarget}
    grassroots = actions.build_plan_from(district_plan, tree.MAY, by=users.grassroots_officer)
    assert set(grassroots.measures.values_list("target", flat=True)) == {"grassroots_business", "general"}
    school = actions.build_plan_from(district_plan, tree.THPT, by=users.district_leader)
    assert set(school.measures.values_list("target", flat=True)) == {"grassroots_admin", "general"}
    assert grassroots.lineage == f"{district_plan.lineage}{district_plan.pk}/"
    assert list(grassroots.recipients.values_list("name", "unit")) == [
        ("LĐLĐ Châu Thành", tree.CT.pk), ("VT", None)]  # fmt: skip


def test_only_an_issued_plan_is_built_from(tree, users):
    plan = draft_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.build_plan_from(plan, tree.CT, by=users.district_leader)
    assert error.value.messages == ["Chỉ xây dựng kế hoạch từ kế hoạch cấp trên đã ban hành."]


def test_unit_outside_the_issuer_cannot_build_from_its_plan(tree, users, province_plan):
    with pytest.raises(ValidationError):
        actions.build_plan_from(province_plan, tree.LD, by=users.outsider)
    assert permissions.can_build_from(users.outsider, province_plan, tree.LD) is False


def test_district_leader_may_build_for_the_district_that_received_the_plan(tree, users, province_plan):
    assert permissions.can_build_from(users.district_leader, province_plan, tree.CT) is True
    assert permissions.can_build_from(users.district_leader, province_plan, tree.TPBT) is False
    assert list(permissions.units_that_can_build_from(users.district_leader, province_plan)) == [tree.CT]


def test_deployment_status_shows_issued_draft_and_nothing_with_since(tree, users, province_plan):
    district = built_and_issued(province_plan, tree.CT, by=users.district_leader, date=D(2017, 3, 1))
    rows = queries.deployment_status(province_plan)
    assert [
        (r.unit.code, r.state, r.plan and r.plan.pk, r.since, r.can_drill, r.delivered) for r in rows
    ] == [
        ("CT", "issued", district.pk, D(2017, 3, 1), True, True),
        ("TPBT", "none", None, D(2017, 2, 22), True, True),
    ]
    assert queries.deployment_summary(rows) == {"issued": 1, "draft": 0, "none": 1, "total": 2}


def test_drill_down_counts_grassroots_plans_built_from_the_district_plan(tree, users, province_plan):
    district = built_and_issued(province_plan, tree.CT, by=users.district_leader)
    actions.build_plan_from(district, tree.MAY, by=users.grassroots_officer)
    rows = queries.deployment_status(province_plan, tree.CT)
    assert [(r.unit.code, r.state) for r in rows] == [("MAY", "draft"), ("THPT", "none")]


def test_deployment_status_costs_the_same_queries_for_one_or_many_units(tree, users, province_plan,
                                                                         django_assert_num_queries):  # fmt: skip
    from thidua.orgs import actions as org_actions

    with django_assert_num_queries(4):
        queries.deployment_status(province_plan)
    for i in range(6):
        unit = org_actions.create_unit(tree.BT, by=None, code=f"H{i}", name=f"Liên đoàn Lao động huyện {i}",
                                       level="upper", founded_on=D(2016, 1, 1))  # fmt: skip
        actions.build_plan_from(province_plan, unit, by=None)
    with django_assert_num_queries(4):
        rows = queries.deployment_status(province_plan)
    assert len(rows) == 8


def test_plan_tree_shows_the_cascade(tree, users, province_plan):
    district = built_and_issued(province_plan, tree.CT, by=users.district_leader)
    grassroots = actions.build_plan_from(district, tree.MAY, by=users.grassroots_officer)
    city = actions.build_plan_from(province_plan, tree.TPBT, by=users.province_officer)
    nodes = queries.plan_tree(province_plan)
    assert [(n.plan, [c.plan for c in n.children]) for n in nodes] == [(district, [grassroots]), (city, [])]


def test_inbox_lists_received_plans_with_their_deployment(tree, users, province_plan):
    rows = list(queries.inbox(users.district_leader))
    assert [(r.plan, r.unit, r.deployed, r.drafted) for r in rows] == [(province_plan, tree.CT, False, False)]
    actions.build_plan_from(province_plan, tree.CT, by=users.district_leader)
    assert [(r.deployed, r.drafted) for r in queries.inbox(users.district_leader)] == [(False, True)]
    assert list(queries.inbox(users.outsider)) == []


def test_received_plan_is_visible_to_the_receiving_branch_only(tree, users, province_plan):
    assert list(Plan.objects.visible_to(users.district_leader)) == [province_plan]
    assert list(Plan.objects.visible_to(users.grassroots_officer)) == []  # not a recipient
    assert list(Plan.objects.visible_to(users.outsider)) == []
    assert permissions.can_view_plan(users.district_leader, province_plan) is True
    assert permissions.can_view_plan(users.outsider, province_plan) is False


def test_draft_of_the_province_is_not_visible_below(tree, users):
    plan = draft_plan(tree.BT)
    assert permissions.can_view_plan(users.province_officer, plan) is True
    assert permissions.can_view_plan(users.district_leader, plan) is False


def test_deployment_follows_the_tree_of_the_plans_day(tree, users, province_plan):
    """A unit moved out of the province after the plan was issued still counts where it stood that day."""
    from thidua.orgs import actions as org_actions

    late = org_actions.create_unit(tree.BT, by=None, code="MOI", name="Công đoàn ngành Y tế Bến Tre", level="upper",
                                   founded_on=D(2020, 1, 1))  # fmt: skip
    org_actions.move_unit(tree.TPBT, tree.TV, by=None, effective_on=D(2025, 7, 1))
    rows = queries.deployment_status(province_plan)
    assert [r.unit.code for r in rows] == ["CT", "TPBT"]
    assert late.pk not in [r.unit.pk for r in rows]
    tpbt = Unit.objects.get(code="TPBT")
    assert queries.was_below(tpbt, tree.BT, D(2017, 2, 22)) is True
    assert queries.was_below(tpbt, tree.BT, D(2025, 7, 2)) is False
    city = actions.build_plan_from(province_plan, tpbt, by=None)
    assert city.based_on == province_plan
