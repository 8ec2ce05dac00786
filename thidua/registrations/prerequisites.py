"""Machine-checkable prerequisites of a title or form, as plain data (a list of dicts, all of which must hold).

Kinds (each a dict with ``kind``):

- ``award``: the candidate holds ``award`` (a code) ``years`` times, ``consecutive`` or not, in the years up to and
  including the year judged (``window`` "including", the default) or ending the year before ("before").
- ``initiative``: ``count`` initiatives recognised with a scope of effect of at least ``scope`` (grassroots,
  province, national).
- ``research``: ``count`` research topics accepted (nghiệm thu) and applied.
- ``rating``: the candidate's task rating is at least ``rating`` (good = hoàn thành tốt, excellent = hoàn thành xuất
  sắc) for ``years`` years (``consecutive``).
- ``member_share``: at least ``min_percent`` % of the collective's members hold ``award`` (or reach ``rating``);
  with ``strict`` true, more than ``min_percent`` % ("trên 50 %").
- ``member_count``: at least ``min_count`` members hold ``award``.
- ``no_discipline``: no disciplinary penalty ``from`` a level up (reprimand = khiển trách, warning = cảnh cáo), of
  the candidate or ``among`` its members.
- ``service_years``: at least ``min_years`` years of union work.
- ``tenure_months``: recruited at least ``min_months`` months ago.
- ``absence_days``: at most ``max_days`` working days absent (maternity leave excepted).
- ``any_of``: at least one of ``items`` holds.

``validate`` returns Vietnamese messages naming the item; ``describe`` writes an item in words.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

SCOPES = {"grassroots": "cấp cơ sở", "province": "cấp tỉnh, bộ, ngành", "national": "toàn quốc"}
RATINGS = {"completed": "hoàn thành nhiệm vụ", "good": "hoàn thành tốt nhiệm vụ",
           "excellent": "hoàn thành xuất sắc nhiệm vụ"}  # fmt: skip
DISCIPLINE = {"reprimand": "khiển trách", "warning": "cảnh cáo"}

# kind -> (required keys, optional keys)
KINDS: dict[str, tuple[set[str], set[str]]] = {
    "award": ({"award"}, {"years", "consecutive", "window"}),
    "initiative": ({"count"}, {"scope"}),
    "research": ({"count"}, set()),
    "rating": ({"rating"}, {"years", "consecutive"}),
    "member_share": ({"min_percent"}, {"award", "rating", "strict"}),
    "member_count": ({"award", "min_count"}, set()),
    "no_discipline": ({"from"}, {"among"}),
    "service_years": ({"min_years"}, set()),
    "tenure_months": ({"min_months"}, set()),
    "absence_days": ({"max_days"}, set()),
    "any_of": ({"items"}, set()),
}
POSITIVE_INTEGERS = {"years", "count", "min_percent", "min_count", "min_years", "min_months"}


def validate(items: Any, award_codes: set[str] | None = None, where: str = "") -> list[str]:
    """Errors of a prerequisites list (empty when it is valid). ``award_codes`` checks the codes named."""
    prefix = f"{where}: " if where else ""
    if not isinstance(items, list):
        return [prefix + _("điều kiện phải là một danh sách.")]
    errors: list[str] = []
    for i, item in enumerate(items, start=1):
        label = prefix + _("điều kiện thứ %(n)s") % {"n": i}
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            errors.append(_("%(label)s: loại điều kiện không hợp lệ (%(kinds)s).")
                          % {"label": label, "kinds": ", ".join(KINDS)})  # fmt: skip
            continue
        required, optional = KINDS[item["kind"]]
        missing = sorted(required - set(item))
        unknown = sorted(set(item) - required - optional - {"kind"})
        if missing:
            errors.append(_("%(label)s: thiếu %(keys)s.") % {"label": label, "keys": ", ".join(missing)})
        if unknown:
            errors.append(_("%(label)s: không biết %(keys)s.") % {"label": label, "keys": ", ".join(unknown)})
        for key in POSITIVE_INTEGERS & set(item):
            value = item[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                errors.append(
                    _("%(label)s: “%(key)s” phải là số nguyên dương.") % {"label": label, "key": key}
                )
        if "min_percent" in item and isinstance(item["min_percent"], int) and item["min_percent"] > 100:
            errors.append(_("%(label)s: tỷ lệ không quá 100 %%.") % {"label": label})
        if "max_days" in item and (not isinstance(item["max_days"], int) or item["max_days"] < 0):
            errors.append(_("%(label)s: “max_days” phải là số nguyên không âm.") % {"label": label})
        for key in ("strict", "consecutive"):
            if key in item and not isinstance(item[key], bool):
                errors.append(_("%(label)s: “%(key)s” là true hoặc false.") % {"label": label, "key": key})
        if "scope" in item and item["scope"] not in SCOPES:
            errors.append(_("%(label)s: phạm vi ảnh hưởng không hợp lệ.") % {"label": label})
        if "rating" in item and item["rating"] not in RATINGS:
            errors.append(_("%(label)s: mức xếp loại không hợp lệ.") % {"label": label})
        if "from" in item and item["from"] not in DISCIPLINE:
            errors.append(_("%(label)s: hình thức kỷ luật không hợp lệ.") % {"label": label})
        if "window" in item and item["window"] not in ("including", "before"):
            errors.append(_("%(label)s: “window” là including hoặc before.") % {"label": label})
        if award_codes is not None and "award" in item and item["award"] not in award_codes:
            errors.append(_("%(label)s: không có danh hiệu, hình thức mã “%(code)s”.")
                          % {"label": label, "code": item["award"]})  # fmt: skip
        if item["kind"] == "any_of":
            errors += validate(item.get("items"), award_codes, label)
    return errors


def award_codes_named(items: list[dict]) -> set[str]:
    codes: set[str] = set()
    for item in items or []:
        if "award" in item:
            codes.add(item["award"])
        if item.get("kind") == "any_of":
            codes |= award_codes_named(item.get("items") or [])
    return codes


def describe(item: dict, names: dict[str, str]) -> str:
    """One prerequisite in words; ``names`` maps award codes to their names."""
    kind = item.get("kind")
    name = f"“{names.get(item.get('award', ''), item.get('award', ''))}”"
    years = item.get("years", 1)
    if kind == "award":
        if years == 1:
            text = (
                _("đã đạt %(name)s năm liền trước") if item.get("window") == "before" else _("đạt %(name)s")
            )
            return text % {"name": name}
        text = (
            _("%(n)s năm liên tục đạt %(name)s") if item.get("consecutive") else _("%(n)s lần đạt %(name)s")
        )
        if item.get("window") == "before":
            text += _(" (đến năm liền trước)")
        return text % {"n": f"{years:02d}", "name": name}
    if kind == "initiative":
        return _("%(n)s sáng kiến được công nhận, phạm vi ảnh hưởng %(scope)s") % {
            "n": f"{item['count']:02d}",
            "scope": SCOPES.get(item.get("scope", "grassroots"), ""),
        }
    if kind == "research":
        return _("%(n)s đề tài nghiên cứu khoa học đã nghiệm thu, được áp dụng") % {
            "n": f"{item['count']:02d}"
        }
    if kind == "rating":
        rating = RATINGS.get(item["rating"], item["rating"])
        if years == 1:
            return _("xếp loại %(rating)s") % {"rating": rating}
        return _("%(n)s năm liên tục %(rating)s") % {"n": f"{years:02d}", "rating": rating}
    if kind == "member_share":
        what = name if item.get("award") else RATINGS.get(item.get("rating", ""), "")
        text = (
            _("trên %(p)s %% thành viên đạt %(what)s")
            if item.get("strict")
            else (_("từ %(p)s %% thành viên trở lên đạt %(what)s"))
        )
        return text % {"p": item["min_percent"], "what": what}
    if kind == "member_count":
        return _("có ít nhất %(n)s thành viên đạt %(name)s") % {"n": f"{item['min_count']:02d}", "name": name}
    if kind == "no_discipline":
        who = _("thành viên nào") if item.get("among") == "members" else _("bản thân")
        return _("không có %(who)s bị kỷ luật từ hình thức %(level)s trở lên") % {
            "who": who,
            "level": DISCIPLINE.get(item["from"], item["from"]),
        }
    if kind == "service_years":
        return _("từ %(n)s năm công tác công đoàn trở lên") % {"n": item["min_years"]}
    if kind == "tenure_months":
        return _("được tuyển dụng từ %(n)s tháng trở lên") % {"n": item["min_months"]}
    if kind == "absence_days":
        return _("nghỉ không quá %(n)s ngày làm việc (trừ nghỉ thai sản)") % {"n": item["max_days"]}
    if kind == "any_of":
        return _("một trong: %(items)s") % {"items": "; ".join(describe(i, names) for i in item["items"])}
    return str(item)


def describe_quota(quota: dict, names: dict[str, str]) -> str:
    if "percent" in quota:
        of = names.get(quota.get("of", ""), "")
        text = (
            _("không quá %(p)s %% số đạt “%(of)s”") % {"p": quota["percent"], "of": of}
            if of
            else (_("không quá %(p)s %%") % {"p": quota["percent"]})
        )
    else:
        text = _("không quá %(n)s") % {"n": quota.get("count")}
    return f"{text} ({quota['per']})" if quota.get("per") else text


def validate_quotas(quotas: Any, award_codes: set[str] | None = None, where: str = "") -> list[str]:
    prefix = f"{where}: " if where else ""
    if not isinstance(quotas, list):
        return [prefix + _("tỷ lệ, số lượng khống chế phải là một danh sách.")]
    errors = []
    for i, quota in enumerate(quotas, start=1):
        label = prefix + _("khống chế thứ %(n)s") % {"n": i}
        if not isinstance(quota, dict) or ("percent" in quota) == ("count" in quota):
            errors.append(_("%(label)s: ghi hoặc “percent” hoặc “count”.") % {"label": label})
            continue
        unknown = sorted(set(quota) - {"percent", "count", "of", "per", "within"})
        if unknown:
            errors.append(_("%(label)s: không biết %(keys)s.") % {"label": label, "keys": ", ".join(unknown)})
        value = quota.get("percent", quota.get("count"))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(_("%(label)s: phải là số nguyên dương.") % {"label": label})
        elif "percent" in quota and value > 100:
            errors.append(_("%(label)s: tỷ lệ không quá 100 %%.") % {"label": label})
        if "within" in quota and (
            "count" not in quota or quota["within"] not in ("unit", "federation", "nation")
        ):
            errors.append(_("%(label)s: “within” (phạm vi đếm số lượng) là unit, federation hoặc nation, chỉ với "
                            "“count”.") % {"label": label})  # fmt: skip
        if award_codes is not None and quota.get("of") and quota["of"] not in award_codes:
            errors.append(_("%(label)s: không có danh hiệu, hình thức mã “%(code)s”.")
                          % {"label": label, "code": quota["of"]})  # fmt: skip
    return errors
