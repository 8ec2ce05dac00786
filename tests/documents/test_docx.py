"""The plan as .docx, read back with python-docx: page, type, header table, body, recipients and signer."""

from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from tests.documents import reference as ref
from thidua.documents.parts import paragraph_text
from thidua.documents.render import render_docx
from thidua.plans.documents import plan_document_from_parsed


@pytest.fixture(scope="module")
def doc(reference_docx):
    return Document(BytesIO(reference_docx))


def lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def only_run(par):
    runs = [r for r in par.runs if r.text]
    assert len(runs) == 1, par.text
    return runs[0]


def has_top_rule(par):
    ppr = par._p.pPr
    return (
        ppr is not None
        and ppr.find(qn("w:pBdr")) is not None
        and ppr.find(qn("w:pBdr")).find(qn("w:top")) is not None
    )


def test_a4_page_with_the_decree_margins(doc):
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        20,
        20,
        30,
        15,
    ]


def test_page_numbers_at_the_top_centre_from_the_second_page(doc):
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer is True
    assert sec.first_page_header.paragraphs[0].text == ""
    header = sec.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [t.text for t in header._p.iter(qn("w:instrText"))] == [" PAGE "]
    assert {r.font.size.pt for r in header.runs} == {13}


def test_times_new_roman_for_every_script_and_vietnamese_language(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_header_table_issuer_motto_number_and_date(doc):
    header = doc.tables[0]
    issuer, motto = header.cell(0, 0), header.cell(0, 1)
    assert lines(issuer) == ["TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH BẾN TRE"]
    parent_run, issuer_run = only_run(issuer.paragraphs[0]), only_run(issuer.paragraphs[1])
    assert (parent_run.bold, parent_run.font.size.pt) == (False, 13)
    assert (issuer_run.bold, issuer_run.font.size.pt) == (True, 13)
    assert has_top_rule(issuer.paragraphs[2])

    assert lines(motto) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert [(only_run(p).bold, only_run(p).font.size.pt) for p in motto.paragraphs[:2]] == [
        (True, 12),
        (True, 14),
    ]
    assert has_top_rule(motto.paragraphs[2])

    number, date = header.cell(1, 0), header.cell(1, 1)
    assert lines(number) == ["Số: 13/KH-LĐLĐ"]
    assert only_run(number.paragraphs[0]).font.size.pt == 13
    assert lines(date) == ["Bến Tre, ngày 22 tháng 02 năm 2017"]
    date_run = only_run(date.paragraphs[0])
    assert (date_run.italic, date_run.font.size.pt) == (True, 14)
    assert all(
        p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        for cell in (issuer, motto, number, date)
        for p in cell.paragraphs
    )
    assert [round(c.width.mm) for c in header.rows[0].cells] == [70, 95]


def test_rules_are_a_third_to_a_half_of_the_issuer_and_as_long_as_the_motto(doc):
    header = doc.tables[0]
    rule = header.cell(0, 0).paragraphs[2].paragraph_format
    rule_mm = 70 - rule.left_indent.mm - rule.right_indent.mm
    assert 46.8 / 3 <= rule_mm <= 46.8 / 2  # "LĐLĐ TỈNH BẾN TRE" is 46.8 mm wide in 13 pt bold
    motto_rule = header.cell(0, 1).paragraphs[2].paragraph_format
    assert 95 - motto_rule.left_indent.mm - motto_rule.right_indent.mm == pytest.approx(60.5, abs=0.2)


def test_kind_and_summary_bold_and_centred_with_a_rule(doc):
    kind, title, rule = doc.paragraphs[:3]
    assert kind.text == "KẾ HOẠCH"
    assert title.text == ref.TITLE
    for par in (kind, title):
        run = only_run(par)
        assert (run.bold, run.font.size.pt, par.alignment) == (True, 14, WD_ALIGN_PARAGRAPH.CENTER)
    assert has_top_rule(rule)


def test_body_is_the_whole_text_justified_with_first_line_indent(doc, full_context):
    expected = []
    for sec in full_context["sections"]:
        expected.extend([sec["heading"]] if sec["heading"] else [])
        expected.extend(paragraph_text(p) for p in sec["paragraphs"])
    body = [p for p in doc.paragraphs[3:] if p.text]
    assert [p.text for p in body] == expected
    for par in body:
        fmt = par.paragraph_format
        assert (par.alignment, round(fmt.first_line_indent.mm), fmt.space_before.pt) == (
            WD_ALIGN_PARAGRAPH.JUSTIFY,
            10,
            6,
        )
        assert {r.font.size.pt for r in par.runs} == {14}
    assert body[-1].text.endswith("tổng hợp./.")
    assert body[-1].paragraph_format.keep_with_next is True


def test_headings_bold_subheadings_bold_italic(doc):
    by_text = {p.text: p for p in doc.paragraphs}
    roman = only_run(by_text["III. BIỆN PHÁP TỔ CHỨC THỰC HIỆN:"])
    assert (roman.bold, roman.italic) == (True, False)
    sub = only_run(by_text["1.1. Công đoàn trong các đơn vị sản xuất kinh doanh:"])
    assert (sub.bold, sub.italic) == (True, True)
    assert by_text["II. NỘI DUNG THI ĐUA:"].paragraph_format.keep_with_next is True


def test_movement_names_italic_and_phase_labels_bold(doc):
    movement = next(p for p in doc.paragraphs if p.text.startswith("1- Phong trào thi đua"))
    assert [r.text for r in movement.runs if r.italic] == [
        "Lao động giỏi, Lao động sáng tạo",
        "Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động",
    ]
    phase = next(p for p in doc.paragraphs if p.text.startswith("Đợt 2:"))
    assert [r.text for r in phase.runs if r.bold] == ["Đợt 2:"]


def test_recipients_and_signature_block(doc):
    foot = doc.tables[1]
    recipients, signer = foot.cell(0, 0), foot.cell(0, 1)
    assert lines(recipients) == [
        "Nơi nhận:",
        "- Ban CSKT-XH&TKT TLĐ (để báo cáo);",
        "- Ban TKT Sở nội vụ (để báo cáo);",
        "- Thường trực LĐLĐ;",
        "- Các Ban LĐLĐ tỉnh;",
        "- CĐ các cấp trực thuộc (để thực hiện);",
        "- Lưu VP, Ban CSPL.",
    ]
    label = only_run(recipients.paragraphs[0])
    assert (label.bold, label.italic, label.font.size.pt) == (True, True, 12)
    assert {only_run(p).font.size.pt for p in recipients.paragraphs[1:]} == {11}
    assert lines(signer) == ["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Trần Trung Hào"]
    assert all(only_run(p).bold for p in signer.paragraphs)
    assert signer.paragraphs[2].paragraph_format.space_before.mm == pytest.approx(25, abs=0.1)


def test_document_properties(doc):
    props = doc.core_properties
    assert (props.title, props.author, props.language) == (
        "Kế hoạch số 13/KH-LĐLĐ",
        "LĐLĐ TỈNH BẾN TRE",
        "vi-VN",
    )


def test_union_motto_without_subtitle_and_a_blank_form():
    ctx = plan_document_from_parsed(
        {"title": "Thử"}, issuer_name="Công đoàn Ngành Y tế", parent_body_name="", motto_style="union"
    )
    doc = Document(BytesIO(render_docx(ctx)))
    header = doc.tables[0]
    assert lines(header.cell(0, 0)) == ["CÔNG ĐOÀN NGÀNH Y TẾ"]
    assert lines(header.cell(0, 1)) == ["CÔNG ĐOÀN VIỆT NAM"]
    assert lines(header.cell(1, 0)) == ["Số:" + "\u00a0" * 8 + "/"]
    assert [p.text for p in doc.paragraphs if p.text] == ["KẾ HOẠCH", "Thử"]
    assert lines(doc.tables[1].cell(0, 0)) == []
