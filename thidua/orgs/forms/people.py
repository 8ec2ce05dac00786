"""Forms for people: their own facts, their membership in a grassroots union, a transfer, leaving, archiving."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.text import nfc

from ..models import Gender, JobCategory, Membership, Person, Position, Unit

_NATIONAL_ID = re.compile(r"^[0-9]{9}([0-9]{3})?$")
_PHONE = re.compile(r"^(0|\+84)[0-9]{9,10}$")
MIN_WORKING_AGE = 15


class PersonFactsForm(BaseForm):
    """A person's own facts: the same on the add and the edit form."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", _("— Chưa rõ —")), *Gender.choices], required=False
    )
    birth_date = VietnameseDateField(label=_("Ngày sinh"), required=False)
    national_id = forms.CharField(
        label=_("Số CCCD"),
        required=False,
        max_length=20,
        help_text=_("Căn cước công dân 12 chữ số, hoặc chứng minh nhân dân 9 chữ số."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "0912 345 678"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@congdoan.vn.")},
    )

    def __init__(self, *args, person: Person | None = None, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_full_name(self) -> str:
        name = nfc(self.cleaned_data["full_name"])
        if any(ch.isdigit() for ch in name):
            raise forms.ValidationError(_("Họ và tên không được chứa chữ số."))
        if len(name.split(" ")) < 2:
            raise forms.ValidationError(_("Nhập đầy đủ họ và tên (ít nhất hai chữ), ví dụ Trần Trung Hào."))
        return name

    def clean_birth_date(self) -> datetime.date | None:
        born = self.cleaned_data.get("birth_date")
        if born is None:
            return None
        today = timezone.localdate()
        adult_from = today.replace(year=today.year - MIN_WORKING_AGE) if not (today.month == 2 and today.day == 29) \
            else today.replace(year=today.year - MIN_WORKING_AGE, day=28)  # fmt: skip
        if born > adult_from:
            raise forms.ValidationError(
                _("Người lao động phải đủ %(age)d tuổi trở lên (sinh trước hoặc đúng ngày %(date)s).")
                % {"age": MIN_WORKING_AGE, "date": format_date(adult_from)}
            )
        return born

    def clean_national_id(self) -> str:
        value = re.sub(r"[\s.]", "", self.cleaned_data.get("national_id") or "")
        if not value:
            return ""
        if not _NATIONAL_ID.match(value):
            raise forms.ValidationError(_("Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số nếu là CMND cũ)."))
        others = Person.objects.filter(national_id=value)
        if self.person is not None:
            others = others.exclude(pk=self.person.pk)
        if others.exists():
            raise forms.ValidationError(_("Số CCCD này đã có trong hồ sơ của một người khác."))
        return value

    def clean_phone(self) -> str:
        raw = nfc(self.cleaned_data.get("phone"))
        value = re.sub(r"[\s.\-()]", "", raw)
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0, ví dụ 0912 345 678.")
            )
        return value

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("full_name", "gender", "birth_date", "national_id",
                                                           "phone", "email")}  # fmt: skip


MEMBER_STATUS_CHOICES = [("1", _("Đoàn viên công đoàn")), ("0", _("Người lao động chưa là đoàn viên"))]


