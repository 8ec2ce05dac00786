"""An official document (``thidua.documents.parts.OfficialDocument``) as a Word document (.docx) in the format of Decree 30/2020/NĐ-CP.

The header and the foot are borderless two-column tables, as official templates lay them out: issuing body and number
on the left, motto and place-date on the right; recipients on the left, signature block on the right. The short
rules under the issuing body, the motto and the summary are top borders of empty paragraphs indented to the
rule's length, so they stay centred under their text in any word processor.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from thidua.documents.parts import clean
from thidua.documents.render import layout as L

CENTER = WD_ALIGN_PARAGRAPH.CENTER
TWIPS_PER_MM = 1440 / 25.4


def _set_fonts(rpr_owner: Any) -> None:
    """Name Times New Roman for every script (Vietnamese letters fall in more than one range) and mark the
    language Vietnamese, on a run's or a style's run properties."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), L.DOCX_FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _add_run(par: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:
    r = par.add_run(clean(text))  # a control character would make the XML invalid
    r.font.name = L.DOCX_FONT
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    _set_fonts(r._r)


def _format(
    par: Paragraph,
    *,
    align: Any = CENTER,
    before: float = 0,
    after: float = 0,
    first_line_mm: float = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    fmt = par.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Mm(first_line_mm) if first_line_mm else None
    fmt.keep_with_next = keep_with_next or None
    fmt.widow_control = True
    return par


def _new_paragraph(container: Any) -> Paragraph:
    """A new paragraph at the end of ``container`` (a cell or the document); a cell's empty first paragraph is
    used first."""
    if isinstance(container, _Cell) and len(container.paragraphs) == 1 and not container.paragraphs[0].runs:
        return container.paragraphs[0]
    return container.add_paragraph()


def _line(
    container: Any, text: str, size: float, *, bold: bool = False, italic: bool = False, **fmt: Any
) -> None:
    """A paragraph of one run."""
    par = _format(_new_paragraph(container), **fmt)
    _add_run(par, text, size, bold=bold, italic=italic)


def _rule(container: Any, width_mm: float, column_mm: float, *, before: float = 0, after: float = 0) -> None:
    """A solid rule ``width_mm`` long, centred in a column ``column_mm`` wide."""
    par = container.add_paragraph()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), str(round(L.RULE_THICKNESS_PT * 8)))
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    border.append(top)
    par._p.get_or_add_pPr().append(border)
    fmt = par.paragraph_format
    fmt.alignment = CENTER
    indent = Mm(max(column_mm - width_mm, 0) / 2)
    fmt.left_indent = indent
    fmt.right_indent = indent
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    _add_run(par, "", 2)


def _borderless_table(doc: Any, rows: int, widths_mm: tuple[float, ...]) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # table.autofit = False already set <w:tblLayout w:type="fixed"/>
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) * TWIPS_PER_MM)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Children of tblPr keep the schema's order (Word refuses a document otherwise).
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    for row in table.rows:
        row_pr = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        row_pr.append(cant_split)
    return table


ALIGNS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _grid_table(doc: Any, data: Mapping[str, Any]) -> None:
    """A ruled table (``parts.grid_table``): single black borders, the header row bold and repeated on each page."""
    columns = data["columns"]
    table = doc.add_table(rows=1 + len(data["rows"]), cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(c["width_mm"] for c in columns) * TWIPS_PER_MM)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")  # Word's default 1.9 mm each side would wrap dates and amounts
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(L.TABLE_CELL_PADDING_MM * TWIPS_PER_MM)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for index, column in enumerate(columns):
        table.columns[index].width = Mm(column["width_mm"])
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    header_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
    bold_rows = set(data.get("bold_rows") or ())
    for row_index, row in enumerate(table.rows):
        texts = [c["header"] for c in columns] if row_index == 0 else data["rows"][row_index - 1]
        bold = row_index == 0 or (row_index - 1) in bold_rows
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, column, text in zip(row.cells, columns, texts, strict=True):
            cell.width = Mm(column["width_mm"])
            align = CENTER if row_index == 0 else ALIGNS.get(column["align"], WD_ALIGN_PARAGRAPH.LEFT)
            _line(cell, text, L.SIZE_TABLE, bold=bold, align=align, before=1, after=1)


