"""The reference plan (Kế hoạch 13/KH-LĐLĐ of LĐLĐ tỉnh Bến Tre, 2017) read field by field."""

import pathlib

import pytest

from tests.documents import reference as ref
from thidua.plans.parsing import parse_plan_file, parse_plan_text


def parse_text(text):
    """The structure the parser reads, as ``manage.py parse_plan`` prints it (JSON: dates as ISO text)."""
    return parse_plan_text(text).to_json()


def parse_file(source, filename=None):
    return parse_plan_file(source, filename).to_json()


REFERENCE = pathlib.Path("/work/shared/reference/ke-hoach-13-KH-LDLD-2017.md")
if not REFERENCE.exists():  # a checkout without the shared folder beside it
    REFERENCE = pathlib.Path(__file__).resolve().parents[3] / "shared/reference/ke-hoach-13-KH-LDLD-2017.md"

TITLE = (
    "Phát động phong trào thi đua yêu nước trong CNVCLĐ chào mừng các ngày lễ lớn của đất nước năm 2017 và chào "
    "mừng Đại hội Công đoàn các cấp tiến tới Đại hội lần thứ XII Công đoàn Việt Nam"
)


@pytest.fixture(scope="module")
def plan():
    return parse_text(REFERENCE.read_text(encoding="utf-8"))


def test_header(plan):
    assert plan["kind"] == "Kế hoạch"
    assert plan["number"] == "13/KH-LĐLĐ"  # written "13 /KH-LĐLĐ"
    assert plan["place"] == "Bến Tre"
    assert plan["date"] == "2017-02-22"
    assert plan["issuer"] is None  # the reference text starts at "Số:"
    assert plan["title"] == TITLE


def test_both_legal_bases(plan):
    assert plan["legal_bases"] == [
        {
            "kind": "Kế hoạch",
            "number": "02/KH-TLĐ",
            "date": "2017-02-10",
            "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            "title": "Về việc " + TITLE,
        },
        {
            "kind": "Chỉ thị",
            "number": "01/CT-UBND",
            "date": "2017-01-06",
            "issuer": "UBND tỉnh Bến Tre",
            "title": "Về việc phát động phong trào thi đua yêu nước năm 2017",
        },
    ]


def test_four_movements_with_their_quoted_names(plan):
    assert [(m["order"], m["names"]) for m in plan["movements"]] == [
        (1, ["Lao động giỏi, Lao động sáng tạo", "Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động"]),
        (
            2,
            [
                "Thi đua học tập nâng cao trình độ mọi mặt đáp ứng yêu cầu thời kỳ hội nhập và phát triển, gắn với "
                "cuộc vận động xây dựng người cán bộ, công chức, viên chức Trung thành, sáng tạo, tận tụy, gương mẫu",
                "Thực hành tiết kiệm, chống lãng phí, tham nhũng, chống các tệ nạn xã hội",
            ],
        ),
        (
            3,
            [
                "Phục vụ sự nghiệp CNH-HĐH Nông nghiệp và phát triển nông thôn",
                "Chung sức xây dựng nông thôn mới",
            ],
        ),
        # "Đẩy mạnh học tập và làm theo tư tưởng ..." follows "Chỉ thị số 05-CT/TW ... về": a document's title
        (
            4,
            [
                "Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp",
                "Năm vì lợi ích đoàn viên Công đoàn",
            ],
        ),
    ]
    assert plan["movements"][0]["text"] == (
        "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”; "
        "Phong trào “Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động”"
    )
    assert plan["movements"][3]["text"].startswith("Phong trào thi đua “Đông Khởi mới,")
    assert plan["movements"][3]["text"].endswith(
        "của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."
    )


def _anniversary(text, ordinal, base_date, date):
    return {"text": text, "ordinal": ordinal, "base_date": base_date, "date": date, "consistent": True}


def test_phase_one_from_the_start_of_the_year_with_its_commemorations(plan):
    phase = plan["phases"][0]
    assert (phase["name"], phase["start"], phase["end"], phase["start_is_open"]) == (
        "Đợt 1",
        "2017-01-01",
        "2017-08-31",
        True,
    )
    assert phase["commemorations"] == [
        _anniversary(
            "87 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2017)",
            87,
            "1930-02-03",
            "2017-02-03",
        ),
        _anniversary(
            "42 năm ngày Giải phóng hoàn toàn miền Nam, thống nhất đất nước (30/4/1975-30/4/2017)",
            42,
            "1975-04-30",
            "2017-04-30",
        ),
        _anniversary(
            "127 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2017)", 127, "1890-05-19", "2017-05-19"
        ),
        # a day without an ordinal: no base date, nothing to check, this year's date
        {
            "text": "ngày Quốc tế Lao động 1/5",
            "ordinal": None,
            "base_date": None,
            "date": "2017-05-01",
            "consistent": None,
        },
        _anniversary(
            "69 năm ngày Truyền thống Thi đua Yêu nước (11/6/1948 - 11/6/2017)",
            69,
            "1948-06-11",
            "2017-06-11",
        ),
        _anniversary(
            "88 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2017)", 88, "1929-07-28", "2017-07-28"
        ),
    ]
    assert phase["text"].startswith("Thi đua lập thành tích chào mừng 87 năm ngày thành lập Đảng")


