"""Forms of the orgs app: they validate input; the views then call one action."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.core.text import nfc

from .models import Gender, JobCategory, Level, Membership, Person, Position, RoleAssignment, Sector, Unit

__all__ = ["forms", "_", "Level", "Sector", "Unit"]


# --- people ---------------------------------------------------------------------------------------------------

VN_DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
_NATIONAL_ID = re.compile(r"^[0-9]{9}([0-9]{3})?$")
_PHONE = re.compile(r"^(0|\+84)[0-9]{9,10}$")
MIN_WORKING_AGE = 15


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the way every form in the federation writes it), never in the future."""

    default_error_messages = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020.")}

    def __init__(self, *, allow_future: bool = False, **kwargs):
        self.allow_future = allow_future
        kwargs.setdefault("input_formats", VN_DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d/%m/%Y",
                attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
            ),
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value.year < 1900:
            raise forms.ValidationError(_("Năm phải từ 1900 trở đi."), code="too_old")
        today = timezone.localdate()
        if not self.allow_future and value > today:
            raise forms.ValidationError(
                _("Ngày không được sau ngày hôm nay (%(today)s).") % {"today": today.strftime("%d/%m/%Y")},
                code="future",
            )


class _VietnameseForm(forms.Form):
    """Required-field messages that name the field; Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = capfirst(field.label) if field.label else ""
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["required"] = _("Chưa chọn “%(field)s”.") % {"field": label}
            else:
                field.error_messages["required"] = _("Chưa nhập “%(field)s”.") % {"field": label}
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    def apply_errors(self, error: forms.ValidationError, aliases: dict[str, str] | None = None) -> None:
        """Put an action's ValidationError on the fields it names (or on the form)."""
        aliases = aliases or {}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = aliases.get(key, key)
            self.add_error(name if name in self.fields else None, messages)


class PersonFactsForm(_VietnameseForm):
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
                _("Người lao động phải từ đủ %(age)d tuổi trở lên (sinh trước hoặc đúng ngày %(date)s).")
                % {"age": MIN_WORKING_AGE, "date": adult_from.strftime("%d/%m/%Y")}
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


class MembershipFieldsForm(_VietnameseForm):
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
                % {"date": self.current.joined_on.strftime("%d/%m/%Y")},
            )
        return cleaned

    def membership_fields(self) -> dict | None:
        return super().membership_fields() if self.current is not None else None


class PersonTransferForm(_VietnameseForm):
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
                               % {"date": self.current.joined_on.strftime("%d/%m/%Y")})  # fmt: skip
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


class EndMembershipForm(_VietnameseForm):
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
                % {"date": self.current.joined_on.strftime("%d/%m/%Y")}
            )
        return day


