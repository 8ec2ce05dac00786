"""The plan as PDF, read back with pypdf: A4, pages, Vietnamese text, embedded fonts, page numbers."""

import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.documents import reference as ref
from thidua.documents.render import render_pdf
from thidua.plans.documents import plan_document_from_parsed

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdf(reference_pdf):
    return PdfReader(BytesIO(reference_pdf))


@pytest.fixture(scope="module")
def text(pdf):
    return "\n".join(page.extract_text() for page in pdf.pages)


def flat(value):
    return " ".join(value.split())


def test_a4_pages_and_more_than_one_for_the_reference(pdf):
    assert pdf.pdf_header.startswith("%PDF-")
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.01)


def test_vietnamese_text_extracts_exactly(text):
    assert unicodedata.is_normalized("NFC", text)
    lines = [line.strip() for line in text.splitlines()]
    for expected in [
        "TỔNG LĐLĐ VIỆT NAM",
        "LĐLĐ TỈNH BẾN TRE",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 13/KH-LĐLĐ",
        "Bến Tre, ngày 22 tháng 02 năm 2017",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH YÊU CẦU:",
        "1.2. Công đoàn trong các cơ quan hành chính, sự nghiệp:",
        "Nơi nhận:",
        "- Ban CSKT-XH&TKT TLĐ (để báo cáo);",
        "- Lưu VP, Ban CSPL.",
        "TM. BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "Trần Trung Hào",
    ]:
        assert expected in lines
    whole = flat(text)
    for paragraph in (ref.TITLE, ref.LEGAL_BASES_TEXT, ref.PURPOSES[0], ref.MEASURES_UPPER[5], ref.CLOSING):
        assert flat(paragraph) in whole


def test_every_font_is_the_embedded_liberation_serif(pdf):
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"].split("+")[-1]] = font
    assert sorted(fonts) == [
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-BoldItalic",
        "LiberationSerif-Italic",
    ]
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
        assert "/ToUnicode" in font


def test_page_numbers_from_the_second_page_at_the_top(pdf):
    first = pdf.pages[0].extract_text().splitlines()
    assert first[0].strip() == "TỔNG LĐLĐ VIỆT NAM"
    for number, page in enumerate(pdf.pages[1:], start=2):
        assert page.extract_text().splitlines()[0].strip() == str(number)


def test_signature_block_on_the_last_page_with_the_closing_paragraph(pdf):
    last = flat(pdf.pages[-1].extract_text())
    assert "tổng hợp./." in last
    assert last.endswith("TM. BAN THƯỜNG VỤ PHÓ CHỦ TỊCH THƯỜNG TRỰC Trần Trung Hào")


def test_metadata(pdf):
    meta = pdf.metadata
    assert (meta.title, meta.author, meta.subject) == (
        "Kế hoạch số 13/KH-LĐLĐ",
        "LĐLĐ TỈNH BẾN TRE",
        ref.TITLE,
    )
    assert pdf.trailer["/Root"]["/Lang"] == "vi-VN"


def test_blank_form_renders_on_one_page():
    ctx = plan_document_from_parsed({"title": "Thử"}, issuer_name="Công đoàn Ngành Y tế", parent_body_name="")
    reader = PdfReader(BytesIO(render_pdf(ctx)))
    assert len(reader.pages) == 1
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    assert lines[:4] == [
        "CÔNG ĐOÀN NGÀNH Y TẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:" + " " * 8 + "/",  # the no-break spaces keep the room for the number
    ]
