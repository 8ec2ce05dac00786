"""Pieces of the parser on small texts: dates, ranges, header layouts, encodings, recipients, odd input."""

import datetime
import io
import json
import pathlib
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfWriter

from thidua.core import vnencoding
from thidua.plans.parsing import parse_plan_file, parse_plan_text
from thidua.plans.parsing.context import ParseContext
from thidua.plans.parsing.dates import parse_date, parse_range
from thidua.plans.parsing.extract import UnreadableFile
from thidua.plans.parsing.recipients import expand_purpose


def parse_text(text):
    """The structure the parser reads, as ``manage.py parse_plan`` prints it (JSON: dates as ISO text)."""
    return parse_plan_text(text).to_json()


def parse_file(source, filename=None):
    return parse_plan_file(source, filename).to_json()


DOCUMENTS = pathlib.Path(__file__).parent / "documents"
CA_MAU = DOCUMENTS / "ke-hoach-18-giao-duc-ca-mau-2020.txt"


@pytest.mark.parametrize(
    "text",
    [
        "ngày 10 tháng 02 năm 2017",
        "Ngày 10 tháng 2 năm 2017",
        "10/02/2017",
        "10-02-2017",
        "10.02.2017",
        "10/2/17",
    ],
)
def test_the_ways_of_writing_a_date(text):
    assert parse_date(text, ParseContext()) == datetime.date(2017, 2, 10)


def test_date_without_a_year_takes_the_plans_year():
    assert parse_date("03/02", ParseContext(year=2019)) == datetime.date(2019, 2, 3)


def test_date_that_does_not_exist_is_a_warning_not_an_error():
    ctx = ParseContext()
    assert parse_date("31/02/2017", ctx) is None
    assert [w.message for w in ctx.warnings] == ["Ngày không tồn tại: “31/02/2017”."]


def test_number_with_dots_or_dashes_and_no_year_is_not_a_date():
    assert parse_date("tăng 1.5 lần, tỷ lệ 10-02", ParseContext(year=2017)) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "start_is_open"),
    [
        ("Từ đầu năm đến 31/8/2017", datetime.date(2017, 1, 1), datetime.date(2017, 8, 31), True),
        (
            "từ ngày 01/9/2017 đến ngày 31/12/2017",
            datetime.date(2017, 9, 1),
            datetime.date(2017, 12, 31),
            False,
        ),
        ("01/9 - 31/12/2017", datetime.date(2017, 9, 1), datetime.date(2017, 12, 31), False),
        ("từ nay đến 30/4", datetime.date(2017, 2, 22), datetime.date(2017, 4, 30), False),
        (
            "từ tháng 01 đến hết tháng 6 năm 2017",
            datetime.date(2017, 1, 1),
            datetime.date(2017, 6, 30),
            False,
        ),
        ("từ 01/7 đến cuối năm", datetime.date(2017, 7, 1), datetime.date(2017, 12, 31), False),
        ("01/11/2017 - 31/3/2018", datetime.date(2017, 11, 1), datetime.date(2018, 3, 31), False),
        ("01/11 - 31/3/2018", datetime.date(2017, 11, 1), datetime.date(2018, 3, 31), False),
    ],
)
def test_date_ranges(text, start, end, start_is_open):
    found = parse_range(text, ParseContext(year=2017, plan_date=datetime.date(2017, 2, 22)))
    assert (found.start, found.end, found.start_is_open) == (start, end, start_is_open)


