"""Forms of the councils: they validate input; the views then call one action of ``councils.actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.scoping import subtree_q
from thidua.orgs.models import Person, RoleAssignment, Unit
from thidua.registrations.models import Award, VoteBase

from .models import Choice, Council, MemberRole, VotingMode


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth - 2, 0)}{obj.name}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} – {obj.unit.name}" if obj.unit else obj.full_name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full = obj.get_full_name()
        return f"{obj.username} ({full})" if full else obj.username


def units_under(user: Any, council_unit: Unit):
    """The active units of the council's subtree, in tree order. The view has checked that the user manages the
    council or runs its sessions (the chair and the secretary through their seat, whatever their roles)."""
    return Unit.objects.active().filter(path__startswith=council_unit.path).order_by("path")


def people_under(user: Any, council_unit: Unit):
    """The people of the council's subtree (the view has checked the user's right on the council)."""
    return Person.objects.active().filter(unit__path__startswith=council_unit.path).select_related("unit")


class CouncilForm(BaseForm):
    name = forms.CharField(label=_("Tên Hội đồng"), max_length=300, required=False,
                           help_text=_("Để trống: “Hội đồng Thi đua – Khen thưởng” và tên đơn vị."))  # fmt: skip
    term_from = VietnameseDateField(label=_("Nhiệm kỳ từ ngày"), allow_future=True)
    term_to = VietnameseDateField(label=_("Nhiệm kỳ đến hết ngày"), required=False, allow_future=True)
    decision_number = forms.CharField(label=_("Quyết định thành lập số"), max_length=60, required=False)
    decision_date = VietnameseDateField(label=_("Ngày quyết định thành lập"), required=False)
    quorum_numerator = forms.IntegerField(label=_("Số thành viên dự họp tối thiểu: tử số"), min_value=1,
                                          max_value=100, initial=2)  # fmt: skip
    quorum_denominator = forms.IntegerField(label=_("Số thành viên dự họp tối thiểu: mẫu số"), min_value=1,
                                            max_value=100, initial=3,
                                            help_text=_("Ví dụ 2/3 tổng số thành viên Hội đồng."))  # fmt: skip
    default_vote_percent = forms.IntegerField(
        label=_("Tỷ lệ phiếu đồng ý phải vượt quá (%) khi quy định không nêu"), min_value=1, max_value=100,
        initial=50, help_text=_("Áp dụng cho danh hiệu, hình thức mà danh mục quy định không nêu tỷ lệ phiếu."))  # fmt: skip
    default_vote_base = forms.ChoiceField(label=_("Tính trên (khi quy định không nêu)"), choices=VoteBase.choices,
                                          initial=VoteBase.TOTAL)  # fmt: skip
    default_recused_leave_base = forms.BooleanField(
        label=_("Thành viên không tham gia biểu quyết không tính vào mẫu số (khi quy định không nêu)"),
        required=False, initial=True)  # fmt: skip
    rules_citation = forms.CharField(
        label=_("Quy chế hoạt động của Hội đồng"), max_length=300, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_of(cls, council: Council) -> dict[str, Any]:
        return {name: getattr(council, name) for name in cls.base_fields}


class MemberForm(BaseForm):
    person = PersonChoiceField(label=_("Thành viên"), queryset=Person.objects.none())
    unit = UnitChoiceField(label=_("Đơn vị công tác"), queryset=Unit.objects.none(), required=False,
                           help_text=_("Để trống: công đoàn cơ sở của thành viên. Dùng để phát hiện xung đột lợi "
                                       "ích."))  # fmt: skip
    user = UserChoiceField(
        label=_("Tài khoản bỏ phiếu"), queryset=get_user_model().objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Chức danh trong Hội đồng"), choices=MemberRole.choices,
                             initial=MemberRole.MEMBER)  # fmt: skip
    is_secretary = forms.BooleanField(label=_("Thư ký Hội đồng"), required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    from_date = VietnameseDateField(label=_("Từ ngày"), required=False, allow_future=True)
    to_date = VietnameseDateField(label=_("Đến hết ngày"), required=False, allow_future=True)

    def __init__(self, *args, user: Any, council: Council, editing: bool = False, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        people = people_under(user, council.unit)
        if editing:
            del self.fields["person"]
        else:
            if not self.is_bound:
                found = list(people.search(search).values_list("pk", flat=True)[:50]) if search else []
                people = people.filter(pk__in=found)
            self.fields["person"].queryset = people
        self.fields["unit"].queryset = units_under(user, council.unit)
        accounts = RoleAssignment.objects.filter(subtree_q("unit__path", [council.unit.path])).values(
            "user_id"
        )
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True, pk__in=accounts).order_by(
            "username")  # fmt: skip


class SessionForm(BaseForm):
    held_on = VietnameseDateField(label=_("Ngày họp"), allow_future=True)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    voting_mode = forms.ChoiceField(label=_("Hình thức bỏ phiếu"), choices=VotingMode.choices,
                                    initial=VotingMode.ELECTRONIC)  # fmt: skip
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ItemForm(BaseForm):
    label = forms.CharField(label=_("Nội dung"), max_length=500, required=False,
                            help_text=_("Để trống: tên người, tập thể và danh hiệu, hình thức."))  # fmt: skip
    person = PersonChoiceField(
        label=_("Cá nhân được đề nghị"), queryset=Person.objects.none(), required=False
    )
    collective = UnitChoiceField(
        label=_("Tập thể được đề nghị"), queryset=Unit.objects.none(), required=False
    )
    award = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=Award.objects.none(), required=False
    )

    def __init__(self, *args, user: Any, council: Council, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        people = people_under(user, council.unit)
        if not self.is_bound:
            found = list(people.search(search).values_list("pk", flat=True)[:50]) if search else []
            people = people.filter(pk__in=found)
        self.fields["person"].queryset = people
        self.fields["collective"].queryset = units_under(user, council.unit)
        self.fields["award"].queryset = Award.objects.filter(archived_at__isnull=True).order_by(
            "sort", "code"
        )

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("collective"):
            raise forms.ValidationError(_("Mỗi nội dung chỉ đề nghị một cá nhân hoặc một tập thể."))
        if not (data.get("person") or data.get("collective") or data.get("label")):
            raise forms.ValidationError(_("Chọn cá nhân hoặc tập thể được đề nghị, hoặc ghi nội dung."))
        return data


class ReasonForm(BaseForm):
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)


class ReceiptForm(BaseForm):
    code = forms.CharField(label=_("Mã biên nhận"), max_length=40)


CHOICES_WITH_BLANK = [("", _("— chưa bỏ phiếu —")), *Choice.choices]
