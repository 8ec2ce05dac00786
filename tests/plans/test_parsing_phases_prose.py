"""Phases as news reports, short plans and tables write them, and the periods of plans without phases."""

import datetime

import pytest

from thidua.plans.parsing import parse_plan_text

D = datetime.date
HEADER = "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG\nSố: 12/KH-LĐLĐ\nAn Giang, ngày 15 tháng 9 năm 2021\nKẾ HOẠCH\nThi đua năm 2021\n"


def phases(body: str):
    parsed = parse_plan_text(HEADER + body)
    return [(p.name, p.start, p.end) for p in parsed.phases], parsed


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Phong trào được tổ chức thành hai đợt. Đợt 1 từ tháng 1/2021 đến ngày 30/6/2021, chào mừng ngày lễ. "
            "Đợt 2 từ tháng 7/2021 đến hết tháng 12/2021, chào mừng Đại hội.",
            [("Đợt 1", D(2021, 1, 1), D(2021, 6, 30)), ("Đợt 2", D(2021, 7, 1), D(2021, 12, 31))],
        ),
        (
            "Thi đua chia làm hai giai đoạn. Giai đoạn 1 từ nay đến ngày 30-11, hỗ trợ người lao động. "
            "Giai đoạn 2, từ ngày 1 đến 31-12, tổng kết.",
            [
                ("Giai đoạn 1", D(2021, 9, 15), D(2021, 11, 30)),
                ("Giai đoạn 2", D(2021, 12, 1), D(2021, 12, 31)),
            ],
        ),
        (
            "3. Thời gian: Đợt 1 từ ngày 01/02/2021 đến ngày 30/6/2021; đợt 2 từ ngày 01/7/2021 đến ngày 30/9/2021.",
            [("Đợt 1", D(2021, 2, 1), D(2021, 6, 30)), ("Đợt 2", D(2021, 7, 1), D(2021, 9, 30))],
        ),
        (
            "Đợt 1: 6 tháng đầu năm, chào mừng ngày lễ.\nĐợt 2: 6 tháng cuối năm, chào mừng Đại hội.",
            [("Đợt 1", D(2021, 1, 1), D(2021, 6, 30)), ("Đợt 2", D(2021, 7, 1), D(2021, 12, 31))],
        ),
        (
            "Chia làm hai đợt: Đợt 1 từ tháng 9/2021 đến tháng 1/2022; Đợt 2 từ tháng 2/2022 đến tháng 5/2022.",
            [("Đợt 1", D(2021, 9, 1), D(2022, 1, 31)), ("Đợt 2", D(2022, 2, 1), D(2022, 5, 31))],
        ),
        (
            "Các đợt thi đua:\nĐợt\tThời gian\tNội dung\n1\t01/01/2021 – 30/6/2021\tChào mừng ngày lễ lớn của đất nước\n"
            "2\t01/7/2021 – 31/12/2021\tChào mừng Đại hội Công đoàn các cấp\n",
            [("Đợt 1", D(2021, 1, 1), D(2021, 6, 30)), ("Đợt 2", D(2021, 7, 1), D(2021, 12, 31))],
        ),
    ],
)
def test_phases_written_in_prose_are_read(body, expected):
    assert phases(body)[0] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("3. Thời gian: từ ngày 15/9/2021 đến ngày 20/11/2021.", (D(2021, 9, 15), D(2021, 11, 20))),
        ("Tháng cao điểm được tổ chức từ ngày 1 đến 30-1-2022.", (D(2022, 1, 1), D(2022, 1, 30))),
        ("2. Thời gian thi đua: cả năm 2021.", (D(2021, 1, 1), D(2021, 12, 31))),
    ],
)
def test_a_plan_without_phases_has_its_one_period_and_keeps_the_sentence(body, expected):
    found, parsed = phases(body)
    assert [(start, end) for _, start, end in found] == [expected]
    assert "single_period" in {w.code for w in parsed.warnings}


def test_a_year_or_start_taken_from_the_document_is_said_to_be_inferred():
    _, parsed = phases(
        "Giai đoạn 1 từ nay đến ngày 30-11, hỗ trợ.\nGiai đoạn 2, từ ngày 1 đến 31-12, tổng kết."
    )
    codes = [w.code for w in parsed.warnings]
    assert "inferred_start" in codes and "inferred_year" in codes


def test_a_gap_between_phases_is_warned_about():
    _, parsed = phases("Đợt 1: từ 01/01/2021 đến 31/5/2021.\nĐợt 2: từ 01/7/2021 đến 31/12/2021.")
    gap = [w for w in parsed.warnings if w.code == "phase_gap"]
    assert [(w.part, w.phase) for w in gap] == [("phases", 2)]
