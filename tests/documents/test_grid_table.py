"""Ruled tables in official documents (``parts.grid_table``): checked rows, rendered in DOCX and PDF."""

import io

import docx
import pytest

from thidua.documents.parts import grid_table, official_document, section
from thidua.documents.render import render_docx, render_pdf

COLUMNS = [("TT", 15, "center"), ("Tên", 100, "left"), ("Giá trị (đồng)", 50, "right")]


def _document():
    body = section(None, 0, ["Danh sách như sau:"])
    body["table"] = grid_table(COLUMNS, [[1, "Nhà Mái ấm Công đoàn\x0b", "50.000.000"], ["", "Tổng cộng", None]],
                               bold_rows=[1])  # fmt: skip
    return official_document(issuer="Liên đoàn Lao động tỉnh Bến Tre", kind="Danh sách", sections=[body])


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="row 1 has 2 cells for 3 columns"):
        grid_table(COLUMNS, [[1, "Nhà"]])


def test_cells_are_text_without_control_characters():
    table = _document()["sections"][0]["table"]
    assert table["rows"] == [["1", "Nhà Mái ấm Công đoàn ", "50.000.000"], ["", "Tổng cộng", ""]]
    assert table["bold_rows"] == [1]


def test_the_docx_holds_the_table_with_its_header_repeated_and_the_total_bold():
    document = docx.Document(io.BytesIO(render_docx(_document())))
    table = document.tables[1]  # after the header's layout table
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Tên", "Giá trị (đồng)"], ["1", "Nhà Mái ấm Công đoàn ", "50.000.000"], ["", "Tổng cộng", ""],
    ]  # fmt: skip
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert table.rows[2].cells[1].paragraphs[0].runs[0].font.bold is True
    assert table.rows[1].cells[2].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def test_the_pdf_renders():
    assert render_pdf(_document()).startswith(b"%PDF")
