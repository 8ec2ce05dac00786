"""Forms of the exemplars: they validate input; the views then call one action of ``exemplars.actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Movement
from thidua.rewards.models import Decision

from .models import ExemplarKind


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth - 2, 0)}{obj.name}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} – {obj.unit.name}" if obj.unit else obj.full_name


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Movement) -> str:
        return f"{obj} ({obj.plan.year})"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{obj.reference} – {obj.title}"


def _line(unit: Unit) -> list[str]:
    """The paths of the unit and of the units above it."""
    return [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]


class ExemplarForm(BaseForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplarKind.choices, initial=ExemplarKind.ADVANCED)
    person = PersonChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False,
                               help_text=_("Tìm theo tên ở ô phía trên, rồi chọn."))  # fmt: skip
    collective = UnitChoiceField(label=_("Hoặc tập thể"), queryset=Unit.objects.none(), required=False)
    name = forms.CharField(label=_("Tên ghi nhận"), max_length=300, required=False,
                           help_text=_("Để trống: họ tên của cá nhân, tên của tập thể."))  # fmt: skip
    workplace = forms.CharField(label=_("Đơn vị công tác"), max_length=300, required=False,
                                help_text=_("Để trống: công đoàn cơ sở của cá nhân, đơn vị cấp trên của tập thể."))  # fmt: skip
    movement = MovementChoiceField(
        label=_("Phong trào thi đua"), queryset=Movement.objects.none(), required=False
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, required=False)
    story = forms.CharField(label=_("Câu chuyện, thành tích"), widget=forms.Textarea(attrs={"rows": 6}))
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    recognised_on = VietnameseDateField(label=_("Ngày công nhận"))
    recognition = forms.CharField(label=_("Hình thức công nhận (quyết định, sự kiện)"), max_length=500,
                                  required=False,
                                  help_text=_("Ví dụ: Hội nghị biểu dương điển hình tiên tiến ngày 28/7/2017."))  # fmt: skip
    decision = DecisionChoiceField(label=_("Quyết định khen thưởng"), queryset=Decision.objects.none(),
                                   required=False)  # fmt: skip
    published = forms.BooleanField(
        label=_("Công khai trên trang tôn vinh (bảng vàng công khai)"), required=False
    )

    def __init__(
        self, *args, unit: Unit, search: str = "", editing_person: Person | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        people = Person.objects.active().filter(unit__path__startswith=unit.path).select_related("unit")
        if not self.is_bound:
            found = list(people.search(search).values_list("pk", flat=True)[:50]) if search else []
            if editing_person is not None:
                found.append(editing_person.pk)
            people = people.filter(pk__in=found)
        self.fields["person"].queryset = people
        self.fields["collective"].queryset = (
            Unit.objects.active().filter(path__startswith=unit.path).order_by("path")
        )
        line = _line(unit)
        self.fields["movement"].queryset = (
            Movement.objects.filter(plan__issuer__path__in=line).select_related("plan")
            .order_by("-plan__year", "plan_id", "order")
        )  # fmt: skip
        self.fields["decision"].queryset = (
            Decision.objects.issued().filter(issuer__path__in=line).select_related("register")
            .order_by("-decided_on", "-id")
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("collective") and not data.get("name"):
            self.add_error("person", _("Chọn cá nhân hoặc tập thể (hoặc ghi tên ghi nhận)."))
        return data


class PhotoForm(BaseForm):
    file = forms.FileField(label=_("Ảnh (JPG, PNG, WEBP, GIF; tối đa 5 MB)"))
    description = forms.CharField(label=_("Chú thích"), max_length=300, required=False)


class ReplicationForm(BaseForm):
    unit = UnitChoiceField(label=_("Đơn vị nhân rộng"), queryset=Unit.objects.none())
    since = VietnameseDateField(label=_("Áp dụng từ ngày"))
    result = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    participants = forms.IntegerField(label=_("Số người tham gia"), min_value=0, required=False)
    benefit = forms.IntegerField(label=_("Giá trị làm lợi (đồng)"), min_value=0, required=False)

    def __init__(self, *args, units=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class BoardForm(BaseForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, required=False,
                            help_text=_("Để trống: “Bảng vàng tôn vinh điển hình tiên tiến” và tên đơn vị, năm."))  # fmt: skip
    introduction = forms.CharField(label=_("Lời giới thiệu"), widget=forms.Textarea(attrs={"rows": 4}),
                                   required=False)  # fmt: skip
    published = forms.BooleanField(label=_("Công khai trang tôn vinh (không cần đăng nhập)"), required=False)

    def __init__(self, *args, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]
            self.fields["title"].required = True


class ArchiveForm(BaseForm):
    reason = forms.CharField(label=_("Lý do lưu trữ"), max_length=500, required=False)
