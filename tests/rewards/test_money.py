"""Reward money: multiplier × base salary on the decision's date, rounded up to 10,000 đ in integers; only the
highest title's money in one counting period."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from thidua.registrations.models import BaseSalary
from thidua.registrations.queries import round_up_reward
from thidua.rewards.money import Candidate, MoneyError, money_for, pay_highest_title_only

D = datetime.date
pytestmark = pytest.mark.django_db


def test_lao_dong_tien_tien_at_the_end_of_2017_is_390_000():
    money = money_for("lao-dong-tien-tien", False, D(2017, 12, 20))
    assert (money.amount, money.multiplier, money.base_salary) == (390_000, 30, 1_300_000)
    assert "Nghị định 91/2017/NĐ-CP" in money.citation
    assert "Nghị định 47/2017/NĐ-CP" in money.citation  # the base salary's instrument
    assert money.multiplier_text == "0,3"


def test_an_exact_multiple_stays_and_anything_above_rounds_up_to_the_next_10_000():
    assert round_up_reward(30, 1_300_000) == 390_000
    assert round_up_reward(30, 1_210_000) == 370_000  # 363,000 → 370,000
    assert round_up_reward(30, 1_490_000) == 450_000  # 447,000 → 450,000
    assert round_up_reward(15, 1_300_001) == 200_000  # 195,000.15 → 200,000
    assert round_up_reward(100, 1_300_000) == 1_300_000


def test_the_base_salary_is_the_one_in_force_on_the_decision_date():
    assert (
        money_for("lao-dong-tien-tien", False, D(2018, 12, 20)).amount == 420_000
    )  # 0.3 × 1,390,000 = 417,000
    assert (
        money_for("lao-dong-tien-tien", False, D(2024, 12, 20)).amount == 710_000
    )  # 0.3 × 2,340,000 = 702,000


def test_collectives_take_the_collective_multiplier():
    money = money_for("tt-ld-tien-tien", True, D(2017, 12, 20))
    assert (money.amount, money.multiplier) == (1_040_000, 80)


def test_an_unknown_code_and_a_missing_multiplier_are_refused_in_vietnamese():
    with pytest.raises(MoneyError) as unknown:
        money_for("khong-co", False, D(2017, 12, 20))
    assert unknown.value.code == "unknown_code"
    assert "“khong-co”" in unknown.value.messages[0]
    with pytest.raises(MoneyError) as individual:
        money_for("tt-ld-tien-tien", False, D(2017, 12, 20))
    assert individual.value.code == "no_multiplier"


def test_no_base_salary_in_force_is_refused():
    BaseSalary.objects.filter(valid_from__lte=D(2017, 12, 20)).update(archived_at=timezone.now())
    with pytest.raises(MoneyError) as error:
        money_for("lao-dong-tien-tien", False, D(2017, 12, 20))
    assert error.value.code == "no_base_salary"
    assert error.value.messages == ["Chưa có mức lương cơ sở áp dụng ngày 20/12/2017 trong danh mục."]


def test_only_the_highest_title_of_a_period_is_paid():
    ldtt = Candidate(awardee=("person", 1), year=2017, kind="title", amount=390_000, rank=1)
    cstd = Candidate(awardee=("person", 1), year=2017, kind="title", amount=1_300_000, rank=2)
    next_year = Candidate(awardee=("person", 1), year=2018, kind="title", amount=390_000, rank=1)
    form = Candidate(awardee=("person", 1), year=2017, kind="form", amount=500_000)
    other = Candidate(awardee=("person", 2), year=2017, kind="title", amount=390_000, rank=1)
    pay_highest_title_only([ldtt, cstd, next_year, form, other])
    assert [c.paid for c in (ldtt, cstd, next_year, form, other)] == [0, 1_300_000, 390_000, 500_000, 390_000]
    assert "cao nhất" in ldtt.note


def test_a_higher_title_after_a_lower_one_already_paid_gets_the_difference():
    cstd = Candidate(awardee=("person", 1), year=2017, kind="title", amount=1_300_000, rank=2)
    lower = Candidate(awardee=("person", 2), year=2017, kind="title", amount=390_000, rank=1)
    pay_highest_title_only([cstd, lower], {(("person", 1), 2017): 390_000, (("person", 2), 2017): 1_300_000})
    assert (cstd.paid, lower.paid) == (910_000, 0)
    assert "chênh lệch" in cstd.note