class MembershipFieldsForm(BaseForm):
    """The facts of a person's membership in their grassroots union."""

    is_member = forms.TypedChoiceField(
        label=_("Tình trạng đoàn viên"),
        choices=MEMBER_STATUS_CHOICES,
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    card_number = forms.CharField(label=_("Số thẻ đoàn viên"), required=False, max_length=30)
    position = forms.ChoiceField(
        label=_("Chức vụ công đoàn"), choices=Position.choices, initial=Position.MEMBER
    )
    job_category = forms.ChoiceField(
        label=_("Đối tượng"), choices=JobCategory.choices, initial=JobCategory.EMPLOYEE
    )
    is_direct_production_worker = forms.BooleanField(label=_("Công nhân trực tiếp sản xuất"), required=False)

    def clean_card_number(self) -> str:
        return nfc(self.cleaned_data.get("card_number"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_member") is False:
            if cleaned.get("card_number"):
                self.add_error("card_number", _("Người chưa là đoàn viên không có số thẻ đoàn viên."))
            if cleaned.get("position") not in (None, Position.NONE):
                self.add_error(
                    "position",
                    _("Người chưa là đoàn viên không giữ chức vụ công đoàn: chọn “%(none)s”.")
                    % {"none": Position.NONE.label},
                )
        elif cleaned.get("is_member") is True and cleaned.get("position") == Position.NONE:
            cleaned["position"] = Position.MEMBER
        return cleaned

    def membership_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("is_member", "card_number", "position", "job_category",
                                                           "is_direct_production_worker")}  # fmt: skip


class PersonCreateForm(PersonFactsForm, MembershipFieldsForm):
    """Add a person to a grassroots union the user manages."""

    unit = forms.ModelChoiceField(
        label=_("Công đoàn cơ sở"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn công đoàn cơ sở —"),
        error_messages={"invalid_choice": _("Chọn một công đoàn cơ sở trong danh sách bạn được quản lý.")},
    )
    joined_on = VietnameseDateField(label=_("Ngày vào công đoàn cơ sở"))

    field_order = ["unit", "full_name", "gender", "birth_date", "national_id", "phone", "email", "joined_on",
                   "is_member", "card_number", "position", "job_category", "is_direct_production_worker"]  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean(self):
        cleaned = super().clean()
        born, joined = cleaned.get("birth_date"), cleaned.get("joined_on")
        if born and joined and joined <= born:
            self.add_error("joined_on", _("Ngày vào công đoàn cơ sở phải sau ngày sinh."))
        return cleaned


class PersonUpdateForm(PersonFactsForm, MembershipFieldsForm):
    """Edit a person's facts and, while they belong to a grassroots union, their membership's."""

    field_order = ["full_name", "gender", "birth_date", "national_id", "phone", "email", "is_member",
                   "card_number", "position", "job_category", "is_direct_production_worker"]  # fmt: skip

    def __init__(self, *args, person: Person, current: Membership | None, **kwargs):
        self.current = current
        if "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(person, name) for name in ("full_name", "gender", "birth_date",
                                                                           "national_id", "phone", "email")}  # fmt: skip
            if current is not None:
                kwargs["initial"].update(
                    is_member="1" if current.is_member else "0",
                    card_number=current.card_number,
                    position=current.position,
                    job_category=current.job_category,
                    is_direct_production_worker=current.is_direct_production_worker,
                )
        super().__init__(*args, person=person, **kwargs)
        if current is None:
            for name in (
                "is_member",
                "card_number",
                "position",
                "job_category",
                "is_direct_production_worker",
            ):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("birth_date")
        if born and self.current is not None and self.current.joined_on <= born:
            self.add_error(
                "birth_date",
                _("Ngày sinh phải trước ngày vào công đoàn cơ sở hiện tại (%(date)s).")
                % {"date": format_date(self.current.joined_on)},
            )
        return cleaned

    def membership_fields(self) -> dict | None:
        return super().membership_fields() if self.current is not None else None


class PersonTransferForm(BaseForm):
    """Move a person to another grassroots union (or take back someone who had left)."""

    to_unit = forms.ModelChoiceField(
        label=_("Chuyển đến công đoàn cơ sở"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn công đoàn cơ sở —"),
        error_messages={"invalid_choice": _("Chọn một công đoàn cơ sở đang hoạt động trong danh sách.")},
    )
    on = VietnameseDateField(label=_("Ngày chuyển sinh hoạt"))
    position = forms.ChoiceField(label=_("Chức vụ công đoàn tại đơn vị mới"), choices=Position.choices,
                                 initial=Position.MEMBER)  # fmt: skip

    def __init__(self, *args, units=None, current: Membership | None = None, **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units if units is not None else Unit.objects.none()
        if current is not None and not current.is_member:
            self.fields["position"].initial = Position.NONE

    def clean(self):
        cleaned = super().clean()
        day, unit = cleaned.get("on"), cleaned.get("to_unit")
        if self.current is not None:
            if day and day < self.current.joined_on:
                self.add_error("on", _("Ngày chuyển không thể trước ngày vào đơn vị hiện tại (%(date)s).")
                               % {"date": format_date(self.current.joined_on)})  # fmt: skip
            if unit and unit.pk == self.current.unit_id:
                self.add_error("to_unit", _("Người này đang sinh hoạt tại đơn vị này; hãy chọn đơn vị khác."))
            if not self.current.is_member and cleaned.get("position") not in (None, Position.NONE):
                self.add_error("position", _("Người chưa là đoàn viên không giữ chức vụ công đoàn: chọn “%(none)s”.")
                               % {"none": Position.NONE.label})  # fmt: skip
        return cleaned


LEAVE_REASON_CHOICES = [
    (value, label)
    for value, label in Membership.LeftReason.choices
    if value not in (Membership.LeftReason.TRANSFER, Membership.LeftReason.UNIT_DISSOLVED)
]


class EndMembershipForm(BaseForm):
    """A person leaves their grassroots union (retirement, end of contract, leaving the union...)."""

    on = VietnameseDateField(label=_("Ngày thôi sinh hoạt"))
    reason = forms.ChoiceField(label=_("Lý do"), choices=[("", _("— Chọn lý do —")), *LEAVE_REASON_CHOICES])

    def __init__(self, *args, current: Membership, **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)

    def clean_on(self) -> datetime.date:
        day = self.cleaned_data["on"]
        if day < self.current.joined_on:
            raise forms.ValidationError(
                _("Ngày thôi sinh hoạt không thể trước ngày vào công đoàn cơ sở (%(date)s).")
                % {"date": format_date(self.current.joined_on)}
            )
        return day


class ArchivePersonForm(BaseForm):
    note = forms.CharField(
        label=_("Lý do lưu trữ"),
        max_length=500,
        help_text=_("Ví dụ: nhập trùng với hồ sơ khác, nhập nhầm."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
