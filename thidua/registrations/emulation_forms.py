"""The forms of emulation registration: opening (the unit, the year and the window: a plan for the year or one of
its phases), the rows (the collective's titles and targets per movement, the people with the title each aims for),
the level above's consent to a late registration and a federation's deadline."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Person, Sector, Unit

from .models import Award


class OpenForm(BaseForm):
    """Open a registration: the unit, the year, and one of the windows open for that unit (``windows`` are
    ``(value, label, open)`` from ``queries.windows``)."""

    unit = forms.ModelChoiceField(label=_("Đơn vị đăng ký"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    window = forms.ChoiceField(label=_("Đăng ký theo"), choices=(), widget=forms.RadioSelect, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, windows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        self.windows = list(windows)
        self.fields["window"].choices = [(value, label) for value, label, _open in self.windows]
        if self.windows:
            self.fields["window"].required = True

    def clean_window(self):
        value = self.cleaned_data.get("window", "")
        if value and not any(v == value and is_open for v, _label, is_open in self.windows):
            raise forms.ValidationError(_("Cửa sổ đăng ký này không mở cho đơn vị vào lúc này."))
        return value


class TargetForm(BaseForm):
    """One title the unit aims for as a collective, for a movement of the plan or for the whole plan."""

    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.none())
    movement = forms.ChoiceField(label=_("Phong trào"), required=False, choices=())
    targets = forms.CharField(label=_("Chỉ tiêu, nội dung đăng ký"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, awards=(), movements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = Award.objects.filter(pk__in=[a.pk for a in awards]).order_by("sort")  # type: ignore[attr-defined]
        self.movements = {str(m.pk): m for m in movements}
        self.fields["movement"].choices = [("", _("Chung cho cả kế hoạch"))] + [(str(m.pk), str(m)[:120])
                                                                               for m in movements]  # fmt: skip

    def row(self) -> dict:
        data = self.cleaned_data
        return {"award": data["award"], "movement": self.movements.get(data.get("movement") or ""),
                "targets": data.get("targets", "")}  # fmt: skip


class PersonForm(BaseForm):
    """One person of the unit and the title they aim for (the person chosen through the search picker)."""

    person = forms.ModelChoiceField(label=_("Người đăng ký"), queryset=Person.objects.none(),
                                    widget=forms.HiddenInput)  # fmt: skip
    award = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=Award.objects.none())
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=200)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, awards=(), unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = Award.objects.filter(pk__in=[a.pk for a in awards]).order_by("sort")  # type: ignore[attr-defined]
        if unit is not None:
            self.fields["person"].queryset = Person.objects.active().filter(  # type: ignore[attr-defined]
                unit__path__startswith=unit.path
            )
        self.chosen = None
        if self.is_bound:
            raw = self.data.get(self.add_prefix("person"), "")
            if str(raw).isdigit():
                self.chosen = self.fields["person"].queryset.filter(pk=int(raw)).first()  # type: ignore[attr-defined]
        elif self.initial.get("person"):
            self.chosen = self.initial["person"]
            self.initial["person"] = self.chosen.pk

    def row(self) -> dict:
        data = self.cleaned_data
        return {"person": data["person"], "award": data["award"], "position": data.get("position", ""),
                "note": data.get("note", "")}  # fmt: skip


def target_formset(*, data=None, initial=None, awards=(), movements=()):
    formset_class = forms.formset_factory(TargetForm, extra=0 if initial else 1, can_delete=True)
    return formset_class(data=data, initial=initial, prefix="targets",
                         form_kwargs={"awards": awards, "movements": movements})  # fmt: skip


def person_formset(*, data=None, initial=None, awards=(), unit=None):
    formset_class = forms.formset_factory(PersonForm, extra=0 if initial else 1, can_delete=True)
    return formset_class(
        data=data, initial=initial, prefix="people", form_kwargs={"awards": awards, "unit": unit}
    )


def formset_rows(formset) -> list[dict]:
    """The rows of a valid formset, in order, without those marked for deletion or left empty."""
    return [
        form.row()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("award")
    ]


class RegistrationForm(BaseForm):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AmendForm(BaseForm):
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class LateConsentForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị được đăng ký muộn"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    until = VietnameseDateField(label=_("Được đăng ký đến hết ngày"), allow_future=True)
    reason = forms.CharField(label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]


class DeadlineForm(BaseForm):
    federation = forms.ModelChoiceField(label=_("LĐLĐ tỉnh, công đoàn ngành"), queryset=Unit.objects.none())
    sector = forms.ChoiceField(label=_("Khu vực, loại hình"), required=False,
                               choices=[("", _("Mọi khu vực chưa có hạn riêng")), *Sector.choices])  # fmt: skip
    day = forms.IntegerField(label=_("Ngày"), min_value=1, max_value=31)
    month = forms.IntegerField(label=_("Tháng"), min_value=1, max_value=12)
    by_school_year = forms.BooleanField(label=_("Đăng ký theo năm học"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args, federations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["federation"].queryset = federations if federations is not None else Unit.objects.none()  # type: ignore[attr-defined]


def this_year() -> int:
    return timezone.localdate().year


def default_until() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)
