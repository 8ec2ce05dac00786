"""Every change to the catalog: loading the shipped file, and a federation's own layer (regulations, rules, prizes).

Each action is atomic and writes the audit trail; a federation's rule keeps its history there (``history_of``).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.core import audit, dates
from thidua.orgs.models import Unit

from .. import loading, prerequisites, queries
from ..models import (
    Award,
    AwardKind,
    BaseSalary,
    CatalogLoad,
    ConferringLevel,
    Layer,
    Recipient,
    Regulation,
    Rule,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# --- the shipped file -----------------------------------------------------------------------------------------

MODELS = {"base_salary": BaseSalary, "regulation": Regulation, "award": Award, "rule": Rule}


@transaction.atomic
def load_catalog(
    data: dict[str, Any] | None = None,
    *,
    by: User | None = None,
    path: Path | str | None = None,
    digest: str = "",
) -> CatalogLoad | None:
    """Bring the State and confederation layers in line with the data file (``data`` or the file at ``path``, by
    default the shipped one). Idempotent: a second load of the same file changes nothing and returns None;
    otherwise the load is recorded with what was added, changed and archived, and each row changed is audited.
    Raises ``loading.CatalogError`` (nothing changed) when the file is not valid."""
    if data is None:
        data, digest = loading.read_catalog(path)
    summary = loading.apply_catalog(data)
    if not any(summary.values()):
        return None
    for verb, key in (("create", "added"), ("update", "changed"), ("archive", "archived")):
        for label, model in MODELS.items():
            rows = [
                (c["pk"], f"{label}: {c['key']}", c["changes"]) for c in summary[key] if c["kind"] == label
            ]
            if rows:
                audit.record_rows(model, rows, by=by, action=verb, note=_("Nạp danh mục %(version)s")
                                  % {"version": data.get("version", "")})  # fmt: skip
    return CatalogLoad.objects.create(
        version=str(data.get("version", ""))[:40],
        digest=digest,
        loaded_by=by if getattr(by, "pk", None) else None,
        summary=summary,
    )


# --- a federation's own layer ---------------------------------------------------------------------------------

REGULATION_EDITABLE = ("number", "name", "issued_on", "valid_from", "valid_to", "citation", "mark", "source",
                       "note")  # fmt: skip
RULE_EDITABLE = ("award", "valid_from", "valid_to", "name", "who_for", "conferred_by", "proposed_by", "criteria",
                 "prerequisites", "quotas", "vote_threshold_percent", "vote_base", "multiplier_individual",
                 "multiplier_collective", "article", "clause", "mark", "source", "note")  # fmt: skip


def _check_period(valid_from: datetime.date | None, valid_to: datetime.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc không được trước ngày bắt đầu.")})


def _unique_key(model, base: str) -> str:
    base = slugify(base)[:100] or "quy-dinh"
    key, n = base, 1
    while model.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def create_regulation(federation: Unit, *, by: User | None, **fields) -> Regulation:
    """A regulation of the federation's own layer (e.g. "Quy chế khen thưởng của LĐLĐ tỉnh")."""
    if federation.level not in queries.FEDERATION_LEVELS:
        raise ValidationError(
            _("Chỉ LĐLĐ tỉnh, thành phố hoặc công đoàn ngành trung ương có tầng quy định riêng.")
        )
    _check_period(fields.get("valid_from"), fields.get("valid_to"))
    values = {k: v for k, v in fields.items() if k in REGULATION_EDITABLE}
    regulation = Regulation.objects.create(
        key=_unique_key(Regulation, f"{federation.code}-{values.get('number', '')}"),
        layer=Layer.FEDERATION,
        federation=federation,
        **values,
    )
    audit.record(regulation, by=by, action="create")
    return regulation


@transaction.atomic
def update_regulation(regulation: Regulation, *, by: User | None, **fields) -> Regulation:
    if regulation.layer != Layer.FEDERATION:
        raise ValidationError(_("Quy định của Nhà nước và Tổng Liên đoàn được cập nhật bằng tệp danh mục."))
    values = {k: v for k, v in fields.items() if k in REGULATION_EDITABLE}
    start, end = values.get("valid_from", regulation.valid_from), values.get("valid_to", regulation.valid_to)
    _check_period(start, end)
    active = regulation.rules.filter(archived_at__isnull=True).select_related("award")
    outside = active.filter(valid_from__lt=start)
    if end is not None:
        outside = outside | active.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=end))
    first = outside.first()
    if first is not None:
        raise ValidationError(
            {"valid_from": _("Quy định “%(name)s” của văn bản áp dụng ngoài thời gian hiệu lực mới: sửa quy định đó trước.")
             % {"name": first.award.name}}
        )  # fmt: skip
    before = audit.snapshot(regulation)
    for name, value in values.items():
        setattr(regulation, name, value)
    regulation.save()
    audit.record(regulation, by=by, action="update", before=before)
    return regulation


@transaction.atomic
def create_award(federation: Unit, *, by: User | None, code: str, name: str, kind: str = AwardKind.FORM,
                 recipient: str = Recipient.BOTH, note: str = "") -> Award:  # fmt: skip
    """A federation's own prize or title (e.g. "Giải thưởng … của LĐLĐ tỉnh"), conferred by the federation."""
    if federation.level not in queries.FEDERATION_LEVELS:
        raise ValidationError(
            _("Chỉ LĐLĐ tỉnh, thành phố hoặc công đoàn ngành trung ương có giải thưởng riêng.")
        )
    code = slugify(code)
    if not code:
        raise ValidationError({"code": _("Chưa nhập “Mã”.")})
    if Award.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã “%(code)s” đã có trong danh mục.") % {"code": code}})
    award = Award.objects.create(
        code=code, name=name, kind=kind, recipient=recipient, level=ConferringLevel.FEDERATION,
        federation=federation, sort=900, note=note,
    )  # fmt: skip
    audit.record(award, by=by, action="create")
    return award


