"""The State's yearly statistics on emulation and rewards, in the forms' layout, from the system's records.

Thông tư 02/2023/TT-BNV (report years from 2023): biểu 0601.N "Số phong trào thi đua", 0602.N "Số lượng khen
thưởng cấp Nhà nước", 0603.N "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực
thuộc Trung ương". Thông tư 03/2018/TT-BNV (earlier years): biểu 0701.N, 0702.N, 0703.N, the same three with fewer
columns. The rows, their codes and the columns are those of the forms (read from the circulars' annexes as an
open-source system keeps them, decision 0042); what the system cannot know is said in the cell ("Chưa theo dõi",
"Ngoài danh mục") and explained under the table — never a 0 that is not a count.

Figures, for a unit's subtree and a year:
- movements (0601/0701): the movements of the plans issued in the year by units of the subtree; the launching level
  is the issuing unit's (the confederation and the central sector unions are a "đoàn thể trung ương"; any other unit
  a "cơ quan, tổ chức, đơn vị"); the duration is the span of the plan's phases.
- awards (0602/0603, 0702/0703): the standing (not revoked) award records of people and units of the subtree decided
  in the year (the achievement year for records imported without a date), counted by the award's catalog code; the
  method (thường xuyên, chuyên đề, đột xuất, cống hiến) is the decision's kind.

The forms are official Vietnamese documents: their text (notes included) is not translated.

The sheets are written as .xlsx by ``state_statistics_xlsx``. This module sits in ``rewards`` because the award records are rewards'; it reads plans (below it) for movements.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Q

from thidua.orgs.models import Level, Unit
from thidua.plans.models import Movement, PlanStatus
from thidua.registrations.models import Award

from .models import AwardRecord, DecisionKind

# What a cell says when the system cannot give its figure (the legend under the table explains each).
NOT_TRACKED = "Chưa theo dõi"
NOT_IN_CATALOG = "Ngoài danh mục"

FORMS = ("0601", "0602", "0603")
TT02_FROM_YEAR = 2023  # Thông tư 02/2023/TT-BNV (23/3/2023) replaced the forms of Thông tư 03/2018/TT-BNV


@dataclass(frozen=True)
class Column:
    """A leaf column: its header path (top to bottom), its number in the form's numbering row, and what it
    counts — award codes and who (``collective`` True/False/None for both), or a fixed reason it is unknown."""

    header: tuple[str, ...]
    number: str
    codes: tuple[str, ...] = ()
    collective: bool | None = None
    missing: str = ""
    key: str = ""


@dataclass(frozen=True)
class Row:
    code: str  # "01"; "" for a heading
    label: str
    unit_label: str = ""
    key: str = ""  # what the row counts; "" for a heading line
    missing: str = ""  # the reason the row cannot be counted
    bold: bool = False


@dataclass
class Sheet:
    number: str  # "0602.N"
    circular: str
    title: str
    year: int
    unit: Unit
    has_unit_column: bool
    total_header: str
    total_number: str
    columns: list[Column]
    rows: list[Row]
    cells: dict[tuple[str, int], int | str] = field(default_factory=dict)  # (row key, column index) -> figure
    totals: dict[str, int | str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def circular_for(year: int) -> str:
    return "02/2023" if year >= TT02_FROM_YEAR else "03/2018"


def form_number(form: str, year: int) -> str:
    """ "0601.N" under Thông tư 02/2023, "0701.N" (the same form) under Thông tư 03/2018."""
    if form not in FORMS:
        raise ValueError(form)
    return (form if year >= TT02_FROM_YEAR else "07" + form[2:]) + ".N"


# --- 0601.N / 0701.N: movements ------------------------------------------------------------------------------

CENTRAL_LEVELS = (Level.NATIONAL, Level.CENTRAL_SECTOR)


def _movement_rows(new: bool) -> list[Row]:
    not_kept = "no-scope"
    rows = [
        Row("01", "Tổng số", key="total", bold=True),
        Row("", "1. Chia theo phạm vi tổ chức thi đua" if new else "1. Chia theo phạm vi đối tượng thi đua",
            bold=True),
        Row("02", "- Toàn quốc", key="scope-national", missing=not_kept),
        Row("03", "- Bộ, ban, ngành đoàn thể, địa phương" if new
            else "- Bộ, ban, ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương", key="scope-central"),
    ]  # fmt: skip
    if new:
        rows += [
            Row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", key="scope-cluster",
                missing=not_kept),
            Row("05", "- Cơ quan, tổ chức, đơn vị", key="scope-unit"),
        ]  # fmt: skip
    rows.append(Row("", "2. Chia theo thời hạn thi đua", bold=True))
    buckets = [
        ("06", "- Dưới 1 năm", "d-lt1"),
        ("07", "- 1 năm", "d-1"),
        ("08", "- Từ 1 năm đến dưới 3 năm", "d-1-3"),
    ]
    if new:
        buckets += [("09", "- Từ 3 năm đến dưới 5 năm", "d-3-5"), ("10", "- Từ 5 năm trở lên", "d-5")]
    else:
        buckets += [("09", "- Từ 3 năm trở lên", "d-3")]
    rows += [Row(code, label, key=key) for code, label, key in buckets]
    rows.append(Row("", "3. Chia theo phương thức tổ chức phong trào thi đua", bold=True))
    first = 11 if new else 10
    rows += [
        Row(f"{first:02d}", "- Thi đua theo chuyên đề", key="method-thematic", missing="no-method"),
        Row(f"{first + 1:02d}", "- Thi đua thường xuyên hàng năm", key="method-regular", missing="no-method"),
    ]
    return rows


def _duration_key(start: date | None, end: date | None, new: bool) -> str | None:
    if start is None or end is None:
        return None
    months = round(((end - start).days + 1) / 30.44)
    if months < 12:
        return "d-lt1"
    if months == 12:
        return "d-1"
    if months < 36:
        return "d-1-3"
    if not new:
        return "d-3"
    return "d-3-5" if months < 60 else "d-5"


def movements_sheet(unit: Unit, year: int) -> Sheet:
    new = year >= TT02_FROM_YEAR
    launch = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"
    columns = [
        Column((launch, "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"), "2", missing="no-central",
               key="central-council"),
        Column((launch, "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương"), "3",
               key="central"),
    ]  # fmt: skip
    if new:
        columns.append(Column((launch, "Cơ quan, tổ chức, đơn vị"), "4", key="unit"))
    sheet = Sheet(
        number=form_number("0601", year), circular=circular_for(year), title="SỐ PHONG TRÀO THI ĐUA", year=year,
        unit=unit, has_unit_column=False, total_header="Tổng số", total_number="1=(2+3+4)" if new else "1=(2+3)",
        columns=columns, rows=_movement_rows(new),
    )  # fmt: skip
    plans = (
        Movement.objects.filter(
            plan__issuer__path__subtree=unit.path,
            plan__year=year,
            plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
            plan__archived_at__isnull=True,
        )
        .values("plan_id", "plan__issuer__level")
        .annotate(
            movements=Count("id", distinct=True),
            start=Min("plan__phases__start"),
            end=Max("plan__phases__end"),
        )
    )
    counts: Counter[tuple[str, str]] = Counter()  # (row key, column key)
    undated = 0
    for plan in plans:
        column = (
            "central" if plan["plan__issuer__level"] in CENTRAL_LEVELS else ("unit" if new else "central")
        )
        n = plan["movements"]
        keys = ["total", "scope-central" if column == "central" or not new else "scope-unit"]
        duration = _duration_key(plan["start"], plan["end"], new)
        if duration is None:
            undated += n
        else:
            keys.append(duration)
        for key in keys:
            counts[(key, column)] += n
    if not new:
        # Before 2023 the form had no column for a unit's own movements: a federation's are counted in the column
        # of the level it belongs to (a đoàn thể trung ương's system), said below the table.
        sheet.notes.append("Biểu 0701.N không có cột “cơ quan, tổ chức, đơn vị”: phong trào do các cấp công đoàn "
                             "phát động được tính vào cột 3 (hệ thống đoàn thể trung ương).")  # fmt: skip
    _fill(sheet, counts)
    sheet.notes += [
        (f"“{NOT_TRACKED}”: hệ thống không lưu phong trào do Hội đồng Thi đua - Khen thưởng Trung ương, cụm, khối thi đua "
          "phát động, cũng không phân loại phong trào theo phạm vi toàn quốc hay theo chuyên đề / thường xuyên."),
        ("Thời hạn của một phong trào là khoảng thời gian các đợt của kế hoạch phát động nó."),
    ]  # fmt: skip
    if undated:
        sheet.notes.append(
            f"{undated} phong trào thuộc kế hoạch chưa có đợt nào nên không xếp được theo thời hạn."
        )
    return sheet


# --- 0602.N / 0702.N and 0603.N / 0703.N: awards ---------------------------------------------------------------

TT, CN = "Tập thể", "Cá nhân"


def _award_rows(state: bool, new: bool) -> list[Row]:
    rows = [Row("01" if not (state and new) else "1", "Tổng số", key="total", bold=True)]
    code = (lambda n: str(n)) if (state and new) else (lambda n: f"{n:02d}")
    if state:
        rows += [
            Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", bold=True),
            Row(code(2), "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", key="by-ministry", missing="no-submitter"),
            Row(code(3), "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", key="by-province",
                missing="no-submitter"),
        ]  # fmt: skip
        n = 6
        rows.append(Row("", "2. Chia theo đối tượng khen thưởng", bold=True))
    else:
        n = 2
        rows.append(Row("", "1. Chia theo đối tượng khen thưởng", bold=True))
    who = [
        ("- Tập thể", "Tập thể", "collective", ""),
        ("Trong đó: Doanh nghiệp", "Doanh nghiệp", "enterprise", "no-enterprise"),
        ("- Hộ gia đình", "Hộ", "household", "no-household"),
        ("- Cá nhân", "Người", "individual", ""),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", "p-minister", "no-position"),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", "p-department", "no-position"),
        ("+ Doanh nhân", "Người", "p-business", "no-position"),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", "p-other-leader", "no-position"),
        ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
         "Người", "p-worker", "no-position"),
    ]  # fmt: skip
    for label, unit_label, key, missing in who:
        rows.append(Row(code(n), label, unit_label, key=key, missing=missing))
        n += 1
    rows.append(Row("", ("3" if state else "2") + ". Chia theo phương thức khen thưởng", bold=True))
    methods = [
        ("- Thường xuyên", "m-regular", ""),
        ("- Chuyên đề", "m-thematic", ""),
        ("- Đột xuất", "m-sudden", ""),
        ("- Đối ngoại", "m-foreign", "no-method"),
        ("- Cống hiến.", "m-service", ""),
        ("- Niên hạn", "m-seniority", "no-method"),
        ("- Kháng chiến", "m-resistance", "no-method"),
    ]
    for label, key, missing in methods:
        rows.append(Row(code(n), label, key=key, missing=missing))
        n += 1
    return rows


METHOD_OF_KIND = {
    DecisionKind.ACHIEVEMENT: "m-regular",
    DecisionKind.THEMATIC: "m-thematic",
    DecisionKind.SUDDEN: "m-sudden",
    DecisionKind.SERVICE: "m-service",
}


def _catalog() -> dict[str, Award]:
    return {a.code: a for a in Award.objects.filter(federation__isnull=True, archived_at__isnull=True)}


def _state_columns(new: bool, catalog: dict[str, Award]) -> list[Column]:
    split = "Chia ra"
    orders = [a for a in catalog.values() if a.level == "state" and a.name.startswith("Huân chương")]
    honours = [a for a in catalog.values() if a.level == "state" and a.name.startswith("Danh hiệu vinh dự")]
    named = {"co-thi-dua-chinh-phu", "bang-khen-ttg", "cstd-toan-quoc"} | {a.code for a in orders + honours}
    others = tuple(
        a.code for a in catalog.values() if a.level in ("state", "government") and a.code not in named
    )
    if not new:
        return [
            Column((split, "Các loại huân chương, huy chương"), "2", codes=tuple(a.code for a in orders)),
            Column((split, "Giải thưởng Hồ Chí Minh"), "3", missing="catalog"),
            Column((split, "Giải thưởng Nhà nước"), "4", missing="catalog"),
            Column((split, "Danh hiệu vinh dự nhà nước"), "5", codes=tuple(a.code for a in honours)),
            Column((split, "Cờ thi đua của Chính phủ"), "6", codes=("co-thi-dua-chinh-phu",)),
            Column((split, "Bằng khen của Thủ tướng Chính phủ"), "7", codes=("bang-khen-ttg",)),
            Column((split, "Danh hiệu “Chiến sĩ thi đua toàn quốc”"), "8", codes=("cstd-toan-quoc",)),
            Column((split, "Các hình thức khen thưởng khác"), "9", codes=others),
        ]
    group = "Các loại huân chương, huy chương (mỗi hình thức khen thưởng ghi riêng một cột)"
    columns = []
    for award in orders:
        columns += [Column((split, group, award.name, side), "2", codes=(award.code,), collective=side == TT)
                    for side in (TT, CN)]  # fmt: skip
    columns += [Column((split, group, "Huy chương", side), "2", missing="catalog") for side in (TT, CN)]
    columns += [
        Column((split, "Giải thưởng Hồ Chí Minh", CN), "3", missing="catalog"),
        Column((split, "Giải thưởng Nhà nước", CN), "4", missing="catalog"),
    ]
    group = "Danh hiệu vinh dự nhà nước (mỗi hình thức khen thưởng ghi riêng một cột)"
    for award in honours:
        columns += [Column((split, group, award.name, side), "5", codes=(award.code,), collective=side == TT)
                    for side in (TT, CN)]  # fmt: skip
    columns += [
        Column((split, group, "Bà mẹ Việt Nam anh hùng", CN), "5", missing="catalog"),
        Column((split, group, "Nhà giáo ưu tú", CN), "5", missing="catalog"),
        Column((split, "Cờ thi đua của Chính phủ", TT), "6", codes=("co-thi-dua-chinh-phu",), collective=True),
        Column((split, "Bằng khen của Thủ tướng Chính phủ", TT), "7", codes=("bang-khen-ttg",), collective=True),
        Column((split, "Bằng khen của Thủ tướng Chính phủ", CN), "7", codes=("bang-khen-ttg",), collective=False),
        Column((split, "Danh hiệu “Chiến sĩ thi đua toàn quốc”", CN), "8", codes=("cstd-toan-quoc",),
               collective=False),
        Column((split, "Các hình thức khen thưởng khác", TT), "9", codes=others, collective=True),
        Column((split, "Các hình thức khen thưởng khác", CN), "9", codes=others, collective=False),
    ]  # fmt: skip
    return columns


# 0603.N: the Confederation (Tổng Liên đoàn) is a central mass organisation (đoàn thể trung ương): its Bằng khen,
# Cờ thi đua and Kỷ niệm chương are this level's, beside those of ministries and provinces.
MINISTRY_COLUMNS = (
    ("Bằng khen", ("bang-khen-bo-tinh", "bang-khen-tld", "bang-khen-tld-chuyen-de")),
    ("Chiến sĩ thi đua cấp bộ, cấp tỉnh", ("cstd-bo-tinh",)),
    ("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
     ("co-thi-dua-bo-tinh", "co-thi-dua-tld")),
    ("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
     ("knc-vi-su-nghiep-cong-doan",)),
)  # fmt: skip


def _ministry_columns(catalog: dict[str, Award]) -> list[Column]:
    return [
        Column(("Chia ra", label), str(n), codes=tuple(c for c in codes if c in catalog))
        for n, (label, codes) in enumerate(MINISTRY_COLUMNS, start=2)
    ]


def _records(unit: Unit, year: int, codes: set[str]):
    """The standing records of the subtree's people and units for the year, counted by award, awardee kind and
    the decision's kind: one grouped query."""
    in_subtree = (
        Q(unit__path__subtree=unit.path)
        | Q(unit_at_time__path__subtree=unit.path)
        | Q(unit_at_time__isnull=True, person__unit__path__subtree=unit.path)
    )
    in_year = Q(decided_on__year=year) | Q(decided_on__isnull=True, year=year)
    return (
        AwardRecord.objects.standing()
        .filter(in_subtree, in_year, award__code__in=codes)
        .values("award__code", "decision_line__decision__kind")
        .annotate(
            collectives=Count("id", filter=Q(unit__isnull=False)),
            people=Count("id", filter=Q(unit__isnull=True)),
        )
    )