def test_header_copied_from_a_pdf_onto_one_line():
    plan = parse_text(
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TRÀ VINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 25 /KH – LĐLĐ Độc lập – Tự do – "
        "Hạnh phúc Trà Vinh, ngày 05 tháng 3 năm 2018 KẾ HOẠCH Tổ chức phong trào thi đua năm 2018 Căn cứ Kế hoạch "
        "số 08/KH‐TLĐ ngày 12/01/2018 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam."
    )
    assert {k: plan[k] for k in ("kind", "number", "place", "date", "issuer", "title")} == {
        "kind": "Kế hoạch",
        "number": "25/KH-LĐLĐ",
        "place": "Trà Vinh",
        "date": "2018-03-05",
        "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH TRÀ VINH",
        "title": "Tổ chức phong trào thi đua năm 2018",
    }
    assert plan["legal_bases"] == [
        {
            "kind": "Kế hoạch",
            "number": "08/KH-TLĐ",
            "date": "2018-01-12",
            "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            "title": None,
        }
    ]


@pytest.mark.parametrize(
    "written", ["Số: 13 /KH-LĐLĐ", "Số: 13/ KH - LĐLĐ", "Số 13 / KH–LĐLĐ", "Số: 13/KH—LĐLĐ"]
)
def test_stray_spaces_and_dash_variants_in_the_symbol(written):
    assert parse_text(f"{written}\nBến Tre, ngày 22 tháng 02 năm 2017")["number"] == "13/KH-LĐLĐ"


def test_kind_comes_from_the_symbol_when_there_is_no_heading():
    plan = parse_text("Số: 05/TB-LĐLĐ\nBến Tre, ngày 22 tháng 02 năm 2017\nThông báo kết quả thi đua.")
    assert plan["kind"] == "Thông báo"


def test_phases_without_dates_and_with_an_impossible_date_are_warned_about():
    plan = parse_text("Đợt 1: chào mừng ngày Quốc tế Phụ nữ 8/3.\nĐợt 2 từ 01/4/2019 đến 31/02/2019.")
    assert [(p["name"], p["start"], p["end"]) for p in plan["phases"]] == [
        ("Đợt 1", None, None),
        ("Đợt 2", "2019-04-01", None),
    ]
    assert plan["warnings"][:4] == [
        "Ngày “ngày Quốc tế Phụ nữ 8/3” không ghi năm và văn bản không cho biết năm nào.",
        "Không xác định được thời gian (từ ngày, đến ngày) của Đợt 1.",
        "Ngày không tồn tại: “31/02/2019”.",
        "Không xác định được thời gian (từ ngày, đến ngày) của Đợt 2.",
    ]


def test_phases_run_together_on_one_line_are_split():
    plan = parse_text(
        "Năm 2019 chia 2 đợt như sau: Đợt 1: từ 01/01/2019 đến 30/6/2019. Đợt 2: từ 01/7/2019 đến 31/12/2019."
    )
    assert [(p["name"], p["start"], p["end"]) for p in plan["phases"]] == [
        ("Đợt 1", "2019-01-01", "2019-06-30"),
        ("Đợt 2", "2019-07-01", "2019-12-31"),
    ]


def test_commemoration_outside_its_phase_is_warned_about():
    plan = parse_text(
        "Bến Tre, ngày 02 tháng 01 năm 2017\n"
        "Đợt 1: từ 01/01/2017 đến 30/6/2017: chào mừng 72 năm Quốc khánh (02/9/1945 - 02/9/2017)."
    )
    assert "Ngày kỷ niệm 02/09/2017 (“72 năm Quốc khánh (02/9/1945 - 02/9/2017)”) nằm ngoài thời gian của Đợt 1 " \
        "(01/01/2017 - 30/06/2017)." in plan["warnings"]  # fmt: skip


def test_anniversary_with_years_only_is_still_checked():
    plan = parse_text(
        "Đợt 1: từ 01/01/2018 đến 31/12/2018: chào mừng 90 năm thành lập Công đoàn (1929 - 2018)."
    )
    assert plan["phases"][0]["commemorations"] == [
        {
            "text": "90 năm thành lập Công đoàn (1929 - 2018)",
            "ordinal": 90,
            "base_date": None,
            "date": None,
            "consistent": False,
        }
    ]
    assert (
        "Số năm kỷ niệm không khớp với ngày tháng: “90 năm thành lập Công đoàn (1929 - 2018)” ghi 90 năm, nhưng từ "
        "1929 đến 2018 là 89 năm." in plan["warnings"]
    )


