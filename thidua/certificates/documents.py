"""Certificates as PDF: the full certificate in the traditional layout, the variable fields only on a pre-printed
blank (phôi), and the calibration page of a blank.

``certificate_data`` builds plain data (unit-tested); ``render_certificates`` draws any number of them into one PDF.

The traditional layout of a Bằng khen / Giấy khen is A4 landscape (297 × 210 mm) inside a double frame: the issuing
body top left (its parent body above it, capitals), the national motto top right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
/ Độc lập - Tự do - Hạnh phúc"), the emblem the issuer uploaded centred above the title, the title in large
capitals ("BẰNG KHEN", "GIẤY KHEN"; "GIẤY CHỨNG NHẬN" for an emulation title), "Tặng" and the awardee's name in the
calligraphic face (Dancing Script, vendored), the position and unit, the title reached (for an emulation title),
the reason; at the foot, left: the QR code to the public verification page, the decision's number and date and the
serial; right: place and date, the signer's title and name.

The variable fields sit where ``DEFAULT_FIELDS`` puts them; a blank layout moves each of them (millimetres from
the sheet's top left corner, y to the text's baseline) and sets its font and size. The full certificate is drawn
with the default layout: so a blank calibrated from the defaults prints where the full certificate would.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from thidua.core.dates import format_date, format_long_date
from thidua.documents.parts import MOTTOS, format_place_date, header_name
from thidua.documents.render import layout as L

A4_LANDSCAPE_MM = (297.0, 210.0)
SCRIPT_FONT = "DancingScript-Bold"
# Labels marked for the catalog with gettext_noop: the documents print them in Vietnamese, the forms translate them.
FONTS = {
    "LiberationSerif": gettext_noop("Times New Roman (thường)"),
    "LiberationSerif-Bold": gettext_noop("Times New Roman (đậm)"),
    "LiberationSerif-Italic": gettext_noop("Times New Roman (nghiêng)"),
    "LiberationSerif-BoldItalic": gettext_noop("Times New Roman (đậm nghiêng)"),
    SCRIPT_FONT: gettext_noop("Dancing Script (chữ bay, đậm)"),
}
TITLE_RED = colors.Color(0.72, 0.07, 0.09)
FRAME_RED = colors.Color(0.70, 0.12, 0.10)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    x: float  # mm from the left edge
    y: float  # mm from the top edge, to the first line's baseline (the QR code: its top)
    font: str = "LiberationSerif"
    size: float = 14  # points (the QR code: its side in mm)
    align: str = "center"  # left | center
    width: float = 0  # mm: wrap (reason) or shrink to fit (one line); 0 = no limit


BLANK_FIELDS: list[FieldSpec] = [
    FieldSpec("name", gettext_noop("Họ và tên (tập thể)"), 148.5, 106, SCRIPT_FONT, 30, "center", 250),
    FieldSpec("unit", gettext_noop("Chức vụ, đơn vị"), 148.5, 117, "LiberationSerif-Bold", 15, "center", 250),
    FieldSpec("award", gettext_noop("Danh hiệu"), 148.5, 127, "LiberationSerif-Bold", 15, "center", 250),
    FieldSpec("reason", gettext_noop("Thành tích"), 148.5, 136, "LiberationSerif-Italic", 14, "center", 235),
    FieldSpec("decision", gettext_noop("Số, ngày quyết định"), 50, 176, "LiberationSerif", 12, "left", 110),
    FieldSpec("serial", gettext_noop("Số hiệu"), 50, 182, "LiberationSerif", 11, "left", 110),
    FieldSpec("qr", gettext_noop("Mã QR xác thực"), 22, 160, "", 25, "left", 0),
    FieldSpec(
        "place_date",
        gettext_noop("Địa danh, ngày tháng"),
        220,
        156,
        "LiberationSerif-Italic",
        14,
        "center",
        120,
    ),
    FieldSpec(
        "signer_title", gettext_noop("Chức vụ người ký"), 220, 164, "LiberationSerif-Bold", 13, "center", 120
    ),
    FieldSpec(
        "signer_name", gettext_noop("Họ và tên người ký"), 220, 193, "LiberationSerif-Bold", 14, "center", 120
    ),
]
FIELD_KEYS = [f.key for f in BLANK_FIELDS]
DEFAULT_FIELDS: dict[str, dict[str, Any]] = {
    f.key: {"x": f.x, "y": f.y, "font": f.font, "size": f.size, "align": f.align, "width": f.width}
    for f in BLANK_FIELDS
}
SAMPLE = {
    "name": "Nguyễn Thị Hường", "unit": "Tổ trưởng tổ may, Công ty TNHH May mặc Bến Tre",
    "award": "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2017",
    "reason": "Đã có thành tích xuất sắc trong phong trào thi đua lao động giỏi, lao động sáng tạo năm 2017",
    "decision": "Quyết định số 45/QĐ-LĐLĐ ngày 20/12/2017", "serial": "Số hiệu: 7KQM-9XTR-4HBC",
    "place_date": "Bến Tre, ngày 20 tháng 12 năm 2017", "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn Hùng", "qr": "https://thidua.example.vn/xac-thuc/7KQM9XTR4HBC/",
}  # fmt: skip


@cache
def register_fonts() -> None:
    L.register_pdf_fonts()
    pdfmetrics.registerFont(TTFont(SCRIPT_FONT, str(L.FONTS_DIR / "DancingScript-Bold.ttf")))


# --- the data --------------------------------------------------------------------------------------------------


@dataclass
class CertificateData:
    parent_body: str
    issuer: str
    title: str
    values: dict[str, str]  # the variable fields by key (FIELD_KEYS)
    revoked: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def certificate_title(award_name: str, award_kind: str) -> str:
    """ "BẰNG KHEN" / "GIẤY KHEN" for those forms, "GIẤY CHỨNG NHẬN" for an emulation title (Lao động tiên tiến,
    Chiến sĩ thi đua), the form's name in capitals otherwise."""
    name = " ".join(award_name.split())
    for prefix in ("Bằng khen", "Giấy khen"):
        if name.lower().startswith(prefix.lower()):
            return prefix.upper()
    if award_kind == "title":
        return "GIẤY CHỨNG NHẬN"
    return name.upper()


