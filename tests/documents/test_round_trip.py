"""Round trip: the reference plan read from its text, exported as .docx (and .pdf), read again gives the same
structure, its long texts included (introduction, purposes, measures, the paragraph after the phases, reporting
duties, closing).

The one field that differs is ``issuer``: the reference text (Markdown copied from the official document) lost the
header, so the first reading has no issuing body, while the exported document prints it in its header.
"""

import json
from pathlib import Path

import pytest

from tests.documents import reference as ref
from thidua.documents.render import render_docx, render_pdf
from thidua.plans.actions import create_plan_from_parsed
from thidua.plans.documents import plan_document, plan_document_from_parsed
from thidua.plans.parsing import parse_plan_file, parse_plan_text


def parse_text(text):
    """The structure the parser reads, as ``manage.py parse_plan`` prints it (JSON: dates as ISO text)."""
    return parse_plan_text(text).to_json()


def parse_file(source, filename=None):
    return parse_plan_file(source, filename).to_json()


REFERENCE_MD = Path(__file__).parent / "files" / "ke-hoach-13-KH-LDLD-2017.md"
BINH_DUONG = Path(__file__).parents[1] / "plans" / "documents" / "ke-hoach-31-binh-duong-2022.txt"


@pytest.fixture(scope="module")
def first():
    return parse_file(REFERENCE_MD)


def differences(a, b):
    """The top-level fields whose values differ, with both values (a readable failure)."""
    return {
        key: (json.dumps(a.get(key), ensure_ascii=False), json.dumps(b.get(key), ensure_ascii=False))
        for key in sorted(set(a) | set(b))
        if a.get(key) != b.get(key)
    }


def test_reference_reads_with_its_whole_structure(first):
    """The round trip is only worth something if the first reading holds the plan's structure."""
    assert (first["kind"], first["number"], first["date"], first["issuer"]) == (
        "Kế hoạch",
        "13/KH-LĐLĐ",
        "2017-02-22",
        None,
    )
    assert [b["number"] for b in first["legal_bases"]] == ["02/KH-TLĐ", "01/CT-UBND"]
    assert [m["order"] for m in first["movements"]] == [1, 2, 3, 4]
    assert [(p["name"], p["start"], p["end"]) for p in first["phases"]] == [
        ("Đợt 1", "2017-01-01", "2017-08-31"),
        ("Đợt 2", "2017-09-01", "2017-12-31"),
    ]
    assert len(first["recipients"]) == 6
    assert first["introduction"][0].startswith("Liên đoàn Lao động tỉnh xây dựng Kế hoạch")
    assert len(first["purposes"]) == 2
    assert [(m["target"], len(m["paragraphs"])) for m in first["measures"]] == [
        ("grassroots_business", 4), ("grassroots_admin", 2), ("upper", 7), ("general", 3)]  # fmt: skip
    assert first["phase_review"][0].startswith("Sau mỗi đợt thi đua")
    assert [d["to_whom"] for d in first["reporting"]] == ["LĐLĐ tỉnh (qua ban CS-PL)"]
    assert first["closing"][0].startswith("Trên đây là")
    assert first["signer"] == {
        "on_behalf": "TM. BAN THƯỜNG VỤ",
        "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "name": "Trần Trung Hào",
    }
    assert first["warnings"] == []


def test_docx_written_from_the_parsed_structure_reads_back_the_same(first):
    ctx = plan_document_from_parsed(first, issuer_name=ref.ISSUER, parent_body_name=ref.PARENT_BODY)
    second = parse_file(render_docx(ctx), "x.docx")
    assert differences(first, second) == {"issuer": ("null", '"LĐLĐ TỈNH BẾN TRE"')}


@pytest.mark.django_db
def test_imported_plan_exported_as_docx_reads_back_the_same(first, tree, users):
    plan = create_plan_from_parsed(
        parse_plan_file(REFERENCE_MD),
        tree.BT,
        by=users.province_officer,
        source_text=REFERENCE_MD.read_text(),
    )
    second = parse_file(render_docx(plan_document(plan)), "ke-hoach-13.docx")
    assert differences(first, second) == {"issuer": ("null", '"LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"')}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_whole_reference_text_reads_back_the_same_from_docx_and_pdf(first, kind):
    ctx = plan_document_from_parsed(
        {**first, "sections": ref.REFERENCE_SECTIONS},
        issuer_name=ref.ISSUER,
        parent_body_name=ref.PARENT_BODY,
    )
    data = render_docx(ctx) if kind == "docx" else render_pdf(ctx)
    second = parse_file(data, f"x.{kind}")
    assert differences(first, second) == {"issuer": ("null", '"LĐLĐ TỈNH BẾN TRE"')}


def test_long_texts_of_another_plan_read_back_from_docx():
    """Purposes and requirements under their own headings, a kind of unit outside the decree's list, reporting
    deadlines: what a plan of another federation holds besides its structure survives the round trip. Measures come
    back in the decree's order of kinds of unit, with its headings."""
    first = parse_file(BINH_DUONG)
    ctx = plan_document_from_parsed(
        first, issuer_name="LĐLĐ tỉnh Bình Dương", parent_body_name="Tổng LĐLĐ Việt Nam"
    )
    second = parse_file(render_docx(ctx), "ke-hoach-31.docx")
    assert set(differences(first, second)) == {"issuer", "measures"}

    def by_kind(measures):
        return sorted((m["target"] or "", m["heading"] if m["target"] is None else "", m["paragraphs"])
                      for m in measures)  # fmt: skip

    assert by_kind(second["measures"]) == by_kind(first["measures"])
    assert [m["heading"] for m in second["measures"]] == [
        "Công đoàn trong các đơn vị sản xuất kinh doanh",
        "Công đoàn trong các cơ quan hành chính, sự nghiệp",
        "Đối với Công đoàn cấp trên cơ sở",
        "Ban Chính sách - Pháp luật LĐLĐ tỉnh",
    ]
