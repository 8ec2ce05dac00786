"""Forms of reward decisions: they validate input; the views then call one action of ``rewards.actions``."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from .models import DecisionKind, DecisionRegister, RegisterMode, RevocationReason, SignMode
from .permissions import REWARD


def reward_units(user) -> Any:
    """The active units in whose name the user may keep registers and issue decisions."""
    return Unit.objects.visible_to(user, REWARD).active().order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth - 2, 0)}{obj.name}"


class RegisterForm(BaseForm):
    issuer = UnitChoiceField(label=_("Cơ quan ban hành"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2200)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-LĐLĐ"))
    mode = forms.ChoiceField(
        label=_("Cách cấp số"), choices=RegisterMode.choices, initial=RegisterMode.SYSTEM
    )
    next_number = forms.IntegerField(label=_("Số tiếp theo"), min_value=1, initial=1,
                                     help_text=_("Lớn hơn 1 khi trong năm đã có quyết định trước khi dùng hệ "
                                                 "thống."))  # fmt: skip
    place = forms.CharField(label=_("Địa danh ghi trên văn bản"), max_length=100, required=False,
                            help_text=_("Ví dụ: Bến Tre"))  # fmt: skip

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = reward_units(user)
        if editing:
            for name in ("issuer", "year", "symbol"):
                del self.fields[name]


class DecisionForm(BaseForm):
    title = forms.CharField(label=_("Trích yếu"), max_length=500,
                            initial="Về việc khen thưởng tổng kết phong trào thi đua năm")  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Loại khen thưởng"),
        choices=[c for c in DecisionKind.choices if c[0] != DecisionKind.REVOCATION],
    )
    decided_on = VietnameseDateField(label=_("Ngày quyết định"), allow_future=True)
    legal_bases = forms.CharField(label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("Mỗi căn cứ một dòng, ví dụ “Căn cứ Luật Thi đua, Khen thưởng …”; "
                                              "dòng cuối có thể là “Xét đề nghị của …”."))  # fmt: skip
    sign_mode = forms.ChoiceField(label=_("Thể thức ký"), choices=SignMode.choices)
    sign_for = forms.CharField(label=_("TM. tập thể / KT. chức danh người đứng đầu"), max_length=150,
                               required=False, help_text=_("TM.: Ban Thường vụ; KT.: Chủ tịch"))  # fmt: skip
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def action_values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("title", "kind", "decided_on", "legal_bases", "sign_mode",
                                                  "sign_for", "signer_position", "signer_name")}  # fmt: skip


NATIONAL_ID = re.compile(r"^[0-9]{9}([0-9]{3})?$")


class LineForm(BaseForm):
    """One awardee: a person (national ID number or the record's number) or a unit (its code)."""

    person = forms.CharField(label=_("Cá nhân: số CCCD hoặc mã hồ sơ"), max_length=20, required=False)
    unit = forms.CharField(label=_("Hoặc tập thể: mã đơn vị"), max_length=40, required=False)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=())
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1990, max_value=2200)
    position_at_time = forms.CharField(label=_("Chức vụ, nơi công tác"), max_length=300, required=False)
    reason = forms.CharField(label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, issuer: Unit, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.issuer = user, issuer
        self.fields["award"].choices = [
            (a.code, a.name) for a in Award.objects.filter(archived_at__isnull=True).order_by("sort", "code")
        ]
        self.fields["year"].initial = year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        person_text, unit_text = data.get("person", ""), data.get("unit", "")
        if bool(person_text) == bool(unit_text):
            raise forms.ValidationError(_("Ghi một cá nhân hoặc một tập thể."))
        people = Person.objects.visible_to(self.user).filter(unit__path__startswith=self.issuer.path)
        if person_text:
            found = (
                people.filter(national_id=person_text).first()
                if NATIONAL_ID.match(person_text)
                else (people.filter(pk=int(person_text)).first() if person_text.isdigit() else None)
            )
            if found is None:
                self.add_error(
                    "person", _("Không tìm thấy người lao động này trong phạm vi của cơ quan ban hành.")
                )
            data["person_obj"] = found
        else:
            unit = Unit.objects.visible_to(self.user).filter(code__iexact=unit_text,
                                                             path__startswith=self.issuer.path).first()  # fmt: skip
            if unit is None:
                self.add_error("unit", _("Không tìm thấy đơn vị mã “%(code)s” trong phạm vi của cơ quan ban hành.")
                               % {"code": unit_text})  # fmt: skip
            data["unit_obj"] = unit
        return data


class IssueForm(BaseForm):
    number = forms.IntegerField(label=_("Số do văn thư cấp"), min_value=1, required=False)


class RegisterChoiceForm(BaseForm):
    """A form whose ``register`` field offers the registers given (``registers=``), each named by symbol, year and
    issuer."""

    def __init__(self, *args, registers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = (
            registers if registers is not None else DecisionRegister.objects.none()
        )
        self.fields["register"].label_from_instance = lambda r: f"{r.symbol} – {r.year} ({r.issuer.name})"


class RevokeForm(RegisterChoiceForm):
    """Revoke an award: by a decision of revocation issued now in one of the issuer's registers (numbered there, with
    its document), or — decided outside the system — by naming that decision."""

    reason = forms.ChoiceField(label=_("Lý do"), choices=RevocationReason.choices)
    revoked_on = VietnameseDateField(label=_("Ngày thu hồi"))
    register = forms.ModelChoiceField(
        label=_("Ban hành quyết định thu hồi vào sổ"), queryset=DecisionRegister.objects.none(), required=False,
        help_text=_("Quyết định thu hồi nhận số của sổ (năm của ngày thu hồi) và có văn bản .docx/.pdf."),
    )  # fmt: skip
    number = forms.IntegerField(label=_("Số do văn thư cấp (sổ văn thư giữ)"), min_value=1, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False,
                                      initial=_("Chủ tịch"))  # fmt: skip
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    legal_bases = forms.CharField(label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Mỗi căn cứ một dòng."))  # fmt: skip
    reference = forms.CharField(label=_("Hoặc quyết định thu hồi đã ban hành ngoài hệ thống (số, ngày)"),
                                max_length=200, required=False,
                                help_text=_("Ví dụ: 12/QĐ-LĐLĐ ngày 05/3/2018"))  # fmt: skip
    reason_text = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount_to_recover = forms.IntegerField(label=_("Số tiền phải thu hồi (đồng)"), min_value=0, required=False,
                                           help_text=_("Để trống: toàn bộ số tiền đã thưởng."))  # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("register") and not (data.get("reference") or "").strip():
            self.add_error("register", _("Chọn sổ để ban hành quyết định thu hồi, hoặc ghi quyết định thu hồi đã "
                                         "ban hành ngoài hệ thống."))  # fmt: skip
        if data.get("register") and (data.get("reference") or "").strip():
            self.add_error("reference", _("Đã chọn ban hành trong hệ thống: để trống ô này."))
        return data


class RevocationsForm(RegisterChoiceForm):
    """One decision of revocation for several awards: what they share (the register, the date, the signer, the
    bases). Each award's reason and money are fields of its row (``reason_<id>``, ``reason_text_<id>``,
    ``amount_<id>``), read by the view."""

    register = forms.ModelChoiceField(label=_("Ban hành quyết định thu hồi vào sổ"),
                                      queryset=DecisionRegister.objects.none())  # fmt: skip
    revoked_on = VietnameseDateField(label=_("Ngày thu hồi"))
    number = forms.IntegerField(label=_("Số do văn thư cấp (sổ văn thư giữ)"), min_value=1, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False,
                                      initial=_("Chủ tịch"))  # fmt: skip
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    legal_bases = forms.CharField(label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Mỗi căn cứ một dòng."))  # fmt: skip


class HistoryUploadForm(BaseForm):
    unit = UnitChoiceField(label=_("Trong phạm vi đơn vị"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = reward_units(user)
