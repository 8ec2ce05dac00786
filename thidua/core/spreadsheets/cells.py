"""Checking what a cell holds: dates, ticks, counts, ID and phone numbers, choices by label or code. Each parser
returns the value or raises ``CellError`` with the message for the user.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.dates import format_date

from .results import CellError, key_of

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


def check_past_date(
    day: datetime.date, earliest_year: int = 1900, *, today: datetime.date | None = None
) -> datetime.date:
    if day > (today or timezone.localdate()):
        raise CellError(_("Ngày %(day)s ở tương lai.") % {"day": format_date(day)})
    if day.year < earliest_year:
        raise CellError(_("Ngày %(day)s quá xa trong quá khứ.") % {"day": format_date(day)})
    return day


def parse_past_date(value: Any) -> datetime.date:
    return check_past_date(parse_date(value))


def past_dates() -> Callable[[Any], datetime.date]:
    """``parse_past_date`` with today's date looked up once (the rows of one import share it)."""
    today = timezone.localdate()

    def parse(value: Any) -> datetime.date:
        return check_past_date(parse_date(value), today=today)

    return parse


def remembered(parser: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``parser`` with its answers (values and errors) remembered per distinct cell value: files repeat the same
    dates and codes, and a check such as "not in the future" costs more than a lookup. Make one per import."""
    seen: dict[tuple[type, Any], tuple[bool, Any]] = {}

    def parse(value: Any) -> Any:
        key = (type(value), value)
        try:
            found = seen.get(key)
        except TypeError:  # unhashable
            return parser(value)
        if found is None:
            try:
                found = seen[key] = (True, parser(value))
            except CellError as exc:
                found = seen[key] = (False, str(exc))
        if found[0]:
            return found[1]
        raise CellError(found[1])

    return parse


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
    elif not isinstance(value, str):
        pass  # a date or anything else typed where a tick belongs
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
    if isinstance(value, str) and value.isdigit():  # the usual cell: nothing to strip
        return value
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
