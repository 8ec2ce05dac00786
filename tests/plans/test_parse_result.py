"""The parser's one typed result: real dates, long texts as paragraphs, measures as groups, warnings that say which
part (and which phase) they concern; serialised for the command and carried through the import's signed payload."""

import datetime

from django.utils import translation

from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.documents import plan_document_from_parsed
from thidua.plans.parsing import ParsedPlan, ParseWarning, parse_plan, parse_plan_text
from thidua.plans.parsing.result import ParsedMeasureGroup

D = datetime.date


def reference() -> ParsedPlan:
    return parse_plan(REFERENCE_PLAN.read_bytes(), filename="ke-hoach.md")


def test_dates_are_dates_and_long_texts_are_paragraphs():
    plan = reference()
    assert (plan.date, plan.year) == (D(2017, 2, 22), 2017)
    assert [(p.start, p.end, p.start_is_open) for p in plan.phases] == [
        (D(2017, 1, 1), D(2017, 8, 31), True), (D(2017, 9, 1), D(2017, 12, 31), False)]  # fmt: skip
    assert plan.legal_bases[1].date == D(2017, 1, 6)
    assert plan.phases[0].commemorations[0].base_date == D(1930, 2, 3)
    assert isinstance(plan.introduction, list) and len(plan.purposes) == 2 and len(plan.closing) == 1
    assert (
        isinstance(plan.measures[0], ParsedMeasureGroup) and plan.measures[0].target == "grassroots_business"
    )
    assert plan.text == REFERENCE_PLAN.read_text(encoding="utf-8")  # the text read, for the preview


def test_warnings_name_the_part_and_the_phase_they_concern():
    text = REFERENCE_PLAN.read_text(encoding="utf-8").replace("Số: 13 /KH-LĐLĐ", "Số:    /KH-LĐLĐ")
    text = text.replace("87 năm ngày thành lập Đảng", "86 năm ngày thành lập Đảng")
    plan = parse_plan_text(text)
    assert [(w.part, w.phase) for w in plan.warnings] == [("header", None), ("phases", 1)]
    assert plan.warnings[1].message.startswith(
        "Số năm kỷ niệm không khớp với ngày tháng: “86 năm ngày thành lập"
    )


def test_a_text_without_parts_warns_about_each_missing_part():
    plan = parse_plan_text("KẾ HOẠCH\nThi đua năm 2019")
    assert {w.part for w in plan.warnings} >= {"header", "legal_bases", "recipients", "signer"}


def test_the_payload_form_keeps_everything_and_the_json_form_the_messages():
    plan = reference()
    plan.warnings = [ParseWarning("Cảnh báo về đợt 2", "phases", 2)]
    again = ParsedPlan.from_dict(plan.as_dict())
    assert again == plan and again.phases[1].end == D(2017, 12, 31)
    assert again.warnings == [ParseWarning("Cảnh báo về đợt 2", "phases", 2)]
    data = plan.to_json()
    assert (data["date"], data["phases"][0]["start"], data["warnings"]) == (
        "2017-02-22", "2017-01-01", ["Cảnh báo về đợt 2"])  # fmt: skip
    assert "text" not in data


def test_the_document_reads_the_typed_result_in_vietnamese_with_english_active():
    with translation.override("en"):
        document = plan_document_from_parsed(reference(), issuer_name="LĐLĐ tỉnh Bến Tre",
                                             parent_body_name="Tổng LĐLĐ Việt Nam")  # fmt: skip
    assert (document["kind_heading"], document["number_line"], document["place_date_line"]) == (
        "KẾ HOẠCH", "Số: 13/KH-LĐLĐ", "Bến Tre, ngày 22 tháng 02 năm 2017")  # fmt: skip
    assert document["recipients"][0]["line"] == "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"
