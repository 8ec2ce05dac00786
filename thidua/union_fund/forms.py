"""Forms of the fund: they validate input; the views then call one action of ``union_fund.actions``."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs import localities
from thidua.orgs.models import Level, Unit

from .models import GrantKind
from .permissions import SUBMIT


class MoneyField(forms.CharField):
    """An amount in đồng typed as "1.500.000", "1 500 000" or "1500000"; kept as an integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20}))
        kwargs.setdefault("help_text", _("Số đồng, ví dụ 50.000.000."))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        digits = re.sub(r"[.\s\u00a0,]|đồng|đ$", "", text, flags=re.IGNORECASE)
        if not digits.isdigit():
            raise forms.ValidationError(_("Nhập số đồng, chỉ gồm chữ số, ví dụ 50.000.000."), code="invalid")
        return int(digits)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


def fund_units(user) -> Any:
    """The active units whose fund book the user keeps, in tree order."""
    return Unit.objects.visible_to(user, SUBMIT).active().order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth - 2, 0)}{obj.name}"


class _KeeperForm(BaseForm):
    unit = UnitChoiceField(label=_("Sổ quỹ của đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args, user, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = fund_units(user)
        if unit is not None:
            del self.fields["unit"]


class ContributionForm(_KeeperForm):
    entry_date = VietnameseDateField(label=_("Ngày ủng hộ"))
    amount = MoneyField(label=_("Số tiền (đồng)"))
    contributor_unit = UnitChoiceField(label=_("Đơn vị ủng hộ"), queryset=Unit.objects.none(), required=False,
                                       help_text=_("Chọn khi đơn vị trong hệ thống ủng hộ."))  # fmt: skip
    contributor_name = forms.CharField(label=_("Hoặc người, cơ quan ủng hộ"), max_length=300, required=False)
    receipt_number = forms.CharField(label=_("Số biên lai, phiếu thu"), max_length=60)
    note = forms.CharField(label=_("Nội dung"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["contributor_unit"].queryset = (
            Unit.objects.visible_to(user).active().exclude(level=Level.SUB_GRASSROOTS).order_by("path")
        )

    def action_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("entry_date", "amount", "contributor_unit", "contributor_name",
                                     "receipt_number", "note")}  # fmt: skip


class _PlaceMixin:
    fields: dict[str, forms.Field]

    def _set_places(self, chosen: str) -> None:
        self.fields["province_code"].choices = [
            ("", _("— Chọn tỉnh, thành phố —")),
            *localities.province_choices(),
        ]
        self.fields["province_code"].widget.attrs.update({
            "hx-get": reverse_lazy("orgs:ward-options"), "hx-target": "#id_ward_code", "hx-trigger": "change",
            "hx-swap": "innerHTML",
        })  # fmt: skip
        self.fields["ward_code"].choices = [("", _("— Chọn xã, phường —")), *localities.ward_choices(chosen)]


class GrantForm(_PlaceMixin, _KeeperForm):
    kind = forms.ChoiceField(label=_("Hình thức hỗ trợ"), choices=GrantKind.choices)
    beneficiary_name = forms.CharField(label=_("Họ và tên người được hỗ trợ"), max_length=200)
    beneficiary_unit = UnitChoiceField(label=_("Công đoàn cơ sở của người được hỗ trợ"), required=False,
                                       queryset=Unit.objects.none())  # fmt: skip
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    ward_code = forms.ChoiceField(label=_("Xã, phường"), required=False)
    address = forms.CharField(label=_("Ấp, khu phố, số nhà"), max_length=300, required=False)
    circumstances = forms.CharField(
        label=_("Hoàn cảnh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approval_number = forms.CharField(label=_("Số quyết định hỗ trợ"), max_length=60,
                                      help_text=_("Ví dụ: 45/QĐ-LĐLĐ"))  # fmt: skip
    approved_on = VietnameseDateField(label=_("Ngày quyết định"))
    amount = MoneyField(label=_("Số tiền hỗ trợ (đồng)"))
    paid_on = VietnameseDateField(label=_("Ngày chi"), required=False,
                                  help_text=_("Để trống: ngày quyết định."))  # fmt: skip
    handed_over_on = VietnameseDateField(label=_("Ngày bàn giao nhà"), required=False)

    def __init__(self, *args, user, default_province: str = "", **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["beneficiary_unit"].queryset = (
            Unit.objects.visible_to(user).active().filter(level=Level.GRASSROOTS).order_by("path")
        )
        chosen = (
            self.data.get("province_code") if self.is_bound else self.initial.get("province_code")
        ) or ""
        if not self.is_bound and not chosen and default_province:
            self.initial["province_code"] = chosen = default_province
        self._set_places(chosen)

    def action_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("unit", None)
        unit = data.pop("beneficiary_unit", None)
        data["beneficiary_unit_id"] = unit.pk if unit else None
        return data


class GrantDetailsForm(_PlaceMixin, BaseForm):
    kind = forms.ChoiceField(label=_("Hình thức hỗ trợ"), choices=GrantKind.choices)
    beneficiary_name = forms.CharField(label=_("Họ và tên người được hỗ trợ"), max_length=200)
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    ward_code = forms.ChoiceField(label=_("Xã, phường"), required=False)
    address = forms.CharField(label=_("Ấp, khu phố, số nhà"), max_length=300, required=False)
    circumstances = forms.CharField(
        label=_("Hoàn cảnh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approval_number = forms.CharField(label=_("Số quyết định hỗ trợ"), max_length=60)
    approved_on = VietnameseDateField(label=_("Ngày quyết định"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = (
            self.data.get("province_code") if self.is_bound else self.initial.get("province_code")
        ) or ""
        self._set_places(chosen)


class HandoverForm(BaseForm):
    handed_over_on = VietnameseDateField(label=_("Ngày bàn giao"))


class CorrectionForm(BaseForm):
    amount = MoneyField(label=_("Số tiền đúng (đồng)"), help_text=_("Ghi 0 để hủy bút toán."))
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=500)


class ArchiveForm(BaseForm):
    reason = forms.CharField(label=_("Lý do lưu trữ"), max_length=500)
