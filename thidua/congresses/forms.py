"""Forms of congresses: they validate input; the views then call one action of ``congresses.actions``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField


class ScheduleForm(BaseForm):
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=1950, max_value=2200)
    term_end = forms.IntegerField(label=_("Nhiệm kỳ đến năm"), min_value=1950, max_value=2200)
    number = forms.IntegerField(label=_("Đại hội lần thứ"), min_value=1, max_value=100, required=False)
    planned_on = VietnameseDateField(label=_("Ngày dự kiến tổ chức"), allow_future=True)


class HeldForm(BaseForm):
    held_on = VietnameseDateField(label=_("Ngày tổ chức Đại hội"))
    delegates = forms.IntegerField(
        label=_("Số đại biểu chính thức"), min_value=1, max_value=5000, required=False
    )
    committee_size = forms.IntegerField(label=_("Số ủy viên Ban Chấp hành khóa mới"), min_value=1, max_value=200,
                                        required=False)  # fmt: skip
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class CancelForm(BaseForm):
    reason = forms.CharField(label=_("Lý do không tổ chức Đại hội"), max_length=500)
