"""What the unit and people imports share: reading a sheet, finding its header row, reading cells, the result.

A file is read whole (python-calamine, openpyxl as a fallback), the header row is found among the first rows
(title blocks above it are common), then each row is read column by column. A cell that cannot be read becomes an
error naming the row as Excel numbers it and the column by the header the user wrote.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.core.text import fold, nfc
from thidua.core.vnencoding import ENCODING_LABELS, detect_and_convert, guess_encoding

HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 20
Progress = Callable[..., None]


class CellError(Exception):
    """A cell that cannot be read; the message is in Vietnamese and goes to the user as is."""


def key_of(text: Any) -> str:
    """A header or choice as a bare key: no case, diacritics, spaces or punctuation ('Mã đơn vị' -> 'madonvi')."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text)))


@dataclass(frozen=True)
class Column:
    """One column of an import layout: the header to write, what else it may be called, how to fill it in."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    allowed: str = ""
    example: Any = ""
    width: int = 18


@dataclass
class ImportResult:
    """What an import found and did. ``errors`` are {row, column, message}; nothing is written when there are any."""

    kind: str
    dry_run: bool = False
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preview_columns: list[str] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    conversions: Counter = field(default_factory=Counter)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int | None, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})

    def error_lines(self) -> list[str]:
        return [format_error(e) for e in self.errors]

    @property
    def noun(self) -> str:
        return _("đơn vị") if self.kind == "units" else _("người")

    def summary(self) -> list[str]:
        lines: list[str] = []
        if self.errors:
            lines.append(
                _("Tệp có %(n)s lỗi: chưa nhập gì. Hãy sửa các dòng được nêu rồi nhập lại.")
                % {"n": number_format(len(self.errors))}
            )
        elif self.written:
            lines.append(
                _(
                    "Đã nhập %(rows)s dòng: %(created)s %(noun)s mới, %(updated)s %(noun)s được cập nhật, %(same)s không đổi."
                )
                % self._counts()
            )
        else:
            lines.append(
                _(
                    "Tệp hợp lệ, %(rows)s dòng: sẽ tạo %(created)s %(noun)s mới, cập nhật %(updated)s, %(same)s không đổi."
                )
                % self._counts()
            )
        return lines + self.notes

    def _counts(self) -> dict[str, str]:
        return {
            "rows": number_format(self.total_rows),
            "created": number_format(self.created),
            "updated": number_format(self.updated),
            "same": number_format(self.unchanged),
            "noun": self.noun,
        }

    def add_conversion_notes(self) -> None:
        for encoding, count in sorted(self.conversions.items()):
            self.notes.append(
                _("Đã chuyển mã %(encoding)s sang Unicode ở %(n)s ô.")
                % {"encoding": ENCODING_LABELS[encoding], "n": number_format(count)}
            )

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly, for a task's result."""
        return {
            "kind": self.kind,
            "summary": self.summary(),
            "total_rows": self.total_rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "notes": self.notes,
            "conversions": dict(self.conversions),
            "written": self.written,
        }


def format_error(error: dict[str, Any]) -> str:
    if error.get("row") and error.get("column"):
        return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % error
    if error.get("row"):
        return _("Dòng %(row)s: %(message)s") % error
    return str(error["message"])


# --- reading the file --------------------------------------------------------------------------------------------


