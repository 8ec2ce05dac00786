"""The engine over plain histories, under the shipped catalog: one test (at least) per rule the engine checks, with
its citation, its period and its mark; the same facts judged in 2017 and in 2026 under each year's rules."""

import pytest

from thidua.eligibility.engine import (
    FAIL,
    INFO,
    PASS,
    UNKNOWN,
    MemberFacts,
    OverrideFact,
    QuotaState,
    evaluate,
)
from thidua.eligibility.models import Outcome

from .builders import D, exclusion, held, initiative, person, research, rules

pytestmark = pytest.mark.django_db


def reason(verdict, check):
    found = [r for r in verdict.reasons if r.check == check]
    assert found, f"no reason {check} in {[r.check for r in verdict.reasons]}"
    return found[0]


# --- Chiến sĩ thi đua cơ sở -----------------------------------------------------------------------------------


def test_cstd_2017_needs_an_initiative_under_decree_91():
    """NĐ 91/2017 Điều 9 k3 (VERIFIED): Lao động tiên tiến + a recognised initiative or accepted research."""
    history = person(2017, ratings={2017: "excellent"}, awards=[held("lao-dong-tien-tien", 2017)])
    verdict = evaluate(history, rules("cstd-co-so", 2017), QuotaState(basis_count=20, already=0))
    assert verdict.computed == Outcome.NOT_ELIGIBLE
    any_of = reason(verdict, "prerequisite:any_of")
    assert any_of.outcome == FAIL
    assert any_of.citation == "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"
    assert any_of.mark == "VERIFIED"


def test_cstd_2026_accepts_an_excellent_rating_instead_under_decree_152():
    """NĐ 152/2025 Điều 50 (VERIFIED; Law 2022 Điều 23): LĐTT and one of excellent rating / initiative / research."""
    history = person(2026, ratings={2026: "excellent"}, awards=[held("lao-dong-tien-tien", 2026)])
    verdict = evaluate(history, rules("cstd-co-so", 2026))
    assert verdict.computed == Outcome.ELIGIBLE
    assert reason(verdict, "prerequisite:any_of").citation == "Nghị định 152/2025/NĐ-CP, Điều 50"
    # no cap under NĐ 152: the absence is itself UNVERIFIED, shown with its mark
    quota = reason(verdict, "quota")
    assert (quota.outcome, quota.mark) == (PASS, "UNVERIFIED")


def test_cstd_2017_with_initiative_is_eligible_and_says_the_rules_changed_in_the_year():
    history = person(2017, initiatives=[initiative(2017)], awards=[held("lao-dong-tien-tien", 2017)])
    verdict = evaluate(history, rules("cstd-co-so", 2017), QuotaState(basis_count=20, already=0))
    assert verdict.computed == Outcome.ELIGIBLE
    changes = [r.text for r in verdict.reasons if r.check == "period" and "thay đổi" in r.text]
    assert any("01/10/2017" in text for text in changes)
    assert "Nghị định 91/2017/NĐ-CP" in reason(verdict, "period").text


def test_cstd_2016_research_suffices_and_no_cap_under_decree_65():
    """NĐ 65/2014 Điều 4 (VERIFIED): LĐTT + initiative or research; the decree has no cap (VERIFIED absence)."""
    history = person(2016, research=[research(2016)], awards=[held("lao-dong-tien-tien", 2016)])
    verdict = evaluate(history, rules("cstd-co-so", 2016))
    assert verdict.computed == Outcome.ELIGIBLE
    assert reason(verdict, "prerequisite:any_of").citation == "Nghị định 65/2014/NĐ-CP, Điều 4"
    quota = reason(verdict, "quota")
    assert (quota.outcome, quota.mark) == (PASS, "VERIFIED")


def test_cstd_without_the_years_lddt_decided_needs_a_judgement():
    verdict = evaluate(person(2017, initiatives=[initiative(2017)]), rules("cstd-co-so", 2017),
                       QuotaState(basis_count=20, already=0))  # fmt: skip
    award = reason(verdict, "prerequisite:award")
    assert award.outcome == UNKNOWN and "cần xét cùng đợt" in award.text
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT


def test_cstd_2017_quota_of_15_percent_of_lddt_is_full():
    """NĐ 91/2017 Điều 9 k3: not more than 15 % of the unit's Lao động tiên tiến."""
    history = person(2017, initiatives=[initiative(2017)], awards=[held("lao-dong-tien-tien", 2017)])
    verdict = evaluate(history, rules("cstd-co-so", 2017), QuotaState(basis_count=10, already=1))
    quota = reason(verdict, "quota")
    assert quota.outcome == FAIL and "tối đa 1" in quota.text
    assert quota.citation == "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_cstd_2017_more_eligible_than_places_asks_the_council():
    history = person(2017, initiatives=[initiative(2017)], awards=[held("lao-dong-tien-tien", 2017)])
    verdict = evaluate(history, rules("cstd-co-so", 2017), QuotaState(basis_count=20, already=0, competing=5))
    assert reason(verdict, "quota").outcome == UNKNOWN
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT


