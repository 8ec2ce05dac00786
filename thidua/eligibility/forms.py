from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField

from .models import DisciplineLevel, ExclusionKind, Outcome, Rating


class OverrideForm(BaseForm):
    outcome = forms.ChoiceField(
        label=_("Kết luận của cán bộ"),
        choices=[
            (Outcome.ELIGIBLE, Outcome.ELIGIBLE.label),
            (Outcome.NOT_ELIGIBLE, Outcome.NOT_ELIGIBLE.label),
        ],
    )
    reason = forms.CharField(label=_("Lý do (ghi vào hồ sơ trình Hội đồng)"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=4000)  # fmt: skip


class UploadForm(BaseForm):
    file = forms.FileField(
        label=_("Tệp Excel"),
        help_text=_("Tệp .xlsx theo mẫu, mỗi dòng một sự việc; tệp .xls cũ và .ods cũng đọc được."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        return upload


class ExclusionForm(BaseForm):
    kind = forms.ChoiceField(label=_("Loại sự việc"), choices=ExclusionKind.choices)
    level = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=[("", "—"), *DisciplineLevel.choices],
                              required=False)  # fmt: skip
    starts_on = VietnameseDateField(label=_("Từ ngày"))
    ends_on = VietnameseDateField(label=_("Đến hết ngày"), required=False)
    days = forms.IntegerField(
        label=_("Số ngày làm việc (nghỉ việc)"), required=False, min_value=1, max_value=366
    )
    source = forms.CharField(label=_("Căn cứ (quyết định, văn bản)"), max_length=300)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class RatingForm(BaseForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2200)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    source = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)
