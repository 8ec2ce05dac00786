"""The printed plan true to Decree 30/2020/NĐ-CP (issue 9), found by rendering the .docx and .pdf."""

import datetime

from thidua.plans.documents import plan_document_from_parsed
from thidua.plans.parsing import parse_plan_text

D = datetime.date
ONE_PHASE = """LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE
Số: 5/KH-LĐLĐ
Bến Tre, ngày 12 tháng 9 năm 2016
KẾ HOẠCH
Thi đua chào mừng 34 năm Ngày Nhà giáo Việt Nam
Căn cứ Kế hoạch số 02/KH-TLĐ ngày 10/02/2016 của Tổng Liên đoàn Lao động Việt Nam;
3. Thời gian: từ ngày 15/9/2016 đến ngày 20/11/2016.
Nơi nhận:
- Các CĐCS (t/h).
"""


def document(text: str):
    parsed = parse_plan_text(text)
    return plan_document_from_parsed(
        parsed,
        issuer_name="Liên đoàn Lao động tỉnh Bến Tre",
        parent_body_name="Tổng Liên đoàn Lao động Việt Nam",
    )


def body(doc) -> list[str]:
    return ["".join(r["text"] for r in p["runs"]) for s in doc["sections"] for p in s["paragraphs"]]


def test_one_phase_is_written_as_the_period_not_as_one_of_one_phases():
    doc = document(ONE_PHASE)
    text = "\n".join(body(doc))
    assert "chia thành 1 đợt" not in text
    assert "Thời gian thi đua: Từ 15/09/2016 đến 20/11/2016." in text


def test_the_header_lines_follow_the_decree():
    doc = document(ONE_PHASE)
    assert (doc["parent_body"], doc["issuer"]) == ("TỔNG LĐLĐ VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE")
    assert doc["number_line"] == "Số: 05/KH-LĐLĐ"
    assert doc["place_date_line"] == "Bến Tre, ngày 12 tháng 9 năm 2016"
    assert [r["line"] for r in doc["recipients"]] == ["- Các CĐCS (để thực hiện);", "- Lưu: VT."]


def test_a_draft_without_place_or_date_prints_a_clean_placeholder():
    doc = document(ONE_PHASE.replace("Bến Tre, ngày 12 tháng 9 năm 2016\n", ""))
    assert doc["place_date_line"] == "…, ngày … tháng … năm …"