def test_phase_two_with_the_congress_and_national_day(plan):
    phase = plan["phases"][1]
    assert (phase["name"], phase["start"], phase["end"], phase["start_is_open"]) == (
        "Đợt 2",
        "2017-09-01",
        "2017-12-31",
        False,
    )
    assert phase["commemorations"] == [
        # a congress: an event celebrated, not an anniversary: every field but the text is null
        {
            "text": "Đại hội Công đoàn các cấp tiến tới Đại hội XII Công đoàn Việt Nam",
            "ordinal": None,
            "base_date": None,
            "date": None,
            "consistent": None,
        },
        _anniversary(
            "72 năm Cách mạng tháng Tám và Quốc khánh nước Cộng hòa XHCN Việt Nam (2/9/1945-2/9/2017)",
            72,
            "1945-09-02",
            "2017-09-02",
        ),
    ]


def test_no_commemoration_outside_the_phases(plan):
    assert plan["commemorations"] == []


def test_six_recipients_with_purposes_expanded(plan):
    assert plan["recipients"] == [
        {"name": "Ban CSKT-XH&TKT TLĐ", "purpose": "để báo cáo"},
        {"name": "Ban TKT Sở nội vụ", "purpose": "để báo cáo"},
        {"name": "Thường trực LĐLĐ", "purpose": None},
        {"name": "Các Ban LĐLĐ tỉnh", "purpose": None},
        {"name": "CĐ các cấp trực thuộc", "purpose": "để thực hiện"},
        {"name": "VP, Ban CSPL", "purpose": "lưu"},
    ]


def test_signer(plan):
    assert plan["signer"] == {
        "on_behalf": "TM. BAN THƯỜNG VỤ",
        "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "name": "Trần Trung Hào",
    }


def test_reference_has_no_warnings(plan):
    assert plan["warnings"] == []


def test_introduction_after_the_legal_bases(plan):
    assert plan["introduction"] == [ref.INTRODUCTION]


def test_purposes_are_the_paragraphs_of_section_one(plan):
    # one heading "MỤC ĐÍCH YÊU CẦU" for both: one list, no requirements of their own
    assert plan["purposes"] == ref.PURPOSES
    assert plan["requirements"] == []


def test_measures_by_kind_of_unit_with_their_headings(plan):
    def items(texts):
        return [t.removeprefix("- ") for t in texts]

    assert plan["measures"] == [
        {
            "target": "grassroots_business",
            "heading": "Công đoàn trong các đơn vị sản xuất kinh doanh",
            "paragraphs": items(ref.MEASURES_BUSINESS),
        },
        {
            "target": "grassroots_admin",
            "heading": "Công đoàn trong các cơ quan hành chính, sự nghiệp",
            "paragraphs": items(ref.MEASURES_ADMIN),
        },
        {
            "target": "upper",
            "heading": "Đối với Công đoàn cấp trên cơ sở",
            "paragraphs": items(ref.MEASURES_UPPER),
        },
        {"target": "general", "heading": "Biện pháp chung", "paragraphs": items(ref.MEASURES_GENERAL)},
    ]


def test_phase_review_and_closing(plan):
    assert plan["phase_review"] == [ref.PHASE_REVIEW]
    assert plan["closing"] == [ref.CLOSING]


def test_reporting_duty_from_the_closing_sentence(plan):
    assert plan["reporting"] == [
        {
            "to_whom": "LĐLĐ tỉnh (qua ban CS-PL)",
            "due": None,  # "qua mỗi đợt": the text gives no date
            "text": "Qua mỗi đợt thi đua, báo cáo kết quả về LĐLĐ tỉnh (qua ban CS-PL) để theo dõi, tổng hợp.",
        }
    ]


def test_keys_in_the_order_of_the_issue(plan):
    """The issue's keys in its order, then the long texts of the body, the warnings last."""
    assert list(plan) == [
        "kind", "number", "place", "date", "issuer", "title", "legal_bases", "movements", "phases",
        "commemorations", "recipients", "signer",
        "introduction", "purposes", "requirements", "measures", "phase_review", "reporting", "closing", "free_sections",
        "warnings",
    ]  # fmt: skip
    assert list(plan["phases"][0]) == [
        "name",
        "start",
        "end",
        "commemorations",
        "start_is_open",
        "text",
        "report_due",
    ]


def test_file_bytes_and_text_give_the_same_structure(plan):
    assert parse_file(REFERENCE) == plan
    assert parse_file(REFERENCE.read_bytes(), filename="kh.md") == plan
