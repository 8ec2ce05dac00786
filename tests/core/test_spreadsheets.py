"""Bounded reading of workbooks: hostile files (built small here) are refused in Vietnamese, quickly, with little
memory; ordinary files read the same whichever path the reader takes."""

import datetime
import io
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.orgs.xlsx_files import xlsx
from thidua.core.spreadsheets import SpreadsheetError, read_sheets
from thidua.core.spreadsheets import workbook as workbook_module

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NOT_A_WORKBOOK = "Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ hoặc tệp đã hỏng."


def crafted_xlsx(sheet_data: str, *, dimension: str = "A1", shared: list[str] | None = None, raw_shared: bytes = b"",
                 doctype: str = "") -> io.BytesIO:  # fmt: skip
    """A minimal .xlsx written by hand, so that it can say what no honest program writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
            ' Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{sheet_data}</sheetData></worksheet>",
        )
        if raw_shared:
            archive.writestr("xl/sharedStrings.xml", raw_shared)
        elif shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            archive.writestr(
                "xl/sharedStrings.xml", f'<sst xmlns="{MAIN}" count="{len(shared)}">{items}</sst>'
            )
    buffer.seek(0)
    return buffer


def read_error(file) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheets(file)
    return str(caught.value)


def test_an_ordinary_workbook_reads_its_rows_with_real_dates():
    sheets = read_sheets(xlsx([["Họ và tên", "Ngày sinh"], ["Trần Trung Hào", datetime.date(1980, 5, 1)]]))
    assert sheets == [[["Họ và tên", "Ngày sinh"], ["Trần Trung Hào", datetime.date(1980, 5, 1)]]]


def test_a_declared_dimension_of_the_whole_sheet_allocates_nothing_for_empty_cells():
    """The 2 KB file that once killed the web process: A1:XFD1048576 declared, two cells present."""
    file = crafted_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã đơn vị</t></is></c><c r="B1"><v>7</v></c></row>',
        dimension="A1:XFD1048576",
    )
    assert len(file.getvalue()) < 2048
    tracemalloc.start()
    try:
        sheets = read_sheets(file)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sheets == [[["Mã đơn vị", 7]]]
    assert peak < 20 * 1024 * 1024


def test_a_value_in_the_last_cell_of_the_sheet_is_refused_before_any_grid_is_allocated():
    file = crafted_xlsx(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
        dimension="A1:XFD1048576",
    )
    tracemalloc.start()
    try:
        message = read_error(file)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == (
        "Tệp vượt giới hạn đọc được (có dữ liệu ở cột thứ 16.384, quá 200 cột). Hãy chia thành nhiều tệp nhỏ hơn "
        "hoặc xoá phần thừa rồi nhập lại."
    )
    assert peak < 20 * 1024 * 1024


def test_a_value_past_the_row_limit_is_refused():
    file = crafted_xlsx(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>2</v></c></row>'
    )
    assert read_error(file) == (
        "Tệp vượt giới hạn đọc được (có dữ liệu ở dòng 900.000, quá 200.000 dòng). Hãy chia thành nhiều tệp nhỏ hơn "
        "hoặc xoá phần thừa rồi nhập lại."
    )


def test_formatting_far_away_without_values_is_ignored():
    file = crafted_xlsx('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="0"/></row><row r="1048576" s="0"/>')
    assert read_sheets(file) == [[[1]]]


def test_a_cell_longer_than_excel_allows_is_refused_without_reading_it_whole():
    """The 300 KB file whose one cell held 300 MB: here 1 MB of text in a shared string, compressed to a few KB."""
    file = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["a" * 1_000_000])
    assert len(file.getvalue()) < 10_000
    assert read_error(file) == (
        "Tệp vượt giới hạn đọc được (một ô có hơn 32.767 ký tự). Hãy chia thành nhiều tệp nhỏ hơn hoặc xoá phần "
        "thừa rồi nhập lại."
    )


def test_an_inline_text_longer_than_excel_allows_is_refused():
    file = crafted_xlsx(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"á" * 40_000}</t></is></c></row>')
    assert "một ô có hơn 32.767 ký tự" in read_error(file)


def test_a_shared_strings_part_declaring_more_than_the_limit_is_refused_from_the_zip_directory(monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_SHARED_STRINGS_BYTES", 100_000)
    file = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["b" * 20_000] * 10)
    assert read_error(file) == (
        "Tệp vượt giới hạn đọc được (quá nhiều chữ trong tệp). Hãy chia thành nhiều tệp nhỏ hơn hoặc xoá phần thừa "
        "rồi nhập lại."
    )


def test_a_huge_declared_count_of_strings_is_not_trusted():
    shared = (
        f'<sst xmlns="{MAIN}" count="4000000000" uniqueCount="4000000000"><si><t>Mã</t></si></sst>'.encode()
    )
    file = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', raw_shared=shared)
    assert read_sheets(file) == [[["Mã"]]]


def test_an_xml_bomb_is_not_expanded():
    doctype = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    file = crafted_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row>', doctype=doctype
    )
    try:
        sheets = read_sheets(file)
    except SpreadsheetError as exc:
        assert str(exc) == NOT_A_WORKBOOK
    else:
        assert len(str(sheets)) < 1000


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"kh\xc3\xb4ng ph\xe1\xba\xa3i Excel",
        b"PK\x03\x04" + bytes(range(256)) * 4,
        bytes(range(256)) * 40,
    ],
    ids=["empty", "text", "broken-zip", "random"],
)
def test_random_bytes_named_xlsx_are_refused(content):
    assert read_error(io.BytesIO(content)) == NOT_A_WORKBOOK


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert read_error(buffer) == NOT_A_WORKBOOK


def test_a_member_declaring_more_than_the_limit_is_refused_before_inflating(monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_MEMBER_BYTES", 50_000)
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 3000))
    assert "một trang tính quá lớn" in read_error(crafted_xlsx(rows))


def test_the_fast_and_the_streaming_reader_read_an_ordinary_file_alike(monkeypatch):
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Đoàn viên", "Số lao động"],
        [1, "Trần Trung Hào", datetime.date(1980, 5, 1), "083080000001", "x", 1250],
        [2, "Nguyễn Thị Đào", datetime.date(1992, 3, 8), None, True, 3.5],
        [],
        [None, None, "Tổng cộng"],
    ]

    def trimmed(sheets):
        return [[list(row[: max((i + 1 for i, v in enumerate(row) if v != ""), default=0)]) for row in rows]
                for rows in sheets]  # fmt: skip

    fast = read_sheets(xlsx(rows))
    monkeypatch.setattr(workbook_module._XlsxReader, "plain", lambda self: (self._parts(), False)[1])
    assert trimmed(read_sheets(xlsx(rows))) == trimmed(fast)
    assert trimmed(fast)[0][1] == [1, "Trần Trung Hào", datetime.date(1980, 5, 1), "083080000001", "x", 1250]


# --- property-based: whatever the bytes, the reader answers with rows or a SpreadsheetError -------------------------

cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(cell_values, max_size=6), max_size=8))
def test_any_workbook_openpyxl_writes_reads_without_crashing(rows):
    try:
        file = xlsx(rows)
    except Exception:  # noqa: BLE001 - openpyxl refuses some characters itself; nothing to read then
        return
    sheets = read_sheets(file)
    assert len(sheets) == 1


SMALL_WORKBOOK = xlsx([["Mã đơn vị", "Tên đơn vị"], ["CS-A", "Công đoàn cơ sở A"]]).getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_corrupted_workbook_gives_rows_or_a_vietnamese_refusal(data):
    original = bytearray(SMALL_WORKBOOK)
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[at] = data.draw(st.integers(min_value=0, max_value=255))
    try:
        sheets = read_sheets(io.BytesIO(bytes(original)))
    except SpreadsheetError as exc:
        assert str(exc).startswith(("Không đọc được tệp", "Tệp vượt giới hạn"))
    else:
        assert isinstance(sheets, list)


def ods(rows: list[list[str]]) -> io.BytesIO:
    """A minimal OpenDocument spreadsheet written by hand."""
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Danh sách">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    buffer.seek(0)
    return buffer


def test_an_opendocument_spreadsheet_is_read_in_a_bounded_child_process():
    assert read_sheets(ods([["Mã đơn vị", "Tên đơn vị"], ["CS-A", "Công đoàn cơ sở A"]])) == [
        [["Mã đơn vị", "Tên đơn vị"], ["CS-A", "Công đoàn cơ sở A"]]
    ]


def test_random_bytes_dressed_as_a_legacy_xls_are_refused():
    assert (
        read_error(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)) == NOT_A_WORKBOOK
    )


def test_a_zip_directory_declaring_an_unknown_zip_version_is_refused_in_vietnamese():
    """Found by the property test above: a corrupt central directory saying "zip version 6.4" made zipfile raise
    NotImplementedError, which escaped as a server error."""
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    directory = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, directory + 6, 64)  # the version needed to extract: 6.4
    with pytest.raises(SpreadsheetError):
        read_sheets(io.BytesIO(bytes(data)))