# --- Lao động tiên tiến ---------------------------------------------------------------------------------------


def test_lddt_2016_recruited_less_than_ten_months_is_excluded():
    """NĐ 65/2014 Điều 5 k6 (VERIFIED): not for those recruited less than 10 months."""
    verdict = evaluate(person(2016, joined=D(2016, 5, 1)), rules("lao-dong-tien-tien", 2016))
    tenure = reason(verdict, "prerequisite:tenure_months")
    assert tenure.outcome == FAIL and "8 tháng" in tenure.text
    assert tenure.citation == "Nghị định 65/2014/NĐ-CP, Điều 5, khoản 6"
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_lddt_2016_forty_days_absent_is_excluded_but_maternity_leave_counts_as_worked():
    absent = person(2016, exclusions=[exclusion("absence", D(2016, 3, 1), D(2016, 4, 30), days=40)])
    assert (
        reason(evaluate(absent, rules("lao-dong-tien-tien", 2016)), "prerequisite:absence_days").outcome
        == FAIL
    )
    maternity = person(2016, exclusions=[exclusion("maternity", D(2016, 2, 1), D(2016, 7, 31))])
    verdict = evaluate(maternity, rules("lao-dong-tien-tien", 2016))
    assert reason(verdict, "prerequisite:absence_days").outcome == PASS
    leave = reason(verdict, "thai-san")
    assert (leave.outcome, leave.citation, leave.mark) == (INFO, "Nghị định 65/2014/NĐ-CP, Điều 5, khoản 5",
                                                           "VERIFIED")  # fmt: skip
    assert verdict.computed == Outcome.ELIGIBLE


def test_lddt_2016_reprimand_excludes():
    history = person(
        2016, exclusions=[exclusion("discipline", D(2016, 6, 1), D(2017, 5, 31), level="reprimand")]
    )
    verdict = evaluate(history, rules("lao-dong-tien-tien", 2016))
    assert reason(verdict, "prerequisite:no_discipline").outcome == FAIL
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_lddt_2018_short_tenure_under_the_unverified_default_asks_a_person():
    """After NĐ 65 the 10-month rule is only practice: a configurable default marked UNVERIFIED."""
    verdict = evaluate(person(2018, joined=D(2018, 6, 1)), rules("lao-dong-tien-tien", 2018))
    tenure = reason(verdict, "thoi-gian-cong-tac")
    assert (tenure.outcome, tenure.mark) == (UNKNOWN, "UNVERIFIED")
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT


def test_lddt_2026_needs_a_good_rating_under_decree_152():
    """NĐ 152/2025 Điều 50 (VERIFIED): hoàn thành tốt nhiệm vụ trở lên."""
    r = rules("lao-dong-tien-tien", 2026)
    assert evaluate(person(2026, ratings={2026: "good"}), r).computed == Outcome.ELIGIBLE
    low = evaluate(person(2026, ratings={2026: "completed"}), r)
    assert reason(low, "prerequisite:rating").outcome == FAIL
    assert reason(low, "prerequisite:rating").citation == "Nghị định 152/2025/NĐ-CP, Điều 50"
    assert low.computed == Outcome.NOT_ELIGIBLE
    unknown = evaluate(person(2026), r)
    assert unknown.computed == Outcome.NEEDS_JUDGEMENT


def test_lddt_after_transfer_counts_time_in_the_former_union():
    from thidua.eligibility.engine import MembershipFact

    moves = [MembershipFact(2, D(2015, 1, 1), D(2018, 8, 31)), MembershipFact(1, D(2018, 9, 1), None)]
    verdict = evaluate(person(2018, memberships=moves), rules("lao-dong-tien-tien", 2018))
    assert reason(verdict, "thoi-gian-cong-tac").outcome == PASS
    moved = reason(verdict, "chuyen-cong-tac")
    assert moved.outcome == INFO and "ý kiến của đơn vị cũ" in moved.text


# --- exclusions, registration, twice, same level ---------------------------------------------------------------


