"""The shipped catalog file (``catalog/rules.json``): read, check, and bring the database in line with it.

The file holds the State's and the confederation's layers (regulations, titles and forms, rules, base salaries);
federations' own layers live only in the database and are never touched here. Loading is idempotent: rows are
matched by their natural keys (regulation ``key``, award ``code``, rule ``key`` — by default
``<award>@<regulation>`` —, base salary ``valid_from``), created when new, updated field by field when changed,
archived (never deleted) when gone from the file, restored when they come back. ``apply_catalog`` takes a model
registry so the data migration runs it on the historical models; ``actions.load_catalog`` adds the audit trail.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.utils import timezone

from . import prerequisites

CATALOG_FILE = Path(__file__).resolve().parent / "catalog" / "rules.json"

LAYERS = {"state", "confederation"}
MARKS = {"VERIFIED", "SECONDARY", "UNVERIFIED"}
KINDS = {"title", "form"}
RECIPIENTS = {"individual", "collective", "both"}
LEVELS = {"state", "government", "ministry_province", "confederation", "federation", "upper", "grassroots",
          "employer"}  # fmt: skip

REGULATION_FIELDS = ("layer", "number", "name", "issued_on", "valid_from", "valid_to", "citation", "mark",
                     "source", "note")  # fmt: skip
AWARD_FIELDS = ("name", "kind", "recipient", "level", "chain", "rank", "sort", "note")
RULE_FIELDS = ("award_id", "regulation_id", "valid_from", "valid_to", "name", "who_for", "conferred_by",
               "proposed_by", "criteria", "prerequisites", "quotas", "vote_threshold_percent", "vote_base",
               "multiplier_individual", "multiplier_collective", "article", "clause", "mark", "source", "facts",
               "note")  # fmt: skip
SALARY_FIELDS = ("amount", "instrument", "mark", "source")
DATE_FIELDS = {"issued_on", "valid_from", "valid_to"}
TEXT_DEFAULTS = {"name": "", "who_for": "", "conferred_by": "", "proposed_by": "", "criteria": "", "vote_base": "",
                 "article": "", "clause": "", "source": "", "note": "", "chain": "", "citation": ""}  # fmt: skip


class CatalogError(ValueError):
    """The file does not hold a valid catalog: ``errors`` name each bad entry, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def read_catalog(path: Path | str | None = None) -> tuple[dict[str, Any], str]:
    """The file's data and its SHA-256 digest."""
    raw = Path(path or CATALOG_FILE).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError([f"Tệp danh mục không phải JSON hợp lệ (UTF-8): {exc}"]) from exc
    return data, hashlib.sha256(raw).hexdigest()


def _date(value: Any, where: str, errors: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"{where}: ngày “{value}” không đúng dạng YYYY-MM-DD.")
        return None


def rule_key(item: dict) -> str:
    return item.get("key") or f"{item.get('award')}@{item.get('regulation')}"


