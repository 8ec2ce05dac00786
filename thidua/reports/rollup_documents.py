"""The aggregated phase report as an official document (Báo cáo sơ kết phong trào thi đua), as plain data for
``thidua.documents.render`` (DOCX, PDF): issued by the unit whose subtree is rolled up, to the level above.

I. How the reports came in (expected, submitted, on time, approved, late).
II. The results: every indicator's figure by its rule (table), then the units directly below for the first
indicators of the form (the full table by unit is the .xlsx file), where own totals disagree with the children,
where parts exceed their whole.
III. The assessment — the unit's own report's narrative under the form's headings (results, strengths, shortcomings,
causes, lessons, proposals), when it wrote one.

Number and date are left for the office to fill in when it is issued.
"""

from __future__ import annotations

from django.utils import translation

from thidua.core.dates import format_date
from thidua.documents.parts import OfficialDocument, grid_table, official_document, section

from . import rollup_display as display
from .completeness import Completeness
from .rollup import Rollup

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
TOTAL_COLUMNS = [
    ("TT", 9, "center"),
    ("Chỉ tiêu", 62, "left"),
    ("Đơn vị tính", 18, "center"),
    ("Kết quả", 32, "right"),
    ("Chỉ tiêu giao", 24, "right"),
    ("Tỷ lệ đạt", 20, "right"),
]  # 165 mm
UNIT_FIXED_WIDTH = 9 + 52 + 20  # TT, unit, reports approved
UNIT_INDICATOR_COLUMNS = 4  # indicators shown by unit in the document (all of them in the .xlsx file)


def rollup_document(rollup: Rollup, completeness: Completeness, *, own_narrative: dict | None = None,
                    parent_name: str = "", place: str = "") -> OfficialDocument:  # fmt: skip
    with translation.override("vi"):
        return _document(rollup, completeness, own_narrative or {}, parent_name, place)


def _percent(n: int | None) -> str:
    return "" if n is None else f"{n}%"


