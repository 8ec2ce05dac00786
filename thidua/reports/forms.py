"""The forms of phase reports: a report form for a phase (its indicators, levels, period, due date, narrative
headings) and the level above's late-entry exception. The figures are entered in the grid (``views.entry``), checked
by ``validation``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Level

from .models import Aggregation, Indicator, UnitOfMeasure

LEVEL_CHOICES = [
    (str(level), label) for level, label in Level.choices if level not in ("national", "sub_grassroots")
]


class IndicatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} – {obj.name} ({obj.unit_label})"


class ReportFormForm(BaseForm):
    title = forms.CharField(label=_("Tên mẫu báo cáo"), max_length=300, required=False,
                            help_text=_("Để trống: “Báo cáo kết quả <đợt> – <kế hoạch>”."))  # fmt: skip
    levels = forms.MultipleChoiceField(label=_("Các cấp phải báo cáo"), choices=LEVEL_CHOICES,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip
    period_start = VietnameseDateField(label=_("Số liệu từ ngày"), allow_future=True)
    period_end = VietnameseDateField(label=_("Số liệu đến ngày"), allow_future=True)
    due_on = VietnameseDateField(label=_("Hạn gửi báo cáo"), allow_future=True)
    indicators = IndicatorChoice(label=_("Chỉ tiêu"), queryset=Indicator.objects.none(),
                                 widget=forms.CheckboxSelectMultiple)  # fmt: skip
    required = IndicatorChoice(label=_("Chỉ tiêu bắt buộc"), queryset=Indicator.objects.none(), required=False,
                               widget=forms.CheckboxSelectMultiple)  # fmt: skip
    narrative_headings = forms.CharField(label=_("Các mục của phần đánh giá (mỗi dòng một mục)"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = indicators if indicators is not None else Indicator.objects.none()
        self.fields["indicators"].queryset = queryset  # type: ignore[attr-defined]
        self.fields["required"].queryset = queryset  # type: ignore[attr-defined]
        for name in ("levels", "indicators", "required"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        chosen = {i.pk for i in data.get("indicators") or []}
        if any(i.pk not in chosen for i in data.get("required") or []):
            self.add_error("required", _("Chỉ tiêu bắt buộc phải nằm trong các chỉ tiêu đã chọn."))
        return data

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        headings = [line for line in (data.get("narrative_headings") or "").splitlines() if line.strip()]
        return {
            "title": data.get("title") or "",
            "levels": data["levels"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "due_on": data["due_on"],
            "indicators": list(data["indicators"]),
            "required": {i.code for i in data.get("required") or []},
            "narrative_headings": headings or None,
        }


class LateEntryForm(BaseForm):
    until = VietnameseDateField(label=_("Cho phép nhập đến hết ngày"), allow_future=True)
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class IndicatorLink(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} – {obj.name} ({obj.unit_label})"


class OwnIndicatorForm(BaseForm):
    """A federation's own indicator: what it counts, in what unit, and how it rolls up the tree."""

    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=20,
                           help_text=_("Chữ in hoa không dấu, chữ số, dấu chấm, gạch; ví dụ BT.NHA01."))  # fmt: skip
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=300)
    unit_of_measure = forms.ChoiceField(label=_("Đơn vị tính"), choices=UnitOfMeasure.choices)
    count_word = forms.CharField(
        label=_("Đơn vị đếm (với chỉ tiêu đếm số lượng)"), max_length=40, required=False
    )
    aggregation = forms.ChoiceField(label=_("Cách tổng hợp lên cấp trên"), choices=Aggregation.choices)
    part_of = IndicatorLink(
        label=_("Là một phần của chỉ tiêu"), queryset=Indicator.objects.none(), required=False
    )
    numerator = IndicatorLink(label=_("Tử số (với tỷ lệ)"), queryset=Indicator.objects.none(), required=False)
    denominator = IndicatorLink(
        label=_("Mẫu số (với tỷ lệ)"), queryset=Indicator.objects.none(), required=False
    )
    min_value = forms.IntegerField(label=_("Giá trị nhỏ nhất"), required=False, min_value=0, initial=0)
    max_value = forms.IntegerField(label=_("Giá trị lớn nhất"), required=False, min_value=0)
    allows_approximate = forms.BooleanField(label=_("Cho phép số ước (hơn, gần, khoảng) — chỉ với số tiền"),
                                            required=False)  # fmt: skip
    group = forms.CharField(label=_("Nhóm (phong trào, chủ đề)"), max_length=200, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, usable=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = usable if usable is not None else Indicator.objects.none()
        for name in ("part_of", "numerator", "denominator"):
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("min_value", "max_value"):
            data[name] = Decimal(data[name]) if data.get(name) is not None else None
        return data