def check_catalog(data: Any) -> list[str]:
    """Every problem of the file, each naming its entry (empty when the file is good)."""
    if not isinstance(data, dict):
        return ["Tệp danh mục phải là một đối tượng JSON."]
    errors: list[str] = []
    if not str(data.get("version", "")).strip():
        errors.append("Thiếu “version” (phiên bản của tệp).")
    for name in ("regulations", "awards", "rules", "base_salaries"):
        if not isinstance(data.get(name), list):
            errors.append(f"Thiếu danh sách “{name}”.")
    if errors:
        return errors

    regulations: dict[str, dict] = {}
    for i, item in enumerate(data["regulations"], start=1):
        where = f"Văn bản thứ {i} ({item.get('key', '?')})"
        for key in ("key", "layer", "number", "name", "valid_from", "mark"):
            if not item.get(key):
                errors.append(f"{where}: thiếu “{key}”.")
        if item.get("key") in regulations:
            errors.append(f"{where}: mã văn bản trùng.")
        if item.get("layer") and item["layer"] not in LAYERS:
            errors.append(
                f"{where}: tầng “{item['layer']}” không hợp lệ (chỉ state, confederation trong tệp)."
            )
        if item.get("mark") and item["mark"] not in MARKS:
            errors.append(f"{where}: mức xác minh “{item['mark']}” không hợp lệ.")
        start = _date(item.get("valid_from"), where, errors)
        end = _date(item.get("valid_to"), where, errors)
        _date(item.get("issued_on"), where, errors)
        if start and end and end < start:
            errors.append(f"{where}: ngày hết hiệu lực trước ngày có hiệu lực.")
        regulations[item.get("key", "")] = item

    codes: set[str] = set()
    for i, item in enumerate(data["awards"], start=1):
        where = f"Danh hiệu, hình thức thứ {i} ({item.get('code', '?')})"
        for key in ("code", "name", "kind", "recipient", "level"):
            if not item.get(key):
                errors.append(f"{where}: thiếu “{key}”.")
        if item.get("code") in codes:
            errors.append(f"{where}: mã trùng.")
        codes.add(item.get("code", ""))
        for key, allowed in (("kind", KINDS), ("recipient", RECIPIENTS), ("level", LEVELS)):
            if item.get(key) and item[key] not in allowed:
                errors.append(f"{where}: “{key}” = “{item[key]}” không hợp lệ.")

    keys: set[str] = set()
    for i, item in enumerate(data["rules"], start=1):
        key = rule_key(item)
        where = f"Quy định thứ {i} ({key})"
        if key in keys:
            errors.append(f"{where}: mã quy định trùng (ghi “key” riêng cho mỗi thời kỳ).")
        keys.add(key)
        if item.get("award") not in codes:
            errors.append(f"{where}: không có danh hiệu, hình thức mã “{item.get('award')}”.")
        regulation = regulations.get(item.get("regulation", ""))
        if regulation is None:
            errors.append(f"{where}: không có văn bản mã “{item.get('regulation')}”.")
        if item.get("mark") not in MARKS:
            errors.append(f"{where}: thiếu hoặc sai mức xác minh.")
        start = _date(item.get("valid_from"), where, errors)
        end = _date(item.get("valid_to"), where, errors)
        if regulation is not None:
            reg_start = _date(regulation.get("valid_from"), where, [])
            reg_end = _date(regulation.get("valid_to"), where, [])
            start, end = start or reg_start, end or reg_end
            if start and reg_start and start < reg_start:
                errors.append(f"{where}: áp dụng trước ngày văn bản có hiệu lực.")
            if reg_end and (end is None or end > reg_end):
                errors.append(f"{where}: áp dụng sau ngày văn bản hết hiệu lực.")
        if start and end and end < start:
            errors.append(f"{where}: ngày kết thúc trước ngày bắt đầu.")
        for field in ("multiplier_individual", "multiplier_collective", "vote_threshold_percent"):
            value = item.get(field)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                errors.append(f"{where}: “{field}” phải là số nguyên không âm (hệ số tính theo phần trăm).")
        threshold = item.get("vote_threshold_percent")
        if isinstance(threshold, int) and not 1 <= threshold <= 100:
            errors.append(f"{where}: tỷ lệ phiếu phải từ 1 đến 100.")
        if item.get("vote_base", "") not in ("", "total", "present"):
            errors.append(f"{where}: “vote_base” là total hoặc present.")
        errors += prerequisites.validate(item.get("prerequisites", []), codes, where)
        errors += prerequisites.validate_quotas(item.get("quotas", []), codes, where)
        facts = item.get("facts", {})
        if not isinstance(facts, dict) or any(
            not isinstance(f, dict) or f.get("mark") not in MARKS for f in facts.values()
        ):
            errors.append(f"{where}: “facts” phải ghi mức xác minh hợp lệ cho từng giá trị.")

    days: set[str] = set()
    for i, item in enumerate(data["base_salaries"], start=1):
        where = f"Mức lương cơ sở thứ {i} ({item.get('valid_from', '?')})"
        _date(item.get("valid_from"), where, errors)
        if not item.get("valid_from"):
            errors.append(f"{where}: thiếu “valid_from”.")
        if item.get("valid_from") in days:
            errors.append(f"{where}: ngày trùng.")
        days.add(item.get("valid_from", ""))
        amount = item.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            errors.append(f"{where}: “amount” phải là số nguyên dương (đồng).")
        if item.get("mark") not in MARKS:
            errors.append(f"{where}: thiếu hoặc sai mức xác minh.")
    return errors


