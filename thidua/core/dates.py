"""Dates as the federation writes them, in one place: dd/mm/yyyy on screen, in messages and in spreadsheets, and the
long form of official documents, "ngày 05 tháng 3 năm 2017" (Decree 30/2020: a leading zero on days below 10 and on
the months 1 and 2 — docs/decisions/0002).

Django's own display formats (``{{ day|date }}``, form widgets) live in ``thidua/formats/``; everything written by
Python goes through the functions here::

    format_date(day)            # "05/03/2017" ("" for None)
    parse_date("5/3/2017")      # date(2017, 3, 5); ValueError with a Vietnamese message otherwise
    format_long_date(day)       # "ngày 05 tháng 3 năm 2017"
    parse_long_date(text)       # the reverse
    from_iso("2017-03-05")      # date(2017, 3, 5): the dates stored as ISO text in JSON (parser output, audit)
    to_json(value)              # a date as ISO text, anything else unchanged
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# What a user may type: 05/03/2017, 5/3/2017, 05-03-2017, 05.03.2017 (always day first, a four-digit year).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
PLACEHOLDER = "dd/mm/yyyy"

_LONG = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def format_date(value: datetime.date | None, empty: str = "") -> str:
    """dd/mm/yyyy ("05/03/2017"); ``empty`` for None. A datetime shows its local day."""
    if value is None:
        return empty
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return value.strftime(DATE_FORMAT)


def format_datetime(value: datetime.datetime | None, empty: str = "") -> str:
    """dd/mm/yyyy HH:MM in local time ("05/03/2017 14:30"); ``empty`` for None."""
    if value is None:
        return empty
    return _local(value).strftime(DATETIME_FORMAT)


def parse_date(text: str) -> datetime.date:
    """A date typed day first: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy or dd.mm.yyyy, surrounding spaces ignored.

    Raises ``ValueError`` with a Vietnamese message for anything else (empty text, a two-digit year, 31/02/2017)."""
    raw = (text or "").strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("Ngày “%(value)s” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017.") % {"value": raw}
    )


def format_long_date(value: datetime.date) -> str:
    """The date in words, "ngày 05 tháng 3 năm 2017": days below 10 and the months 1 and 2 take a leading zero
    (Decree 30/2020)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def parse_long_date(text: str) -> datetime.date:
    """ "ngày 05 tháng 3 năm 2017" (with or without leading zeros, any case, surrounding spaces ignored) → date.

    Raises ``ValueError`` with a Vietnamese message for anything else."""
    raw = unicodedata.normalize("NFC", (text or "").strip())
    match = _LONG.fullmatch(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise ValueError(
        _("Ngày “%(value)s” không hợp lệ: viết theo dạng “ngày 05 tháng 3 năm 2017”.") % {"value": raw}
    )


def from_iso(value: Any) -> datetime.date | None:
    """A date from what JSON stores (ISO text "2017-03-05"), a date or a datetime; None for empty or invalid."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def to_json(value: Any) -> Any:
    """A date or datetime as ISO text (the way JSON fields store it); anything else unchanged."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value
