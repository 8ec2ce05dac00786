"""The upload form of the topics' and works' imports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm


class WorksUploadForm(BaseForm):
    file = forms.FileField(
        label=_("Tệp Excel"),
        help_text=_("Tệp .xlsx theo mẫu, mỗi dòng một bản ghi; tệp .xls cũ và .ods cũng đọc được."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        return upload