def test_registration_is_required_for_titles():
    verdict = evaluate(person(2026, registered=(), ratings={2026: "good"}), rules("lao-dong-tien-tien", 2026))
    registration = reason(verdict, "dang-ky-thi-dua")
    assert (registration.outcome, registration.mark) == (FAIL, "SECONDARY")
    assert "Kế hoạch 13/KH-LĐLĐ" in registration.citation
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_registration_for_a_higher_title_of_the_chain_counts():
    verdict = evaluate(person(2026, registered=("cstd-co-so",), ratings={2026: "good"}),
                       rules("lao-dong-tien-tien", 2026))  # fmt: skip
    assert reason(verdict, "dang-ky-thi-dua").outcome == PASS


def test_open_investigation_excludes_in_2026_and_asks_a_person_in_2017():
    """NĐ 152/2025 Điều 4 (VERIFIED from 01/7/2025); before it, the same content as an UNVERIFIED default."""
    case = [exclusion("investigation", D(2026, 11, 1))]
    now = evaluate(person(2026, ratings={2026: "good"}, exclusions=case), rules("lao-dong-tien-tien", 2026))
    rule = reason(now, "khong-khen-khi-dang-xem-xet")
    assert (rule.outcome, rule.citation, rule.mark) == (FAIL, "Nghị định 152/2025/NĐ-CP, Điều 4", "VERIFIED")
    then = evaluate(
        person(2017, awards=[held("lao-dong-tien-tien", 2017)], initiatives=[initiative(2017)],
               exclusions=[exclusion("complaint", D(2017, 12, 1))]),
        rules("cstd-co-so", 2017), QuotaState(20, 0),
    )  # fmt: skip
    rule = reason(then, "khong-khen-khi-dang-xem-xet")
    assert (rule.outcome, rule.mark) == (UNKNOWN, "UNVERIFIED")
    assert then.computed == Outcome.NEEDS_JUDGEMENT


def test_discipline_period_overlapping_the_year_excludes_under_decree_152():
    history = person(2026, ratings={2026: "good"},
                     exclusions=[exclusion("discipline", D(2025, 9, 1), D(2026, 2, 28), level="reprimand")])  # fmt: skip
    verdict = evaluate(history, rules("lao-dong-tien-tien", 2026))
    rule = reason(verdict, "ky-luat")
    assert rule.outcome == FAIL and "hết thời hạn kỷ luật" in rule.text
    assert rule.citation.startswith("Nghị định 152/2025/NĐ-CP, Điều 4")
    served = person(2026, ratings={2026: "good"},
                    exclusions=[exclusion("discipline", D(2025, 1, 1), D(2025, 12, 31), level="warning")])  # fmt: skip
    assert evaluate(served, rules("lao-dong-tien-tien", 2026)).computed == Outcome.ELIGIBLE


def test_the_same_award_of_the_same_year_is_never_given_twice():
    """Law 2022, principles of rewarding (SECONDARY): one achievement, one reward."""
    history = person(2026, ratings={2026: "good"}, awards=[held("lao-dong-tien-tien", 2026)])
    verdict = evaluate(history, rules("lao-dong-tien-tien", 2026))
    twice = reason(verdict, "mot-thanh-tich-mot-lan")
    assert (twice.outcome, twice.mark) == (FAIL, "SECONDARY")
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_not_both_comprehensive_and_thematic_at_one_level_under_guidance_1217():
    """HD 1217/HD-TLĐ mục 1.1 (VERIFIED, 11/8/2016–27/12/2017); after it an UNVERIFIED default."""
    thematic = [held("bang-khen-tld-chuyen-de", 2016, level="confederation", thematic=True)]
    verdict = evaluate(person(2016, awards=thematic), rules("bang-khen-tld", 2016))
    rule = reason(verdict, "toan-dien-chuyen-de")
    assert (rule.outcome, rule.mark) == (FAIL, "VERIFIED")
    assert rule.citation == "Hướng dẫn 1217/HD-TLĐ ngày 11/8/2016, mục 1.1"
    later = evaluate(person(2020, awards=[held("bang-khen-tld-chuyen-de", 2020, level="confederation",
                                                thematic=True)]), rules("bang-khen-tld", 2020))  # fmt: skip
    assert (reason(later, "toan-dien-chuyen-de").outcome, reason(later, "toan-dien-chuyen-de").mark) == (
        UNKNOWN,
        "UNVERIFIED",
    )


# --- higher forms and chains ------------------------------------------------------------------------------------