class ArchivePersonForm(_VietnameseForm):
    note = forms.CharField(
        label=_("Lý do lưu trữ"),
        max_length=500,
        help_text=_("Ví dụ: nhập trùng với hồ sơ khác, nhập nhầm."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- units ----------------------------------------------------------------------------------------------------

_UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
GRASSROOTS_LEVELS = (Level.GRASSROOTS, Level.SUB_GRASSROOTS)


class _DecisionFields(forms.Form):
    """The effective date and the decision of a restructuring."""

    effective_on = VietnameseDateField(
        label=_("Ngày hiệu lực"),
        allow_future=True,
        help_text=_("Ngày quyết định có hiệu lực, dạng dd/mm/yyyy."),
    )
    decision = forms.CharField(
        label=_("Quyết định số"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125/QĐ-LĐLĐ")}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_decision(self) -> str:
        return nfc(self.cleaned_data.get("decision"))

    def clean_note(self) -> str:
        return nfc(self.cleaned_data.get("note"))

    def decision_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("effective_on", "decision", "note")}


class UnitFactsForm(_VietnameseForm):
    """A unit's facts without a history of their own: sector, locality, address, workforce, founding date."""

    sector = forms.ChoiceField(label=_("Khu vực, loại hình"), required=False,
                               choices=[("", _("— Chọn khu vực, loại hình —")), *Sector.choices])  # fmt: skip
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    ward_code = forms.ChoiceField(label=_("Xã, phường"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    workforce_size = forms.IntegerField(
        label=_("Số lao động"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "invalid": _("Số lao động phải là một số nguyên."),
            "min_value": _("Số lao động không được âm."),
            "max_value": _("Số lao động không quá 1.000.000."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    founded_on = VietnameseDateField(label=_("Ngày thành lập"), required=False)

    def __init__(self, *args, level: str | None = None, **kwargs):
        from . import localities

        super().__init__(*args, **kwargs)
        self.level = level
        current = self.initial.get("province_code") or ""
        provinces = localities.province_choices()
        if current and current not in dict(provinces):
            provinces = [(current, localities.province_name(current) or current), *provinces]
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh, thành phố —")), *provinces]
        chosen = (self.data.get(self.add_prefix("province_code")) if self.is_bound else current) or ""
        wards = list(localities.ward_choices(chosen))
        ward = self.initial.get("ward_code") or ""
        if ward and ward not in dict(wards) and chosen == current:
            wards = [(ward, localities.ward_name(current, ward) or ward), *wards]
        self.fields["ward_code"].choices = [("", _("— Chọn xã, phường —")), *wards]
        for name, label in (("province_code", _("Tỉnh, thành phố")), ("ward_code", _("Xã, phường"))):
            self.fields[name].error_messages["invalid_choice"] = _("“%(field)s” không có trong danh mục.") % {
                "field": label
            }
        self.fields["sector"].error_messages["invalid_choice"] = _("Khu vực, loại hình không hợp lệ.")

    def clean_address(self) -> str:
        return nfc(self.cleaned_data.get("address"))

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level") or self.level
        if level in GRASSROOTS_LEVELS:
            if "sector" in cleaned and not cleaned.get("sector"):
                self.add_error("sector", _("Chưa chọn “Khu vực, loại hình” của công đoàn cơ sở."))
        elif level:
            cleaned["sector"] = ""
        if cleaned.get("ward_code") and not cleaned.get("province_code"):
            self.add_error("ward_code", _("Chọn tỉnh, thành phố trước khi chọn xã, phường."))
        return cleaned

    def facts(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("sector", "province_code", "ward_code", "address",
                                                           "workforce_size", "founded_on")}  # fmt: skip


class _UnitCodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Mã đơn vị"), max_length=40, help_text=_("Chữ, số và các dấu . _ / -, ví dụ BT-CT."),
                         **kwargs)  # fmt: skip


def _clean_code(value: str, unit: Unit | None) -> str:
    code = nfc(value)
    if not _UNIT_CODE.match(code):
        raise forms.ValidationError(
            _("Mã đơn vị chỉ gồm chữ không dấu, số và các dấu . _ / - (không có khoảng trắng).")
        )
    others = Unit.objects.filter(code=code)
    if unit is not None:
        others = others.exclude(pk=unit.pk)
    if others.exists():
        raise forms.ValidationError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code})
    return code


class UnitCreateForm(UnitFactsForm):
    """Found a unit under a parent."""

    code = _UnitCodeField()
    name = forms.CharField(label=_("Tên đơn vị"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Cấp"))
    decision = forms.CharField(label=_("Quyết định thành lập số"), required=False, max_length=100)

    field_order = ["code", "name", "short_name", "level", "sector", "founded_on", "decision", "province_code",
                   "ward_code", "address", "workforce_size"]  # fmt: skip

    def __init__(self, *args, parent: Unit, **kwargs):
        from .actions import LEVEL_RANK

        self.parent = parent
        super().__init__(*args, **kwargs)
        rank = LEVEL_RANK[Level(parent.level)]
        self.fields["level"].choices = [("", _("— Chọn cấp —"))] + [
            (value, label) for value, label in Level.choices if LEVEL_RANK[Level(value)] > rank
        ]
        self.fields["level"].error_messages["invalid_choice"] = _(
            "Cấp này không thể trực thuộc “%(parent)s”."
        ) % {"parent": parent.name}
        self.fields["founded_on"].required = True
        self.fields["founded_on"].error_messages["required"] = _("Chưa nhập “Ngày thành lập”.")

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"], None)

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])

    def clean_short_name(self) -> str:
        return nfc(self.cleaned_data.get("short_name"))

    def clean_decision(self) -> str:
        return nfc(self.cleaned_data.get("decision"))

    def clean_founded_on(self):
        day = self.cleaned_data.get("founded_on")
        if day and self.parent.founded_on and day < self.parent.founded_on:
            raise forms.ValidationError(
                _("Ngày thành lập không thể trước ngày thành lập của đơn vị cấp trên (%(date)s).")
                % {"date": self.parent.founded_on.strftime("%d/%m/%Y")}
            )
        return day


class UnitUpdateForm(UnitFactsForm):
    """Edit a unit's code and facts (names change through a dated rename)."""

    code = _UnitCodeField()

    field_order = ["code", "sector", "founded_on", "province_code", "ward_code", "address", "workforce_size"]

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        kwargs.setdefault("initial", {name: getattr(unit, name) for name in ("code", "sector", "province_code",
                                                                              "ward_code", "address",
                                                                              "workforce_size", "founded_on")})  # fmt: skip
        super().__init__(*args, level=unit.level, **kwargs)
        if unit.level not in GRASSROOTS_LEVELS:
            del self.fields["sector"]

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"], self.unit)

    def clean_founded_on(self):
        day = self.cleaned_data.get("founded_on")
        if day and self.unit.dissolved_on and day > self.unit.dissolved_on:
            raise forms.ValidationError(
                _("Ngày thành lập không thể sau ngày giải thể (%(date)s).")
                % {"date": self.unit.dissolved_on.strftime("%d/%m/%Y")}
            )
        return day

    def facts(self) -> dict:
        """Only what changed, so the audit trail records the edit and nothing else."""
        values = {"code": self.cleaned_data["code"], **super().facts()}
        return {name: value for name, value in values.items() if getattr(self.unit, name) != value}


class UnitRenameForm(_VietnameseForm, _DecisionFields):
    name = forms.CharField(label=_("Tên mới"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), required=False, max_length=100)

    field_order = ["name", "short_name", "effective_on", "decision", "note"]

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        kwargs.setdefault("initial", {"name": unit.name, "short_name": unit.short_name})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        name, short = nfc(cleaned.get("name")), nfc(cleaned.get("short_name"))
        if name:
            cleaned["name"], cleaned["short_name"] = name, short
            if name == self.unit.name and short == self.unit.short_name:
                self.add_error("name", _("Tên mới trùng với tên hiện tại."))
        return cleaned


class _UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class UnitMoveForm(_VietnameseForm, _DecisionFields):
    new_parent = _UnitChoiceField(label=_("Đơn vị cấp trên mới"), queryset=Unit.objects.none(),
                                  widget=forms.RadioSelect)  # fmt: skip

    field_order = ["new_parent", "effective_on", "decision", "note"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = candidates
        self.fields["new_parent"].error_messages["invalid_choice"] = _(
            "Không thể chuyển về đơn vị đã chọn: hãy tìm và chọn một đơn vị cấp trên trong danh sách."
        )


MERGE_INTO_THIS = "into_this"
MERGE_INTO_OTHER = "into_other"


class UnitMergeForm(_VietnameseForm, _DecisionFields):
    direction = forms.ChoiceField(
        label=_("Hình thức"),
        widget=forms.RadioSelect,
        initial=MERGE_INTO_THIS,
        choices=[
            (MERGE_INTO_THIS, _("Sáp nhập các đơn vị khác vào đơn vị này")),
            (MERGE_INTO_OTHER, _("Sáp nhập đơn vị này vào một đơn vị khác")),
        ],  # fmt: skip
    )
    sources = forms.ModelMultipleChoiceField(label=_("Các đơn vị sáp nhập vào"), required=False,
                                             queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)  # fmt: skip
    target = _UnitChoiceField(label=_("Đơn vị tiếp nhận"), required=False, queryset=Unit.objects.none(),
                              widget=forms.RadioSelect)  # fmt: skip

    field_order = ["direction", "sources", "target", "effective_on", "decision", "note"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = candidates
        self.fields["target"].queryset = candidates
        invalid = _(
            "Đơn vị đã chọn không thể sáp nhập: chỉ chọn đơn vị cùng cấp, đang hoạt động, do bạn quản lý."
        )
        self.fields["target"].error_messages["invalid_choice"] = invalid
        self.fields["sources"].error_messages["invalid_choice"] = invalid
        self.fields["sources"].error_messages["invalid_pk_value"] = invalid

    def clean(self):
        cleaned = super().clean()
        direction = cleaned.get("direction")
        if direction == MERGE_INTO_THIS and not cleaned.get("sources") and "sources" not in self.errors:
            self.add_error("sources", _("Chưa chọn đơn vị nào để sáp nhập vào đơn vị này."))
        if direction == MERGE_INTO_OTHER and not cleaned.get("target") and "target" not in self.errors:
            self.add_error("target", _("Chưa chọn “Đơn vị tiếp nhận”."))
        return cleaned


class UnitDissolveForm(_VietnameseForm, _DecisionFields):
    pass


class UnitArchiveForm(_VietnameseForm):
    note = forms.CharField(
        label=_("Lý do lưu trữ"),
        max_length=500,
        help_text=_("Lưu trữ dành cho đơn vị nhập nhầm hoặc trùng; đơn vị giải thể thì dùng “Giải thể”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_note(self) -> str:
        return nfc(self.cleaned_data["note"])


# --- accounts -------------------------------------------------------------------------------------------------

ACCOUNT_EXISTING = "existing"
ACCOUNT_NEW = "new"
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,150}$")
_PASSWORD_MESSAGES = {
    "password_too_short": _("Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
    "password_too_common": _("Mật khẩu quá phổ biến, dễ bị đoán."),
    "password_entirely_numeric": _("Mật khẩu không được chỉ gồm chữ số."),
    "password_too_similar": _("Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử."),
}


class RoleGrantForm(_VietnameseForm):
    """Give a user a role on a unit: an existing account by its user name, or a new account."""

    role = forms.ChoiceField(
        label=_("Vai trò"), choices=[("", _("— Chọn vai trò —")), *RoleAssignment.Role.choices]
    )
    account = forms.ChoiceField(
        label=_("Tài khoản"),
        widget=forms.RadioSelect,
        initial=ACCOUNT_EXISTING,
        choices=[(ACCOUNT_EXISTING, _("Tài khoản đã có")), (ACCOUNT_NEW, _("Tạo tài khoản mới"))],
    )
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))  # fmt: skip
    full_name = forms.CharField(label=_("Họ và tên"), required=False, max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False,
                             error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@congdoan.vn.")})  # fmt: skip
    password = forms.CharField(label=_("Mật khẩu ban đầu"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số; người dùng nên đổi sau lần đăng nhập đầu."))  # fmt: skip

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["role"].error_messages["invalid_choice"] = _("Vai trò không hợp lệ.")

    def clean_username(self) -> str:
        return nfc(self.cleaned_data["username"])

    def clean_full_name(self) -> str:
        return nfc(self.cleaned_data.get("full_name"))

    def clean(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        username, account = cleaned.get("username"), cleaned.get("account")
        if not username or not account:
            return cleaned
        User = get_user_model()
        existing = User.objects.filter(username__iexact=username).first()
        if account == ACCOUNT_EXISTING:
            if existing is None or not existing.is_active:
                self.add_error(
                    "username",
                    _("Không có tài khoản đang hoạt động nào tên “%(name)s”.") % {"name": username},
                )
                return cleaned
            self.user = existing
            role = cleaned.get("role")
            if role and RoleAssignment.objects.filter(user=existing, unit=self.unit, role=role).exists():
                self.add_error(
                    "role", _("Tài khoản “%(name)s” đã có vai trò này trên đơn vị.") % {"name": username}
                )
            return cleaned
        if existing is not None:
            self.add_error("username", _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
        elif not _USERNAME.match(username):
            self.add_error(
                "username", _("Tên đăng nhập gồm 3–150 ký tự: chữ không dấu, số và các dấu . _ -.")
            )
        if not cleaned.get("full_name"):
            self.add_error("full_name", _("Chưa nhập “Họ và tên” của người dùng mới."))
        password = cleaned.get("password")
        if not password:
            self.add_error("password", _("Chưa nhập “Mật khẩu ban đầu”."))
        else:
            probe = User(
                username=username, email=cleaned.get("email") or "", first_name=cleaned.get("full_name") or ""
            )
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                messages = [_PASSWORD_MESSAGES.get(e.code, e.messages[0]) for e in error.error_list]
                self.add_error("password", messages)
        return cleaned
