from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm

from .models import Outcome


class OverrideForm(forms.Form):
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
