"""Checking the figures a unit enters for its report, wherever they come from (the grid, the .xlsx upload, the API).

``check_entries(form_rows, entries)`` takes the form's indicators and what was typed, by indicator code, and returns
the clean values and the errors, each naming its indicator (in Vietnamese). The server's check is the authority;
the grid's script repeats the simplest rules as the user types.

Rules: only the form's indicators; a ratio is recomputed, never typed; figures are whole numbers written with digits
(thousands may be grouped with dots: 1.530.000.000), never negative, within the indicator's bounds; money may be
marked approximate ("hơn, gần, khoảng") only where the indicator allows it; a target only for a percent-of-target
indicator; text only for a text indicator; a part never exceeds its whole in the same report (women members ≤
members — the catalog keeps a part in the same unit as its whole, so "lượt" and "người" are never compared or mixed);
the combined checks of the catalog (``Indicator.checks``: TD06 + TD07 ≤ TD05) hold in the same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.text import nfc

from .models import Aggregation, Indicator

_NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")
MAX_DIGITS = 18


@dataclass
class CleanValue:
    indicator: Indicator
    value: Decimal | None = None
    target: Decimal | None = None
    text: str = ""
    approximate: bool = False

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.target is None and not self.text


@dataclass
class Checked:
    values: dict[str, CleanValue] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)


def parse_number(raw: Any) -> Decimal | None:
    """A whole number as typed ("1.530.000", "44", 44) or None for empty; ``ValueError`` otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float | Decimal):
        number = Decimal(str(raw))
        if number != number.to_integral_value():
            raise ValueError(raw)
        return number.quantize(Decimal(1))
    text = "".join(str(raw).split())
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(raw)
    return Decimal(text.replace(".", ""))


def _label(indicator: Indicator) -> str:
    return f"{indicator.code} ({indicator.name})"


def _number(checked: Checked, indicator: Indicator, raw: Any, what: str) -> Decimal | None:
    try:
        number = parse_number(raw)
    except (ValueError, InvalidOperation):
        checked.add(indicator.code, _("%(what)s của chỉ tiêu %(indicator)s phải là số nguyên không âm, viết bằng chữ "
                                      "số (ví dụ 1.530.000), không phải “%(raw)s”.")
                    % {"what": what, "indicator": _label(indicator), "raw": raw})  # fmt: skip
        return None
    if number is not None and len(str(abs(number))) > MAX_DIGITS:
        checked.add(indicator.code, _("%(what)s của chỉ tiêu %(indicator)s quá lớn.")
                    % {"what": what, "indicator": _label(indicator)})  # fmt: skip
        return None
    return number


def check_entries(indicators: list[Indicator], entries: dict[str, dict[str, Any]]) -> Checked:
    """Check what was typed (``{code: {"value", "target", "text", "approximate"}}``) against the form's
    ``indicators``. Indicators not in ``entries`` are left as they are (the caller merges)."""
    checked = Checked()
    by_code = {i.code: i for i in indicators}
    for code, entry in entries.items():
        indicator = by_code.get(code)
        if indicator is None:
            checked.add(code, _("Chỉ tiêu “%(code)s” không có trong mẫu báo cáo.") % {"code": code})
            continue
        entry = entry or {}
        raw_value, raw_target = entry.get("value"), entry.get("target")
        text = nfc(str(entry.get("text") or "")).strip()
        approximate = bool(entry.get("approximate"))
        if indicator.aggregation == Aggregation.RATIO:
            if parse_or_raw(raw_value) is not None or parse_or_raw(raw_target) is not None:
                checked.add(code, _("Chỉ tiêu %(indicator)s là tỷ lệ, được tính lại từ tử số và mẫu số: không nhập.")
                            % {"indicator": _label(indicator)})  # fmt: skip
            continue
        clean = CleanValue(indicator=indicator, approximate=approximate)
        if indicator.is_text:
            if parse_or_raw(raw_value) is not None:
                checked.add(code, _("Chỉ tiêu %(indicator)s ghi bằng lời, không ghi số.")
                            % {"indicator": _label(indicator)})  # fmt: skip
            clean.text = text
        else:
            if text:
                checked.add(code, _("Chỉ tiêu %(indicator)s ghi bằng số, không ghi lời.")
                            % {"indicator": _label(indicator)})  # fmt: skip
            clean.value = _number(checked, indicator, raw_value, _("Số liệu"))
            if parse_or_raw(raw_target) is not None:
                if indicator.aggregation != Aggregation.PERCENT_OF_TARGET:
                    checked.add(code, _("Chỉ tiêu %(indicator)s không có chỉ tiêu giao.")
                                % {"indicator": _label(indicator)})  # fmt: skip
                else:
                    clean.target = _number(checked, indicator, raw_target, _("Chỉ tiêu giao"))
            value = clean.value
            if value is not None:
                if indicator.min_value is not None and value < indicator.min_value:
                    checked.add(code, _("Số liệu của chỉ tiêu %(indicator)s không được nhỏ hơn %(min)s.")
                                % {"indicator": _label(indicator), "min": _grouped(indicator.min_value)})  # fmt: skip
                if indicator.max_value is not None and value > indicator.max_value:
                    checked.add(code, _("Số liệu của chỉ tiêu %(indicator)s không được lớn hơn %(max)s.")
                                % {"indicator": _label(indicator), "max": _grouped(indicator.max_value)})  # fmt: skip
        if approximate and not indicator.allows_approximate:
            checked.add(code, _("Chỉ tiêu %(indicator)s không ghi số ước (hơn, gần, khoảng): chỉ số tiền mới được "
                                "ghi số ước.") % {"indicator": _label(indicator)})  # fmt: skip
        if approximate and clean.value is None:
            clean.approximate = False
        if code not in checked.errors:
            checked.values[code] = clean
    return checked