def awards_sheet(form: str, unit: Unit, year: int) -> Sheet:
    new = year >= TT02_FROM_YEAR
    state = form == "0602"
    catalog = _catalog()
    columns = _state_columns(new, catalog) if state else _ministry_columns(catalog)
    title = (
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
        if state
        else "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    )
    sheet = Sheet(
        number=form_number(form, year), circular=circular_for(year), title=title, year=year, unit=unit,
        has_unit_column=True, total_header="Tổng số", total_number="1", columns=columns, rows=_award_rows(state, new),
    )  # fmt: skip
    counted = {code for column in columns for code in column.codes}
    leftover_levels = ("state", "government") if state else ("ministry_province", "confederation")
    leftover = {c for c, a in catalog.items() if a.level in leftover_levels} - counted
    counts: Counter[tuple[str, str, bool]] = Counter()  # (row key, award code, collective)
    unclassified = 0
    outside: Counter[str] = Counter()
    for group in _records(unit, year, counted | leftover):
        code = group["award__code"]
        if code in leftover:
            outside[code] += group["collectives"] + group["people"]
            continue
        method = METHOD_OF_KIND.get(group["decision_line__decision__kind"])
        for collective, n in ((True, group["collectives"]), (False, group["people"])):
            if not n:
                continue
            counts[("total", code, collective)] += n
            counts[("collective" if collective else "individual", code, collective)] += n
            if method:
                counts[(method, code, collective)] += n
            else:
                unclassified += n
    by_column: Counter[tuple[str, str]] = Counter()
    for index, column in enumerate(columns):
        for (row, code, collective), n in counts.items():
            if code in column.codes and column.collective in (None, collective):
                by_column[(row, str(index))] += n
    _fill(sheet, by_column, by_index=True)
    sheet.notes += [
        (f"“{NOT_IN_CATALOG}”: hình thức không có trong danh mục danh hiệu, hình thức khen thưởng của hệ thống, nên hệ thống "
          "không thể có số liệu."),
        (f"“{NOT_TRACKED}”: hệ thống không lưu đơn vị trình Thủ tướng Chính phủ, chức vụ được xếp loại theo biểu của cá "
          "nhân được khen, khen thưởng hộ gia đình hay doanh nghiệp (tập thể được khen là tổ chức công đoàn), "
          "khen thưởng đối ngoại, niên hạn, kháng chiến."),
    ]  # fmt: skip
    if unclassified:
        sheet.notes.append(
            f"{unclassified} khen thưởng nhập từ hồ sơ cũ hoặc theo quyết định loại “khác” không xếp được theo phương thức "
            "khen thưởng."
            # fmt: skip
        )
    for code, n in sorted(outside.items()):
        sheet.notes.append(f"{catalog[code].name}: {n} (biểu không có cột cho hình thức này).")
    return sheet


def _fill(sheet: Sheet, counts: Counter, by_index: bool = False) -> None:
    """Cells and totals from counts by (row key, column key or index): a count where the row and the column can
    be counted, the reason otherwise; the total column adds the countable columns."""
    for row in sheet.rows:
        if not row.key:
            continue
        if row.missing:
            sheet.totals[row.key] = NOT_TRACKED
            for index in range(len(sheet.columns)):
                sheet.cells[(row.key, index)] = NOT_TRACKED
            continue
        total = 0
        for index, column in enumerate(sheet.columns):
            if column.missing:
                sheet.cells[(row.key, index)] = NOT_IN_CATALOG if column.missing == "catalog" else NOT_TRACKED
                continue
            n = counts[(row.key, str(index) if by_index else column.key)]
            sheet.cells[(row.key, index)] = n
            total += n
        sheet.totals[row.key] = total


def build_sheet(form: str, unit: Unit, year: int) -> Sheet:
    if form == "0601":
        return movements_sheet(unit, year)
    if form in ("0602", "0603"):
        return awards_sheet(form, unit, year)
    raise ValueError(form)