def test_durations_are_not_anniversaries():
    plan = parse_text("Đợt 1: từ 01/01/2018 đến 31/12/2018: tổng kết 5 năm thực hiện, trong 3 năm qua.")
    assert plan["phases"][0]["commemorations"] == []


@pytest.mark.parametrize(
    ("written", "purpose"),
    [
        ("để b/cáo", "để báo cáo"),
        ("b/c", "để báo cáo"),
        ("để th/hiện", "để thực hiện"),
        ("t/h", "để thực hiện"),
        ("để p/hợp", "để phối hợp"),
        ("để biết", "để biết"),
        ("Để chỉ đạo", "để chỉ đạo"),
        ("để biết, t/hiện", "để biết, thực hiện"),
    ],
)
def test_purposes_are_expanded(written, purpose):
    assert expand_purpose(written) == purpose


def test_recipients_on_one_line():
    plan = parse_text(
        "Nơi nhận: - Tổng LĐLĐ VN (để b/c); - Sở Lao động - Thương binh và Xã hội (để biết); - Lưu: VT."
    )
    assert plan["recipients"] == [
        {"name": "Tổng LĐLĐ VN", "purpose": "để báo cáo"},
        {"name": "Sở Lao động - Thương binh và Xã hội", "purpose": "để biết"},
        {"name": "VT", "purpose": "lưu"},
    ]


def test_signature_run_together_on_one_line():
    plan = parse_text("Nơi nhận:\n- Lưu VT.\nTM. BAN THƯỜNG VỤ PHÓ CHỦ TỊCH THƯỜNG TRỰC Trần Trung Hào")
    assert plan["signer"] == {
        "on_behalf": "TM. BAN THƯỜNG VỤ",
        "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "name": "Trần Trung Hào",
    }


def test_signature_without_a_name_is_warned_about():
    plan = parse_text("Nơi nhận:\n- Lưu VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)")
    assert plan["signer"] == {"on_behalf": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": None}
    assert "Không tìm thấy họ tên người ký." in plan["warnings"]


def _without_warnings(plan):
    return {key: value for key, value in plan.items() if key != "warnings"}


@pytest.mark.parametrize(("encoding", "label"), [(vnencoding.TCVN3, "TCVN3 (ABC)"), (vnencoding.VNI, "VNI")])
def test_file_in_a_legacy_encoding_reads_like_unicode(encoding, label):
    text = CA_MAU.read_text(encoding="utf-8").replace("“", '"').replace("”", '"')
    data = vnencoding.encode(text, encoding).encode("latin-1")
    plan = parse_file(data, filename="ke-hoach.txt")
    assert _without_warnings(plan) == _without_warnings(parse_file(CA_MAU))
    assert plan["warnings"] == [
        f"22 dòng được gõ bằng bảng mã {label} và đã được chuyển sang Unicode; hãy kiểm tra lại."
    ]


def test_utf8_read_as_windows_1252_is_repaired():
    data = CA_MAU.read_bytes()
    undefined = (
        0x81,
        0x8D,
        0x8F,
        0x90,
        0x9D,
    )  # bytes Windows-1252 leaves undefined pass through as themselves
    garbled = "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)
    assert garbled.startswith("LIÃŠN Ä\x90OÃ€N")
    plan = parse_text(garbled)
    assert _without_warnings(plan) == _without_warnings(parse_file(CA_MAU))
    assert plan["warnings"] == [
        "Văn bản bị lỗi mã hóa (UTF-8 bị đọc nhầm thành Windows-1252) và đã được sửa lại; hãy kiểm tra."
    ]


def test_decomposed_unicode_and_utf16_read_like_nfc_utf8():
    text = CA_MAU.read_text(encoding="utf-8")
    expected = parse_file(CA_MAU)
    assert parse_text(unicodedata.normalize("NFD", text)) == expected
    assert parse_file(text.encode("utf-16"), filename="ke-hoach.txt") == expected
    assert parse_file(io.BytesIO(text.encode("utf-8-sig"))) == expected


def test_pdf_without_a_text_layer_says_so():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    plan = parse_file(out.getvalue(), filename="ban-quet.pdf")
    assert plan["warnings"] == [
        "Tệp PDF không có lớp chữ (có thể là bản quét); cần nhận dạng chữ (OCR) trước khi nhập.",
        "Văn bản trống: không có nội dung nào để đọc.",
    ]
    assert plan["phases"] == [] and plan["signer"] is None


def test_old_word_file_is_refused_with_a_warning():
    plan = parse_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), filename="ke-hoach.doc")
    assert plan["warnings"][0] == "Tệp Word cũ (.doc) chưa đọc được; hãy lưu lại dưới dạng .docx rồi tải lên."


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n\t",
        "Đợt",
        "Số:",
        "Số: /KH-LĐLĐ",
        "Nơi nhận:",
        "Nơi nhận:\n-\n-;;",
        "TM.",
        "KẾ HOẠCH",
        "(((“”“",
        "31/02 - 30/02",
        "Kế hoạch số 1/ ngày",
        "\x00\x01\x02\ufffd",
        "Đợt 1: từ nay đến",
        "Giai đoạn 1 (từ 1/1 đến",
        "kỷ niệm 999 năm (1/1/1 - 1/1/1)",
        "Đợt 1: 00/00/0000 - 99/99/9999",
        "Căn cứ Luật\nCăn cứ Quyết định số 1/QĐ ngày 40/13/2020 của",
        "\n".join(["Đợt 1: từ 01/01/2018 đến 31/12/2018:"] + ["- kỷ niệm 1 năm (1/1/2017-1/1/2018)"] * 200),
    ],
)
def test_odd_input_never_raises(text):
    plan = parse_text(text)
    assert list(plan)[-1] == "warnings" and plan["warnings"]


