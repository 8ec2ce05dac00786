"""State shared by the parsing steps of one document: the year it speaks of, its date, the part being read and the
warnings found (each with the part of the document, and the phase, it concerns)."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from thidua.core.dates import format_date

from .result import ParseWarning


@dataclass
class ParseContext:
    year: int | None = None  # the plan's year: dates written without a year belong to it
    plan_date: datetime.date | None = None  # "từ nay" (from now) means from this date
    warnings: list[ParseWarning] = field(default_factory=list)
    part: str = "file"  # the part of the document being read
    phase: int | None = None  # the phase being read, from 1

    def warn(
        self,
        message: str,
        *,
        part: str | None = None,
        phase: int | None = None,
        code: str = "",
        field: str = "",
    ) -> None:
        """Note something odd (a Vietnamese message, through gettext), about the part being read unless told; ``code``
        names the kind of thing ("inferred_year"), ``field`` the field of the structure it concerns."""
        warning = ParseWarning(
            str(message),
            part or self.part,
            phase if part else (phase or self.phase),
            code=code or _code(message),
            field=field,
        )
        if all(w.message != warning.message for w in self.warnings):
            self.warnings.append(warning)

    @contextlib.contextmanager
    def reading(self, part: str, phase: int | None = None) -> Iterator[None]:
        """Warnings raised inside concern ``part`` (and ``phase``)."""
        before = (self.part, self.phase)
        self.part, self.phase = part, phase
        try:
            yield
        finally:
            self.part, self.phase = before


def vn_date(value: datetime.date | None) -> str:
    """dd/mm/yyyy, the way dates are shown to users."""
    return format_date(value, "?")


def _code(message: str) -> str:
    """A code for a warning raised without one: "other" (every warning the parser raises on purpose names its own)."""
    return "other"