def reason_text(reason: str, *, year: int) -> str:
    text = " ".join((reason or "").split()).rstrip(".")
    if not text:
        return f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"
    if text.lower().startswith("đã "):
        return text[0].upper() + text[1:]
    return f"Đã có thành tích: {text[0].lower()}{text[1:]}"


def signer_lines(decision) -> str:
    title = (decision.signer_position or "").strip().upper()
    on_behalf = (decision.sign_for or "").strip().upper()
    if decision.sign_mode in ("tm", "kt") and on_behalf:
        prefix = "TM." if decision.sign_mode == "tm" else "KT."
        return f"{prefix} {on_behalf}\n{title}" if title else f"{prefix} {on_behalf}"
    return title or "CHỦ TỊCH"


def display_serial(serial: str) -> str:
    return "-".join(serial[i : i + 4] for i in range(0, len(serial), 4))


def certificate_data(cert, *, parent_name: str, verify_url: str) -> CertificateData:
    """The certificate ``cert`` (with ``record``, its ``decision_line`` and ``award``, ``decision`` with its
    ``register`` and ``issuer`` loaded) as plain data; ``parent_name``: the issuer's parent body."""
    record, decision = cert.record, cert.decision
    line = record.decision_line
    award = record.award
    if line is not None and line.unit_id is not None:
        name = line.name_at_time or line.unit.name
        unit_text = line.position_at_time
    else:
        person = record.person
        name = (line.name_at_time if line is not None else "") or (person.full_name if person else "")
        unit_text = (line.position_at_time if line is not None else "") or (
            line.unit_at_time.name if line is not None and line.unit_at_time_id else ""
        )
    values = {
        "name": name,
        "unit": unit_text,
        "award": f"Đạt danh hiệu “{award.name}” năm {record.year}" if award.kind == "title" else "",
        "reason": reason_text(line.reason if line is not None else "", year=record.year),
        "decision": f"Quyết định số {decision.reference} ngày {format_date(decision.decided_on)}",
        "serial": f"Số hiệu: {display_serial(cert.serial)}",
        "place_date": (
            format_place_date(decision.register.place, decision.decided_on)
            if decision.register.place
            else format_long_date(decision.decided_on).capitalize()
        ),
        "signer_title": signer_lines(decision),
        "signer_name": decision.signer_name,
        "qr": verify_url,
    }
    return CertificateData(
        parent_body=header_name(parent_name, abbreviate=False) if parent_name else "",
        issuer=header_name(decision.issuer.name, abbreviate=False),
        title=certificate_title(award.name, award.kind),
        values=values,
        revoked=record.revoked_id is not None,
    )