@pytest.mark.parametrize("data", [b"", bytes(range(256)), "Kế hoạch".encode("utf-16-le")])
def test_odd_text_files_never_raise(data):
    plan = parse_file(data, filename="tep.txt")
    assert plan["warnings"]


@pytest.mark.parametrize(
    "data", [b"", b"PK\x03\x04not a zip", bytes(range(256)), "Kế hoạch".encode("utf-16-le")]
)
def test_odd_files_named_docx_are_refused_as_corrupt(data):
    with pytest.raises(UnreadableFile, match="bị hỏng hoặc không phải tệp Word"):
        parse_file(data, filename="tep.docx")


def test_command_on_a_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match="Tệp “hong.pdf” bị hỏng hoặc không phải tệp PDF: không đọc được."):
        call_command("parse_plan", str(path))


def test_command_prints_the_structure_as_json():
    out = io.StringIO()
    call_command("parse_plan", str(CA_MAU), stdout=out)
    printed = out.getvalue()
    assert json.loads(printed) == parse_file(CA_MAU)
    assert "“Giỏi việc trường, đảm việc nhà”" in printed  # ensure_ascii=False
    assert printed.startswith('{\n  "kind": "Kế hoạch",\n  "number": "18/KH-CĐN",')  # indent=2


def test_command_on_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="Không tìm thấy tệp “khong-co.md”."):
        call_command("parse_plan", "khong-co.md")


# --- the long texts of the body ---------------------------------------------------------------------------------

HEAD = (
    "Số: 05/KH-LĐLĐ\nChâu Thành, ngày 10 tháng 3 năm 2019\nKẾ HOẠCH\nThi đua năm 2019\n"
    "Căn cứ Kế hoạch số 02/KH-LĐLĐ ngày 10/01/2019 của LĐLĐ tỉnh.\n"
)


