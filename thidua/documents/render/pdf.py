"""An official document (``thidua.documents.parts.OfficialDocument``) as a PDF in the format of Decree 30/2020/NĐ-CP, drawn by ReportLab with the vendored
Liberation Serif (Times New Roman's metric twin, with Vietnamese) embedded, so no system font is needed.

The layout mirrors the DOCX: a borderless two-column header (issuing body and number | motto and place-date),
kind and summary centred with a short rule, the justified body, then recipients beside the signature block.
Page numbers from the second page on, at the top centre.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import translation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable, HRFlowable

from thidua.documents.parts import clean
from thidua.documents.render import layout as L


def _style(
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int = TA_CENTER,
    before: float = 0,
    first_line_mm: float = 0,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    L.register_pdf_fonts()
    return ParagraphStyle(
        f"thidua-{size}-{bold}-{italic}-{align}",
        fontName=L.pdf_font_name(bold=bold, italic=italic),
        fontSize=size,
        leading=size * L.LINE_SPACING,
        alignment=align,
        spaceBefore=before,
        firstLineIndent=first_line_mm * mm,
        keepWithNext=int(keep_with_next),
        allowWidows=0,
        allowOrphans=0,
    )


def _text(text: str, size: float, **style: Any) -> Paragraph:
    return Paragraph(escape(clean(text)), _style(size, **style))


def _markup(runs: list[Mapping[str, Any]]) -> str:
    """Runs as ReportLab's paragraph markup (the family's bold and italic faces are mapped)."""
    parts = []
    for r in runs:
        text = escape(clean(r["text"]))
        if r["italic"]:
            text = f"<i>{text}</i>"
        if r["bold"]:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def _rule(width_mm: float, *, before: float = 2, after: float = 0) -> HRFlowable:
    return HRFlowable(
        width=width_mm * mm,
        thickness=L.RULE_THICKNESS_PT,
        color=colors.black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
        vAlign="TOP",
    )


def _table(rows: list[list[Any]], widths_mm: tuple[float, ...]) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths_mm], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                # A cell's own font (Helvetica unless told) would be declared on the page though never shown.
                ("FONTNAME", (0, 0), (-1, -1), L.pdf_font_name()),
                ("FONTSIZE", (0, 0), (-1, -1), L.SIZE_BODY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _header(context: Mapping[str, Any]) -> Table:
    left: list[Flowable] = []
    if context["parent_body"]:
        left.append(_text(context["parent_body"], L.SIZE_PARENT_BODY))
    left.append(_text(context["issuer"], L.SIZE_ISSUER, bold=True))
    left.append(
        _rule(
            L.rule_width_mm(
                context["issuer"],
                L.SIZE_ISSUER,
                bold=True,
                ratio=L.SHORT_RULE_RATIO,
                column_mm=L.HEADER_LEFT_MM,
            )
        )
    )
    right: list[Flowable] = []
    motto = context["motto"]
    if motto["title"]:
        right.append(_text(motto["title"], L.SIZE_MOTTO_TITLE, bold=True))
        if motto["subtitle"]:
            right.append(_text(motto["subtitle"], L.SIZE_MOTTO_SUBTITLE, bold=True))
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
        right.append(_rule(width))
    number = [Spacer(1, 4), _text(context["number_line"], L.SIZE_NUMBER)]
    place_date = [Spacer(1, 4), _text(context["place_date_line"], L.SIZE_PLACE_DATE, italic=True)]
    return _table([[left, right], [number, place_date]], (L.HEADER_LEFT_MM, L.HEADER_RIGHT_MM))


def _title(context: Mapping[str, Any]) -> list[Flowable]:
    flowables: list[Flowable] = [
        _text(context["kind_heading"], L.SIZE_KIND, bold=True, before=18, keep_with_next=True)
    ]
    if context["title"]:
        flowables.append(_text(context["title"], L.SIZE_TITLE, bold=True, keep_with_next=True))
        width = L.rule_width_mm(
            context["title"], L.SIZE_TITLE, bold=True, ratio=L.SHORT_RULE_RATIO, column_mm=L.TEXT_WIDTH_MM
        )
        flowables.append(_rule(width, before=3, after=8))
    return flowables


def _body(context: Mapping[str, Any]) -> list[Flowable]:
    flowables: list[Flowable] = []
    body = {"align": TA_JUSTIFY, "before": L.PARAGRAPH_SPACING_PT, "first_line_mm": L.FIRST_LINE_INDENT_MM}
    for sec in context["sections"]:
        if sec["heading"]:
            flowables.append(
                _text(
                    sec["heading"],
                    L.SIZE_BODY,
                    bold=True,
                    italic=sec["level"] >= 3,
                    keep_with_next=True,
                    **body,
                )
            )
        style = _style(L.SIZE_BODY, **body)
        centred = _style(L.SIZE_BODY, align=TA_CENTER, before=L.PARAGRAPH_SPACING_PT, keep_with_next=True)
        flowables.extend(
            Paragraph(_markup(p["runs"]), centred if p.get("align") == "center" else style)
            for p in sec["paragraphs"]
        )
        if sec.get("table"):
            flowables.append(Spacer(1, L.PARAGRAPH_SPACING_PT))
            flowables.append(_grid_table(sec["table"]))
    return flowables


ALIGNS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _grid_table(data: Mapping[str, Any]) -> Table:
    """A ruled table (``parts.grid_table``): the header row bold and repeated on each page."""
    columns = data["columns"]
    bold_rows = set(data.get("bold_rows") or ())
    rows = [[_text(c["header"], L.SIZE_TABLE, bold=True) for c in columns]]
    for index, values in enumerate(data["rows"]):
        rows.append([_text(text, L.SIZE_TABLE, bold=index in bold_rows, align=ALIGNS.get(c["align"], TA_LEFT))
                     for c, text in zip(columns, values, strict=True)])  # fmt: skip
    table = Table(rows, colWidths=[c["width_mm"] * mm for c in columns], hAlign="CENTER", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), L.pdf_font_name()),
                ("LEFTPADDING", (0, 0), (-1, -1), L.TABLE_CELL_PADDING_MM * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), L.TABLE_CELL_PADDING_MM * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _foot(context: Mapping[str, Any]) -> Table:
    left: list[Flowable] = []
    if context["recipients"]:
        left.append(Spacer(1, 12))
        left.append(_text("Nơi nhận:", L.SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align=TA_LEFT))
        left.extend(_text(r["line"], L.SIZE_RECIPIENTS, align=TA_LEFT) for r in context["recipients"])
    right: list[Flowable] = [Spacer(1, 12)]
    signer = context["signer"]
    right.extend(_text(t, L.SIZE_SIGNER, bold=True) for t in (signer["on_behalf"], signer["title"]) if t)
    if signer["name"]:
        right.append(Spacer(1, L.SIGNATURE_SPACE_MM * mm))
        right.append(_text(signer["name"], L.SIZE_SIGNER, bold=True))
    return _table([[left or [Spacer(1, 1)], right]], (L.FOOT_LEFT_MM, L.FOOT_RIGHT_MM))


def _appendices(context: Mapping[str, Any]) -> list[Flowable]:
    """Each appendix on a new page (as the DOCX): heading and name centred in bold, the "(Kèm theo …)" line in
    italics, a short rule, the table."""
    flowables: list[Flowable] = []
    for item in context.get("appendices") or ():
        flowables.append(PageBreak())
        flowables.append(_text(item["heading"], L.SIZE_KIND, bold=True, keep_with_next=True))
        if item["title"]:
            flowables.append(_text(item["title"], L.SIZE_TITLE, bold=True, before=2, keep_with_next=True))
        if item["caption"]:
            flowables.append(_text(item["caption"], L.SIZE_BODY, italic=True, before=2, keep_with_next=True))
        width = L.rule_width_mm(
            item["caption"] or item["title"], L.SIZE_BODY, ratio=L.SHORT_RULE_RATIO, column_mm=L.TEXT_WIDTH_MM
        )
        flowables.append(_rule(width, before=3, after=8))
        flowables.append(_grid_table(item["table"]))
    return flowables


def _page_number(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(L.pdf_font_name(), L.SIZE_PAGE_NUMBER)
    x = (L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM / 2) * mm
    y = (L.PAGE_HEIGHT_MM - L.HEADER_DISTANCE_MM) * mm - L.SIZE_PAGE_NUMBER * 0.8
    canvas.drawCentredString(x, y, str(doc.page))
    canvas.restoreState()


def render_pdf(context: Mapping[str, Any]) -> bytes:
    """The document as a PDF file's bytes (always in Vietnamese: nothing here follows the interface language)."""
    with translation.override("vi"):
        return _render_pdf(context)


def _render_pdf(context: Mapping[str, Any]) -> bytes:
    L.register_pdf_fonts()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=(L.PAGE_WIDTH_MM * mm, L.PAGE_HEIGHT_MM * mm),
        leftMargin=L.MARGIN_LEFT_MM * mm,
        rightMargin=L.MARGIN_RIGHT_MM * mm,
        topMargin=L.MARGIN_TOP_MM * mm,
        bottomMargin=L.MARGIN_BOTTOM_MM * mm,
        title=clean(context.get("document_title")),
        subject=clean(context.get("title")),
        author=clean(context.get("issuer")),
        keywords=clean(context.get("kind")),
        creator="Thidua",
        initialFontName=L.PDF_FONT,
        initialFontSize=L.SIZE_BODY,
        lang="vi-VN",
        displayDocTitle=True,
    )
    story: list[Flowable] = [_header(context), *_title(context)]
    body = _body(context)
    foot = _foot(context)
    # The signature block never stands alone at the top of a page: the last paragraph goes with it.
    story.extend(body[:-1])
    story.append(KeepTogether(body[-1:] + [foot]))
    story.extend(_appendices(context))
    doc.build(story, onLaterPages=_page_number)
    return out.getvalue()
