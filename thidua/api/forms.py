from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm


class ApiTokenForm(BaseForm):
    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=100,
        help_text=_("Để nhận ra khóa sau này, ví dụ: “Phần mềm tổng hợp số liệu của Ban CS-PL”."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={"required": _("Hãy đặt tên cho khóa API.")},
    )
