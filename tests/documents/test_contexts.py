"""Document contexts: the plain data a plan's official text is laid out from (Decree 30/2020/NĐ-CP)."""

import datetime
import re
from pathlib import Path

import pytest

from tests.documents import reference as ref
from thidua.documents.parts import (
    format_long_date,
    format_number,
    format_number_line,
    format_place_date,
    header_name,
    motto,
    paragraph_text,
    quoted_runs,
    recipient_line,
)
from thidua.plans.documents import movement_text, phase_range, plan_document, plan_document_from_parsed

D = datetime.date
REFERENCE_MD = Path(__file__).parent / "files" / "ke-hoach-13-KH-LDLD-2017.md"


def texts(context):
    """(heading, level, [paragraph texts]) of every section."""
    return [
        (s["heading"], s["level"], [paragraph_text(p) for p in s["paragraphs"]]) for s in context["sections"]
    ]


@pytest.fixture
def reference_context():
    return plan_document_from_parsed(
        ref.REFERENCE_STRUCTURE, issuer_name=ref.ISSUER, parent_body_name=ref.PARENT_BODY
    )


# --- the decree's lines -------------------------------------------------------------------------------------------


def test_long_date_pads_days_below_ten_and_only_january_and_february():
    assert format_long_date(D(2017, 2, 22)) == "ngày 22 tháng 02 năm 2017"
    assert format_long_date(D(2017, 1, 5)) == "ngày 05 tháng 01 năm 2017"
    assert format_long_date(D(2017, 3, 5)) == "ngày 05 tháng 3 năm 2017"
    assert format_long_date(D(2017, 12, 31)) == "ngày 31 tháng 12 năm 2017"


def test_place_date_line_and_undated_draft():
    assert format_place_date("Bến Tre", D(2017, 2, 22)) == "Bến Tre, ngày 22 tháng 02 năm 2017"
    # what a draft does not have yet is a clean placeholder to fill in by hand (issue 9)
    assert format_place_date("Bến Tre", None, year=2017) == "Bến Tre, ngày … tháng … năm 2017"
    assert format_place_date("", None, year=2017) == "…, ngày … tháng … năm 2017"
    assert format_place_date("", D(2017, 2, 22)) == "…, ngày 22 tháng 02 năm 2017"


def test_number_takes_a_leading_zero_below_ten_and_loses_stray_spaces():
    assert format_number("13 /KH-LĐLĐ") == "13/KH-LĐLĐ"
    assert format_number("5/KH-LĐLĐ") == "05/KH-LĐLĐ"
    assert format_number_line("13/KH-LĐLĐ") == "Số: 13/KH-LĐLĐ"
    assert format_number_line(None) == "Số:" + "\u00a0" * 8 + "/"


def test_the_issuing_body_is_never_abbreviated_only_its_superior():
    ctx = plan_document_from_parsed(
        {"title": "Thử"},
        issuer_name="Liên đoàn Lao động tỉnh Bến Tre",
        parent_body_name="Tổng Liên đoàn Lao động Việt Nam",
    )
    assert (ctx["parent_body"], ctx["issuer"]) == ("TỔNG LĐLĐ VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE")


def test_hand_entered_recipients_end_with_the_archive_line_and_no_space_before_punctuation():
    ctx = plan_document_from_parsed(
        {"title": "Thử", "recipients": [{"name": "Lưu: VP ", "purpose": "lưu"}, {"name": "Thường trực LĐLĐ ;"},
                                       {"name": "Các CĐCS", "purpose": "để thực hiện"}]},
        issuer_name="Công đoàn Ngành Y tế", parent_body_name="",
    )  # fmt: skip
    assert [r["line"] for r in ctx["recipients"]] == [
        "- Thường trực LĐLĐ;",
        "- Các CĐCS (để thực hiện);",
        "- Lưu: VP.",
    ]
    ctx = plan_document_from_parsed(
        {"title": "Thử", "recipients": [{"name": "Các CĐCS", "purpose": "để thực hiện"}]},
        issuer_name="Công đoàn Ngành Y tế", parent_body_name="",
    )  # fmt: skip
    assert [r["line"] for r in ctx["recipients"]] == ["- Các CĐCS (để thực hiện);", "- Lưu: VT."]


