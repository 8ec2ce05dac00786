"""Forms of the initiatives' pages: they validate input; the views then call one action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.orgs.models import Person

from .models import EffectScope, InitiativeField, ReviewMode, Vote

AUTHOR_ROWS = 5
MEMBER_ROWS = 7


class MoneyField(forms.CharField):
    """A sum in đồng typed as "120.000.000" (dots, spaces, "đ" ignored), kept as an integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 24}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().lower().removesuffix("đồng").removesuffix("đ")
        text = text.replace(".", "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if not text.isdigit():
            raise forms.ValidationError(_("Nhập số tiền bằng chữ số, ví dụ 120.000.000."), code="invalid")
        if len(text) > 15:
            raise forms.ValidationError(_("Số tiền quá lớn."), code="invalid")
        return int(text)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


def _text(label, rows: int = 4, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class InitiativeForm(BaseForm):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=[("", "—"), *InitiativeField.choices])
    registered_on = VietnameseDateField(label=_("Ngày đăng ký"))
    problem = _text(_("Thực trạng, vấn đề cần giải quyết"))
    solution = _text(_("Nội dung giải pháp"), rows=6)
    benefit_vnd = MoneyField(label=_("Số tiền làm lợi dự kiến mỗi năm (đồng)"))
    benefit_text = _text(_("Hiệu quả không tính được bằng tiền"), rows=2, required=False)


class AuthorForm(BaseForm):
    person = forms.ModelChoiceField(
        label=_("Người trong đơn vị"), queryset=Person.objects.none(), required=False
    )
    name = forms.CharField(label=_("hoặc họ và tên (người ngoài hệ thống)"), max_length=150, required=False)
    workplace = forms.CharField(label=_("Nơi công tác"), max_length=300, required=False)
    share = forms.DecimalField(label=_("Tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, required=False,
                               localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (data.get("person") or data.get("name") or data.get("share"))


class BaseAuthorFormSet(forms.BaseFormSet):
    def __init__(self, *args, people=None, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "people": self.people}


AuthorFormSet = forms.formset_factory(AuthorForm, formset=BaseAuthorFormSet, extra=AUTHOR_ROWS, max_num=30)


class ApplyForm(BaseForm):
    applied_where = forms.CharField(label=_("Nơi áp dụng"), max_length=300)
    applied_since = VietnameseDateField(label=_("Áp dụng từ ngày"))
    benefit_vnd = MoneyField(label=_("Số tiền làm lợi mỗi năm (đồng)"))
    benefit_text = _text(_("Hiệu quả không tính được bằng tiền"), rows=2, required=False)


class ReviewForm(BaseForm):
    council = forms.CharField(label=_("Hội đồng xét sáng kiến"), max_length=300,
                              help_text=_("Ví dụ: Hội đồng sáng kiến Công ty TNHH May Việt Tiến."))  # fmt: skip
    held_on = VietnameseDateField(label=_("Ngày họp"))
    mode = forms.ChoiceField(label=_("Hình thức đánh giá"), choices=ReviewMode.choices, widget=forms.RadioSelect,
                             initial=ReviewMode.SCORES)  # fmt: skip
    minutes = _text(_("Biên bản, kết luận của hội đồng"), rows=4)


class MemberForm(BaseForm):
    name = forms.CharField(label=_("Thành viên"), max_length=150, required=False)
    role = forms.CharField(label=_("Chức danh trong hội đồng"), max_length=100, required=False)
    score = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=100, required=False)
    vote = forms.ChoiceField(label=_("Biểu quyết"), choices=[("", "—"), *Vote.choices], required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=MEMBER_ROWS, max_num=40)


class RecogniseForm(BaseForm):
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60)
    decision_date = VietnameseDateField(label=_("Ngày quyết định"))
    recognising_body = forms.CharField(label=_("Cơ quan, đơn vị công nhận"), max_length=300,
                                       help_text=_("Thường là thủ trưởng cơ quan, người sử dụng lao động."))  # fmt: skip
    effect_scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), choices=[("", "—"), *EffectScope.choices])


class DecideCheckForm(BaseForm):
    verdict = forms.ChoiceField(label=_("Kết luận"), widget=forms.RadioSelect,
                                choices=[("duplicate", _("Trùng: cùng một sáng kiến")),
                                         ("distinct", _("Không trùng: hai sáng kiến khác nhau"))])  # fmt: skip
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
