"""The cluster's documents: the minutes of the year-end meeting (Biên bản hội nghị bình xét, suy tôn) as an official
document for ``thidua.documents.render`` (DOCX, PDF), and the ranking with every score as .xlsx — the table the
proposal carries to the level above."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes
from thidua.documents.parts import OfficialDocument, grid_table, official_document, section

from .models import Meeting
from .queries import Ranking, covenant_in_force, ranking


def ranking_columns(table: Ranking) -> list[XlsxColumn]:
    return (
        [XlsxColumn(_("Xếp hạng"), 9), XlsxColumn(_("Đơn vị"), 40, wrap=True)]
        + [
            XlsxColumn(f"{n}. {c.name} ({c.max_points})", 16, wrap=True)
            for n, c in enumerate(table.criteria, start=1)
        ]
        + [
            XlsxColumn(_("Tổng điểm (tối đa %(max)s)") % {"max": table.max_total}, 14),
            XlsxColumn(_("Ghi chú"), 14),
        ]
    )


def ranking_rows(table: Ranking):
    for row in table.rows:
        yield [row.rank, row.unit.name, *[float(s) if s is not None else None for s in row.scores],
               float(row.total), _("Đồng hạng") if row.tied else ""]  # fmt: skip


def ranking_workbook(table: Ranking) -> bytes:
    covenant = table.covenant
    book = new_workbook()
    heading = [covenant.cluster.name, _("Bảng tổng hợp điểm, xếp hạng năm %(year)s") % {"year": covenant.year},
               _("Theo %(title)s (ký kết ngày %(date)s)") % {"title": covenant.title,
                                                            "date": format_date(covenant.signed_on)}]  # fmt: skip
    add_table_sheet(book, _("Xếp hạng"), ranking_columns(table), ranking_rows(table), heading=heading)
    criteria = [XlsxColumn(_("Tiêu chí"), 40, wrap=True), XlsxColumn(_("Điểm tối đa"), 10),
                XlsxColumn(_("Cách chấm"), 40, wrap=True), XlsxColumn(_("Số đơn vị đã chấm"), 12)]  # fmt: skip
    add_table_sheet(book, _("Tiêu chí"), criteria, (
        [c.name, float(c.max_points), c.get_method_display(), table.scorers.get(c.pk, "")] for c in table.criteria
    ))  # fmt: skip
    return workbook_bytes(book)


COLUMNS = [
    ("TT", 12, "center"),
    ("Đơn vị", 93, "left"),
    ("Tổng điểm", 30, "center"),
    ("Xếp hạng", 30, "center"),
]


def minutes_document(meeting: Meeting) -> OfficialDocument:
    with translation.override("vi"):
        return _minutes(meeting)


def _minutes(meeting: Meeting) -> OfficialDocument:
    cluster = meeting.cluster
    covenant = covenant_in_force(cluster, meeting.year)
    present = sorted(meeting.attendees.all(), key=lambda u: u.name)
    sections = [
        section("I. Thành phần", 1, [
            f"Hội nghị bình xét, suy tôn năm {meeting.year} của {cluster.name} (thành lập theo Quyết định số "
            f"{cluster.decision_number} ngày {format_date(cluster.decision_date)} của {cluster.issuer.name}), họp "
            f"ngày {format_date(meeting.held_on)}{' tại ' + meeting.place if meeting.place else ''}.",
            f"Các đơn vị dự họp ({len(present)}): {', '.join(u.name for u in present)}.",
        ]),
    ]  # fmt: skip
    parts = []
    if covenant is not None:
        table = ranking(covenant)
        parts.append(section("II. Kết quả chấm điểm theo giao ước thi đua", 1, [
            f"Theo {covenant.title}, ký kết ngày {format_date(covenant.signed_on)}; tổng điểm tối đa "
            f"{table.max_total}.",
        ]))  # fmt: skip
        grid = grid_table(COLUMNS, [[n, r.unit.name, r.total, f"{r.rank}{' (đồng hạng)' if r.tied else ''}"]
                                    for n, r in enumerate(table.rows, start=1)])  # fmt: skip
        parts[-1]["table"] = grid
    choices = [f"{s.award.name}: {s.unit.name} ({s.votes}/{s.voters} phiếu)."
               for s in meeting.selections.select_related("award", "unit").order_by("award_id", "-votes")]  # fmt: skip
    parts.append(section("III. Kết quả bình xét, suy tôn", 1, choices or ["Chưa có kết quả."]))
    if meeting.minutes:
        parts.append(section("IV. Nội dung khác", 1, meeting.minutes.splitlines()))
    return official_document(
        issuer=cluster.name, parent_body=cluster.issuer.name, kind="Biên bản", date=meeting.held_on,
        place=meeting.place, title=f"Hội nghị bình xét, suy tôn năm {meeting.year}", sections=sections + parts,
        recipients=[("Các đơn vị thành viên", None), (cluster.issuer.name, "để báo cáo"), ("Lưu", None)],
        signer={"on_behalf": "TM. CỤM THI ĐUA", "title": "CỤM TRƯỞNG", "name": ""},
    )  # fmt: skip
