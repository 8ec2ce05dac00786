"""Reading a workbook in a bounded way: every sheet as rows of cell values, or a Vietnamese refusal within seconds.

A spreadsheet is untrusted input. A 2 KB .xlsx may declare a grid of 1,048,576 × 16,384 cells, a 300 KB one may
unpack to a 300 MB cell; random bytes may be named .xlsx. So an .xlsx is never handed whole to a library:

1. the zip's directory is read first: every member's declared uncompressed size (``zipfile`` never inflates a member
   past what it declares) is checked against ``MAX_MEMBER_BYTES`` / ``MAX_SHARED_STRINGS_BYTES`` / ``MAX_TOTAL_BYTES``;
2. the XML parts are parsed as streams (lxml ``iterparse``, no entities, no network, no DTD, libxml2's own 10 MB cap
   per text node), a row at a time, each element cleared once read;
3. every cell's position is checked against ``MAX_ROWS`` / ``MAX_COLUMNS`` *before* anything is allocated for it (the
   declared ``<dimension>`` is ignored), the number of cells against ``MAX_CELLS``, every text against
   ``MAX_CELL_CHARS`` (Excel's own limit) and the whole file's text against ``MAX_TEXT_CHARS``.

Legacy .xls (and .ods) files are read by python-calamine in a child process with a memory limit and a timeout, so a
hostile one costs that process, never the web process.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import pickle
import posixpath
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import IO, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .results import CellError

log = logging.getLogger(__name__)

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000
MAX_CELL_CHARS = 32_767
MAX_TEXT_CHARS = 60_000_000
MAX_MEMBER_BYTES = 300 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_SMALL_PART_BYTES = 10 * 1024 * 1024  # workbook.xml, its relations, styles.xml
LEGACY_MEMORY_BYTES = 1536 * 1024 * 1024
LEGACY_SECONDS = 20

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SpreadsheetError(CellError):
    """A workbook that cannot be read (not a spreadsheet, corrupt, or beyond the limits); the message is for the user."""


def _not_a_workbook() -> SpreadsheetError:
    return SpreadsheetError(
        _("Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ hoặc tệp đã hỏng.")
    )


def _too_big(what: str) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "Tệp vượt giới hạn đọc được (%(what)s). Hãy chia thành nhiều tệp nhỏ hơn hoặc xoá phần thừa rồi nhập lại."
        )
        % {"what": what}
    )


def read_sheets(file: str | os.PathLike | IO[bytes]) -> list[list[list[Any]]]:
    """Every sheet of the workbook as rows of cell values (row i of the list is Excel row i + 1; empty cells "").

    ``file`` is a path or a binary file object. Raises ``SpreadsheetError`` (Vietnamese message) for a file that is
    not a spreadsheet, is corrupt, or passes a limit; nothing big is allocated before the limits are checked."""
    if hasattr(file, "seek"):
        file.seek(0)  # type: ignore[union-attr]
    head = _head(file)
    if head.startswith(_OLE_MAGIC):
        return _read_legacy(file)
    if not head.startswith(b"PK"):
        raise _not_a_workbook()
    try:
        archive = zipfile.ZipFile(file)  # type: ignore[arg-type]
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:  # NotImplementedError: a corrupt
        # directory declaring a zip version or method Python cannot read
        raise _not_a_workbook() from exc
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            if "content.xml" in names and "mimetype" in names:
                _check_sizes(archive, sheet_parts={"content.xml"})
                return _read_legacy(file)
            raise _not_a_workbook()
        try:
            reader = _XlsxReader(archive)
            if reader.plain():
                try:
                    return _read_with_calamine(file)
                except (KeyboardInterrupt, SystemExit):
                    raise
                except BaseException:  # noqa: BLE001 - calamine's refusal (a Rust panic is a BaseException):
                    pass  # the streaming reader says what is wrong
            return reader.sheets()
        except SpreadsheetError:
            raise
        except Exception as exc:  # noqa: BLE001 - zlib, zip, XML or format errors all mean a corrupt file
            log.info("unreadable workbook: %r", exc)
            raise _not_a_workbook() from exc


def _head(file) -> bytes:
    if hasattr(file, "read"):
        head = file.read(8)
        file.seek(0)
        return head
    with open(file, "rb") as handle:
        return handle.read(8)


def _check_sizes(
    archive: zipfile.ZipFile,
    *,
    sheet_parts: set[str],
    shared: str = "",
    small: AbstractSet[str] = frozenset(),
):
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.filename in sheet_parts and info.file_size > MAX_MEMBER_BYTES:
            raise _too_big(_("một trang tính quá lớn"))
        if shared and info.filename == shared and info.file_size > MAX_SHARED_STRINGS_BYTES:
            raise _too_big(_("quá nhiều chữ trong tệp"))
        if info.filename in small and info.file_size > MAX_SMALL_PART_BYTES:
            raise _not_a_workbook()
    if total > MAX_TOTAL_BYTES:
        raise _too_big(_("tệp giải nén quá lớn"))


# --- .xlsx ----------------------------------------------------------------------------------------------------------

try:  # lxml parses in C and streams; it is a dependency of python-docx, installed everywhere Thidua runs.
    from lxml import etree as _etree

    _XMLError: type[Exception] = _etree.XMLSyntaxError
except ImportError:  # pragma: no cover
    raise


def _iterparse(stream, tag: str):
    return _etree.iterparse(
        stream,
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _small_xml(archive: zipfile.ZipFile, name: str):
    data = archive.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _not_a_workbook()
    parser = _etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return _etree.fromstring(data, parser)


def _column_index(letters: str) -> int:
    """0-based column index of Excel letters ('A' -> 0, 'XFD' -> 16383)."""
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


# Both start with a literal, which the regex engine finds at C speed (a leading \b made it test every position:
# 2.4 s of the 20,000-row bench file's 14 MB sheet, 0.2 s now). Without \b they also match an attribute whose
# name ends in "r" ("xr=..."): more numbers, a stricter check, never a looser one.
_ROW_NUMBER = re.compile(rb"r=\"(\d+)\"")  # a row's number (a cell's reference has letters)
_LONG_COLUMN = re.compile(rb"r=\"([A-Z]{2,3})\d")  # a cell's reference past column Z
_DIMENSION = re.compile(rb"<dimension\b[^>]*?\bref=\"[A-Z]{1,3}\d+(?::([A-Z]{1,3})(\d+))?\"")
_WINDOW = 16_384  # a text of 32,768 bytes or more fills at least one aligned window of this size
_STRING_COUNT = re.compile(rb"\b(?:count|uniqueCount)=\"(\d+)\"")
_CHUNK = 1 << 20
MAX_FAST_GRID = 6_000_000  # rows × columns python-calamine may allocate as one dense grid


class _XlsxReader:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.text_chars = 0
        self.cells = 0

    def plain(self) -> bool:
        """Whether the workbook is an ordinary one that python-calamine (fast, but it allocates the sheet's whole
        grid, sized by the declared dimension, and holds every text whole) may read: sizes within the limits, no
        DTD, no text longer than a cell may hold, and each sheet's grid (declared and actual) small enough. Scans
        the parts as streams with C-speed searches; anything unusual goes to the streaming reader instead."""
        self._parts()
        if self.shared_name in self.names and not self._scan(self.shared_name, sheet=False):
            return False
        return all(self._scan(path, sheet=True) for path in self.sheet_paths)

    def _scan(self, name: str, *, sheet: bool) -> bool:
        max_row, max_col, first = 0, 0, True
        tail = b""
        with self.archive.open(name) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                data = tail + chunk
                cut = data.rfind(b"<")
                data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                if len(tail) > MAX_CELL_CHARS * 4:
                    return False
                if first and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
                    return False
                if first and not sheet:  # calamine reserves room for the declared number of strings
                    for count in _STRING_COUNT.findall(data[:4096]):
                        if int(count) > MAX_CELLS:
                            return False
                if any(b"<" not in data[i : i + _WINDOW] for i in range(0, len(data) - _WINDOW + 1, _WINDOW)):
                    return False  # a long text somewhere: the streaming reader measures it exactly
                if sheet:
                    if first and (match := _DIMENSION.search(data)) and match.group(1):
                        declared = int(match.group(2)) * (_column_index(match.group(1).decode()) + 1)
                        if declared > MAX_FAST_GRID:
                            return False
                    rows = _ROW_NUMBER.findall(data)
                    if rows:
                        max_row = max(max_row, max(map(int, rows)))
                    letters = set(_LONG_COLUMN.findall(data))
                    if letters:
                        max_col = max(max_col, *(_column_index(x.decode()) + 1 for x in letters))
                first = False
        if tail and len(tail) > MAX_CELL_CHARS:
            return False
        return not sheet or (
            max_row <= MAX_ROWS and max_col <= MAX_COLUMNS and max_row * max(max_col, 26) <= MAX_FAST_GRID
        )

    def _parts(self) -> None:
        archive = self.archive
        workbook = _small_xml(archive, "xl/workbook.xml")
        rels_name = "xl/_rels/workbook.xml.rels"
        targets: dict[str, str] = {}
        shared_name = ""
        styles_name = ""
        if rels_name in archive.namelist():
            for rel in _small_xml(archive, rels_name).iter(f"{{{_PKG_REL}}}Relationship"):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                targets[rel.get("Id", "")] = path
                if kind == "sharedStrings":
                    shared_name = path
                elif kind == "styles":
                    styles_name = path
        names = set(archive.namelist())
        sheet_paths = []
        for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
            path = targets.get(sheet.get(f"{{{_REL}}}id", ""), "")
            if path in names:
                sheet_paths.append(path)
        if not sheet_paths:
            raise _not_a_workbook()
        _check_sizes(
            archive,
            sheet_parts=set(sheet_paths),
            shared=shared_name,
            small={"xl/workbook.xml", rels_name, styles_name},
        )
        self.workbook, self.names, self.sheet_paths = workbook, names, sheet_paths
        self.shared_name, self.styles_name = shared_name, styles_name

    def sheets(self) -> list[list[list[Any]]]:
        """Every sheet read as a stream, each cell checked before it is kept."""
        properties = self.workbook.find(f"{{{_MAIN}}}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
        names = self.names
        self.date_styles = self._date_styles(self.styles_name) if self.styles_name in names else set()
        self.shared = self._shared_strings(self.shared_name) if self.shared_name in names else []
        return [self._sheet(path) for path in self.sheet_paths]

    # Text everywhere goes through here: one cap per cell, one for the whole file.
    def _text(self, text: str) -> str:
        if len(text) > MAX_CELL_CHARS:
            raise _too_big(
                _("một ô có hơn %(n)s ký tự") % {"n": number_format(MAX_CELL_CHARS, force_grouping=True)}
            )
        self.text_chars += len(text)
        if self.text_chars > MAX_TEXT_CHARS:
            raise _too_big(_("quá nhiều chữ trong tệp"))
        return text

    def _shared_strings(self, name: str) -> list[str]:
        strings: list[str] = []
        t_tag, rph_tag = f"{{{_MAIN}}}t", f"{{{_MAIN}}}rPh"
        with self.archive.open(name) as stream:
            for _event, item in _iterparse(stream, f"{{{_MAIN}}}si"):
                parts = [t.text or "" for t in item.iter(t_tag) if t.getparent().tag != rph_tag]
                strings.append(self._text("".join(parts)))
                item.clear(keep_tail=False)
                if len(strings) > MAX_CELLS:
                    raise _too_big(_("quá nhiều ô"))
        return strings

    def _date_styles(self, name: str) -> set[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        styles = _small_xml(self.archive, name)
        custom = {
            int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
            for fmt in styles.iter(f"{{{_MAIN}}}numFmt")
        }
        dated: set[int] = set()
        xfs = styles.find(f"{{{_MAIN}}}cellXfs")
        if xfs is None:
            return dated
        for index, xf in enumerate(xfs.iter(f"{{{_MAIN}}}xf")):
            try:
                fmt_id = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "")
            if code and is_date_format(code):
                dated.add(index)
        return dated

    def _sheet(self, name: str) -> list[list[Any]]:
        rows: list[list[Any]] = []
        c_tag, v_tag, is_tag, t_tag = (f"{{{_MAIN}}}{t}" for t in ("c", "v", "is", "t"))
        last_row = 0
        with self.archive.open(name) as stream:
            for _event, row in _iterparse(stream, f"{{{_MAIN}}}row"):
                number = row.get("r")
                row_number = int(number) if number and number.isdigit() else last_row + 1
                last_row = row_number
                cells: dict[int, Any] = {}
                next_col = 0
                for cell in row.iter(c_tag):
                    ref = cell.get("r")
                    if ref:
                        match = _CELL_REF.match(ref)
                        if match is None:
                            raise _not_a_workbook()
                        col = _column_index(match.group(1))
                    else:
                        col = next_col
                    next_col = col + 1
                    value = self._value(cell, v_tag, is_tag, t_tag)
                    if value is None or value == "":
                        continue
                    # Positions are checked before anything is allocated for them.
                    if col >= MAX_COLUMNS:
                        raise _too_big(
                            _("có dữ liệu ở cột thứ %(col)s, quá %(max)s cột")
                            % {"col": number_format(col + 1, force_grouping=True), "max": MAX_COLUMNS}
                        )
                    if row_number > MAX_ROWS:
                        raise _too_big(
                            _("có dữ liệu ở dòng %(row)s, quá %(max)s dòng")
                            % {
                                "row": number_format(row_number, force_grouping=True),
                                "max": number_format(MAX_ROWS, force_grouping=True),
                            }
                        )
                    self.cells += 1
                    if self.cells > MAX_CELLS:
                        raise _too_big(_("quá nhiều ô"))
                    cells[col] = value
                row.clear(keep_tail=False)
                while row.getprevious() is not None:
                    del row.getparent()[0]
                if cells:
                    while len(rows) < row_number - 1:
                        rows.append([])
                    values = [""] * (max(cells) + 1)
                    for col, value in cells.items():
                        values[col] = value
                    if len(rows) == row_number - 1:
                        rows.append(values)
                    else:  # a row repeated in the file: its cells are merged in
                        existing = rows[row_number - 1]
                        existing.extend([""] * (len(values) - len(existing)))
                        for col, value in cells.items():
                            existing[col] = value
        return rows

    def _value(self, cell, v_tag: str, is_tag: str, t_tag: str) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(is_tag)
            if inline is None:
                return None
            return self._text("".join(t.text or "" for t in inline.iter(t_tag)))
        raw = cell.findtext(v_tag)
        if raw is None or raw == "":
            return None
        if kind == "s":
            try:
                return self.shared[int(raw)]
            except (ValueError, IndexError) as exc:
                raise _not_a_workbook() from exc
        if kind in ("str", "e"):
            return self._text(raw)
        if kind == "b":
            return raw in ("1", "true")
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(raw)
            except ValueError:
                return self._text(raw)
        try:
            number: int | float = int(raw) if raw.lstrip("-").isdigit() and len(raw) < 19 else float(raw)
        except ValueError as exc:
            raise _not_a_workbook() from exc
        style = cell.get("s")
        if style and style.isdigit() and int(style) in self.date_styles:
            return self._date(number)
        return number

    def _date(self, serial: float) -> Any:
        if not (-1 < serial < 2958466):  # 31/12/9999
            return serial
        if self.epoch.year == 1899 and serial < 60:
            serial += 1  # Excel's phantom 29/02/1900
        moment = self.epoch + datetime.timedelta(days=serial)
        if moment.time() == datetime.time(0):
            return moment.date()
        return moment.replace(microsecond=round(moment.microsecond, -3) % 1_000_000)


def _read_with_calamine(file) -> list[list[list[Any]]]:
    """An ordinary .xlsx (``_XlsxReader.plain``) read by python-calamine, which is fast."""
    from python_calamine import CalamineWorkbook

    if hasattr(file, "seek"):
        file.seek(0)
    workbook = (
        CalamineWorkbook.from_object(file) if hasattr(file, "read") else CalamineWorkbook.from_path(str(file))
    )
    return [
        workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        for meta in workbook.sheets_metadata
    ]


# --- .xls / .ods: calamine in a child process -------------------------------------------------------------------


def _read_legacy(file) -> list[list[list[Any]]]:
    """A legacy workbook read by python-calamine in a child process bounded in memory and time."""
    cleanup = None
    if isinstance(file, str | os.PathLike):
        path = str(file)
    else:
        file.seek(0)
        with tempfile.NamedTemporaryFile(prefix="thidua-", suffix=".legacy", delete=False) as handle:
            while chunk := file.read(1 << 20):
                handle.write(chunk)
        path = cleanup = handle.name
    try:
        done = subprocess.run(
            [sys.executable, "-m", "thidua.core.spreadsheets.workbook", path],
            capture_output=True,
            timeout=LEGACY_SECONDS,
            cwd=Path(__file__).resolve().parents[3],
            preexec_fn=_limit_child if os.name == "posix" else None,  # noqa: PLW1509 - nothing threaded is shared
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _too_big(_("đọc quá lâu")) from exc
    finally:
        if cleanup:
            Path(cleanup).unlink(missing_ok=True)
    if done.returncode != 0 or not done.stdout:
        raise _not_a_workbook()
    return pickle.loads(done.stdout)  # noqa: S301 - our own child process wrote it


def _limit_child() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LEGACY_MEMORY_BYTES, LEGACY_MEMORY_BYTES))


def _legacy_main(path: str) -> int:  # pragma: no cover - runs in the child process
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(path)
        sheets = []
        cells = 0
        for meta in workbook.sheets_metadata:
            sheet = workbook.get_sheet_by_name(meta.name)
            if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
                return 3
            cells += sheet.height * sheet.width
            if cells > MAX_CELLS * 4:
                return 3
            rows = sheet.to_python(skip_empty_area=False)
            for row in rows:
                for value in row:
                    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                        return 3
            sheets.append(rows)
    except Exception:  # noqa: BLE001 - any failure is "not a readable workbook" for the parent
        return 2
    out = io.BytesIO()
    pickle.dump(sheets, out)
    sys.stdout.buffer.write(out.getvalue())
    return 0


def iter_rows(rows: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """(Excel row number, cells) of a sheet's non-empty rows."""
    for index, row in enumerate(rows):
        if row:
            yield index + 1, row


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_legacy_main(sys.argv[1]))
