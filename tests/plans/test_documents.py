"""A plan's official document (thidua.plans.documents on the documents kit): Vietnamese whatever the interface
language (issue 8 found "PLAN", "Directive số", "(for reporting)"), and robust to control characters already stored."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from thidua.documents.parts import clean
from thidua.documents.render import render_docx, render_pdf
from thidua.plans.documents import plan_document
from thidua.plans.models import Plan

from .builders import draft_plan, issued_plan

pytestmark = pytest.mark.django_db
ENGLISH = ("PLAN", "Plan", "Directive", "for reporting", "for implementation", "Archive")


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_the_document_is_vietnamese_with_english_active(tree):
    plan = draft_plan(tree.BT)
    with translation.override("en"):
        document = plan_document(plan)
        text = docx_text(render_docx(document))
    assert (document["kind_heading"], document["document_title"]) == ("KẾ HOẠCH", "Kế hoạch số 13/KH-LĐLĐ")
    assert [r["line"] for r in document["recipients"]][:2] == [
        "- Ban CSKT-XH&TKT TLĐ (để báo cáo);",
        "- CĐ các cấp trực thuộc (để thực hiện);",
    ]
    assert "Chỉ thị số 01/CT-UBND" in text and "1.1. Công đoàn trong các đơn vị sản xuất kinh doanh:" in text
    assert english_words(text) == []


def test_the_downloaded_files_are_vietnamese_for_an_english_interface(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    client = client_for(users.province_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse("plans:plan-document", args=[plan.pk, "docx"]))
    assert response["Content-Language"] == "en"  # the interface is English; the document is not
    assert 'filename="ke-hoach-13-kh-ldld-2017.docx"' in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "KẾ HOẠCH" in text and "(để báo cáo)" in text and english_words(text) == []
    pdf = client.get(reverse("plans:plan-document", args=[plan.pk, "pdf"])).content
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "KẾ HOẠCH" in pdf_text and english_words(pdf_text) == []


def test_the_official_text_on_the_page_stays_vietnamese_in_english(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    client = client_for(users.province_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    official = page.split('id="official-text"')[1].split("</article>")[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in official and "Chỉ thị số 01/CT-UBND" in official
    assert english_words(official) == []


def test_control_characters_already_stored_do_not_break_the_exports(tree, users, client_for):
    plan = draft_plan(tree.BT)
    # Stored before input was cleaned: written past the actions, as an old row would be (PostgreSQL keeps no NUL).
    Plan.objects.filter(pk=plan.pk).update(
        title="Kế\x01 hoạch\x0bthi đua\x1f năm 2017\x07", signer_name="Trần\x0c Hào"
    )
    client = client_for(users.province_officer)
    response = client.get(reverse("plans:plan-document", args=[plan.pk, "docx"]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Kế hoạch thi đua năm 2017" in text and "Trần Hào" in text
    assert not any(ch in text for ch in "\x01\x07\x0b\x0c\x1f")
    assert client.get(reverse("plans:plan-document", args=[plan.pk, "pdf"])).status_code == 200


def test_the_renderers_clean_what_a_document_hands_them(tree):
    document = plan_document(draft_plan(tree.BT))
    document["title"] = "Tiêu\x00 đề\x1b"
    document["sections"][0]["paragraphs"][0]["runs"][0]["text"] = "Căn\x08 cứ\x0b"
    text = docx_text(render_docx(document))
    assert "Tiêu đề" in text and "Căn cứ " in text
    assert render_pdf(document).startswith(b"%PDF")


def test_clean_keeps_tabs_and_line_breaks_and_drops_other_controls():
    assert clean("a\tb\nc\x00d\x0be\rf\x7f") == "a\tb\ncd e f"
    assert clean(None) == ""
