"""The indicator catalog's actions: reload the shipped file (idempotent, audited); a federation's own indicators
(added, optionally to a draft form it publishes; archived)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import nfc
from thidua.orgs.models import Unit

from .. import loading
from ..models import Aggregation, Indicator, IndicatorMark, ReportForm, UnitOfMeasure
from ..permissions import can_manage_indicators

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def load_indicators(
    data: dict[str, Any] | None = None, *, by: User | None = None, path: Path | str | None = None
) -> dict[str, list] | None:
    """Bring the default catalog in line with the data file (``data`` or the file at ``path``, by default the
    shipped one). A second load of the same file changes nothing and returns None; otherwise every indicator added,
    changed or archived is audited and the summary returned. Raises ``loading.IndicatorCatalogError`` (nothing
    changed) when the file is not valid."""
    if data is None:
        data, _digest = loading.read_indicators(path)
    summary = loading.apply_indicators(data)
    if not any(summary.values()):
        return None
    note = _("Nạp danh mục chỉ tiêu %(version)s") % {"version": data.get("version", "")}
    for verb, key in (("create", "added"), ("update", "changed"), ("archive", "archived")):
        rows = [(item["pk"], item["key"], item["changes"]) for item in summary[key]]
        if rows:
            audit.record_rows(Indicator, rows, by=by, action=verb, note=note)
    return summary


OWN_FIELDS = ["code", "name", "unit_of_measure", "count_word", "aggregation", "numerator_id", "denominator_id",
              "part_of_id", "min_value", "max_value", "group", "allows_approximate", "note", "owner_id",
              "archived_at"]  # fmt: skip
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,19}$")


def _check_own(values: dict[str, Any], owner: Unit) -> dict[str, str]:
    """The rules of the shipped catalog (``loading.check_indicators``), for one indicator a federation adds."""
    errors: dict[str, str] = {}
    unit, aggregation = values["unit_of_measure"], values["aggregation"]
    numerator, denominator, part_of = (
        values.get("numerator"),
        values.get("denominator"),
        values.get("part_of"),
    )
    usable = Indicator.objects.current().for_unit(owner)
    for name, other in (("numerator", numerator), ("denominator", denominator), ("part_of", part_of)):
        if other is not None and not usable.filter(pk=other.pk).exists():
            errors[name] = _("Chỉ tiêu %(code)s không dùng được ở đơn vị này.") % {"code": other.code}
    is_ratio = aggregation == Aggregation.RATIO
    if is_ratio and (numerator is None or denominator is None):
        errors["numerator"] = _("Tỷ lệ cần tử số và mẫu số.")
    if not is_ratio and (numerator is not None or denominator is not None):
        errors["numerator"] = _("Chỉ tỷ lệ mới có tử số, mẫu số.")
    for name, other in (("numerator", numerator), ("denominator", denominator)):
        if other is not None and other.aggregation in (Aggregation.RATIO, Aggregation.NONE):
            errors[name] = _("Tử số, mẫu số phải là số liệu nhập được.")
    if unit == UnitOfMeasure.PERCENT and not is_ratio:
        errors["aggregation"] = _(
            "Chỉ tiêu phần trăm phải tính lại từ tử số và mẫu số (cách tổng hợp: tỷ lệ)."
        )
    if (unit == UnitOfMeasure.TEXT) != (aggregation == Aggregation.NONE):
        errors["aggregation"] = _("Chỉ tiêu ghi bằng lời thì không tổng hợp, và chỉ nó.")
    if unit == UnitOfMeasure.COUNT and not values.get("count_word"):
        errors["count_word"] = _("Chỉ tiêu đếm số lượng cần đơn vị đếm (căn, cuộc, sáng kiến…).")
    if values.get("allows_approximate") and unit != UnitOfMeasure.MONEY:
        errors["allows_approximate"] = _("Chỉ số tiền (đồng) mới được ghi số ước.")
    if part_of is not None and part_of.unit_of_measure != unit:
        errors["part_of"] = _("Phần và tổng (%(code)s) phải cùng đơn vị tính.") % {"code": part_of.code}
    low, high = values.get("min_value"), values.get("max_value")
    if low is not None and high is not None and high < low:
        errors["max_value"] = _("Giá trị lớn nhất nhỏ hơn giá trị nhỏ nhất.")
    return errors


@transaction.atomic
def create_own_indicator(
    owner: Unit, *, by: User | None, form: ReportForm | None = None, **values: Any
) -> Indicator:
    """A federation's own indicator (chỉ tiêu riêng), offered to its subtree beside the confederation's catalog;
    with ``form`` (a draft the federation publishes) it is added to the form too. Checked like the shipped catalog
    (a ratio's terms, a part's unit, text never aggregated); its code is unique across all owners."""
    if by is not None and not can_manage_indicators(by, owner):
        raise PermissionDenied
    code = "".join(str(values.get("code") or "").split()).upper()
    values["code"] = code
    values["name"] = " ".join(nfc(str(values.get("name") or "")).split())
    errors = _check_own(values, owner)
    if not _CODE.match(code):
        errors["code"] = _("Mã chỉ tiêu gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch: tối đa 20 ký tự.")
    elif Indicator.objects.filter(code=code).exists():
        errors["code"] = _("Mã “%(code)s” đã có trong danh mục.") % {"code": code}
    if not values["name"]:
        errors["name"] = _("Cần nêu tên chỉ tiêu.")
    if form is not None and (form.phase.plan.issuer_id != owner.pk or not form.is_editable):
        errors["form"] = _("Chỉ thêm được chỉ tiêu vào mẫu báo cáo đang soạn của chính đơn vị.")
    if errors:
        raise ValidationError(errors)
    last = Indicator.objects.filter(owner=owner).order_by("-order").values_list("order", flat=True).first()
    indicator = Indicator.objects.create(owner=owner, order=(last or 10000) + 10, mark=IndicatorMark.SEEN,
                                         source=_("Chỉ tiêu riêng của %(unit)s") % {"unit": owner.name},
                                         **values)  # fmt: skip
    audit.record(indicator, by=by, action="create", after=audit.snapshot(indicator, OWN_FIELDS))
    if form is not None:
        from .forms import update_form

        rows = list(form.form_indicators.select_related("indicator").order_by("order", "id"))
        update_form(form, by=by, indicators=[r.indicator for r in rows] + [indicator],
                    required={r.indicator.code for r in rows if r.required})  # fmt: skip
    return indicator


@transaction.atomic
def archive_own_indicator(indicator: Indicator, *, by: User | None) -> Indicator:
    """Stop offering a federation's own indicator (archived, never deleted: published forms keep it)."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.owner_id is None:
        raise ValidationError(_("Chỉ tiêu của danh mục chung không lưu trữ ở đây."))
    if by is not None and not can_manage_indicators(by, indicator.owner):
        raise PermissionDenied
    if indicator.archived_at is None:
        before = audit.snapshot(indicator, OWN_FIELDS)
        indicator.archived_at = timezone.now()
        indicator.save(update_fields=["archived_at", "updated_at"])
        audit.record(
            indicator, by=by, action="archive", before=before, after=audit.snapshot(indicator, OWN_FIELDS)
        )
    return indicator