def _check_rule(regulation: Regulation, rule: Rule | None, values: dict[str, Any]) -> None:
    award: Award = values["award"]
    if award.federation_id not in (None, regulation.federation_id):
        raise ValidationError({"award": _("Giải thưởng này thuộc đơn vị khác.")})
    valid_from, valid_to = values["valid_from"], values.get("valid_to")
    _check_period(valid_from, valid_to)
    if valid_from < regulation.valid_from or (
        regulation.valid_to and (valid_to is None or valid_to > regulation.valid_to)
    ):
        raise ValidationError(
            {"valid_from": _("Thời gian áp dụng phải nằm trong thời gian hiệu lực của văn bản (%(period)s).")
             % {"period": period_text(regulation.valid_from, regulation.valid_to)}}
        )  # fmt: skip
    codes = set(Award.objects.values_list("code", flat=True))
    errors = prerequisites.validate(values.get("prerequisites", []), codes)
    if errors:
        raise ValidationError({"prerequisites": errors})
    errors = prerequisites.validate_quotas(values.get("quotas", []), codes)
    if errors:
        raise ValidationError({"quotas": errors})
    threshold = values.get("vote_threshold_percent")
    if threshold is not None and not 1 <= threshold <= 100:
        raise ValidationError({"vote_threshold_percent": _("Tỷ lệ phiếu phải từ 1 đến 100.")})
    overlapping = Rule.objects.filter(
        regulation__federation=regulation.federation, award=award, archived_at__isnull=True
    )
    if rule is not None:
        overlapping = overlapping.exclude(pk=rule.pk)
    for other in overlapping:
        if (other.valid_to is None or other.valid_to >= valid_from) and (
            valid_to is None or valid_to >= other.valid_from
        ):
            raise ValidationError(
                {"valid_from": _("Đã có quy định của đơn vị về “%(name)s” áp dụng trong %(period)s.")
                 % {"name": award.name, "period": period_text(other.valid_from, other.valid_to)}}
            )  # fmt: skip
    _check_stricter(values)


def _check_stricter(values: dict[str, Any]) -> None:
    """A federation may make a quota stricter, never looser, than what the State and the confederation allow on
    the first day of its rule."""
    inherited = queries.rule_for(values["award"].code, values["valid_from"])
    if inherited is None:
        return
    for quota in values.get("quotas", []):
        for upper in inherited.quotas:
            same = ("percent" in quota and "percent" in upper and quota.get("of") == upper.get("of")) or (
                "count" in quota and "count" in upper and quota.get("per") == upper.get("per")
            )
            key = "percent" if "percent" in quota else "count"
            if same and quota[key] > upper[key]:
                raise ValidationError(
                    {"quotas": _("Khống chế của đơn vị (%(mine)s) không được rộng hơn quy định cấp trên (%(upper)s, %(cite)s).")
                     % {"mine": quota[key], "upper": upper[key], "cite": inherited.citation}}
                )  # fmt: skip


def period_text(start: datetime.date, end: datetime.date | None) -> str:
    if end:
        return f"{dates.format_date(start)} – {dates.format_date(end)}"
    return _("từ %(start)s") % {"start": dates.format_date(start)}


@transaction.atomic
def create_rule(regulation: Regulation, *, by: User | None, **fields) -> Rule:
    """A rule of a federation's regulation: a prize of its own, or a stricter quota, another vote threshold,
    another multiplier … on its subtree only."""
    if regulation.layer != Layer.FEDERATION or regulation.archived_at is not None:
        raise ValidationError(_("Chỉ thêm quy định vào văn bản riêng của LĐLĐ tỉnh, công đoàn ngành."))
    values = {k: v for k, v in fields.items() if k in RULE_EDITABLE}
    values.setdefault("valid_from", regulation.valid_from)
    if "valid_to" not in values:
        values["valid_to"] = regulation.valid_to
    _check_rule(regulation, None, values)
    rule = Rule.objects.create(
        key=_unique_key(Rule, f"{values['award'].code}@{regulation.key}"), regulation=regulation, **values
    )
    audit.record(rule, by=by, action="create")
    return rule


@transaction.atomic
def update_rule(rule: Rule, *, by: User | None, **fields) -> Rule:
    if rule.regulation.layer != Layer.FEDERATION:
        raise ValidationError(_("Quy định của Nhà nước và Tổng Liên đoàn được cập nhật bằng tệp danh mục."))
    if rule.archived_at is not None:
        raise ValidationError(_("Quy định đã lưu trữ, không sửa được."))
    values = {name: getattr(rule, name) for name in RULE_EDITABLE}
    values.update({k: v for k, v in fields.items() if k in RULE_EDITABLE})
    _check_rule(rule.regulation, rule, values)
    before = audit.snapshot(rule)
    for name, value in values.items():
        setattr(rule, name, value)
    rule.save()
    audit.record(rule, by=by, action="update", before=before)
    return rule


@transaction.atomic
def archive_rule(rule: Rule, *, by: User | None) -> Rule:
    if rule.regulation.layer != Layer.FEDERATION:
        raise ValidationError(_("Quy định của Nhà nước và Tổng Liên đoàn được cập nhật bằng tệp danh mục."))
    if rule.archived_at is None:
        before = audit.snapshot(rule, ["archived_at"])
        rule.archived_at = timezone.now()
        rule.save(update_fields=["archived_at", "updated_at"])
        audit.record(
            rule, by=by, action="archive", before=before, after=audit.snapshot(rule, ["archived_at"])
        )
    return rule
