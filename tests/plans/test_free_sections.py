"""Nothing of the body lost (issue 9): paragraphs no part takes become free sections, kept in the draft and printed."""

import pathlib

import docx
import pytest

from thidua.documents.render import render_docx
from thidua.plans import actions
from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.documents import plan_document
from thidua.plans.parsing import parse_plan_file, parse_plan_text

TEXTS = pathlib.Path(__file__).parent / "texts"
REPORT = TEXTS / "15-bao-cao-so-ket-dak-lak-2022.txt"
GUIDANCE = TEXTS / "16-huong-dan-quang-ninh-2023.txt"


def test_the_reference_plan_leaves_nothing_unplaced():
    assert parse_plan_text(REFERENCE_PLAN.read_text(encoding="utf-8")).free_sections == []


def test_sections_the_structure_does_not_know_are_kept_under_their_headings():
    parsed = parse_plan_file(REPORT)
    assert [(f.heading, len(f.paragraphs)) for f in parsed.free_sections] == [
        ("I. KẾT QUẢ", 2),
        ("II. PHƯƠNG HƯỚNG ĐỢT 2", 1),
    ]
    assert (
        parsed.free_sections[0].paragraphs[1] == "2. Có 1.245 sáng kiến được công nhận, làm lợi 18 tỷ đồng."
    )
    warnings = [w for w in parsed.warnings if w.code == "free_section"]
    assert [(w.part, w.status) for w in warnings] == [("body", "open"), ("body", "open")]


def test_every_line_of_a_plan_without_sections_is_somewhere_in_the_structure():
    parsed = parse_plan_file(GUIDANCE)
    kept = [p for f in parsed.free_sections for p in f.paragraphs]
    assert kept == [
        "1. Đối tượng: công nhân, viên chức, lao động trong các doanh nghiệp, cơ quan, đơn vị.",
        "2. Thời gian thi đua: cả năm 2023.",
        "3. Chỉ tiêu: mỗi công đoàn cơ sở có ít nhất 01 sáng kiến được công nhận.",
        "4. Khen thưởng: chào mừng 94 năm Ngày thành lập Công đoàn Việt Nam, biểu dương 94 sáng kiến tiêu biểu.",
    ]


@pytest.mark.django_db
def test_free_sections_reach_the_draft_and_its_printed_document(tree, users):
    parsed = parse_plan_file(REPORT)
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, source_text="…")
    assert list(plan.free_sections.values_list("order", "heading")) == [
        (1, "I. KẾT QUẢ"),
        (2, "II. PHƯƠNG HƯỚNG ĐỢT 2"),
    ]
    assert plan.free_sections.first().text == (
        "1. Có 312 công đoàn cơ sở đăng ký thi đua, đạt 96%.\n\n"
        "2. Có 1.245 sáng kiến được công nhận, làm lợi 18 tỷ đồng."
    )
    text = "\n".join(
        p.text for p in docx.Document(__import__("io").BytesIO(render_docx(plan_document(plan)))).paragraphs
    )
    assert "KẾT QUẢ:" in text and "PHƯƠNG HƯỚNG ĐỢT 2:" in text
    assert "2. Có 1.245 sáng kiến được công nhận, làm lợi 18 tỷ đồng." in text