def _page_number_field(par: Paragraph) -> None:
    """The PAGE field, in the decree's size, in the header paragraph."""

    def field_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    for part in ("begin", "instr", "separate", "text", "end"):
        _add_run(par, "", L.SIZE_PAGE_NUMBER)
        r = par.runs[-1]._r
        if part == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            r.append(instr)
        elif part == "text":
            t = OxmlElement("w:t")
            t.text = "2"
            r.append(t)
        else:
            r.append(field_char(part))


def _setup(doc: Any, context: Mapping[str, Any]) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = L.DOCX_FONT
    normal.font.size = Pt(L.SIZE_BODY)
    _set_fonts(normal.element)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width = Mm(L.PAGE_WIDTH_MM)
    sec.page_height = Mm(L.PAGE_HEIGHT_MM)
    sec.top_margin = Mm(L.MARGIN_TOP_MM)
    sec.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    sec.left_margin = Mm(L.MARGIN_LEFT_MM)
    sec.right_margin = Mm(L.MARGIN_RIGHT_MM)
    sec.header_distance = Mm(L.HEADER_DISTANCE_MM)
    sec.footer_distance = Mm(L.HEADER_DISTANCE_MM)
    # Page numbers from the second page on, at the top centre; the first page's header stays empty.
    sec.different_first_page_header_footer = True
    header_par = sec.header.paragraphs[0]
    _format(header_par)
    _page_number_field(header_par)
    _format(sec.first_page_header.paragraphs[0])

    props = doc.core_properties
    props.title = clean(context.get("document_title"))
    props.subject = clean(context.get("title"))
    props.author = clean(context.get("issuer"))
    props.language = "vi-VN"
    props.keywords = clean(context.get("kind"))


def _header(doc: Any, context: Mapping[str, Any]) -> None:
    table = _borderless_table(doc, 2, (L.HEADER_LEFT_MM, L.HEADER_RIGHT_MM))
    left, right = table.cell(0, 0), table.cell(0, 1)
    if context["parent_body"]:
        _line(left, context["parent_body"], L.SIZE_PARENT_BODY)
    _line(left, context["issuer"], L.SIZE_ISSUER, bold=True)
    issuer_rule = L.rule_width_mm(
        context["issuer"], L.SIZE_ISSUER, bold=True, ratio=L.SHORT_RULE_RATIO, column_mm=L.HEADER_LEFT_MM
    )
    _rule(left, issuer_rule, L.HEADER_LEFT_MM, before=2)

    motto = context["motto"]
    if motto["title"]:
        _line(right, motto["title"], L.SIZE_MOTTO_TITLE, bold=True)
        if motto["subtitle"]:
            _line(right, motto["subtitle"], L.SIZE_MOTTO_SUBTITLE, bold=True)
            width = L.rule_width_mm(
                motto["subtitle"], L.SIZE_MOTTO_SUBTITLE, bold=True, column_mm=L.HEADER_RIGHT_MM
            )
        else:
            width = L.rule_width_mm(
                motto["title"],
                L.SIZE_MOTTO_TITLE,
                bold=True,
                ratio=L.SHORT_RULE_RATIO,
                column_mm=L.HEADER_RIGHT_MM,
            )
        _rule(right, width, L.HEADER_RIGHT_MM, before=2)

    _line(table.cell(1, 0), context["number_line"], L.SIZE_NUMBER, before=4)
    _line(table.cell(1, 1), context["place_date_line"], L.SIZE_PLACE_DATE, italic=True, before=4)


