"""The catalog by period: which version applies on a date, the base salary of a decision date, the money."""

import datetime
import math

from hypothesis import given
from hypothesis import strategies as st

from thidua.registrations import queries
from thidua.registrations.queries import catalog_changes, catalog_on, reward_amount, round_up_reward, rule_for

D = datetime.date


def test_2017_year_end_review_is_judged_under_decree_91_from_october():
    entry = rule_for("cstd-co-so", D(2017, 12, 31))
    assert entry.citation == "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"
    assert entry.quota_percent_of("lao-dong-tien-tien") == 15
    assert entry.value("multiplier_individual") == 100


def test_before_october_2017_decree_65_applies_without_a_cap():
    entry = rule_for("cstd-co-so", D(2017, 9, 30))
    assert entry.citation == "Nghị định 65/2014/NĐ-CP, Điều 4"
    assert entry.quotas == []
    assert entry.quota_percent_of("lao-dong-tien-tien") is None
    assert entry.fact("quotas").mark == "VERIFIED"  # "no cap" is itself a verified fact


def test_15_percent_cap_holds_only_while_decree_91_is_in_force():
    caps = {
        day: rule_for("cstd-co-so", day).quota_percent_of("lao-dong-tien-tien")
        for day in (D(2017, 9, 30), D(2017, 10, 1), D(2023, 12, 31), D(2024, 1, 1), D(2026, 1, 1))
    }
    assert caps == {D(2017, 9, 30): None, D(2017, 10, 1): 15, D(2023, 12, 31): 15, D(2024, 1, 1): None,
                    D(2026, 1, 1): None}  # fmt: skip


def test_vote_threshold_by_period_with_its_mark():
    assert rule_for("cstd-co-so", D(2020, 12, 31)).value("vote_threshold_percent") is None
    assert rule_for("cstd-co-so", D(2020, 12, 31)).fact("vote_threshold_percent").mark == "UNVERIFIED"
    in_2024 = rule_for("cstd-co-so", D(2024, 12, 31))
    assert (in_2024.value("vote_threshold_percent"), in_2024.fact("vote_threshold_percent").mark) == (
        80,
        "VERIFIED",
    )
    in_2025 = rule_for("cstd-co-so", D(2025, 12, 31))
    assert (in_2025.value("vote_threshold_percent"), in_2025.fact("vote_threshold_percent").mark) == (
        80,
        "UNVERIFIED",
    )
    assert "vote_threshold_percent" in in_2025.unverified_fields


def test_base_salary_in_force_on_the_decision_date():
    amounts = {day: queries.base_salary_on(day).amount for day in
               (D(2017, 6, 30), D(2017, 7, 1), D(2024, 6, 30), D(2026, 6, 30), D(2026, 7, 1))}  # fmt: skip
    assert amounts == {D(2017, 6, 30): 1_210_000, D(2017, 7, 1): 1_300_000, D(2024, 6, 30): 1_800_000,
                       D(2026, 6, 30): 2_340_000, D(2026, 7, 1): 2_530_000}  # fmt: skip
    assert queries.base_salary_on(D(2016, 4, 30)) is None


def test_rounding_up_to_ten_thousand_is_done_in_integers():
    assert round_up_reward(30, 1_300_000) == 390_000
    # 1.1 × 1,800,000 is exactly 1,980,000; in floats it is 1,980,000.0000000002, which rounds up to 1,990,000
    assert round_up_reward(110, 1_800_000) == 1_980_000
    assert math.ceil(110 / 100 * 1_800_000 / 10_000) * 10_000 == 1_990_000


def test_worked_amounts_at_2_530_000():
    amounts = [round_up_reward(m, 2_530_000) for m in (30, 100, 80, 150, 60, 300, 350, 700, 800)]
    assert amounts == [760_000, 2_530_000, 2_030_000, 3_800_000, 1_520_000, 7_590_000, 8_860_000, 17_710_000,
                       20_240_000]  # fmt: skip


def test_money_uses_the_base_salary_of_the_decision_date_not_of_the_year_judged():
    assert reward_amount(30, D(2026, 7, 2)) == 760_000  # a 2025 result decided on 02/7/2026
    assert reward_amount(30, D(2026, 6, 30)) == 710_000  # 0.3 × 2,340,000 = 702,000 → 710,000
    assert reward_amount(30, D(2017, 12, 31)) == 390_000
    assert reward_amount(None, D(2026, 7, 2)) is None


