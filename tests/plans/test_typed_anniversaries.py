"""Anniversaries typed in a phase of a draft are recognised as an import recognises them (issue 9): the ordinal,
the base date from the catalog or the brackets, the catalog entry; none twice; an unknown day is left alone."""

import datetime

import pytest

from thidua.plans import actions

from .builders import draft_plan

D = datetime.date
pytestmark = pytest.mark.django_db


def phase(text: str, **extra) -> dict:
    return {"name": "Đợt 1", "start": D(2024, 3, 1), "end": D(2024, 8, 31), "celebrates": text, **extra}


def held(plan) -> list[tuple]:
    return sorted((c.ordinal, c.base_date, c.commemoration.short_name if c.commemoration else None)
                  for c in plan.commemorations.filter(phase__isnull=False))  # fmt: skip


def test_an_anniversary_typed_in_a_phase_is_recognised_and_linked(tree, users):
    plan = draft_plan(tree.BT, by=users.province_officer, year=2024)
    actions.update_plan(plan, by=users.province_officer, parts={"phases": [phase(
        "Thi đua chào mừng kỷ niệm 95 năm Ngày thành lập Cơng đồn Việt Nam và 70 năm Chiến thắng Điện Biên Phủ "
        "(07/5/1954 - 07/5/2024)."
    )], "commemorations": []})  # fmt: skip
    assert held(plan) == [(70, D(1954, 5, 7), "Chiến thắng Điện Biên Phủ"),
                          (95, D(1929, 7, 28), "Thành lập Công đoàn Việt Nam")]  # fmt: skip


def test_saving_again_adds_nothing_twice_and_keeps_what_the_officer_entered(tree, users):
    plan = draft_plan(tree.BT, by=users.province_officer, year=2024)
    text = "Chào mừng 95 năm Ngày thành lập Công đoàn Việt Nam."
    entered = {"phase_order": 1, "text": "Ngày thành lập Công đoàn Việt Nam", "ordinal": 95,
               "base_date": D(1929, 7, 28), "date": D(2024, 7, 28)}  # fmt: skip
    actions.update_plan(
        plan, by=users.province_officer, parts={"phases": [phase(text)], "commemorations": [entered]}
    )
    actions.update_plan(plan, by=users.province_officer, parts={"phases": [phase(text)]})
    assert plan.commemorations.filter(phase__isnull=False).count() == 1
    assert plan.commemorations.get(phase__isnull=False).text == "Ngày thành lập Công đoàn Việt Nam"


def test_a_day_the_catalog_does_not_know_is_left_to_the_officer(tree, users):
    plan = draft_plan(tree.BT, by=users.province_officer, year=2024)
    actions.update_plan(plan, by=users.province_officer, parts={
        "phases": [phase("Chào mừng 30 năm Ngày thành lập Công ty May Bến Tre.")], "commemorations": []})  # fmt: skip
    assert held(plan) == []