# --- drawing ---------------------------------------------------------------------------------------------------


class _Page:
    """Draws on one sheet in millimetres from the top left corner."""

    def __init__(self, canvas: Canvas, height_mm: float):
        self.c = canvas
        self.h = height_mm

    def text(self, x: float, y: float, text: str, font: str, size: float, *, align: str = "center",
             width: float = 0, color=colors.black) -> None:  # fmt: skip
        if not text:
            return
        if width and pdfmetrics.stringWidth(text, font, size) > width * mm:
            size = max(6.0, size * width * mm / pdfmetrics.stringWidth(text, font, size))
        self.c.setFillColor(color)
        self.c.setFont(font, size)
        if align == "left":
            self.c.drawString(x * mm, (self.h - y) * mm, text)
        else:
            self.c.drawCentredString(x * mm, (self.h - y) * mm, text)

    def lines(self, x: float, y: float, text: str, font: str, size: float, *, align: str = "center",
              width: float = 0, leading: float = 1.25) -> None:  # fmt: skip
        """Several lines: the text's own line breaks, each wrapped to ``width``."""
        parts: list[str] = []
        for paragraph in text.split("\n"):
            parts += simpleSplit(paragraph, font, size, width * mm) if width else [paragraph]
        step = size * leading * 25.4 / 72  # points to mm
        for i, part in enumerate(parts):
            self.text(x, y + i * step, part, font, size, align=align)

    def rule(self, x1: float, x2: float, y: float, width: float = 0.6) -> None:
        self.c.setLineWidth(width)
        self.c.line(x1 * mm, (self.h - y) * mm, x2 * mm, (self.h - y) * mm)

    def qr(self, x: float, y: float, side: float, url: str) -> None:
        """The QR code of ``url`` (error correction M) in a square of ``side`` mm whose top left is (x, y): the
        matrix is encoded once and each row's runs of dark modules drawn as rectangles of one path (ReportLab's
        widget encodes twice and draws one node per module: ten times slower on a batch)."""
        if not url:
            return
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(url)
        code.make()
        count = code.getModuleCount()
        quiet = 2  # modules of white margin inside the square
        module = side * mm / (count + 2 * quiet)
        left, top = x * mm + quiet * module, (self.h - y) * mm - quiet * module
        path = self.c.beginPath()
        for row in range(count):
            col = 0
            while col < count:
                if code.isDark(row, col):
                    start = col
                    while col < count and code.isDark(row, col):
                        col += 1
                    path.rect(left + start * module, top - (row + 1) * module, (col - start) * module, module)
                else:
                    col += 1
        self.c.setFillColor(colors.black)
        self.c.drawPath(path, stroke=0, fill=1)


def _field(layout: Mapping[str, Any], key: str) -> dict[str, Any]:
    spec = dict(DEFAULT_FIELDS[key])
    spec.update({k: v for k, v in (layout.get(key) or {}).items() if k in spec and v not in (None, "")})
    if spec["font"] not in FONTS and key != "qr":
        spec["font"] = DEFAULT_FIELDS[key]["font"]
    return spec


def draw_fields(page: _Page, values: Mapping[str, str], layout: Mapping[str, Any]) -> None:
    for key in FIELD_KEYS:
        spec = _field(layout, key)
        value = values.get(key, "")
        if key == "qr":
            page.qr(float(spec["x"]), float(spec["y"]), float(spec["size"]), value)
        elif key in ("reason", "signer_title"):
            page.lines(float(spec["x"]), float(spec["y"]), value, spec["font"], float(spec["size"]),
                       align=spec["align"], width=float(spec["width"] or 0))  # fmt: skip
        else:
            page.text(float(spec["x"]), float(spec["y"]), value, spec["font"], float(spec["size"]),
                      align=spec["align"], width=float(spec["width"] or 0))  # fmt: skip