def test_header_names_are_capitals_and_long_names_take_the_usual_abbreviations():
    assert header_name("Liên đoàn Lao động tỉnh Bến Tre") == "LĐLĐ TỈNH BẾN TRE"
    assert header_name("Tổng Liên đoàn Lao động Việt Nam") == "TỔNG LĐLĐ VIỆT NAM"
    assert header_name("Công đoàn Ngành Y tế") == "CÔNG ĐOÀN NGÀNH Y TẾ"
    assert header_name("LĐLĐ tỉnh Bến Tre") == "LĐLĐ TỈNH BẾN TRE"


def test_motto_styles():
    assert motto("national") == {
        "title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "subtitle": "Độc lập - Tự do - Hạnh phúc",
    }
    assert motto("union") == {"title": "CÔNG ĐOÀN VIỆT NAM", "subtitle": ""}
    with pytest.raises(ValueError, match="Kiểu quốc hiệu không hợp lệ"):
        motto("party")


def test_recipient_lines_end_with_semicolons_and_the_last_with_a_full_stop():
    assert (
        recipient_line("Ban CSKT-XH&TKT TLĐ", "để báo cáo", last=False)
        == "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"
    )
    assert recipient_line("Thường trực LĐLĐ", None, last=False) == "- Thường trực LĐLĐ;"
    assert recipient_line("Lưu VP, Ban CSPL", "lưu", last=True) == "- Lưu VP, Ban CSPL."
    assert recipient_line("VT, Ban CSPL", "lưu", last=True) == "- Lưu: VT, Ban CSPL."


def test_quoted_names_are_italic_and_the_quotes_upright():
    assert quoted_runs("Phong trào “Xanh - Sạch - Đẹp”;") == [
        {"text": "Phong trào ", "bold": False, "italic": False},
        {"text": "“", "bold": False, "italic": False},
        {"text": "Xanh - Sạch - Đẹp", "bold": False, "italic": True},
        {"text": "”", "bold": False, "italic": False},
        {"text": ";", "bold": False, "italic": False},
    ]
    assert [r["italic"] for r in quoted_runs('quỹ "Mái ấm Công đoàn"')] == [False, False, True, False]


def test_movement_puts_its_names_in_quotes_unless_the_text_has_them():
    assert movement_text({"order": 4, "names": ["Đông Khởi mới"], "text": ""}) == (
        "4- Phong trào thi đua “Đông Khởi mới”;"
    )
    assert movement_text({"order": 1, "names": ["A"], "text": "Phong trào thi đua “A”;"}) == (
        "1- Phong trào thi đua “A”;"
    )


def test_phase_range_open_start():
    assert phase_range(D(2017, 1, 1), D(2017, 8, 31), start_is_open=True) == "Từ đầu năm đến 31/08/2017"
    assert phase_range(D(2017, 9, 1), D(2017, 12, 31), start_is_open=False) == "Từ 01/09/2017 đến 31/12/2017"


# --- the reference plan from its parsed structure ------------------------------------------------------------------