def _values(item: dict, fields: tuple[str, ...], model) -> dict[str, Any]:
    known = {f.attname for f in model._meta.concrete_fields}
    values = {}
    for field in fields:
        if field not in known:
            continue
        value = item.get(field)
        if field in DATE_FIELDS:
            value = datetime.date.fromisoformat(value) if value else None
        elif field in ("prerequisites", "quotas"):
            value = value or []
        elif field == "facts":
            value = value or {}
        elif value is None and field in TEXT_DEFAULTS:
            value = TEXT_DEFAULTS[field]
        elif value is None and field in ("rank", "sort"):
            value = 0
        values[field] = value
    return values


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _sync(model, lookup: str, wanted: dict[str, dict], existing, now, summary, label: str) -> dict[str, Any]:
    """Create, update, restore and archive the rows of one model; return the rows by natural key."""
    rows = {getattr(row, lookup): row for row in existing}
    for key, values in wanted.items():
        row = rows.get(key)
        if row is None:
            row = model.objects.create(**{lookup: key}, **values)
            rows[key] = row
            summary["added"].append({"kind": label, "key": str(key), "pk": row.pk,
                                     "changes": {k: [None, _plain(v)] for k, v in values.items()}})  # fmt: skip
            continue
        changes = {
            field: [_plain(getattr(row, field)), _plain(value)]
            for field, value in values.items()
            if getattr(row, field) != value
        }
        if row.archived_at is not None:
            changes["archived_at"] = [row.archived_at.isoformat(), None]
            row.archived_at = None
        if changes:
            for field, value in values.items():
                setattr(row, field, value)
            row.save()
            summary["changed"].append({"kind": label, "key": str(key), "pk": row.pk, "changes": changes})
    for key, row in rows.items():
        if key not in wanted and row.archived_at is None:
            row.archived_at = now
            row.save(update_fields=["archived_at"])
            summary["archived"].append({"kind": label, "key": str(key), "pk": row.pk,
                                        "changes": {"archived_at": [None, now.isoformat()]}})  # fmt: skip
    return rows


def apply_catalog(data: dict[str, Any], *, apps=django_apps) -> dict[str, list]:
    """Bring the State and confederation layers in line with ``data`` (checked first); what changed, by kind."""
    errors = check_catalog(data)
    if errors:
        raise CatalogError(errors)
    Regulation = apps.get_model("registrations", "Regulation")
    Award = apps.get_model("registrations", "Award")
    Rule = apps.get_model("registrations", "Rule")
    BaseSalary = apps.get_model("registrations", "BaseSalary")
    now = timezone.now()
    summary: dict[str, list] = {"added": [], "changed": [], "archived": []}

    salaries = {
        datetime.date.fromisoformat(item["valid_from"]): _values(item, SALARY_FIELDS, BaseSalary)
        for item in data["base_salaries"]
    }
    _sync(BaseSalary, "valid_from", salaries, BaseSalary.objects.all(), now, summary, "base_salary")

    regulation_items = {item["key"]: item for item in data["regulations"]}
    regulations = _sync(
        Regulation,
        "key",
        {key: _values(item, REGULATION_FIELDS, Regulation) for key, item in regulation_items.items()},
        Regulation.objects.exclude(layer="federation"),
        now,
        summary,
        "regulation",
    )
    awards = _sync(
        Award,
        "code",
        {item["code"]: _values(item, AWARD_FIELDS, Award) for item in data["awards"]},
        Award.objects.filter(federation__isnull=True),
        now,
        summary,
        "award",
    )
    wanted_rules = {}
    for item in data["rules"]:
        regulation = regulation_items[item["regulation"]]
        values = _values(
            {
                **item,
                "award_id": awards[item["award"]].pk,
                "regulation_id": regulations[item["regulation"]].pk,
                "valid_from": item.get("valid_from") or regulation["valid_from"],
                "valid_to": item.get("valid_to") or regulation.get("valid_to"),
            },
            RULE_FIELDS,
            Rule,
        )
        wanted_rules[rule_key(item)] = values
    _sync(
        Rule, "key", wanted_rules, Rule.objects.exclude(regulation__layer="federation"), now, summary, "rule"
    )
    return summary
