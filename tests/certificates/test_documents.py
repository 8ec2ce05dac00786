"""The certificate as data and as PDF: title, reason, signer; the vendored script face covers Vietnamese."""

import re

from reportlab.pdfbase import pdfmetrics

from thidua.certificates import actions, documents, queries
from thidua.certificates.models import Certificate

NAMES = ["Nguyễn Thị Hường", "Đặng Văn Ưng", "Lưu Quỳnh Như", "Trần Trung Hào"]


def test_the_script_face_has_every_vietnamese_letter():
    documents.register_fonts()
    font = pdfmetrics.getFont(documents.SCRIPT_FONT)
    letters = set("".join(NAMES)) | set(
        "ăâêôơưđĂÂÊÔƠƯĐạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ"
    )
    missing = sorted(c for c in letters if c != " " and ord(c) not in font.face.charToGlyph)
    assert missing == []


def test_titles_follow_the_award():
    assert (
        documents.certificate_title("Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh", "form")
        == "BẰNG KHEN"
    )
    assert documents.certificate_title("Giấy khen của Ban Chấp hành công đoàn cơ sở", "form") == "GIẤY KHEN"
    assert documents.certificate_title("Lao động tiên tiến", "title") == "GIẤY CHỨNG NHẬN"
    assert (
        documents.certificate_title("Cờ thi đua của Tổng Liên đoàn", "form")
        == "CỜ THI ĐUA CỦA TỔNG LIÊN ĐOÀN"
    )


def test_reason_reads_as_a_sentence():
    assert documents.reason_text("Hoàn thành xuất sắc nhiệm vụ.", year=2017) == (
        "Đã có thành tích: hoàn thành xuất sắc nhiệm vụ"
    )
    assert (
        documents.reason_text("", year=2017) == "Đã có thành tích xuất sắc trong phong trào thi đua năm 2017"
    )
    assert documents.reason_text("đã có thành tích đột xuất", year=2017) == "Đã có thành tích đột xuất"


def test_certificate_data_of_a_person(decision, people, users):
    actions.issue_certificates(decision, by=None)
    cert = Certificate.objects.select_related(
        "record__decision_line", "decision__register", "decision__issuer"
    ).get(record__person=people.tran_hao)
    data = documents.certificate_data(cert, parent_name="Liên đoàn Lao động tỉnh Bến Tre",
                                      verify_url="https://thidua.example.vn/xac-thuc/X/")  # fmt: skip
    assert data.title == "GIẤY KHEN"
    assert data.parent_body == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"
    assert data.issuer == "LIÊN ĐOÀN LAO ĐỘNG HUYỆN CHÂU THÀNH"
    assert data.values["name"] == "Trần Trung Hào"
    assert data.values["unit"] == "Tổ trưởng tổ cắt, Công ty TNHH May Việt Tiến Bến Tre"
    assert data.values["award"] == ""
    assert data.values["reason"] == "Đã có thành tích: hoàn thành xuất sắc nhiệm vụ năm 2017"
    assert data.values["decision"] == f"Quyết định số {decision.number}/QĐ-LĐLĐ ngày 20/12/2017"
    assert data.values["place_date"] == "Châu Thành, ngày 20 tháng 12 năm 2017"
    assert data.values["signer_title"] == "CHỦ TỊCH"
    assert data.values["signer_name"] == "Lê Văn Thành"
    assert re.fullmatch(r"Số hiệu: \w{4}-\w{4}-\w{4}", data.values["serial"])


def test_signer_lines_of_a_signature_on_behalf():
    class D:
        signer_position, sign_for, sign_mode = "Phó Chủ tịch", "Chủ tịch", "kt"

    assert documents.signer_lines(D) == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def test_the_whole_decision_is_one_pdf_page_per_standing_award(decision):
    actions.issue_certificates(decision, by=None)
    certs = list(queries.certificates_for_print(decision))
    pdf = queries.render_pdf(certs, decision=decision, base_url="https://thidua.example.vn/")
    assert pdf.startswith(b"%PDF") and _pages(pdf) == 3
    assert b"DancingScript" in pdf and b"LiberationSerif" in pdf


def test_on_a_blank_only_the_variable_fields_are_printed(decision):
    actions.issue_certificates(decision, by=None)
    certs = list(queries.certificates_for_print(decision))
    layout = actions.create_layout(decision.issuer, by=None, name="Phôi", paper="a3-landscape")
    blank = queries.render_pdf(certs, decision=decision, layout=layout)
    full = queries.render_pdf(certs, decision=decision)
    assert _pages(blank) == 3
    assert b"/MediaBox [ 0 0 1190.551 841.8898 ]" in blank  # A3 landscape
    assert len(blank) < len(full)


def test_the_calibration_page_is_one_page_of_the_blanks_paper():
    pdf = documents.render_calibration(documents.DEFAULT_FIELDS, paper_mm=(297, 210), name="Phôi thử")
    assert _pages(pdf) == 1
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in pdf
