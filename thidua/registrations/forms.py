"""Forms of a federation's own layer: they validate input; the views then call one action."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField

from .models import Award, AwardKind, Mark, Recipient, VoteBase


def _date(label, required: bool = False) -> VietnameseDateField:
    return VietnameseDateField(label=label, required=required, allow_future=True)


def _text(label, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class MultiplierField(forms.CharField):
    """A money multiplier typed as "1,5" (or "1.5"), kept as an integer of hundredths (150)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 10}))
        kwargs.setdefault("help_text", _("Hệ số × mức lương cơ sở, ví dụ 0,3 hoặc 1,5."))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError(_("Nhập hệ số dạng số, ví dụ 1,5."), code="invalid") from exc
        hundredths = number * 100
        if number < 0 or hundredths != hundredths.to_integral_value():
            raise forms.ValidationError(_("Hệ số không âm, nhiều nhất hai chữ số thập phân."), code="invalid")
        return int(hundredths)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{Decimal(value) / 100:f}".rstrip("0").rstrip(".").replace(".", ",")
        return value


class JSONListField(forms.CharField):
    """A list of structured items typed as JSON (prerequisites, quotas)."""

    widget = forms.Textarea(attrs={"rows": 3, "class": "form-control font-monospace"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return []
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Không đọc được JSON (dòng %(line)s, cột %(col)s).")
                % {"line": exc.lineno, "col": exc.colno}
            ) from exc
        if not isinstance(data, list):
            raise forms.ValidationError(_("Nhập một danh sách JSON, ví dụ [] hoặc [{…}]."))
        return data

    def prepare_value(self, value):
        if isinstance(value, list):
            return json.dumps(value, ensure_ascii=False) if value else ""
        return value


class RegulationForm(BaseForm):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    name = forms.CharField(label=_("Tên, trích yếu"), max_length=500)
    issued_on = _date(_("Ngày ban hành"))
    valid_from = _date(_("Hiệu lực từ ngày"), required=True)
    valid_to = _date(_("Hiệu lực đến hết ngày"))
    citation = forms.CharField(label=_("Cách trích dẫn"), max_length=300, required=False,
                               help_text=_("Ví dụ: Quyết định 115/QĐ-LĐLĐ ngày 09/10/2018"))  # fmt: skip
    mark = forms.ChoiceField(label=_("Mức xác minh"), choices=Mark.choices, initial=Mark.VERIFIED)
    source = _text(_("Nguồn"), rows=2)
    note = _text(_("Ghi chú"), rows=2)


class AwardForm(BaseForm):
    code = forms.SlugField(
        label=_("Mã"),
        max_length=60,
        help_text=_("Chữ thường không dấu, gạch nối; ví dụ giai-thuong-ldld-ben-tre."),
    )
    name = forms.CharField(label=_("Tên"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại"), choices=AwardKind.choices, initial=AwardKind.FORM)
    recipient = forms.ChoiceField(label=_("Đối tượng"), choices=Recipient.choices, initial=Recipient.BOTH)
    note = _text(_("Ghi chú"), rows=2)


class RuleForm(BaseForm):
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.none())
    valid_from = _date(_("Áp dụng từ ngày"), required=True)
    valid_to = _date(_("Áp dụng đến hết ngày"))
    name = forms.CharField(label=_("Tên gọi trong văn bản này"), max_length=300, required=False)
    who_for = _text(_("Đối tượng"), rows=2)
    conferred_by = forms.CharField(label=_("Cấp quyết định tặng"), max_length=300, required=False)
    proposed_by = forms.CharField(label=_("Cấp đề nghị"), max_length=300, required=False)
    criteria = _text(_("Tiêu chuẩn"), rows=3)
    prerequisites = JSONListField(label=_("Điều kiện kiểm tra được (JSON)"),
                                  help_text=_('Ví dụ: [{"kind": "award", "award": "cstd-co-so", "years": 2, "consecutive": true}]'))  # fmt: skip
    quotas = JSONListField(label=_("Tỷ lệ, số lượng khống chế (JSON)"),
                           help_text=_('Ví dụ: [{"percent": 10, "of": "lao-dong-tien-tien", "per": "mỗi đơn vị, mỗi năm"}]'))  # fmt: skip
    vote_threshold_percent = forms.IntegerField(label=_("Tỷ lệ phiếu đồng ý tối thiểu (%)"), min_value=1,
                                                max_value=100, required=False)  # fmt: skip
    vote_base = forms.ChoiceField(
        label=_("Tính trên"), choices=[("", "—"), *VoteBase.choices], required=False
    )
    multiplier_individual = MultiplierField(label=_("Hệ số tiền thưởng cá nhân"))
    multiplier_collective = MultiplierField(label=_("Hệ số tiền thưởng tập thể"))
    article = forms.CharField(label=_("Điều"), max_length=40, required=False)
    clause = forms.CharField(label=_("Khoản, điểm"), max_length=60, required=False)
    mark = forms.ChoiceField(label=_("Mức xác minh"), choices=Mark.choices, initial=Mark.VERIFIED)
    source = _text(_("Nguồn"), rows=2)
    note = _text(_("Ghi chú"), rows=2)

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = Award.objects.filter(
            Q(federation__isnull=True) | Q(federation=federation), archived_at__isnull=True
        ).order_by("sort", "code")


class RegistrationUploadForm(BaseForm):
    """A unit's whole emulation registration as a spreadsheet (``emulation_import``)."""

    file = forms.FileField(
        label=_("Tệp Excel đăng ký thi đua"),
        help_text=_(
            "Tệp .xlsx theo mẫu (phần I: tập thể; phần II: cá nhân); tệp .xls cũ và .ods cũng đọc được."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        return upload
