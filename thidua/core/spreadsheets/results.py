"""What every import shares: the columns of a layout, the error a cell raises, and the result.

Reading a workbook (bounded) is ``workbook.py``; finding the header row and reading a row's cells (legacy
encodings) is ``layout.py``; what a cell must hold (dates, ticks, numbers, choices) is ``cells.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.core.vnencoding import ENCODING_LABELS

PREVIEW_ROWS = 20
Progress = Callable[..., None]


class CellError(Exception):
    """A cell that cannot be read; the message is in Vietnamese and goes to the user as is."""


def key_of(text: Any) -> str:
    """A header or choice as a bare key: no case, diacritics, spaces or punctuation ('Mã đơn vị' -> 'madonvi')."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text)))


@dataclass(frozen=True)
class Column:
    """One column of an import layout: the header to write, what else it may be called, how to fill it in.

    ``choices``: the values offered in the downloadable template's drop-down list (data validation) for a coded
    column; ``text``: the template stores the column as text (codes and numbers keep their leading zeros)."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    allowed: str = ""
    example: Any = ""
    width: int = 18
    choices: tuple[str, ...] = ()
    text: bool = False


@dataclass
class ImportResult:
    """What an import found and did. ``errors`` are {row, column, message}; nothing is written when there are any."""

    kind: str
    dry_run: bool = False
    noun: str = ""  # what a row makes, for the summary ("đơn vị", "người"); "dòng" when empty
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
            "noun": self.noun or _("dòng"),
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
