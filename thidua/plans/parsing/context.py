"""State shared by the parsing steps of one document: the year it speaks of, its date, and the warnings found."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from thidua.core.dates import format_date


@dataclass
class ParseContext:
    year: int | None = None  # the plan's year: dates written without a year belong to it
    plan_date: datetime.date | None = None  # "từ nay" (from now) means from this date
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def vn_date(value: datetime.date | None) -> str:
    """dd/mm/yyyy, the way dates are shown to users."""
    return format_date(value, "?")