def test_purposes_and_requirements_in_two_sections():
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nĐộng viên đoàn viên thi đua.\nII. YÊU CẦU\n- Thiết thực.\n- Tránh hình thức.\n"
        "III. NỘI DUNG THI ĐUA\n1. Phong trào “Lao động giỏi”."
    )
    assert (plan["purposes"], plan["requirements"]) == (
        ["Động viên đoàn viên thi đua."],
        ["- Thiết thực.", "- Tránh hình thức."],
    )


def test_requirements_heading_with_its_text_on_the_same_line():
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH, YÊU CẦU\na) Mục đích: Động viên đoàn viên.\nb) Yêu cầu: Thiết thực, hiệu quả.\n"
        "II. NỘI DUNG THI ĐUA"
    )
    assert (plan["purposes"], plan["requirements"]) == (["Động viên đoàn viên."], ["Thiết thực, hiệu quả."])


def test_measures_without_sub_headings_have_no_kind_of_unit():
    plan = parse_text(
        HEAD + "IV. TỔ CHỨC THỰC HIỆN\n- Các đơn vị xây dựng kế hoạch.\n- Báo cáo cấp ủy cùng cấp.\n"
        "Trên đây là Kế hoạch thi đua năm 2019./."
    )
    assert plan["measures"] == [
        {
            "target": None,
            "heading": None,
            "paragraphs": ["Các đơn vị xây dựng kế hoạch.", "Báo cáo cấp ủy cùng cấp."],
        }
    ]
    assert plan["reporting"] == []  # "báo cáo cấp ủy": no "về" anyone
    assert plan["closing"] == ["Trên đây là Kế hoạch thi đua năm 2019./."]


def test_sub_heading_takes_the_kind_of_unit_of_its_parent():
    plan = parse_text(
        HEAD + "III. BIỆN PHÁP THỰC HIỆN\n2. Đối với công đoàn cấp trên cơ sở:\n2.1. Công tác tuyên truyền:\n"
        "- Tuyên truyền phong trào.\n3. Nhiệm vụ chung\n- Sơ kết từng đợt."
    )
    assert plan["measures"] == [
        {"target": "upper", "heading": "Công tác tuyên truyền", "paragraphs": ["Tuyên truyền phong trào."]},
        {"target": "general", "heading": "Nhiệm vụ chung", "paragraphs": ["Sơ kết từng đợt."]},
    ]


def test_report_deadline_without_a_year_takes_the_plans_year():
    plan = parse_text(
        HEAD + "Đợt 1: từ 01/01/2019 đến 30/6/2019: chào mừng ngày Quốc tế Lao động 1/5.\n"
        "Các CĐCS báo cáo kết quả về LĐLĐ huyện chậm nhất ngày 15/6; báo cáo năm trước ngày 05/12."
    )
    assert plan["reporting"] == [
        {
            "to_whom": "LĐLĐ huyện",
            "due": "2019-06-15",
            "text": "Các CĐCS báo cáo kết quả về LĐLĐ huyện chậm nhất ngày 15/6; báo cáo năm trước ngày 05/12.",
        }
    ]


def test_text_without_the_long_parts_has_them_null_or_empty():
    plan = parse_text(HEAD + "Đợt 1: từ 01/01/2019 đến 30/6/2019: chào mừng ngày Quốc tế Lao động 1/5.")
    assert {k: plan[k] for k in ("introduction", "purposes", "requirements", "measures", "phase_review",
                                 "reporting", "closing")} == {
        "introduction": [], "purposes": [], "requirements": [], "measures": [], "phase_review": [],
        "reporting": [], "closing": [],
    }  # fmt: skip


def test_any_slice_of_the_reference_parses_without_raising():
    from tests.plans.test_parsing_reference import REFERENCE

    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    for cut in range(0, len(lines), 5):
        for text in ("\n".join(lines[cut:]), "\n".join(lines[:cut]), "\n".join(reversed(lines[cut:]))):
            plan = parse_text(text)
            assert isinstance(plan["measures"], list) and isinstance(plan["reporting"], list)