def test_bang_khen_tld_2020_needs_the_provincial_one_the_year_before_unverified_combination():
    """QĐ 1689/QĐ-TLĐ Điều 14 k1: (1.1) two years HTXS + 02 initiatives, (1.2) the provincial Bằng khen the year
    before; whether both are needed is UNVERIFIED: the default (both) is applied and a failure asks a person."""
    r = rules("bang-khen-tld", 2020)
    complete = person(2020, ratings={2019: "excellent", 2020: "excellent"},
                      initiatives=[initiative(2019), initiative(2020)], awards=[held("bang-khen-ldld", 2019)])  # fmt: skip
    verdict = evaluate(complete, r)
    assert verdict.computed == Outcome.ELIGIBLE
    before = reason(verdict, "prerequisite:award")
    assert (before.citation, before.mark) == (
        "Quyết định 1689/QĐ-TLĐ ngày 12/11/2019, Điều 14, khoản 1",
        "UNVERIFIED",
    )
    without = person(2020, ratings={2019: "excellent", 2020: "excellent"},
                     initiatives=[initiative(2019), initiative(2020)])  # fmt: skip
    verdict = evaluate(without, r)
    assert reason(verdict, "prerequisite:award").outcome == UNKNOWN
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT


def test_cstd_province_needs_three_consecutive_cstd_co_so_and_a_provincial_initiative():
    """NĐ 98/2023 Điều 30 k7 (prerequisites SECONDARY, REF §3.3)."""
    r = rules("cstd-bo-tinh", 2024)
    chain = [held("cstd-co-so", y) for y in (2022, 2023, 2024)]
    ok = evaluate(person(2024, registered=("cstd-bo-tinh",), awards=chain,
                         initiatives=[initiative(2024, "province")]), r)  # fmt: skip
    assert ok.computed == Outcome.ELIGIBLE
    assert reason(ok, "prerequisite:award").mark == "SECONDARY"
    gap = evaluate(person(2024, registered=("cstd-bo-tinh",), awards=[chain[0], chain[2]],
                          initiatives=[initiative(2024, "province")]), r)  # fmt: skip
    assert (
        reason(gap, "prerequisite:award").outcome == FAIL and "2023" in reason(gap, "prerequisite:award").text
    )
    grassroots_only = evaluate(person(2024, registered=("cstd-bo-tinh",), awards=chain,
                                      initiatives=[initiative(2024)]), r)  # fmt: skip
    assert reason(grassroots_only, "prerequisite:initiative").outcome == FAIL


def test_thematic_rewards_do_not_count_for_a_chain_under_decree_152():
    r = rules("cstd-toan-quoc", 2026)
    awards = [held("cstd-bo-tinh", 2025, thematic=True), held("cstd-bo-tinh", 2026)]
    verdict = evaluate(person(2026, registered=("cstd-toan-quoc",), awards=awards), r)
    assert reason(verdict, "prerequisite:award").outcome == FAIL


def test_bang_lao_dong_sang_tao_thresholds_of_qd_1564_are_verified():
    """QĐ 1564/QĐ-TLĐ Điều 16 k1: the year's total benefit, 80 / 150 / 200 million đồng by kind of member (the
    records do not know it: a person decides below 200), or 3 years running with 120 million in all."""
    r = rules("bang-lao-dong-sang-tao", 2016)
    two = [initiative(2016, benefit=120_000_000), initiative(2016, benefit=90_000_000)]
    rich = evaluate(person(2016, initiatives=two), r)
    threshold = reason(rich, "gia-tri-lam-loi")
    assert (threshold.outcome, threshold.mark, rich.computed) == (PASS, "VERIFIED", Outcome.ELIGIBLE)
    assert "210.000.000" in threshold.text and "Điều 16" in threshold.citation
    worker = reason(
        evaluate(person(2016, initiatives=[initiative(2016, benefit=90_000_000)]), r), "gia-tri-lam-loi"
    )
    assert worker.outcome == UNKNOWN and "150.000.000" in worker.text and "200.000.000" in worker.text
    years = [initiative(y, benefit=40_000_000) for y in (2014, 2015, 2016)]
    running = reason(evaluate(person(2016, initiatives=years), r), "gia-tri-lam-loi")
    assert running.outcome == UNKNOWN and "3 năm liên tục" in running.text
    poor = evaluate(person(2016, initiatives=[initiative(2016, benefit=20_000_000)]), r)
    assert reason(poor, "gia-tri-lam-loi").outcome == UNKNOWN and poor.computed == Outcome.NEEDS_JUDGEMENT


def test_bang_lao_dong_sang_tao_thresholds_after_qd_1564_are_an_unverified_default():
    r = rules("bang-lao-dong-sang-tao", 2026)
    rich = evaluate(person(2026, initiatives=[initiative(2026, benefit=250_000_000)]), r)
    assert (reason(rich, "gia-tri-lam-loi").outcome, reason(rich, "gia-tri-lam-loi").mark) == (
        PASS,
        "UNVERIFIED",
    )
    assert rich.computed == Outcome.ELIGIBLE
    poor = evaluate(person(2026, initiatives=[initiative(2026, benefit=20_000_000)]), r)
    assert reason(poor, "gia-tri-lam-loi").outcome == UNKNOWN
    assert poor.computed == Outcome.NEEDS_JUDGEMENT


