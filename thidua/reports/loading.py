"""The shipped indicator catalog (``catalog/indicators.json``): read, check, and bring the database in line with it.

The file holds the default catalog (indicators without an ``owner``); a federation's own indicators live only in the
database and are never touched here. Loading is idempotent: indicators are matched by ``code``, created when new,
updated field by field when changed, archived (never deleted) when gone from the file, restored when they come
back. ``apply_indicators`` takes a model registry so the data migration runs it on the historical models;
``actions.load_indicators`` adds the audit trail.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.utils import timezone

CATALOG_FILE = Path(__file__).resolve().parent / "catalog" / "indicators.json"

UNITS = {"nguoi", "don_vi", "luot", "so_luong", "dong", "percent", "text"}
AGGREGATIONS = {"sum", "end_of_period", "ratio", "percent_of_target", "decided_level", "none"}
MARKS = {"SEEN", "INFERRED", "UNCERTAIN"}
DIMENSIONS = {"nu", "khu_vuc", "doi_tuong", "cap"}
LINKS = ("numerator", "denominator", "part_of")
FIELDS = ("name", "unit_of_measure", "count_word", "aggregation", "min_value", "max_value", "group", "dimensions",
          "allows_approximate", "checks", "source", "mark", "note", "order")  # fmt: skip
CHECK_RULES = {"lte", "eq"}
# What a combined check may add up: figures entered and summed (not ratios, text or awards counted where decided).
CHECKABLE = {"sum", "end_of_period", "percent_of_target"}


class IndicatorCatalogError(ValueError):
    """The file does not hold a valid catalog: ``errors`` name each bad entry, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def read_indicators(path: Path | str | None = None) -> tuple[dict[str, Any], str]:
    """The file's data and its SHA-256 digest."""
    raw = Path(path or CATALOG_FILE).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndicatorCatalogError([f"Tệp danh mục chỉ tiêu không phải JSON hợp lệ (UTF-8): {exc}"]) from exc
    return data, hashlib.sha256(raw).hexdigest()


