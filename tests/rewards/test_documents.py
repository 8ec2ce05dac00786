"""The decision as an official document: its parts as data, and the DOCX and PDF it renders to."""

from __future__ import annotations

import io
import os

import pytest

from thidua.documents.parts import paragraph_text
from thidua.documents.render import render_docx, render_pdf
from thidua.rewards import queries
from thidua.rewards.documents import decision_document, in_words

from .builders import draft, issued, person_line, register, unit_line

pytestmark = pytest.mark.django_db

BASES = (
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "Khen thưởng\nCăn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ\n"
    "Xét đề nghị của Ban Chính sách - Pháp luật"
)


@pytest.fixture
def decision(tree, people):
    reg = register(tree.BT, place="Bến Tre")
    return issued(reg, [
        person_line(people.tran_hao, position_at_time="Tổ trưởng tổ may 3, Công ty TNHH May Việt Tiến Bến Tre"),
        person_line(people.nguyen_dao, award="cstd-co-so"),
        unit_line(tree.MAY),
    ], legal_bases=BASES, sign_mode="kt", sign_for="Chủ tịch", signer_position="Phó Chủ tịch",
       signer_name="Nguyễn Văn Hùng", title="Về việc khen thưởng tổng kết phong trào thi đua năm 2017")  # fmt: skip


def _texts(document) -> list[str]:
    return [paragraph_text(p) for s in document["sections"] for p in s["paragraphs"]]


def test_the_decision_has_the_parts_of_an_official_decision(decision):
    document = decision_document(decision, queries.lines_of(decision))
    assert document["motto"]["title"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert document["motto"]["subtitle"] == "Độc lập - Tự do - Hạnh phúc"
    assert (document["issuer"], document["parent_body"]) == ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
                                                             "TỔNG LĐLĐ VIỆT NAM")  # fmt: skip
    assert document["number_line"] == "Số: 01/QĐ-LĐLĐ"
    assert document["place_date_line"] == "Bến Tre, ngày 20 tháng 12 năm 2017"
    assert document["kind_heading"] == "QUYẾT ĐỊNH"
    assert document["signer"] == {
        "on_behalf": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Nguyễn Văn Hùng",
    }
    texts = _texts(document)
    assert texts[0] == "CHỦ TỊCH LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"
    assert texts[1].startswith("Căn cứ Luật Thi đua") and texts[1].endswith(";")
    assert texts[3] == "Xét đề nghị của Ban Chính sách - Pháp luật."
    assert texts[4] == "QUYẾT ĐỊNH:"
    assert texts[5] == (
        "Điều 1. Tặng “Lao động tiên tiến” cho 01 cá nhân; “Chiến sĩ thi đua cơ sở” cho 01 cá nhân; “Tập thể lao "
        "động tiên tiến” cho 01 tập thể đã có thành tích xuất sắc trong phong trào thi đua năm 2017, có tên sau:"
    )
    assert "Tổng số tiền thưởng: 2.730.000 đồng (Hai triệu bảy trăm ba mươi nghìn đồng)" in texts[6]
    assert "mức lương cơ sở 1.300.000 đồng áp dụng ngày 20/12/2017" in texts[6]
    assert texts[7].startswith("Điều 3.") and texts[7].endswith("./.")
    table = document["sections"][-3]["table"]
    assert table["rows"] == [
        ["1", "Trần Trung Hào", "Tổ trưởng tổ may 3, Công ty TNHH May Việt Tiến Bến Tre",
         "Lao động tiên tiến năm 2017", "0,3", "390.000"],
        ["2", "Nguyễn Thị Đào", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
         "Chiến sĩ thi đua cơ sở năm 2017", "1", "1.300.000"],
        ["3", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", "", "Tập thể lao động tiên tiến năm 2017",
         "0,8", "1.040.000"],
        ["", "Tổng cộng", "2 cá nhân, 1 tập thể", "", "", "2.730.000"],
    ]  # fmt: skip


def test_a_draft_leaves_its_number_to_the_clerk(tree, people):
    decision = draft(
        register(tree.BT), [person_line(people.tran_hao)], sign_mode="tm", sign_for="Ban Thường vụ"
    )
    document = decision_document(decision, queries.lines_of(decision))
    assert document["number_line"] == "Số: …/QĐ-LĐLĐ"
    assert document["signer"]["on_behalf"] == "TM. BAN THƯỜNG VỤ"


def test_amounts_in_words():
    assert in_words(390_000) == "Ba trăm chín mươi nghìn đồng"
    assert in_words(1_430_000) == "Một triệu bốn trăm ba mươi nghìn đồng"
    assert in_words(2_015_000) == "Hai triệu không trăm mười lăm nghìn đồng"
    assert in_words(1_000_021) == "Một triệu không trăm hai mươi mốt đồng"
    assert in_words(105) == "Một trăm linh năm đồng"
    assert in_words(3_000_000_000) == "Ba tỷ đồng"


def test_the_decision_renders_to_docx_and_pdf(decision):
    from docx import Document

    document = decision_document(decision, queries.lines_of(decision))
    docx_bytes = render_docx(document)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)
    cells = [c.text for t in Document(io.BytesIO(docx_bytes)).tables for r in t.rows for c in r.cells]
    assert "QUYẾT ĐỊNH" in text and "Điều 2." in text
    assert "Trần Trung Hào" in cells and "2.730.000" in cells
    pdf = render_pdf(document)
    assert pdf.startswith(b"%PDF")
    if os.environ.get("REWARDS_DUMP"):  # to look at it: REWARDS_DUMP=/tmp/qd pytest ...
        for suffix, body in ((".docx", docx_bytes), (".pdf", pdf)):
            with open(os.environ["REWARDS_DUMP"] + suffix, "wb") as out:
                out.write(body)


def test_a_long_list_goes_to_an_appendix_after_the_signature_and_the_authority_is_centred(tree, people):
    from docx import Document

    reg = register(tree.BT, place="Bến Tre")
    who = [people.tran_hao, people.nguyen_dao, people.le_duc, people.huynh_mai, people.vo_hong]
    decision = issued(reg, [*(person_line(p) for p in who), unit_line(tree.MAY)], sign_mode="tm",
                      sign_for="Ban Thường vụ", signer_position="Chủ tịch")  # fmt: skip
    document = decision_document(decision, queries.lines_of(decision))
    opening = document["sections"][0]["paragraphs"][0]
    assert (paragraph_text(opening), opening.get("align")) == (
        "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
        "center",
    )
    assert not any(s.get("table") for s in document["sections"])  # six lines: none in Điều 1
    assert _texts(document)[-3].endswith("năm 2017, có tên tại Phụ lục kèm theo Quyết định này.")
    (appendix,) = document["appendices"]
    assert (appendix["heading"], appendix["title"], appendix["caption"]) == (
        "Phụ lục",
        "DANH SÁCH KHEN THƯỞNG",
        "(Kèm theo Quyết định số 1/QĐ-LĐLĐ ngày 20 tháng 12 năm 2017 của Ban Thường vụ Liên đoàn Lao động tỉnh "
        "Bến Tre)",
    )
    assert [row[1] for row in appendix["table"]["rows"]][-2:] == [tree.MAY.name, "Tổng cộng"]
    body = Document(io.BytesIO(render_docx(document))).element.body
    texts = [el.xpath("string(.)") for el in body.iterchildren()]
    signature = next(i for i, t in enumerate(texts) if "Nơi nhận" in t)
    assert (
        next(i for i, t in enumerate(texts) if t == "Phụ lục") > signature
    )  # after the signature, on a new page
    assert render_pdf(document).startswith(b"%PDF")