def read_sheets(file) -> list[list[list[Any]]]:
    """Every sheet of the workbook as rows of cell values (row i of the list is Excel row i + 1)."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_object(file)
        sheets = []
        for meta in workbook.sheets_metadata:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append(rows)
        return sheets
    except Exception:  # noqa: BLE001 - any file calamine cannot read gets a second chance with openpyxl
        if hasattr(file, "seek"):
            file.seek(0)
        return _read_with_openpyxl(file)


def _read_with_openpyxl(file) -> list[list[list[Any]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise CellError(_("Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ.")) from exc
    sheets = []
    for ws in workbook.worksheets:
        sheets.append([["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)])
    workbook.close()
    return sheets


@dataclass
class Layout:
    """Where the columns of a layout are in one sheet."""

    header_row: int  # 0-based index into the sheet's rows
    positions: dict[str, int]  # column key -> 0-based column index
    headers: dict[str, str]  # column key -> header as written in the file


def find_layout(
    sheets: list[list[list[Any]]], columns: list[Column], result: ImportResult
) -> tuple[list[list[Any]], Layout] | None:
    """The first sheet with a header row for these columns; errors for missing or doubled columns."""
    by_key: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            by_key[key_of(name)] = column
    required = [c for c in columns if c.required]
    best: tuple[int, list[list[Any]], int, dict[str, list[tuple[int, str]]]] | None = None
    for rows in sheets:
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            found: dict[str, list[tuple[int, str]]] = {}
            for col_index, value in enumerate(row):
                if isinstance(value, str) and value.strip():
                    text, _encoding = detect_and_convert(value)
                    column = by_key.get(key_of(text))
                    if column:
                        found.setdefault(column.key, []).append((col_index, nfc(text)))
            hits = sum(1 for c in required if c.key in found)
            if hits and len(found) >= 2 and (best is None or (hits, len(found)) > (best[0], len(best[3]))):
                best = (hits, rows, index, found)
        if best and best[0] == len(required):
            break
    if best is None:
        result.error(
            None,
            "",
            _("Không tìm thấy dòng tiêu đề. Tệp cần có các cột %(columns)s (xem tệp mẫu).")
            % {"columns": ", ".join(f"“{c.header}”" for c in required)},
        )
        return None
    _hits, rows, index, found = best
    excel_row = index + 1
    for column in required:
        if column.key not in found:
            result.error(
                excel_row, column.header, _("Thiếu cột bắt buộc “%(column)s”.") % {"column": column.header}
            )
    for places in found.values():
        if len(places) > 1:
            letters = ", ".join(column_letter(i) for i, _h in places)
            result.error(
                excel_row,
                places[0][1],
                _("Cột này xuất hiện nhiều lần (các cột %(letters)s); chỉ được có một.")
                % {"letters": letters},
            )
    layout = Layout(
        header_row=index,
        positions={key: places[0][0] for key, places in found.items()},
        headers={key: places[0][1] for key, places in found.items()},
    )
    used = {places[0][0] for places in found.values()}
    ignored = [nfc(str(v)) for i, v in enumerate(rows[index]) if i not in used and str(v).strip()]
    if ignored:
        result.notes.append(
            _("Bỏ qua các cột không dùng: %(columns)s.") % {"columns": ", ".join(f"“{h}”" for h in ignored)}
        )
    return rows, layout


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def data_rows(rows: list[list[Any]], layout: Layout, name_key: str) -> Iterable[tuple[int, list[Any]]]:
    """(Excel row number, cells) of the rows under the header: blank rows, the "(1) (2) (3)" numbering row that
    official forms put under the header, and "Tổng cộng" lines are skipped."""
    name_at = layout.positions.get(name_key)
    for index in range(layout.header_row + 1, len(rows)):
        row = rows[index]
        if not any(v != "" and v is not None and not (isinstance(v, str) and not v.strip()) for v in row):
            continue
        if index == layout.header_row + 1 and name_at is not None and name_at < len(row):
            name = row[name_at]
            if isinstance(name, int | float) or (isinstance(name, str) and _NUMBERING.match(name.strip())):
                continue
        first_texts = [key_of(v) for v in row[:4] if isinstance(v, str) and v.strip()]
        if first_texts and first_texts[0].startswith(("tongcong", "tongso")):
            continue
        yield index + 1, row


class RowReader:
    """Reads the cells of one row; each ``get_*`` returns the value or records an error and returns None."""

    def __init__(self, result: ImportResult, layout: Layout, rows: list[list[Any]] | None = None):
        self.result = result
        self.layout = layout
        # A file typed in one legacy encoding: cells that read well both ways are read in that encoding.
        columns = sorted(layout.positions.values())
        self.prefer = guess_encoding(
            row[i] for row in (rows or [])[layout.header_row + 1 :] for i in columns if i < len(row)
        )
        self.row: list[Any] = []
        self.number = 0
        self.failed = False
        self._converted: dict[str, tuple[str, str | None]] = {}

    def start(self, number: int, row: list[Any]) -> None:
        self.number, self.row, self.failed = number, row, False

    def has(self, key: str) -> bool:
        return key in self.layout.positions

    def raw(self, key: str) -> Any:
        at = self.layout.positions.get(key)
        if at is None or at >= len(self.row):
            return None
        value = self.row[at]
        if value == "" or value is None:
            return None
        return value

    def fail(self, key: str, message: str) -> None:
        self.failed = True
        self.result.error(self.number, self.layout.headers.get(key, key), message)

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.raw(key)
        text = self.as_text(value)
        if not text:
            if required:
                self.fail(key, _("Không được để trống."))
            return ""
        if max_length and len(text) > max_length:
            self.fail(key, _("Dài quá %(n)d ký tự.") % {"n": max_length})
            return ""
        return text

    def as_text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            if value.isascii():
                return nfc(value)
            return self._unicode(value)
        if isinstance(value, bool):
            return "x" if value else ""
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%d/%m/%Y")
        return nfc(str(value))

    def _unicode(self, value: str) -> str:
        """Legacy encodings converted (and counted), NFC; names and places repeat, so results are remembered."""
        cached = self._converted.get(value)
        if cached is None:
            text, encoding = detect_and_convert(value, self.prefer)
            cached = self._converted[value] = (nfc(text), encoding)
        if cached[1]:
            self.result.conversions[cached[1]] += 1
        return cached[0]

    def parse(self, key: str, parser: Callable[[Any], Any], *, required: bool = False) -> Any:
        value = self.raw(key)
        if isinstance(value, str):
            value = self.as_text(value) or None
        if value is None:
            if required:
                self.fail(key, _("Không được để trống."))
            return None
        try:
            return parser(value)
        except CellError as exc:
            self.fail(key, str(exc))
            return None


def checked_rows(
    sheets: list[list[list[Any]]],
    columns: list[Column],
    result: ImportResult,
    *,
    name_key: str,
    progress: Progress,
    every: int,
    report_total: bool = True,
) -> Iterator[RowReader]:
    """The data rows of the file, each as a ``RowReader`` started on it, for the caller to read and check.

    Finds the header (errors in ``result`` and no rows when it is missing), counts every row in
    ``result.total_rows`` and reports progress each ``every`` rows (with the number of rows under the header as the
    total when ``report_total``). After reading a row the caller keeps it unless ``reader.failed``.
    """
    found = find_layout(sheets, columns, result)
    if found is None or result.errors:
        return
    rows, layout = found
    reader = RowReader(result, layout, rows)
    total = max(len(rows) - layout.header_row - 1, 0) if report_total else None
    for number, cells in data_rows(rows, layout, name_key):
        reader.start(number, cells)
        yield reader
        result.total_rows += 1
        if result.total_rows % every == 0:
            progress(result.total_rows, total, _("Đang kiểm tra dữ liệu"))


# --- cell parsers ------------------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(value: Any) -> datetime.date:
    """An Excel date, or text dd/mm/yyyy (also with - or .), or yyyy-mm-dd."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1900 <= value <= 2100:
            raise CellError(
                _("Chỉ có năm “%(value)s”; cần ghi đủ ngày/tháng/năm (dd/mm/yyyy).") % {"value": int(value)}
            )
        if 2100 < value < 80000:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = str(value).strip()
    match = _DMY.match(text)
    parts = (int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None
    if parts is None and (match := _YMD.match(text)):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if parts is None:
        raise CellError(
            _("Không hiểu ngày “%(value)s”; ghi theo dạng dd/mm/yyyy, ví dụ 05/09/1985.") % {"value": text}
        )
    try:
        return datetime.date(*parts)
    except ValueError as exc:
        raise CellError(_("Ngày “%(value)s” không có thật.") % {"value": text}) from exc


def check_past_date(day: datetime.date, earliest_year: int = 1900) -> datetime.date:
    if day > timezone.localdate():
        raise CellError(_("Ngày %(day)s ở tương lai.") % {"day": day.strftime("%d/%m/%Y")})
    if day.year < earliest_year:
        raise CellError(_("Ngày %(day)s quá xa trong quá khứ.") % {"day": day.strftime("%d/%m/%Y")})
    return day


def parse_past_date(value: Any) -> datetime.date:
    return check_past_date(parse_date(value))


_YES = {"x", "co", "1", "yes", "true", "c", "v", "dung", "ok"}
_NO = {"", "khong", "0", "no", "false", "k"}


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("x", "X"):
        return True
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
    elif (key := key_of(value)) in _YES or value.strip() in ("✓", "✔", "☑"):
        return True
    elif key in _NO or value.strip() == "-":
        return False
    raise CellError(
        _("Chỉ ghi “x” (hoặc “có”) hoặc để trống; không hiểu “%(value)s”.") % {"value": shown(value)}
    )


def shown(value: Any) -> str:
    """A cell value as the user typed it (Excel keeps every number as a float)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_count(value: Any) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            return int(value)
    elif isinstance(value, str):
        digits = re.sub(r"[\s.,]", "", value)
        if digits.isdigit():
            return int(digits)
    raise CellError(_("Cần một số nguyên không âm; không hiểu “%(value)s”.") % {"value": shown(value)})


def _digits_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[\s.\-()]", "", str(value))


def parse_national_id(value: Any) -> str:
    """12 digits (CCCD) or 9 (old CMND). A number cell lost its leading zero: it is put back."""
    digits = _digits_of(value)
    if isinstance(value, int | float) and digits.isdigit() and len(digits) in (8, 11):
        digits = "0" + digits
    if not (digits.isdigit() and len(digits) in (9, 12)):
        raise CellError(
            _("Số CCCD “%(value)s” không hợp lệ: cần 12 chữ số (hoặc 9 chữ số của CMND cũ).")
            % {"value": shown(value)}
        )
    return digits


def parse_phone(value: Any) -> str:
    digits = _digits_of(value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if isinstance(value, int | float) and digits.isdigit() and len(digits) in (9, 10):
        digits = "0" + digits
    if not (digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11)):
        raise CellError(
            _("Số điện thoại “%(value)s” không hợp lệ (cần 10 hoặc 11 chữ số, bắt đầu bằng 0).")
            % {"value": shown(value)}
        )
    return digits


class Choices:
    """A choice field read by its Vietnamese label, its code, or a common abbreviation."""

    def __init__(self, choices, aliases: dict[str, Iterable[str]] | None = None):
        self.labels = {value: str(label) for value, label in choices.choices}
        self.keys: dict[str, str] = {}
        for value, label in choices.choices:
            for name in (value, label, *(aliases or {}).get(value, ())):
                key = key_of(name)
                if key in self.keys and self.keys[key] != value:
                    raise ValueError(f"ambiguous choice alias {name!r}")
                self.keys[key] = value

    def allowed(self) -> str:
        return "; ".join(self.labels.values())

    def __call__(self, value: Any) -> str:
        found = self.keys.get(value) if isinstance(value, str) else None
        if found is None:
            found = self.keys.get(key_of(value))
            if found is not None and isinstance(value, str):
                self.keys[value] = found  # the raw spelling too: files repeat the same few values
        if found is None:
            raise CellError(
                _("“%(value)s” không phải giá trị hợp lệ. Giá trị được chấp nhận: %(allowed)s.")
                % {"value": value, "allowed": self.allowed()}
            )
        return found


# --- localities --------------------------------------------------------------------------------------------------

_WARD_PREFIX = re.compile(r"^(phuong|xa|thi tran|dac khu|p\.|x\.|tt\.?)\s+")
_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s*")


def _bare(name: str, prefix: re.Pattern) -> str:
    return key_of(prefix.sub("", fold(name).strip()))


@lru_cache(maxsize=4096)
def resolve_province(province: str) -> str | None:
    """The code of the province (after the 2025 reform) named so, old names included ('Bến Tre' -> '86')."""
    from vietnamadminunits import parse_address

    try:
        unit = parse_address(province, level=1)
    except Exception:  # noqa: BLE001 - the package raises on text it cannot place
        return None
    return unit.province_code or None


@lru_cache(maxsize=16384)
def resolve_ward(province: str, ward: str, district: str = "") -> tuple[str, str, bool] | None:
    """(province code, ward code, converted from a pre-2025 address) for a ward named in a province, or None.

    The name is looked up among today's communes and wards first; failing that, as a pre-2025 ward of that
    district and province, converted to the ward it belongs to today."""
    from vietnamadminunits import convert_address, parse_address

    wanted = _bare(ward, _WARD_PREFIX)
    try:
        unit = parse_address(f"{ward}, {province}", level=2)
        if unit.ward_code and _bare(unit.short_ward or "", _WARD_PREFIX) == wanted:
            return unit.province_code, unit.ward_code, False
    except Exception:  # noqa: BLE001
        pass
    if not district:
        return None
    try:
        old = parse_address(f"{ward}, {district}, {province}", mode="LEGACY", level=3)
        if not (old.ward_code and _bare(old.short_ward or "", _WARD_PREFIX) == wanted):
            return None
        new = convert_address(f"{old.ward}, {old.district}, {old.province}")
    except Exception:  # noqa: BLE001
        return None
    if new.province_code and new.ward_code:
        return new.province_code, new.ward_code, True
    return None
