"""Reading the rows of a workbook: the header row found, the data rows read cell by cell.

The workbook is read by ``workbook.read_sheets`` (bounded), the header row is found among the first rows
(title blocks above it are common), then each row is read column by column. Text typed in a legacy Vietnamese
encoding (TCVN3, VNI...) is converted to Unicode. A cell that cannot be read becomes an error naming the row as Excel
numbers it and the column by the header the user wrote.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.core.vnencoding import detect_and_convert, guess_encoding

from .results import CellError, Column, ImportResult, Progress, key_of

HEADER_SCAN_ROWS = 30


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
                    named = by_key.get(key_of(text))
                    if named:
                        found.setdefault(named.key, []).append((col_index, nfc(text)))
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
    totals: dict[str, bool] = {}  # first text -> whether it starts a total line (names repeat)
    for index in range(layout.header_row + 1, len(rows)):
        row = rows[index]
        if not any(v != "" and v is not None and not (isinstance(v, str) and not v.strip()) for v in row):
            continue
        if index == layout.header_row + 1 and name_at is not None and name_at < len(row):
            name = row[name_at]
            if isinstance(name, int | float) or (isinstance(name, str) and _NUMBERING.match(name.strip())):
                continue
        first_text = next((v for v in row[:4] if isinstance(v, str) and v.strip()), None)
        if first_text is not None:
            total = totals.get(first_text)
            if total is None:
                total = key_of(first_text).startswith(("tongcong", "tongso"))
                if len(totals) < _REMEMBER:
                    totals[first_text] = total
            if total:
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
            return format_date(value)
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

    def column(
        self,
        key: str,
        parser: Callable[[Any], Any] | None = None,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> ColumnReader:
        """A reader of one column for every row, called without arguments on the current row: as ``text`` (no
        ``parser``) or ``parse`` would read it, each distinct cell value read once. ``parser`` must depend on the
        value only."""
        return ColumnReader(self, key, parser, required, max_length)

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


_REMEMBER = 20_000  # distinct values of a column remembered (dates, codes, names repeat; IDs do not)


class ColumnReader:
    """One column of the rows a ``RowReader`` walks, read as ``RowReader.text`` or ``RowReader.parse`` would
    (the same values, errors and legacy-encoding counts) with the work done once per distinct cell value: made once
    per import by ``RowReader.column``, called once per row."""

    __slots__ = ("reader", "key", "at", "parser", "required", "max_length", "seen")

    def __init__(self, reader: RowReader, key: str, parser: Callable[[Any], Any] | None, required: bool,
                 max_length: int | None):  # fmt: skip
        self.reader, self.key, self.parser = reader, key, parser
        self.at = reader.layout.positions.get(key)
        self.required, self.max_length = required, max_length
        # cell value -> (value, error message or None, legacy encoding converted from or None)
        self.seen: dict[tuple[type, Any], tuple[Any, str | None, str | None]] = {}

    def __call__(self) -> Any:
        reader = self.reader
        row = reader.row
        at = self.at
        value = row[at] if at is not None and at < len(row) else None
        if value == "" or value is None:
            if self.required:
                reader.fail(self.key, _("Không được để trống."))
            return "" if self.parser is None else None
        key = (type(value), value)
        found = self.seen.get(key)
        if found is None:
            found = self._read(value)
            if len(self.seen) < _REMEMBER:
                self.seen[key] = found
        result, message, encoding = found
        if encoding:
            reader.result.conversions[encoding] += 1
        if message is not None:
            reader.fail(self.key, message)
        return result

    def _read(self, value: Any) -> tuple[Any, str | None, str | None]:
        encoding = None
        if isinstance(value, str):
            if value.isascii():
                value = nfc(value)
            else:
                text, encoding = detect_and_convert(value, self.reader.prefer)
                value = nfc(text)
        if self.parser is None:  # text
            text = value if isinstance(value, str) else self.reader.as_text(value)
            if not text:
                return "", (_("Không được để trống.") if self.required else None), encoding
            if self.max_length and len(text) > self.max_length:
                return "", _("Dài quá %(n)d ký tự.") % {"n": self.max_length}, encoding
            return text, None, encoding
        if value == "":
            return None, (_("Không được để trống.") if self.required else None), encoding
        try:
            return self.parser(value), None, encoding
        except CellError as exc:
            return None, str(exc), encoding


class RowCapReached(Exception):
    """A file holds more data rows than its import takes (the error is already in the result)."""


def checked_rows(
    sheets: list[list[list[Any]]],
    columns: list[Column],
    result: ImportResult,
    *,
    name_key: str,
    progress: Progress,
    every: int,
    report_total: bool = True,
    max_rows: int | None = None,
) -> Iterator[RowReader]:
    """The data rows of the file, each as a ``RowReader`` started on it, for the caller to read and check.

    Finds the header (errors in ``result`` and no rows when it is missing), counts every row in
    ``result.total_rows`` and reports progress each ``every`` rows (with the number of rows under the header as the
    total when ``report_total``). After reading a row the caller keeps it unless ``reader.failed``. A file with more
    than ``max_rows`` data rows gets an error on the first row beyond them and the import stops (``RowCapReached``,
    which ``run_import`` takes as a rollback).
    """
    found = find_layout(sheets, columns, result)
    if found is None or result.errors:
        return
    rows, layout = found
    reader = RowReader(result, layout, rows)
    total = max(len(rows) - layout.header_row - 1, 0) if report_total else None
    for number, cells in data_rows(rows, layout, name_key):
        if max_rows is not None and result.total_rows >= max_rows:
            result.error(number, "", _("Tệp có quá %(n)s dòng: hãy chia thành nhiều tệp.") % {"n": max_rows})
            raise RowCapReached
        reader.start(number, cells)
        yield reader
        result.total_rows += 1
        if result.total_rows % every == 0:
            progress(result.total_rows, total, _("Đang kiểm tra dữ liệu"))