def test_knc_ten_years_of_union_work_is_unverified():
    from thidua.eligibility.engine import MembershipFact

    r = rules("knc-vi-su-nghiep-cong-doan", 2026)
    officer = [MembershipFact(1, D(2010, 1, 1), None, position="chair")]
    verdict = evaluate(person(2026, memberships=officer), r)
    service = reason(verdict, "prerequisite:service_years")
    assert (service.outcome, service.mark) == (PASS, "UNVERIFIED")
    short = evaluate(person(2026, memberships=[MembershipFact(1, D(2022, 1, 1), None, position="chair")]), r)
    assert short.computed == Outcome.NEEDS_JUDGEMENT


# --- collectives ------------------------------------------------------------------------------------------------


def collective(year, **members):
    from thidua.eligibility.engine import History

    return History(id=9, name="CĐCS May Việt Tiến", is_collective=True, unit_id=9, registered={year: {"tt-ld-tien-tien"}},
                   ratings={year: "good"}, members=MemberFacts(**members))  # fmt: skip


def test_collective_lddt_2026_needs_seventy_percent_lddt_and_nobody_warned():
    """NĐ 152/2025 Điều 50 (VERIFIED): ≥ 70 % members LĐTT, no member disciplined from cảnh cáo up."""
    r = rules("tt-ld-tien-tien", 2026)
    assert (
        evaluate(collective(2026, total=10, holding={"lao-dong-tien-tien": 7}), r).computed
        == Outcome.ELIGIBLE
    )
    short = evaluate(collective(2026, total=10, holding={"lao-dong-tien-tien": 6}), r)
    assert reason(short, "prerequisite:member_share").outcome == FAIL
    warned = evaluate(collective(2026, total=10, holding={"lao-dong-tien-tien": 8}, disciplined={"warning": 1,
                                                                                                  "reprimand": 1}), r)  # fmt: skip
    assert reason(warned, "prerequisite:no_discipline").outcome == FAIL


def test_collective_lddt_2018_needs_more_than_half_strictly():
    """Law 2003 Điều 28 under NĐ 91/2017 (SECONDARY): more than 50 % — exactly half is not enough."""
    r = rules("tt-ld-tien-tien", 2018)
    half = evaluate(collective(2018, total=10, holding={"lao-dong-tien-tien": 5}), r)
    assert reason(half, "prerequisite:member_share").outcome == FAIL
    assert reason(half, "prerequisite:member_share").mark == "SECONDARY"
    assert (
        evaluate(collective(2018, total=10, holding={"lao-dong-tien-tien": 6}), r).computed
        == Outcome.ELIGIBLE
    )


def test_an_individual_title_is_not_for_a_collective():
    verdict = evaluate(collective(2026, total=3), rules("lao-dong-tien-tien", 2026))
    assert reason(verdict, "recipient").outcome == FAIL


# --- catalog gaps and overrides ---------------------------------------------------------------------------------


def test_a_title_without_rules_in_the_period_needs_a_judgement():
    verdict = evaluate(collective(2017, total=3), rules("giai-thuong-chua-co", 2017))
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT
    assert reason(verdict, "catalog").outcome == UNKNOWN


def test_a_form_without_checkable_conditions_needs_a_judgement():
    verdict = evaluate(person(2026), rules("bang-khen-ldld", 2026))
    assert reason(verdict, "criteria").outcome == UNKNOWN
    assert verdict.computed == Outcome.NEEDS_JUDGEMENT


def test_an_override_replaces_the_outcome_and_keeps_the_computed_one():
    override = OverrideFact(
        id=1, outcome="eligible", reason="Hội đồng xác nhận sáng kiến", by="cdcs", at=None
    )
    verdict = evaluate(person(2017, override=override), rules("cstd-co-so", 2017), QuotaState(20, 0))
    assert verdict.outcome == Outcome.ELIGIBLE
    assert verdict.computed == Outcome.NOT_ELIGIBLE


def test_a_form_of_the_same_year_again_asks_whether_it_is_another_achievement():
    history = person(2026, awards=[held("giay-khen-cap-tren", 2026)])
    verdict = evaluate(history, rules("giay-khen-cap-tren", 2026))
    assert reason(verdict, "mot-thanh-tich-mot-lan").outcome == UNKNOWN
