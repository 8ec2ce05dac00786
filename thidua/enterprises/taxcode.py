"""The Vietnamese tax code (mã số thuế) of an enterprise: 10 digits, or 10 digits, a hyphen and 3 digits for a
branch (chi nhánh, đơn vị phụ thuộc). The first two digits are the province where it was registered, the next seven
a sequence (never all zeros), the tenth a check digit over the first nine, the branch's three digits never "000".

The check digit: the first nine digits weighted 31, 29, 23, 19, 17, 13, 7, 5, 3 and summed; the tenth digit is
10 minus the sum modulo 11 (a remainder of 0 leaves no valid digit). Algorithm as documented by python-stdnum's
``stdnum/vn/mst.py`` (github.com/arthurdejong/python-stdnum, LGPL; read, not copied), e.g. 0100233488 is valid.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.]")


def check_digit(first_nine: str) -> int | None:
    """The tenth digit of a code starting with these nine digits; None when no digit fits (those codes are never
    issued)."""
    total = sum(weight * int(digit) for weight, digit in zip(WEIGHTS, first_nine, strict=True))
    digit = 10 - total % 11
    return digit if digit < 10 else None


def normalize(value: str) -> str:
    """The code as written on documents: spaces and dots removed; "0312687878 - 001" → "0312687878-001";
    a 13-digit run without its hyphen gets it."""
    text = _SEPARATORS.sub("", value or "")
    if re.fullmatch(r"\d{13}", text):
        text = f"{text[:10]}-{text[10:]}"
    return text


def validate(value: str) -> str:
    """The normalized code, or a ValidationError in Vietnamese saying what is wrong."""
    code = normalize(value)
    if not re.fullmatch(r"\d{10}(-\d{3})?", code):
        raise ValidationError(
            _("Mã số thuế “%(code)s” không đúng dạng: cần 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số với chi "
              "nhánh.") % {"code": value}
        )  # fmt: skip
    if code[2:9] == "0000000":
        raise ValidationError(
            _("Mã số thuế “%(code)s” không hợp lệ (số thứ tự toàn số 0).") % {"code": value}
        )
    if len(code) == 14 and code[11:] == "000":
        raise ValidationError(
            _("Mã số thuế chi nhánh “%(code)s” không hợp lệ (ba số cuối là 000).") % {"code": value}
        )
    if check_digit(code[:9]) != int(code[9]):
        raise ValidationError(
            _("Mã số thuế “%(code)s” sai chữ số kiểm tra: hãy soát lại từng chữ số.") % {"code": value}
        )
    return code


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except ValidationError:
        return False
    return True


def make(prefix: str, sequence: int) -> str | None:
    """A valid 10-digit code from a 2-digit province prefix and a sequence (the demo's fictional enterprises);
    None when that sequence has no valid check digit."""
    first_nine = f"{prefix}{sequence:07d}"
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"