def _is_bound(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def check_indicators(data: Any) -> list[str]:
    """Every problem of the file, each naming its entry (empty when the file is good)."""
    if not isinstance(data, dict):
        return ["Tệp danh mục chỉ tiêu phải là một đối tượng JSON."]
    errors: list[str] = []
    if not str(data.get("version", "")).strip():
        errors.append("Thiếu “version” (phiên bản của tệp).")
    if not isinstance(data.get("indicators"), list):
        return [*errors, "Thiếu danh sách “indicators”."]
    items = data["indicators"]
    by_code: dict[str, dict] = {}
    for i, item in enumerate(items, start=1):
        where = f"Chỉ tiêu thứ {i} ({item.get('code', '?') if isinstance(item, dict) else '?'})"
        if not isinstance(item, dict):
            errors.append(f"{where}: phải là một đối tượng.")
            continue
        for key in ("code", "name", "unit_of_measure", "aggregation", "mark"):
            if not item.get(key):
                errors.append(f"{where}: thiếu “{key}”.")
        code = item.get("code", "")
        if code in by_code:
            errors.append(f"{where}: mã chỉ tiêu trùng.")
        by_code[code] = item
        if len(str(code)) > 20:
            errors.append(f"{where}: mã dài quá 20 ký tự.")
        for key, allowed in (("unit_of_measure", UNITS), ("aggregation", AGGREGATIONS), ("mark", MARKS)):
            if item.get(key) and item[key] not in allowed:
                errors.append(f"{where}: “{key}” = “{item[key]}” không hợp lệ.")
        dims = item.get("dimensions", [])
        if not isinstance(dims, list) or any(d not in DIMENSIONS for d in dims):
            errors.append(f"{where}: “dimensions” chỉ gồm {', '.join(sorted(DIMENSIONS))}.")
        low, high = item.get("min_value"), item.get("max_value")
        if not _is_bound(low) or not _is_bound(high):
            errors.append(f"{where}: giới hạn giá trị phải là số nguyên.")
        elif low is not None and high is not None and high < low:
            errors.append(f"{where}: giá trị lớn nhất nhỏ hơn giá trị nhỏ nhất.")
        if item.get("unit_of_measure") == "so_luong" and not item.get("count_word"):
            errors.append(f"{where}: chỉ tiêu đếm số lượng cần “count_word” (căn, cuộc, sáng kiến…).")
        if item.get("allows_approximate") and item.get("unit_of_measure") != "dong":
            errors.append(f"{where}: chỉ số tiền (đồng) mới được ghi số ước.")
        is_ratio = item.get("aggregation") == "ratio"
        if is_ratio != bool(item.get("numerator") and item.get("denominator")):
            errors.append(f"{where}: tỷ lệ cần tử số và mẫu số; chỉ tiêu khác không có tử số, mẫu số.")
        if item.get("unit_of_measure") == "percent" and not is_ratio:
            errors.append(f"{where}: chỉ tiêu tỷ lệ phần trăm phải tính lại từ tử số và mẫu số.")
        if (item.get("unit_of_measure") == "text") != (item.get("aggregation") == "none"):
            errors.append(f"{where}: chỉ tiêu văn bản không tổng hợp, và chỉ nó.")
    for code, item in by_code.items():
        errors += check_combined_checks(code, item, by_code)
        for link in LINKS:
            target = item.get(link)
            if not target:
                continue
            if target not in by_code:
                errors.append(f"Chỉ tiêu {code}: “{link}” trỏ đến mã “{target}” không có trong tệp.")
            elif target == code:
                errors.append(f"Chỉ tiêu {code}: “{link}” không được trỏ đến chính nó.")
            elif link in ("numerator", "denominator") and by_code[target].get("aggregation") in (
                "ratio",
                "none",
            ):
                errors.append(f"Chỉ tiêu {code}: {link} “{target}” phải là số liệu nhập được.")
            elif link == "part_of":
                whole = by_code[target]
                if whole.get("unit_of_measure") != item.get("unit_of_measure"):
                    errors.append(f"Chỉ tiêu {code}: phần và tổng (“{target}”) phải cùng đơn vị tính.")
        seen, current = {code}, item.get("part_of")
        while current in by_code:
            if current in seen:
                errors.append(f"Chỉ tiêu {code}: quan hệ “part_of” vòng quanh.")
                break
            seen.add(current)
            current = by_code[current].get("part_of")
    return errors


def check_combined_checks(code: str, item: dict, by_code: dict[str, dict]) -> list[str]:
    """The problems of one indicator's combined checks (``checks``: the sum of ``terms`` compared with it)."""
    checks = item.get("checks", [])
    if not isinstance(checks, list):
        return [f"Chỉ tiêu {code}: “checks” phải là một danh sách."]
    errors = []
    for n, check in enumerate(checks, start=1):
        where = f"Chỉ tiêu {code}, kiểm tra kết hợp thứ {n}"
        if not isinstance(check, dict):
            errors.append(f"{where}: phải là một đối tượng.")
            continue
        terms, rule = check.get("terms"), check.get("rule")
        if rule not in CHECK_RULES:
            errors.append(f"{where}: “rule” phải là {' hoặc '.join(sorted(CHECK_RULES))}.")
        if not isinstance(terms, list) or len(terms) < 2 or len(set(terms)) != len(terms):
            errors.append(f"{where}: “terms” cần ít nhất hai mã chỉ tiêu khác nhau.")
            continue
        if item.get("aggregation") not in CHECKABLE:
            errors.append(f"{where}: chỉ tiêu tổng phải là số liệu nhập và cộng được.")
        for term in terms:
            other = by_code.get(term)
            if other is None:
                errors.append(f"{where}: mã “{term}” không có trong danh mục.")
            elif term == code:
                errors.append(f"{where}: không được so chỉ tiêu với chính nó.")
            elif other.get("unit_of_measure") != item.get("unit_of_measure"):
                errors.append(f"{where}: “{term}” phải cùng đơn vị tính với {code}.")
            elif other.get("aggregation") not in CHECKABLE:
                errors.append(f"{where}: “{term}” phải là số liệu nhập và cộng được.")
    return errors


def _values(item: dict) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in FIELDS:
        value = item.get(field)
        if field in ("min_value", "max_value"):
            value = Decimal(value) if value is not None else None
        elif field in ("dimensions", "checks"):
            value = list(value or [])
        elif field == "allows_approximate":
            value = bool(value)
        elif field == "order":
            value = int(value or 0)
        elif value is None:
            value = ""
        values[field] = value
    return values


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def apply_indicators(data: dict[str, Any], *, apps=django_apps) -> dict[str, list]:
    """Bring the default catalog in line with ``data`` (checked first); what changed: ``added``, ``changed``,
    ``archived``, each a list of ``{"key", "pk", "changes"}``."""
    errors = check_indicators(data)
    if errors:
        raise IndicatorCatalogError(errors)
    Indicator = apps.get_model("reports", "Indicator")
    known = {f.name for f in Indicator._meta.get_fields()}  # an older migration's model lacks later fields
    now = timezone.now()
    summary: dict[str, list] = {"added": [], "changed": [], "archived": []}
    rows = {row.code: row for row in Indicator.objects.filter(owner__isnull=True)}
    wanted = {item["code"]: item for item in data["indicators"]}
    taken = set(
        Indicator.objects.filter(owner__isnull=False, code__in=list(wanted)).values_list("code", flat=True)
    )
    if taken:
        raise IndicatorCatalogError(
            [f"Mã “{code}” đã được một LĐLĐ dùng cho chỉ tiêu riêng." for code in sorted(taken)]
        )
    changes_by_code: dict[str, dict[str, list]] = {}
    # First pass: the fields; the links wait for every row to exist.
    for code, item in wanted.items():
        values = {k: v for k, v in _values(item).items() if k in known}
        row = rows.get(code)
        if row is None:
            row = Indicator(code=code, **values)
            row.save()
            rows[code] = row
            changes_by_code[code] = {k: [None, _plain(v)] for k, v in values.items()}
            summary["added"].append(code)
            continue
        changes = {f: [_plain(getattr(row, f)), _plain(v)] for f, v in values.items() if getattr(row, f) != v}
        if row.archived_at is not None:
            changes["archived_at"] = [row.archived_at.isoformat(), None]
            row.archived_at = None
        if changes:
            for field, value in values.items():
                setattr(row, field, value)
            row.save()
            changes_by_code[code] = changes
            summary["changed"].append(code)
    for code, item in wanted.items():
        row = rows[code]
        changes = {}
        for link in LINKS:
            target = item.get(link)
            target_id = rows[target].pk if target else None
            if getattr(row, f"{link}_id") != target_id:
                before = getattr(row, link).code if getattr(row, f"{link}_id") else None
                changes[link] = [before, target]
                setattr(row, f"{link}_id", target_id)
        if changes:
            row.save(update_fields=[f"{link}_id" for link in LINKS])
            changes_by_code.setdefault(code, {}).update(changes)
            if code not in summary["added"] and code not in summary["changed"]:
                summary["changed"].append(code)
    for code, row in rows.items():
        if code not in wanted and row.archived_at is None:
            row.archived_at = now
            row.save(update_fields=["archived_at"])
            changes_by_code[code] = {"archived_at": [None, now.isoformat()]}
            summary["archived"].append(code)
    return {
        key: [{"key": code, "pk": rows[code].pk, "changes": changes_by_code.get(code, {})} for code in codes]
        for key, codes in summary.items()
    }