def draw_static(page: _Page, data: CertificateData, emblem: ImageReader | None) -> None:
    """What a pre-printed blank already carries: the frame, the header, the emblem, the title, "Tặng"."""
    c = page.c
    width = A4_LANDSCAPE_MM[0]
    c.setStrokeColor(FRAME_RED)
    c.setLineWidth(2.2)
    c.rect(8 * mm, 8 * mm, (width - 16) * mm, (page.h - 16) * mm)
    c.setLineWidth(0.6)
    c.rect(10.5 * mm, 10.5 * mm, (width - 21) * mm, (page.h - 21) * mm)
    c.setStrokeColor(colors.black)
    left, right = 78.0, 214.0
    y = 22.0
    if data.parent_body:
        page.lines(left, y, data.parent_body, "LiberationSerif", 12, width=120)
        y += 5.5 * (1 + len(simpleSplit(data.parent_body, "LiberationSerif", 12, 120 * mm)) - 1)
    issuer_lines = simpleSplit(data.issuer, "LiberationSerif-Bold", 12, 120 * mm)
    page.lines(left, y, data.issuer, "LiberationSerif-Bold", 12, width=120)
    y_rule = y + 5.3 * (len(issuer_lines) - 1) + 3.0
    longest = max(pdfmetrics.stringWidth(s, "LiberationSerif-Bold", 12) for s in issuer_lines) / mm
    page.rule(left - longest * 0.2, left + longest * 0.2, y_rule)
    motto = MOTTOS["national"]
    page.text(right, 22, motto["title"], "LiberationSerif-Bold", 12)
    page.text(right, 27.5, motto["subtitle"], "LiberationSerif-Bold", 13)
    sub = pdfmetrics.stringWidth(motto["subtitle"], "LiberationSerif-Bold", 13) / mm
    page.rule(right - sub / 2, right + sub / 2, 30.5)
    if emblem is not None:
        iw, ih = emblem.getSize()
        box = 26.0
        scale = min(box / iw, box / ih)
        w, h = iw * scale, ih * scale
        c.drawImage(emblem, (width / 2 - w / 2) * mm, (page.h - 36 - h) * mm, w * mm, h * mm, mask="auto")
    page.text(width / 2, 80, data.title, "LiberationSerif-Bold", 44, width=250, color=TITLE_RED)
    page.text(width / 2, 92, "Tặng", "LiberationSerif-Italic", 17)


def _begin(canvas: Canvas, size_mm: tuple[float, float]) -> _Page:
    canvas.setPageSize((size_mm[0] * mm, size_mm[1] * mm))
    return _Page(canvas, size_mm[1])