def _title(doc: Any, context: Mapping[str, Any]) -> None:
    _line(doc, context["kind_heading"], L.SIZE_KIND, bold=True, before=18, keep_with_next=True)
    if context["title"]:
        _line(doc, context["title"], L.SIZE_TITLE, bold=True, keep_with_next=True)
        width = L.rule_width_mm(
            context["title"], L.SIZE_TITLE, bold=True, ratio=L.SHORT_RULE_RATIO, column_mm=L.TEXT_WIDTH_MM
        )
        _rule(doc, width, L.TEXT_WIDTH_MM, before=2, after=8)


def _body(doc: Any, context: Mapping[str, Any]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for sec in context["sections"]:
        if sec["heading"]:
            level = sec["level"]
            _line(
                doc,
                sec["heading"],
                L.SIZE_BODY,
                bold=True,
                italic=level >= 3,
                align=justify,
                before=L.PARAGRAPH_SPACING_PT,
                first_line_mm=L.FIRST_LINE_INDENT_MM,
                keep_with_next=True,
            )
        for par_data in sec["paragraphs"]:
            centre = par_data.get("align") == "center"
            par = _format(
                doc.add_paragraph(),
                align=CENTER if centre else justify,
                before=L.PARAGRAPH_SPACING_PT,
                first_line_mm=0 if centre else L.FIRST_LINE_INDENT_MM,
                keep_with_next=centre,
            )
            for r in par_data["runs"]:
                _add_run(par, r["text"], L.SIZE_BODY, bold=r["bold"], italic=r["italic"])
        if sec.get("table"):
            _grid_table(doc, sec["table"])
    # The signature block never stands alone at the top of a page: the last paragraph goes with it.
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _foot(doc: Any, context: Mapping[str, Any]) -> None:
    table = _borderless_table(doc, 1, (L.FOOT_LEFT_MM, L.FOOT_RIGHT_MM))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    if context["recipients"]:
        _line(left, "Nơi nhận:", L.SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align=left_align, before=12)
        for recipient in context["recipients"]:
            _line(left, recipient["line"], L.SIZE_RECIPIENTS, align=left_align)
    else:
        _line(left, "", L.SIZE_RECIPIENTS, align=left_align)

    signer = context["signer"]
    first = True
    for text in (signer["on_behalf"], signer["title"]):
        if text:
            _line(right, text, L.SIZE_SIGNER, bold=True, before=12 if first else 0)
            first = False
    if signer["name"]:
        _line(right, signer["name"], L.SIZE_SIGNER, bold=True, before=L.SIGNATURE_SPACE_MM * 72 / 25.4)
    elif first:
        _line(right, "", L.SIZE_SIGNER)


def _appendices(doc: Any, context: Mapping[str, Any]) -> None:
    """Each appendix on a new page: "Phụ lục" and its name centred in bold, the "(Kèm theo …)" line in italics, a
    short rule, the table (Decree 30/2020, Phụ lục I: the appendix of a document)."""
    for item in context.get("appendices") or ():
        doc.add_page_break()
        _line(doc, item["heading"], L.SIZE_KIND, bold=True, keep_with_next=True)
        if item["title"]:
            _line(doc, item["title"], L.SIZE_TITLE, bold=True, before=2, keep_with_next=True)
        if item["caption"]:
            _line(doc, item["caption"], L.SIZE_BODY, italic=True, before=2, keep_with_next=True)
        width = L.rule_width_mm(
            item["caption"] or item["title"], L.SIZE_BODY, ratio=L.SHORT_RULE_RATIO, column_mm=L.TEXT_WIDTH_MM
        )
        _rule(doc, width, L.TEXT_WIDTH_MM, before=2, after=8)
        _grid_table(doc, item["table"])


def render_docx(context: Mapping[str, Any]) -> bytes:
    """The document as a .docx file's bytes (always in Vietnamese: nothing here follows the interface language)."""
    doc = Document()
    with translation.override("vi"):
        _setup(doc, context)
        _header(doc, context)
        _title(doc, context)
        _body(doc, context)
        _foot(doc, context)
        _appendices(doc, context)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