@given(
    multiplier=st.integers(min_value=0, max_value=20_000), base=st.integers(min_value=1, max_value=10_000_000)
)
def test_rounded_amount_is_the_next_multiple_of_ten_thousand(multiplier, base):
    amount = round_up_reward(multiplier, base)
    exact_hundredths = multiplier * base
    assert amount % 10_000 == 0
    assert amount * 100 >= exact_hundredths
    assert (amount - 10_000) * 100 < exact_hundredths


def test_a_version_change_inside_the_year_is_found():
    days = [day for day, _ in queries.versions_within("cstd-co-so", D(2017, 1, 1), D(2017, 12, 31))]
    assert days == [D(2017, 10, 1)]
    assert queries.versions_within("cstd-co-so", D(2019, 1, 1), D(2019, 12, 31)) == []


def test_union_title_keeps_the_name_of_its_period():
    assert rule_for("cdcs-vung-manh", D(2016, 12, 31)).name == "Công đoàn cơ sở vững mạnh xuất sắc"
    assert rule_for("cdcs-vung-manh", D(2020, 12, 31)).name == "Công đoàn cơ sở vững mạnh"


def test_layers_combine_state_money_and_union_criteria():
    entry = rule_for("bang-khen-tld", D(2020, 12, 31))
    assert [r.regulation.number for r in entry.rules] == ["91/2017/NĐ-CP", "1689/QĐ-TLĐ"]
    assert entry.value("multiplier_individual") == 100
    assert entry.values["multiplier_individual"].layer == "state"
    assert entry.values["conferred_by"].layer == "confederation"
    assert entry.citation == "Quyết định 1689/QĐ-TLĐ ngày 12/11/2019, Điều 14, khoản 1"


def test_unverified_values_make_the_entry_unverified():
    entry = rule_for("bang-khen-tld", D(2020, 12, 31))
    assert entry.mark == "UNVERIFIED"
    assert entry.unverified_fields == ["prerequisites"]
    assert rule_for("huan-chuong-lao-dong-3", D(2026, 1, 1)).mark == "VERIFIED"


def test_catalog_on_a_date_lists_every_title_of_that_date():
    codes_2017 = {e.code for e in catalog_on(D(2017, 12, 31)).entries}
    codes_2026 = {e.code for e in catalog_on(D(2026, 7, 1)).entries}
    assert "huan-chuong-sao-vang" not in codes_2017 and "huan-chuong-sao-vang" in codes_2026
    assert {
        "doan-vien-xuat-sac",
        "cdcs-vung-manh",
        "to-cong-doan-vung-manh",
        "co-thi-dua-tld",
        "co-thi-dua-ldld",
        "bang-khen-tld",
        "bang-khen-ldld",
        "giay-khen-cap-tren",
        "giay-khen-cdcs",
        "bang-lao-dong-sang-tao",
        "knc-vi-su-nghiep-cong-doan",
        "giai-thuong-nguyen-duc-canh",
        "lao-dong-tien-tien",
        "cstd-co-so",
        "cstd-bo-tinh",
        "cstd-toan-quoc",
        "tt-ld-tien-tien",
        "tt-ld-xuat-sac",
        "bang-khen-ttg",
    } <= codes_2026
    assert catalog_on(D(2026, 7, 1)).base_salary.amount == 2_530_000


def test_changes_between_two_dates():
    changes = catalog_changes(D(2023, 12, 31), D(2024, 1, 1))
    cstd = next(c for c in changes.changed if c.award.code == "cstd-co-so")
    fields = {name: (before, after) for name, before, after in cstd.fields}
    assert fields["quotas"] == (
        [{"percent": 15, "of": "lao-dong-tien-tien", "per": "đơn vị xét tặng, mỗi năm"}],
        None,
    )
    assert fields["vote_threshold_percent"] == (None, 80)
    assert fields["citation"] == (
        "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3",
        "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7",
    )
    assert not changes.base_salary_changed
    later = catalog_changes(D(2025, 6, 30), D(2025, 7, 1))
    assert {e.code for e in later.added} == {"huan-chuong-sao-vang", "huan-chuong-ho-chi-minh", "huan-chuong-doc-lap-1",
                                             "huan-chuong-doc-lap-2", "huan-chuong-lao-dong-1",
                                             "huan-chuong-lao-dong-2", "huan-chuong-lao-dong-3"}  # fmt: skip
    assert later.removed == []
    assert catalog_changes(D(2026, 6, 30), D(2026, 7, 1)).base_salary_changed
