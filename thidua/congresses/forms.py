"""Forms of congresses: they validate input; the views then call one action of ``congresses.actions``."""

from __future__ import annotations

import datetime

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


class BatchFilterForm(BaseForm):
    """Which grassroots unions the batch schedule covers (read from the query string) and the range their dates
    are spread over."""

    term_start = forms.IntegerField(label=_("Nhiệm kỳ mới từ năm"), min_value=1950, max_value=2200)
    term_end = forms.IntegerField(label=_("Nhiệm kỳ mới đến năm"), min_value=1950, max_value=2200)
    ending = forms.IntegerField(label=_("Nhiệm kỳ trước kết thúc năm"), min_value=1950, max_value=2200,
                                required=False)  # fmt: skip
    pending = forms.BooleanField(label=_("Chỉ đơn vị chưa được xếp lịch"), required=False)
    date_from = VietnameseDateField(label=_("Tổ chức từ ngày"), allow_future=True, required=False)
    date_to = VietnameseDateField(label=_("Đến ngày"), allow_future=True, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu."))
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("“Đến ngày” phải từ “Tổ chức từ ngày” trở đi."))
        return data


def spread_dates(
    count: int, first: datetime.date | None, last: datetime.date | None
) -> list[datetime.date | None]:
    """``count`` dates spread evenly from ``first`` to ``last`` (all ``first`` when no end; none without a range)."""
    if first is None:
        return [None] * count
    last = last or first
    span = (last - first).days
    step = span / (count - 1) if count > 1 else 0
    return [first + datetime.timedelta(days=round(i * step)) for i in range(count)]