def parse_or_raw(raw: Any) -> Any:
    """``raw`` when something was typed, None when empty (for rules that only ask whether anything was typed)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return raw


def check_parts(indicators: list[Indicator], values: dict[str, Decimal | None]) -> dict[str, list[str]]:
    """A part never exceeds its whole in the same report (``values``: the report's figures after the change)."""
    errors: dict[str, list[str]] = {}
    by_id = {i.pk: i for i in indicators}
    for indicator in indicators:
        whole = by_id.get(indicator.part_of_id) if indicator.part_of_id else None
        if whole is None:
            continue
        part_value, whole_value = values.get(indicator.code), values.get(whole.code)
        if part_value is not None and whole_value is not None and part_value > whole_value:
            errors.setdefault(indicator.code, []).append(
                _("Chỉ tiêu %(part)s (%(part_value)s) vượt chỉ tiêu %(whole)s (%(whole_value)s) mà nó là một phần.")
                % {"part": _label(indicator), "part_value": _grouped(part_value), "whole": _label(whole),
                   "whole_value": _grouped(whole_value)}
            )  # fmt: skip
    for code, messages in check_combined(indicators, values).items():
        errors.setdefault(code, []).extend(messages)
    return errors


@dataclass(frozen=True)
class CombinedCheck:
    """One cross-indicator check of the catalog: the sum of ``terms`` is at most (``lte``) or exactly (``eq``) the
    ``whole``'s figure."""

    whole: Indicator
    terms: tuple[Indicator, ...]
    rule: str

    @property
    def sign(self) -> str:
        return "=" if self.rule == "eq" else "≤"

    @property
    def formula(self) -> str:
        """ "TD06 + TD07 ≤ TD05"."""
        return f"{' + '.join(t.code for t in self.terms)} {self.sign} {self.whole.code}"

    def failure(self, values: dict[str, Decimal | None]) -> tuple[Decimal, Decimal] | None:
        """(sum of the terms, whole) when the check fails on ``values``, else None. A whole left empty is not
        checked; terms left empty count as nothing, so ``lte`` needs one term and ``eq`` needs all of them."""
        whole = values.get(self.whole.code)
        present = [v for t in self.terms if (v := values.get(t.code)) is not None]
        if whole is None or not present:
            return None
        total = sum(present, Decimal(0))
        if self.rule == "eq":
            if len(present) == len(self.terms) and total != whole:
                return total, whole
            return None
        return (total, whole) if total > whole else None

    def message(self, values: dict[str, Decimal | None], total: Decimal, whole: Decimal) -> str:
        terms = ", ".join(
            f"{_label(t)} = {_grouped(v)}" for t in self.terms if (v := values.get(t.code)) is not None
        )
        if self.rule == "eq":
            text = _("Kiểm tra %(formula)s không đạt: tổng các chỉ tiêu %(terms)s là %(total)s, không bằng chỉ tiêu "
                     "%(whole)s = %(whole_value)s.")  # fmt: skip
        else:
            text = _("Kiểm tra %(formula)s không đạt: tổng các chỉ tiêu %(terms)s là %(total)s, vượt chỉ tiêu "
                     "%(whole)s = %(whole_value)s.")  # fmt: skip
        return text % {"formula": self.formula, "terms": terms, "total": _grouped(total), "whole": _label(self.whole),
                       "whole_value": _grouped(whole)}  # fmt: skip


def combined_checks(indicators: list[Indicator]) -> list[CombinedCheck]:
    """The catalog's combined checks that apply among ``indicators`` (the whole and at least two of its terms in
    the form; a term outside the form counts as not reported)."""
    by_code = {i.code: i for i in indicators}
    found = []
    for whole in indicators:
        for check in whole.checks or []:
            terms = tuple(by_code[c] for c in check.get("terms", []) if c in by_code)
            if len(terms) < 2 or (check.get("rule") == "eq" and len(terms) != len(check.get("terms", []))):
                continue
            found.append(CombinedCheck(whole=whole, terms=terms, rule=check.get("rule", "lte")))
    return found


def check_combined(indicators: list[Indicator], values: dict[str, Decimal | None]) -> dict[str, list[str]]:
    """The combined checks of the catalog on one report's figures (``values`` after the change), each error keyed
    by the whole's code and naming every indicator and its value."""
    errors: dict[str, list[str]] = {}
    for check in combined_checks(indicators):
        failed = check.failure(values)
        if failed is not None:
            errors.setdefault(check.whole.code, []).append(check.message(values, *failed))
    return errors


def _grouped(number: Decimal) -> str:
    """1530000 → "1.530.000" (Vietnamese grouping)."""
    return f"{int(number):,}".replace(",", ".")
