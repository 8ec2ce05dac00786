"""Forms for units: founding, editing the facts, and the dated restructurings (rename, move, merge, dissolve),
plus archiving a unit entered by mistake."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.text import nfc

from ..models import Level, Sector, Unit

_UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
GRASSROOTS_LEVELS = (Level.GRASSROOTS, Level.SUB_GRASSROOTS)


class _DecisionFields(forms.Form):
    """The effective date and the decision of a restructuring."""

    effective_on = VietnameseDateField(
        label=_("Ngày hiệu lực"),
        allow_future=True,
        help_text=_("Ngày quyết định có hiệu lực, dạng dd/mm/yyyy."),
    )
    decision = forms.CharField(
        label=_("Quyết định số"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125/QĐ-LĐLĐ")}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_decision(self) -> str:
        return nfc(self.cleaned_data.get("decision"))

    def clean_note(self) -> str:
        return nfc(self.cleaned_data.get("note"))

    def decision_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("effective_on", "decision", "note")}


class UnitFactsForm(BaseForm):
    """A unit's facts without a history of their own: sector, locality, address, workforce, founding date."""

    sector = forms.ChoiceField(label=_("Khu vực, loại hình"), required=False,
                               choices=[("", _("— Chọn khu vực, loại hình —")), *Sector.choices])  # fmt: skip
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    ward_code = forms.ChoiceField(label=_("Xã, phường"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    workforce_size = forms.IntegerField(
        label=_("Số lao động"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "invalid": _("Số lao động phải là một số nguyên."),
            "min_value": _("Số lao động không được âm."),
            "max_value": _("Số lao động không quá 1.000.000."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    founded_on = VietnameseDateField(label=_("Ngày thành lập"), required=False)

    def __init__(self, *args, level: str | None = None, **kwargs):
        from .. import localities

        super().__init__(*args, **kwargs)
        self.level = level
        current = self.initial.get("province_code") or ""
        provinces = localities.province_choices()
        if current and current not in dict(provinces):
            provinces = [(current, localities.province_name(current) or current), *provinces]
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh, thành phố —")), *provinces]
        chosen = (self.data.get(self.add_prefix("province_code")) if self.is_bound else current) or ""
        wards = list(localities.ward_choices(chosen))
        ward = self.initial.get("ward_code") or ""
        if ward and ward not in dict(wards) and chosen == current:
            wards = [(ward, localities.ward_name(current, ward) or ward), *wards]
        self.fields["ward_code"].choices = [("", _("— Chọn xã, phường —")), *wards]
        for name, label in (("province_code", _("Tỉnh, thành phố")), ("ward_code", _("Xã, phường"))):
            self.fields[name].error_messages["invalid_choice"] = _("“%(field)s” không có trong danh mục.") % {
                "field": label
            }
        self.fields["sector"].error_messages["invalid_choice"] = _("Khu vực, loại hình không hợp lệ.")

    def clean_address(self) -> str:
        return nfc(self.cleaned_data.get("address"))

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level") or self.level
        if level in GRASSROOTS_LEVELS:
            if "sector" in cleaned and not cleaned.get("sector"):
                self.add_error("sector", _("Chưa chọn “Khu vực, loại hình” của công đoàn cơ sở."))
        elif level:
            cleaned["sector"] = ""
        if cleaned.get("ward_code") and not cleaned.get("province_code"):
            self.add_error("ward_code", _("Chọn tỉnh, thành phố trước khi chọn xã, phường."))
        return cleaned

    def facts(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("sector", "province_code", "ward_code", "address",
                                                           "workforce_size", "founded_on")}  # fmt: skip


class _UnitCodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Mã đơn vị"), max_length=40, help_text=_("Chữ, số và các dấu . _ / -, ví dụ BT-CT."),
                         **kwargs)  # fmt: skip


def _clean_code(value: str, unit: Unit | None) -> str:
    code = nfc(value)
    if not _UNIT_CODE.match(code):
        raise forms.ValidationError(
            _("Mã đơn vị chỉ gồm chữ không dấu, số và các dấu . _ / - (không có khoảng trắng).")
        )
    others = Unit.objects.filter(code=code)
    if unit is not None:
        others = others.exclude(pk=unit.pk)
    if others.exists():
        raise forms.ValidationError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code})
    return code


class UnitCreateForm(UnitFactsForm):
    """Found a unit under a parent."""

    code = _UnitCodeField()
    name = forms.CharField(label=_("Tên đơn vị"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Cấp"))
    decision = forms.CharField(label=_("Quyết định thành lập số"), required=False, max_length=100)

    field_order = ["code", "name", "short_name", "level", "sector", "founded_on", "decision", "province_code",
                   "ward_code", "address", "workforce_size"]  # fmt: skip

    def __init__(self, *args, parent: Unit, **kwargs):
        from ..actions import LEVEL_RANK

        self.parent = parent
        super().__init__(*args, **kwargs)
        rank = LEVEL_RANK[Level(parent.level)]
        self.fields["level"].choices = [("", _("— Chọn cấp —"))] + [
            (value, label) for value, label in Level.choices if LEVEL_RANK[Level(value)] > rank
        ]
        self.fields["level"].error_messages["invalid_choice"] = _(
            "Cấp này không thể trực thuộc “%(parent)s”."
        ) % {"parent": parent.name}
        self.fields["founded_on"].required = True
        self.fields["founded_on"].error_messages["required"] = _("Chưa nhập “Ngày thành lập”.")

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"], None)

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])

    def clean_short_name(self) -> str:
        return nfc(self.cleaned_data.get("short_name"))

    def clean_decision(self) -> str:
        return nfc(self.cleaned_data.get("decision"))

    def clean_founded_on(self):
        day = self.cleaned_data.get("founded_on")
        if day and self.parent.founded_on and day < self.parent.founded_on:
            raise forms.ValidationError(
                _("Ngày thành lập không thể trước ngày thành lập của đơn vị cấp trên (%(date)s).")
                % {"date": format_date(self.parent.founded_on)}
            )
        return day


class UnitUpdateForm(UnitFactsForm):
    """Edit a unit's code and facts (names change through a dated rename)."""

    code = _UnitCodeField()

    field_order = ["code", "sector", "founded_on", "province_code", "ward_code", "address", "workforce_size"]

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        kwargs.setdefault("initial", {name: getattr(unit, name) for name in ("code", "sector", "province_code",
                                                                              "ward_code", "address",
                                                                              "workforce_size", "founded_on")})  # fmt: skip
        super().__init__(*args, level=unit.level, **kwargs)
        if unit.level not in GRASSROOTS_LEVELS:
            del self.fields["sector"]

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"], self.unit)

    def clean_founded_on(self):
        day = self.cleaned_data.get("founded_on")
        if day and self.unit.dissolved_on and day > self.unit.dissolved_on:
            raise forms.ValidationError(
                _("Ngày thành lập không thể sau ngày giải thể (%(date)s).")
                % {"date": format_date(self.unit.dissolved_on)}
            )
        return day

    def facts(self) -> dict:
        """Only what changed, so the audit trail records the edit and nothing else."""
        values = {"code": self.cleaned_data["code"], **super().facts()}
        return {name: value for name, value in values.items() if getattr(self.unit, name) != value}


class UnitRenameForm(BaseForm, _DecisionFields):
    name = forms.CharField(label=_("Tên mới"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), required=False, max_length=100)

    field_order = ["name", "short_name", "effective_on", "decision", "note"]

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        kwargs.setdefault("initial", {"name": unit.name, "short_name": unit.short_name})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        name, short = nfc(cleaned.get("name")), nfc(cleaned.get("short_name"))
        if name:
            cleaned["name"], cleaned["short_name"] = name, short
            if name == self.unit.name and short == self.unit.short_name:
                self.add_error("name", _("Tên mới trùng với tên hiện tại."))
        return cleaned


class _UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class UnitMoveForm(BaseForm, _DecisionFields):
    new_parent = _UnitChoiceField(label=_("Đơn vị cấp trên mới"), queryset=Unit.objects.none(),
                                  widget=forms.RadioSelect)  # fmt: skip

    field_order = ["new_parent", "effective_on", "decision", "note"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = candidates
        self.fields["new_parent"].error_messages["invalid_choice"] = _(
            "Không thể chuyển về đơn vị đã chọn: hãy tìm và chọn một đơn vị cấp trên trong danh sách."
        )


MERGE_INTO_THIS = "into_this"
MERGE_INTO_OTHER = "into_other"


class UnitMergeForm(BaseForm, _DecisionFields):
    direction = forms.ChoiceField(
        label=_("Hình thức"),
        widget=forms.RadioSelect,
        initial=MERGE_INTO_THIS,
        choices=[
            (MERGE_INTO_THIS, _("Sáp nhập các đơn vị khác vào đơn vị này")),
            (MERGE_INTO_OTHER, _("Sáp nhập đơn vị này vào một đơn vị khác")),
        ],  # fmt: skip
    )
    sources = forms.ModelMultipleChoiceField(label=_("Các đơn vị sáp nhập vào"), required=False,
                                             queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)  # fmt: skip
    target = _UnitChoiceField(label=_("Đơn vị tiếp nhận"), required=False, queryset=Unit.objects.none(),
                              widget=forms.RadioSelect)  # fmt: skip

    field_order = ["direction", "sources", "target", "effective_on", "decision", "note"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = candidates
        self.fields["target"].queryset = candidates
        invalid = _(
            "Đơn vị đã chọn không thể sáp nhập: chỉ chọn đơn vị cùng cấp, đang hoạt động, do bạn quản lý."
        )
        self.fields["target"].error_messages["invalid_choice"] = invalid
        self.fields["sources"].error_messages["invalid_choice"] = invalid
        self.fields["sources"].error_messages["invalid_pk_value"] = invalid

    def clean(self):
        cleaned = super().clean()
        direction = cleaned.get("direction")
        if direction == MERGE_INTO_THIS and not cleaned.get("sources") and "sources" not in self.errors:
            self.add_error("sources", _("Chưa chọn đơn vị nào để sáp nhập vào đơn vị này."))
        if direction == MERGE_INTO_OTHER and not cleaned.get("target") and "target" not in self.errors:
            self.add_error("target", _("Chưa chọn “Đơn vị tiếp nhận”."))
        return cleaned


class UnitDissolveForm(BaseForm, _DecisionFields):
    pass


class UnitArchiveForm(BaseForm):
    note = forms.CharField(
        label=_("Lý do lưu trữ"),
        max_length=500,
        help_text=_("Lưu trữ dành cho đơn vị nhập nhầm hoặc trùng; đơn vị giải thể thì dùng “Giải thể”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_note(self) -> str:
        return nfc(self.cleaned_data["note"])