def _document(
    rollup: Rollup, done: Completeness, narrative: dict, parent_name: str, place: str
) -> OfficialDocument:
    form, unit = rollup.form, rollup.unit
    name = rollup.version.name if rollup.version else unit.name
    phase = form.phase
    period = f"từ ngày {format_date(form.period_start)} đến ngày {format_date(form.period_end)}"
    sections = []
    numbering = iter(ROMAN)

    t = done.total
    intro = (
        f"Thực hiện {phase.plan.get_kind_display().lower()} số {phase.plan.number}/{phase.plan.symbol} của "
        f"{phase.plan.issuer.name} về việc {phase.plan.title[:1].lower()}{phase.plan.title[1:]}, {name} tổng hợp "
        f"kết quả phong trào thi đua {phase.name.lower()} ({period}) như sau:"
    )
    sections.append(section(None, 0, [intro]))
    situation = [
        f"Tổng số báo cáo phải gửi: {display.number_text(t.expected)}"
        + (f" (trong đó {display.number_text(t.waived)} đơn vị được miễn báo cáo)" if t.waived else "")
        + f"; đã gửi: {display.number_text(t.submitted)} ({_percent(t.submitted_rate)}), trong đó đúng hạn "
        f"{display.number_text(t.on_time)} ({_percent(t.on_time_rate)}); đã được duyệt: "
        f"{display.number_text(t.approved)} ({_percent(t.approved_rate)}).",
        f"Chưa gửi: {display.number_text(t.missing)} báo cáo, trong đó {display.number_text(t.late)} đã quá hạn"
        + (f" (lâu nhất {display.number_text(t.max_days_late)} ngày)." if t.max_days_late else "."),
        f"Số liệu dưới đây tổng hợp từ {display.number_text(rollup.total.approved)} báo cáo đã được cấp trên duyệt, "
        f"theo cơ cấu tổ chức ngày {format_date(rollup.day)}. Tỷ lệ được tính lại từ tổng tử số và mẫu số; "
        "số cuối kỳ (đoàn viên, công đoàn cơ sở) không cộng qua các đợt; số khen thưởng tính ở cấp ra quyết định; "
        "dấu “≈” là số ước tính (hơn, gần, khoảng).",
    ]
    sections.append(section(f"{next(numbering)}. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", 1, situation))

    sections.append(section(f"{next(numbering)}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", 1, []))
    lines = display.totals(rollup)
    rows = [
        [n, f"{line.indicator.name}", line.indicator.unit_label, line.value.text, line.target, line.percent]
        for n, line in enumerate(lines, start=1)
    ]
    totals = section("1. Số liệu tổng hợp", 2, [])
    totals["table"] = grid_table(TOTAL_COLUMNS, rows)
    sections.append(totals)

    if rollup.by_child:
        shown = display.shown_indicators(rollup)[:UNIT_INDICATOR_COLUMNS]
        width = (165 - UNIT_FIXED_WIDTH) / max(len(shown), 1)
        columns: list[tuple[str, float, str]] = [
            ("TT", 9, "center"),
            ("Đơn vị", 52, "left"),
            ("Báo cáo đã duyệt", 20, "center"),
        ]
        columns += [(f"{i.name} ({i.unit_label})", width, "right") for i in shown]
        body = []
        for n, row in enumerate(rollup.by_child, start=1):
            cells = display.row_cells(rollup, row)[: len(shown)]
            body.append([n, row.label, f"{row.approved}/{row.expected}", *[c.text for c in cells]])
        total_cells = display.row_cells(rollup, rollup.total)[: len(shown)]
        body.append(["", "Tổng cộng", f"{rollup.total.approved}/{rollup.total.expected}",
                     *[c.text for c in total_cells]])  # fmt: skip
        by_unit = section("2. Kết quả theo đơn vị trực thuộc", 2, [
            "Bảng dưới đây nêu một số chỉ tiêu chính; số liệu đầy đủ của từng đơn vị ở tệp Excel kèm theo."])  # fmt: skip
        by_unit["table"] = grid_table(columns, body, bold_rows=[len(body) - 1])
        sections.append(by_unit)

    problems = []
    for consolidation, found in display.discrepancy_lines(rollup):
        for d in found:
            problems.append(
                f"{consolidation.unit.name}: {d.indicator.name} báo cáo {d.reported}, các đơn vị trực thuộc đã "
                f"duyệt cộng lại {d.computed} (chênh lệch {d.difference})."
            )
    for flag in rollup.parts_flags:
        problems.append(
            f"{flag.unit.name}: “{flag.part.name if flag.part else ''}” "
            f"{display.number_text(flag.parts_value)}, vượt “{flag.whole.name}” {display.number_text(flag.whole_value)}."
        )
    problems += [f"{flag.unit.name if flag.unit else ''}: {flag.message}" for flag in rollup.check_flags]
    if problems:
        sections.append(section("3. Số liệu cần kiểm tra lại", 2, problems))

    written = [(h, (narrative.get(h) or "").strip()) for h in form.narrative_headings]
    written = [(h, text) for h, text in written if text]
    if written:
        sections.append(section(f"{next(numbering)}. ĐÁNH GIÁ CHUNG", 1, []))
        for n, (heading, text) in enumerate(written, start=1):
            sections.append(section(f"{n}. {heading}", 2, [p for p in text.splitlines() if p.strip()]))

    recipients: list[tuple[str, str | None]] = [(parent_name, "để báo cáo")] if parent_name else []
    recipients += [("Các đơn vị trực thuộc", None), ("Lưu: VT, Ban CS-PL", None)]
    return official_document(
        issuer=name, parent_body=parent_name, kind="Báo cáo", place=place, year=form.period_end.year,
        title=f"Sơ kết phong trào thi đua {phase.name.lower()} năm {form.period_end.year}",
        sections=sections, recipients=recipients, end_body=True,
        signer={"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": ""},
    )  # fmt: skip