def _canvas(buffer: io.BytesIO, title: str) -> Canvas:
    register_fonts()
    canvas = Canvas(buffer, pagesize=(A4_LANDSCAPE_MM[0] * mm, A4_LANDSCAPE_MM[1] * mm), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Thidua")
    return canvas


def load_emblem(data: bytes | None) -> ImageReader | None:
    return ImageReader(io.BytesIO(data)) if data else None


def render_certificates(items: Iterable[CertificateData], *, title: str = "Bằng khen", emblem: bytes | None = None,
                        layout: Mapping[str, Any] | None = None, paper_mm: tuple[float, float] | None = None,
                        progress=None) -> bytes:  # fmt: skip
    """One page per certificate. Without ``layout``: the full certificate (A4 landscape). With ``layout`` (a blank's
    ``fields``): the variable fields only, on ``paper_mm``. ``progress(done)`` is called every 50 pages."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, title)
    image = load_emblem(emblem)
    for done, data in enumerate(items, start=1):
        page = _begin(canvas, paper_mm or A4_LANDSCAPE_MM)
        if layout is None:
            draw_static(page, data, image)
            draw_fields(page, data.values, {})
        else:
            draw_fields(page, data.values, layout)
        canvas.showPage()
        if progress is not None and done % 50 == 0:
            progress(done)
    canvas.save()
    return buffer.getvalue()


def render_calibration(layout: Mapping[str, Any], *, paper_mm: tuple[float, float], name: str) -> bytes:
    """The test page of a blank: millimetre rulers along the edges, a crosshair at each field's anchor with its
    name and position, and the sample fields where the layout puts them. Printed on plain paper and laid on a
    blank against the light, it shows how far each field must move."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, f"Trang thử phôi – {name}")
    page = _begin(canvas, paper_mm)
    w, h = paper_mm
    canvas.setStrokeColor(colors.Color(0.1, 0.3, 0.8))
    canvas.setFillColor(colors.Color(0.1, 0.3, 0.8))
    for x in range(0, int(w) + 1):
        tick = 6 if x % 10 == 0 else 4 if x % 5 == 0 else 2
        canvas.setLineWidth(0.3 if x % 10 else 0.5)
        canvas.line(x * mm, h * mm, x * mm, (h - tick) * mm)
        canvas.line(x * mm, 0, x * mm, tick * mm)
        if x % 10 == 0 and 0 < x < w:
            canvas.setFont("LiberationSerif", 6)
            canvas.drawCentredString(x * mm, (h - 9) * mm, str(x))
    for y in range(0, int(h) + 1):
        tick = 6 if y % 10 == 0 else 4 if y % 5 == 0 else 2
        canvas.setLineWidth(0.3 if y % 10 else 0.5)
        canvas.line(0, (h - y) * mm, tick * mm, (h - y) * mm)
        canvas.line(w * mm, (h - y) * mm, (w - tick) * mm, (h - y) * mm)
        if y % 10 == 0 and 0 < y < h:
            canvas.setFont("LiberationSerif", 6)
            canvas.drawString(7 * mm, (h - y - 1) * mm, str(y))
    labels = {f.key: f.label for f in BLANK_FIELDS}
    for key in FIELD_KEYS:
        spec = _field(layout, key)
        fx, fy = float(spec["x"]), float(spec["y"])
        canvas.setStrokeColor(colors.red)
        canvas.setLineWidth(0.3)
        canvas.line((fx - 4) * mm, (h - fy) * mm, (fx + 4) * mm, (h - fy) * mm)
        canvas.line(fx * mm, (h - fy - 4) * mm, fx * mm, (h - fy + 4) * mm)
        canvas.circle(fx * mm, (h - fy) * mm, 1.5 * mm)
        canvas.setFillColor(colors.red)
        canvas.setFont("LiberationSerif", 6)
        canvas.drawString((fx + 2) * mm, (h - fy + 1.5) * mm, f"{labels[key]} ({fx:g}; {fy:g})")
    canvas.setFillColor(colors.black)
    draw_fields(page, SAMPLE, layout)
    page.text(w / 2, h - 12, f"TRANG THỬ PHÔI “{name}” – in trên giấy trắng, đặt chồng lên phôi và soi đèn; "
              "đo độ lệch theo thước (mm) rồi sửa vị trí các trường.", "LiberationSerif-Italic", 9, width=w - 30)  # fmt: skip
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_fields(raw: Mapping[str, Any], paper_mm: Sequence[float]) -> tuple[dict[str, Any], dict[str, str]]:
    """A layout's fields cleaned (numbers in range, known fonts), and the errors by form field name."""
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    labels = {f.key: f.label for f in BLANK_FIELDS}
    for key in FIELD_KEYS:
        given = raw.get(key) or {}
        spec = dict(DEFAULT_FIELDS[key])
        for coord, limit in (("x", paper_mm[0]), ("y", paper_mm[1])):
            value = given.get(coord, spec[coord])
            try:
                number = round(float(value), 1)
            except (TypeError, ValueError):
                errors[f"{key}_{coord}"] = _("%(field)s: vị trí %(coord)s phải là số (mm).") % {
                    "field": labels[key], "coord": coord}  # fmt: skip
                continue
            if not 0 <= number <= limit:
                errors[f"{key}_{coord}"] = _("%(field)s: vị trí %(coord)s = %(value)s mm nằm ngoài tờ giấy "
                                             "(0–%(limit)s mm).") % {"field": labels[key], "coord": coord,
                                                                    "value": f"{number:g}", "limit": f"{limit:g}"}  # fmt: skip
            spec[coord] = number
        try:
            size = round(float(given.get("size", spec["size"])), 1)
        except (TypeError, ValueError):
            errors[f"{key}_size"] = _("%(field)s: cỡ chữ phải là số.") % {"field": labels[key]}
            size = spec["size"]
        if not (5 <= size <= 80 if key != "qr" else 12 <= size <= 60):
            message = (_("%(field)s: cỡ chữ %(value)s ngoài khoảng 5–80 pt.") if key != "qr"
                       else _("%(field)s: cạnh mã QR %(value)s mm ngoài khoảng 12–60 mm."))  # fmt: skip
            errors[f"{key}_size"] = message % {"field": labels[key], "value": f"{size:g}"}
        spec["size"] = size
        if key != "qr":
            font = given.get("font", spec["font"])
            if font not in FONTS:
                errors[f"{key}_font"] = _("%(field)s: phông chữ “%(font)s” không có.") % {
                    "field": labels[key], "font": font}  # fmt: skip
            else:
                spec["font"] = font
            align = given.get("align", spec["align"])
            spec["align"] = align if align in ("left", "center") else spec["align"]
        clean[key] = spec
    return clean, errors
