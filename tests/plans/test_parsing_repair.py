"""The repair step: the damage of PDF extractors, document sites and OCR undone before a text is read."""

import pytest

from thidua.plans.parsing import parse_plan_text
from thidua.plans.parsing.repair import repair_line


@pytest.mark.parametrize(
    ("damaged", "repaired", "kinds"),
    [
        ("LIÊN ĐỒN LAO ĐỘNG TỈNH", "LIÊN ĐOÀN LAO ĐỘNG TỈNH", ["letters"]),
        ("Tổng Liên đồn Lao động", "Tổng Liên đoàn Lao động", ["letters"]),
        ("Cơng đồn Việt Nam", "Công đoàn Việt Nam", ["letters"]),
        ("đồn viên, cơng nhân", "đoàn viên, công nhân", ["letters"]),
        ("thi đua u nước", "thi đua yêu nước", ["letters"]),
        ("Các Ban, Văn phịng LĐLĐ tỉnh", "Các Ban, Văn phòng LĐLĐ tỉnh", ["letters"]),
        ("I . MỤC ĐÍCH , U CẦU", "I. MỤC ĐÍCH, YÊU CẦU", ["letters", "spacing"]),
        ("Số:  l8 /KH-LĐLĐ", "Số:  18 /KH-LĐLĐ", ["digits"]),
        ("ngày 2O tháng O1 năm 2022", "ngày 20 tháng 01 năm 2022", ["digits"]),
        ("Căn Kế hoạch số 245/KH-TLĐ", "Căn cứ Kế hoạch số 245/KH-TLĐ", ["words"]),
        ("- Lưu : VT .", "- Lưu: VT.", ["spacing"]),
        ("( b/c ) ;", "(b/c);", ["spacing"]),
    ],
)
def test_damage_is_repaired(damaged, repaired, kinds):
    assert repair_line(damaged) == (repaired, kinds)


@pytest.mark.parametrize(
    "text",
    ["đồn Biên phòng cửa khẩu", "Hồ Chí Minh", "Lao động giỏi", "Kế hoạch số 02/KH-TLĐ", "Đợt II", "./."],
)
def test_sound_text_is_left_alone(text):
    assert repair_line(text) == (text, [])


def test_repairs_that_change_words_are_warned_about_with_a_code():
    parsed = parse_plan_text(
        "KẾ HOẠCH\nThi đua u nước năm 2021\nCăn Kế hoạch số 245/KH-TLĐ ngày 05/01/2021 của Tổng Liên đồn.\n"
    )
    codes = {w.code for w in parsed.warnings}
    assert {"repaired_letters", "repaired_words"} <= codes
    assert parsed.title == "Thi đua yêu nước năm 2021"
    assert [(b.number, b.date.isoformat()) for b in parsed.legal_bases] == [("245/KH-TLĐ", "2021-01-05")]
