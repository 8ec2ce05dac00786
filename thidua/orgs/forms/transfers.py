"""Forms of transfer requests between branches: ask to take a person over, and decide on a request."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm
from thidua.core.text import nfc

from ..models import Unit

_NATIONAL_ID = re.compile(r"^[0-9]{9}([0-9]{3})?$")
DECISION_ACCEPT = "accept"
DECISION_REFUSE = "refuse"


class TransferRequestForm(BaseForm):
    """The asking union names the person by national ID and full name (both must match the record)."""

    to_unit = forms.ModelChoiceField(
        label=_("Công đoàn cơ sở tiếp nhận"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn công đoàn cơ sở —"),
        error_messages={"invalid_choice": _("Chọn một công đoàn cơ sở trong danh sách bạn được quản lý.")},
    )
    national_id = forms.CharField(
        label=_("Số CCCD của người lao động"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, help_text=_("Ghi đúng như trên căn cước công dân.")
    )

    field_order = ["to_unit", "national_id", "full_name"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_national_id(self) -> str:
        value = re.sub(r"[\s.]", "", self.cleaned_data.get("national_id") or "")
        if not _NATIONAL_ID.match(value):
            raise forms.ValidationError(_("Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số nếu là CMND cũ)."))
        return value

    def clean_full_name(self) -> str:
        return nfc(self.cleaned_data["full_name"])


class TransferDecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(DECISION_ACCEPT, _("Chấp nhận chuyển sinh hoạt")), (DECISION_REFUSE, _("Từ chối"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do từ chối"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == DECISION_REFUSE and not nfc(cleaned.get("reason")):
            self.add_error("reason", _("Ghi lý do từ chối để công đoàn đề nghị được biết."))
        return cleaned
