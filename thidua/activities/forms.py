"""The activity form: it validates input; the views then call one action of ``activities.actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Unit
from thidua.plans.models import Movement, Phase, Plan

from .models import ActivityKind
from .permissions import SUBMIT


def units_for_recording(user) -> Any:
    return Unit.objects.visible_to(user, SUBMIT).active().order_by("path")


class PhaseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Phase) -> str:
        return f"{obj.plan.number_display} ({obj.plan.year}) · {obj}"


class MovementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Movement) -> str:
        text = str(obj)
        return f"{obj.plan.number_display} ({obj.plan.year}) · {text[:120]}"


class ActivityForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    start_on = VietnameseDateField(label=_("Từ ngày"), allow_future=True)
    end_on = VietnameseDateField(label=_("Đến ngày"), allow_future=True, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    participants = forms.IntegerField(
        label=_("Số người tham gia"), min_value=0, max_value=1_000_000, initial=0
    )
    women = forms.IntegerField(label=_("Trong đó nữ"), min_value=0, max_value=1_000_000, initial=0)
    phase = PhaseChoice(label=_("Thuộc đợt thi đua"), queryset=Phase.objects.none(), required=False)
    movement = MovementChoice(
        label=_("Thuộc phong trào thi đua"), queryset=Movement.objects.none(), required=False
    )
    description = forms.CharField(label=_("Nội dung, kết quả"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args, user, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is None:
            self.fields["unit"].queryset = units_for_recording(user)
        else:
            del self.fields["unit"]
        plans = Plan.objects.visible_to(user).issued().filter(archived_at__isnull=True)
        self.fields["phase"].queryset = (Phase.objects.filter(plan__in=plans).select_related("plan")
                                         .order_by("-plan__year", "plan__number", "order"))  # fmt: skip
        self.fields["movement"].queryset = (Movement.objects.filter(plan__in=plans).select_related("plan")
                                            .order_by("-plan__year", "plan__number", "order"))  # fmt: skip

    def action_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("unit", None)
        return data


class ArchiveForm(BaseForm):
    reason = forms.CharField(label=_("Lý do lưu trữ"), max_length=500)
