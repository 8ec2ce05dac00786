"""The upload form of the import page."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm

ACCEPTED = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_BYTES = 50 * 1024 * 1024
KIND_CHOICES = [("people", _("Người lao động, đoàn viên")), ("units", _("Đơn vị (tổ chức công đoàn)"))]


class ImportUploadForm(BaseForm):
    kind = forms.ChoiceField(
        label=_("Nhập danh sách"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    file = forms.FileField(
        label=_("Tệp Excel"),
        help_text=_("Tệp .xlsx (Excel 2007 trở đi); tệp .xls cũ và .ods cũng đọc được. Tối đa 50 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)  # declared above
        kind.choices = [(k, label) for k, label in KIND_CHOICES if k in kinds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED:
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 50 MB; hãy chia thành nhiều tệp nhỏ hơn."))
        return upload
