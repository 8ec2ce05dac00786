"""Forms of the enterprises app: they validate input; the actions check everything again and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.text import nfc
from thidua.orgs import localities
from thidua.orgs.models import Unit

from . import taxcode
from .models import OWNERSHIPS, Attitude, Enterprise, InspectionKind
from .permissions import MANAGE, SUPERVISE, UPPER_LEVELS


def upper_units_for(user, perm: str):
    """The active upper-level unions (and provincial federations) where the user holds ``perm``."""
    return Unit.objects.visible_to(user, perm).active().filter(level__in=UPPER_LEVELS).vietnamese_order()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class _Locality(BaseForm):
    province_code = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    ward_code = forms.ChoiceField(label=_("Xã, phường"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class EnterpriseForm(_Locality):
    upper_unit = UnitChoiceField(label=_("Công đoàn cấp trên theo dõi"), queryset=Unit.objects.none())
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=20,
                               help_text=_("10 chữ số; chi nhánh: 10 chữ số, dấu “-” và 3 chữ số."))  # fmt: skip
    name = forms.CharField(label=_("Tên doanh nghiệp"), max_length=300)
    ownership = forms.ChoiceField(label=_("Loại hình sở hữu"), choices=[("", "—"), *OWNERSHIPS])
    industry = forms.CharField(label=_("Ngành nghề kinh doanh"), max_length=200, required=False)
    workforce = forms.IntegerField(label=_("Số lao động"), required=False, min_value=0, max_value=1_000_000)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["upper_unit", "tax_code", "name", "ownership", "industry", "workforce", "province_code",
                   "ward_code", "address", "note"]  # fmt: skip

    def __init__(self, *args, user, instance: Enterprise | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {
                f: getattr(instance, f) for f in ("tax_code", "name", "ownership", "industry", "workforce",
                                                  "province_code", "ward_code", "address", "note")
            } | {"upper_unit": instance.upper_unit_id})  # fmt: skip
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["upper_unit"].queryset = upper_units_for(user, MANAGE)
        if instance is not None:
            self.fields["tax_code"].disabled = True
            self.fields["tax_code"].help_text = _(
                "Mã số thuế không sửa được: doanh nghiệp được nhận biết bằng mã này."
            )

    def clean_tax_code(self) -> str:
        if self.instance is not None:
            return self.instance.tax_code
        try:
            return taxcode.validate(self.cleaned_data["tax_code"])
        except forms.ValidationError:
            raise
        except Exception as error:  # noqa: BLE001
            raise forms.ValidationError(str(error)) from error

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])

    def action_values(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("name", "ownership", "industry", "workforce", "province_code", "ward_code",
                                     "address", "note")}  # fmt: skip


class SurveyForm(BaseForm):
    visited_on = VietnameseDateField(label=_("Ngày khảo sát"))
    officers = forms.CharField(label=_("Cán bộ khảo sát"), max_length=300,
                               help_text=_("Họ tên các cán bộ đi khảo sát, cách nhau bằng dấu phẩy."))  # fmt: skip
    workforce = forms.IntegerField(
        label=_("Số lao động nắm được"), required=False, min_value=0, max_value=1_000_000
    )
    attitude = forms.ChoiceField(label=_("Thái độ của người sử dụng lao động"), choices=Attitude.choices)
    findings = forms.CharField(label=_("Tình hình nắm được"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Sản xuất kinh doanh, tiền lương, điều kiện làm việc, nguyện vọng của "
                                           "người lao động..."))  # fmt: skip


class RecruitmentPlanForm(BaseForm):
    adopted_on = VietnameseDateField(label=_("Ngày lập kế hoạch"))
    target_members = forms.IntegerField(
        label=_("Chỉ tiêu kết nạp (đoàn viên)"), min_value=1, max_value=100_000
    )
    target_on = VietnameseDateField(label=_("Thời hạn"), allow_future=True)
    measures = forms.CharField(label=_("Nội dung, biện pháp vận động"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


class ProgressForm(BaseForm):
    recorded_on = VietnameseDateField(label=_("Ngày"))
    recruited = forms.IntegerField(label=_("Số đoàn viên kết nạp thêm"), min_value=1, max_value=100_000)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class FoundingForm(BaseForm):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40,
                           help_text=_("Mã của công đoàn cơ sở mới trong cây tổ chức."))  # fmt: skip
    name = forms.CharField(label=_("Tên công đoàn cơ sở"), max_length=300)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    founded_on = VietnameseDateField(label=_("Ngày thành lập"))
    decision = forms.CharField(label=_("Quyết định thành lập"), max_length=100,
                               widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125/QĐ-LĐLĐ ngày 12/10/2017")}))  # fmt: skip


class LinkUnionForm(BaseForm):
    union_unit = UnitChoiceField(label=_("Công đoàn cơ sở"), queryset=Unit.objects.none())
    on = VietnameseDateField(label=_("Ngày ghi nhận"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, enterprise: Enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union_unit"].queryset = (
            Unit.objects.active()
            .grassroots()
            .filter(path__subtree=enterprise.upper_unit.path)
            .vietnamese_order()
        )


class DayForm(BaseForm):
    """The day a pause or a resumption takes effect (the reason is added by the workflow kit)."""

    on = VietnameseDateField(label=_("Ngày"))


class AssignForm(BaseForm):
    officer = forms.ModelChoiceField(label=_("Cán bộ phụ trách"), queryset=Unit.objects.none())
    unit = UnitChoiceField(label=_("Công đoàn cơ sở"), queryset=Unit.objects.none(), required=False)
    enterprise = forms.ModelChoiceField(
        label=_("hoặc doanh nghiệp"), queryset=Enterprise.objects.none(), required=False
    )
    started_on = VietnameseDateField(label=_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args, upper_unit: Unit, **kwargs):
        from .actions.officers import officers_of

        super().__init__(*args, **kwargs)
        officer = self.fields["officer"]
        officer.queryset = officers_of(upper_unit)
        officer.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]
        self.fields["unit"].queryset = (
            Unit.objects.active().grassroots().filter(path__subtree=upper_unit.path).vietnamese_order()
        )
        self.fields["enterprise"].queryset = Enterprise.objects.current().filter(
            upper_unit__path__subtree=upper_unit.path
        )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) == bool(cleaned.get("enterprise")):
            raise forms.ValidationError(
                _("Chọn một công đoàn cơ sở hoặc một doanh nghiệp (không chọn cả hai).")
            )
        return cleaned


class EndAssignmentForm(BaseForm):
    ended_on = VietnameseDateField(label=_("Ngày kết thúc"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)


class InspectionForm(BaseForm):
    upper_unit = UnitChoiceField(label=_("Công đoàn chủ trì"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=InspectionKind.choices)
    held_on = VietnameseDateField(label=_("Ngày kiểm tra, giám sát"))
    subject_unit = UnitChoiceField(label=_("Công đoàn cơ sở được kiểm tra"), queryset=Unit.objects.none(),
                                   required=False)  # fmt: skip
    subject_enterprise = forms.ModelChoiceField(label=_("hoặc doanh nghiệp được kiểm tra"),
                                                queryset=Enterprise.objects.none(), required=False)  # fmt: skip
    topics = forms.CharField(label=_("Nội dung"), max_length=500,
                             initial=_("Việc thực hiện pháp luật lao động, Luật Công đoàn, chế độ chính sách đối với "
                                       "người lao động"))  # fmt: skip
    team = forms.CharField(label=_("Đoàn kiểm tra, giám sát"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Trưởng đoàn và thành viên, mỗi người một dòng."))  # fmt: skip
    state_bodies = forms.CharField(label=_("Cơ quan nhà nước phối hợp"), max_length=300, required=False,
                                   help_text=_("Ví dụ: Sở Nội vụ, Bảo hiểm xã hội tỉnh."))  # fmt: skip
    findings = forms.CharField(
        label=_("Kết quả, phát hiện"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        uppers = upper_units_for(user, SUPERVISE)
        self.fields["upper_unit"].queryset = uppers
        roots = [u.path for u in uppers]
        from thidua.core.scoping import subtree_q

        self.fields["subject_unit"].queryset = (
            Unit.objects.active().grassroots().filter(subtree_q("path", roots)).vietnamese_order()
        )
        self.fields["subject_enterprise"].queryset = Enterprise.objects.current().filter(
            subtree_q("upper_unit__path", roots)
        )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("subject_unit")) == bool(cleaned.get("subject_enterprise")):
            raise forms.ValidationError(
                _("Chọn một công đoàn cơ sở hoặc một doanh nghiệp được kiểm tra, giám sát.")
            )
        return cleaned


class RecommendationForm(BaseForm):
    content = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Đơn vị, người chịu trách nhiệm"), max_length=300)
    deadline = VietnameseDateField(label=_("Thời hạn"), allow_future=True)


class FollowUpForm(BaseForm):
    recorded_on = VietnameseDateField(label=_("Ngày"))
    content = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(BaseForm):
    closed_on = VietnameseDateField(label=_("Ngày hoàn thành"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