def test_reference_context_header_and_foot(reference_context):
    ctx = reference_context
    assert {k: ctx[k] for k in ctx if k not in ("sections", "recipients")} == {
        "parent_body": "TỔNG LĐLĐ VIỆT NAM",
        "issuer": "LĐLĐ TỈNH BẾN TRE",
        "motto_style": "national",
        "motto": {"title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "subtitle": "Độc lập - Tự do - Hạnh phúc"},
        "kind": "Kế hoạch",
        "kind_heading": "KẾ HOẠCH",
        "number": "13/KH-LĐLĐ",
        "number_line": "Số: 13/KH-LĐLĐ",
        "place": "Bến Tre",
        "date": D(2017, 2, 22),
        "place_date_line": "Bến Tre, ngày 22 tháng 02 năm 2017",
        "title": ref.TITLE,
        "signer": {
            "on_behalf": "TM. BAN THƯỜNG VỤ",
            "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
            "name": "Trần Trung Hào",
        },
        "document_title": "Kế hoạch số 13/KH-LĐLĐ",
        "file_stem": "ke-hoach-13-kh-ldld-2017",
    }
    assert [r["line"] for r in ctx["recipients"]] == [
        "- Ban CSKT-XH&TKT TLĐ (để báo cáo);",
        "- Ban TKT Sở nội vụ (để báo cáo);",
        "- Thường trực LĐLĐ;",
        "- Các Ban LĐLĐ tỉnh;",
        "- CĐ các cấp trực thuộc (để thực hiện);",
        "- Lưu VP, Ban CSPL.",
    ]


def test_reference_body_written_from_the_structure(reference_context):
    assert texts(reference_context) == [
        (None, 0, [ref.LEGAL_BASES_TEXT]),
        ("I. NỘI DUNG THI ĐUA:", 1, []),
        (
            "* Các phong trào thi đua trọng tâm:",
            3,
            [
                ref.MOVEMENTS[0],
                "4- Phong trào thi đua “Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp”;",
            ],
        ),
        (
            None,
            0,
            [
                "Phong trào thi đua năm 2017 chia thành 2 đợt như sau:",
                "Đợt 1: Từ đầu năm đến 31/08/2017: Thi đua lập thành tích chào mừng 87 năm ngày thành lập Đảng Cộng "
                "sản Việt Nam (03/02/1930 - 03/02/2017); Kỷ niệm 88 năm Ngày thành lập Công đoàn Việt Nam "
                "(28/07/1929 - 28/07/2017).",
                "Đợt 2: Từ 01/09/2017 đến 31/12/2017: Thi đua lập thành tích chào mừng kỷ niệm 72 năm Cách mạng "
                "tháng Tám và Quốc khánh nước Cộng hòa XHCN Việt Nam (2/9/1945-2/9/2017).",
            ],
        ),
    ]
    phase_1 = reference_context["sections"][3]["paragraphs"][1]["runs"]
    assert phase_1[0] == {"text": "Đợt 1:", "bold": True, "italic": False}
    assert not any(r["bold"] for r in phase_1[1:])


def test_full_structure_writes_every_part_in_the_plan_order():
    parsed = {
        **ref.REFERENCE_STRUCTURE,
        "introduction": ref.INTRODUCTION,
        "purposes": "\n".join(ref.PURPOSES),
        "measures": [
            {"target": "general", "order": 1, "text": "Các cấp Công đoàn xây dựng kế hoạch."},
            {"target": "upper", "order": 1, "text": "- Hướng dẫn Công đoàn cơ sở."},
            {
                "target": "grassroots_admin",
                "order": 1,
                "text": "Xây dựng “Người cán bộ công chức” gương mẫu.",
            },
            {"target": "grassroots_business", "order": 1, "text": "Động viên CNVCLĐ."},
        ],
        "phase_review": ref.PHASE_REVIEW,
        "closing": ref.CLOSING,
        "commemorations": [{"text": "Kỷ niệm 100 năm Cách mạng Tháng Mười Nga (07/11/1917 - 07/11/2017)"}],
    }
    ctx = plan_document_from_parsed(parsed, issuer_name=ref.ISSUER, parent_body_name=ref.PARENT_BODY)
    headings = [(s["heading"], s["level"]) for s in ctx["sections"] if s["heading"]]
    assert headings == [
        ("I. MỤC ĐÍCH YÊU CẦU:", 1),
        ("II. NỘI DUNG THI ĐUA:", 1),
        ("* Các phong trào thi đua trọng tâm:", 3),
        ("III. BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", 1),
        ("1. Đối với Công đoàn cơ sở:", 2),
        ("1.1. Công đoàn trong các đơn vị sản xuất kinh doanh:", 3),
        ("1.2. Công đoàn trong các cơ quan hành chính, sự nghiệp:", 3),
        ("2. Đối với Công đoàn cấp trên cơ sở:", 2),
        ("3. Biện pháp chung:", 2),
    ]
    by_heading = {s["heading"]: [paragraph_text(p) for p in s["paragraphs"]] for s in ctx["sections"]}
    assert by_heading["I. MỤC ĐÍCH YÊU CẦU:"] == ref.PURPOSES
    assert by_heading["1.2. Công đoàn trong các cơ quan hành chính, sự nghiệp:"] == [
        "- Xây dựng “Người cán bộ công chức” gương mẫu."
    ]
    assert by_heading["2. Đối với Công đoàn cấp trên cơ sở:"] == ["- Hướng dẫn Công đoàn cơ sở."]
    tail = [paragraph_text(p) for p in ctx["sections"][-1]["paragraphs"]]
    assert tail[-3:] == [
        "Chào mừng Kỷ niệm 100 năm Cách mạng Tháng Mười Nga (07/11/1917 - 07/11/2017).",
        ref.PHASE_REVIEW,
        ref.CLOSING,
    ]
    assert [paragraph_text(p) for p in ctx["sections"][0]["paragraphs"]] == [
        ref.LEGAL_BASES_TEXT,
        ref.INTRODUCTION,
    ]


def test_parsed_long_texts_purposes_apart_from_requirements_and_measures_of_any_kind():
    """The parser's shape: paragraphs in lists, measures in groups; a kind of unit outside the decree's list keeps
    its heading after the others, measures without a heading stand under III itself."""
    parsed = {
        "title": "Thi đua năm 2022",
        "purposes": ["- Động viên đoàn viên."],
        "requirements": ["Thiết thực, tránh hình thức."],
        "measures": [
            {"target": None, "heading": None, "paragraphs": ["Các cấp công đoàn triển khai."]},
            {"target": None, "heading": "Ban Chính sách - Pháp luật", "paragraphs": ["Tổng hợp kết quả."]},
            {"target": "upper", "heading": "Các công đoàn cấp trên cơ sở", "paragraphs": ["Hướng dẫn CĐCS."]},
        ],
    }
    ctx = plan_document_from_parsed(parsed, issuer_name=ref.ISSUER, parent_body_name="")
    assert texts(ctx) == [
        ("I. MỤC ĐÍCH, YÊU CẦU:", 1, []),
        ("1. Mục đích:", 2, ["- Động viên đoàn viên."]),
        ("2. Yêu cầu:", 2, ["Thiết thực, tránh hình thức."]),
        ("II. BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", 1, ["- Các cấp công đoàn triển khai."]),
        ("1. Đối với Công đoàn cấp trên cơ sở:", 2, ["- Hướng dẫn CĐCS."]),
        ("2. Ban Chính sách - Pháp luật:", 2, ["- Tổng hợp kết quả."]),
    ]


def test_ready_made_sections_are_kept_and_plain_strings_become_paragraphs():
    parsed = {
        **ref.REFERENCE_STRUCTURE,
        "sections": [{"heading": "I. MỤC ĐÍCH:", "level": 1, "paragraphs": ["Một “hai”"]}],
    }
    ctx = plan_document_from_parsed(
        parsed, issuer_name=ref.ISSUER, parent_body_name=ref.PARENT_BODY, motto_style="union"
    )
    assert ctx["motto"] == {"title": "CÔNG ĐOÀN VIỆT NAM", "subtitle": ""}
    assert ctx["sections"] == [
        {
            "heading": "I. MỤC ĐÍCH:",
            "level": 1,
            "paragraphs": [
                {
                    "runs": [
                        {"text": "Một ", "bold": False, "italic": False},
                        {"text": "“", "bold": False, "italic": False},
                        {"text": "hai", "bold": False, "italic": True},
                        {"text": "”./.", "bold": False, "italic": False},
                    ]
                }
            ],
        }
    ]


def test_missing_fields_give_a_blank_form_not_an_error():
    ctx = plan_document_from_parsed({"title": "Thử"}, issuer_name="Công đoàn Ngành Y tế", parent_body_name="")
    assert ctx["parent_body"] == ""
    assert ctx["number_line"] == "Số:" + "\u00a0" * 8 + "/"
    assert ctx["place_date_line"] == "…, ngày … tháng … năm …"
    assert ctx["sections"] == []
    assert ctx["recipients"] == []
    assert ctx["signer"] == {"on_behalf": "", "title": "", "name": ""}


def _markdown_paragraphs(path):
    """The reference's paragraphs from its body to its closing, markdown marks removed."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = (
            re.sub(r"^#+\s*", "", line.strip())
            .replace("\\*", "\0")
            .replace("*", "")
            .replace("\0", "*")
            .strip()
        )
        if text:
            lines.append(text)
    return lines[lines.index(ref.LEGAL_BASES_TEXT) : lines.index(ref.CLOSING) + 1]


def test_reference_fixture_holds_the_whole_text_of_the_plan():
    """The hand-built body (used to render the reference in full) is the reference's text, paragraph by paragraph."""
    ctx = plan_document_from_parsed(
        {**ref.REFERENCE_STRUCTURE, "sections": ref.REFERENCE_SECTIONS},
        issuer_name=ref.ISSUER,
        parent_body_name=ref.PARENT_BODY,
    )
    ours = []
    for heading, _level, paragraphs in texts(ctx):
        ours.extend([heading] if heading else [])
        ours.extend(paragraphs)
    assert ours == _markdown_paragraphs(REFERENCE_MD)


# --- from the models ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_context_from_a_stored_plan(tree):
    from tests.plans.builders import draft_plan

    plan = draft_plan(tree.BT)
    ctx = plan_document(plan)
    assert ctx["parent_body"] == "TỔNG LĐLĐ VIỆT NAM"
    assert ctx["issuer"] == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"  # the issuer's own name in full (issue 9)
    assert ctx["number_line"] == "Số: 13/KH-LĐLĐ"
    assert ctx["place_date_line"] == "Bến Tre, ngày 22 tháng 02 năm 2017"
    assert ctx["kind_heading"] == "KẾ HOẠCH"
    assert ctx["signer"] == {
        "on_behalf": "TM. BAN THƯỜNG VỤ",
        "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "name": "Trần Trung Hào",
    }
    assert [r["line"] for r in ctx["recipients"]] == [
        "- Ban CSKT-XH&TKT TLĐ (để báo cáo);",
        "- CĐ các cấp trực thuộc (để thực hiện);",
        "- Lưu VP, Ban CSPL.",
    ]
    assert [(s["heading"], s["level"]) for s in ctx["sections"] if s["heading"]] == [
        ("I. MỤC ĐÍCH YÊU CẦU:", 1),
        ("II. NỘI DUNG THI ĐUA:", 1),
        ("* Các phong trào thi đua trọng tâm:", 3),
        ("III. BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", 1),
        ("1. Đối với Công đoàn cơ sở:", 2),
        ("1.1. Công đoàn trong các đơn vị sản xuất kinh doanh:", 3),
        ("1.2. Công đoàn trong các cơ quan hành chính, sự nghiệp:", 3),
        ("2. Đối với Công đoàn cấp trên cơ sở:", 2),
        ("3. Biện pháp chung:", 2),
    ]
    tail = [paragraph_text(p) for p in ctx["sections"][-1]["paragraphs"]]
    assert tail == [
        "Phong trào thi đua năm 2017 chia thành 2 đợt như sau:",
        "Đợt 1: Từ đầu năm đến 31/08/2017: Thi đua lập thành tích chào mừng 87 năm ngày thành lập Đảng Cộng sản Việt "
        "Nam (03/02/1930 - 03/02/2017); Kỷ niệm 88 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2017).",
        "Đợt 2: Từ 01/09/2017 đến 31/12/2017: Kỷ niệm 72 năm Cách mạng tháng Tám và Quốc khánh (2/9/1945-2/9/2017).",
        "Các cấp Công đoàn báo cáo kết quả về LĐLĐ tỉnh (qua Ban CS-PL) trước ngày 10/09/2017.",
        "Các cấp Công đoàn báo cáo kết quả về LĐLĐ tỉnh (qua Ban CS-PL) trước ngày 15/12/2017./.",
    ]
