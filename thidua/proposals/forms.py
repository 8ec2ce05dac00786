"""The forms of reward proposals: validate input, then the views call one action."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.scoping import scope_q
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Movement, Phase, Plan
from thidua.registrations.models import Award

from .models import RewardKind
from .permissions import SUBMIT


def proposing_units(user):
    """The active units the user may draft proposals for."""
    return Unit.objects.active().filter(scope_q(user, "path", SUBMIT)).order_by("path")


class ProposalForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    own_level = forms.BooleanField(label=_("Khen thưởng tại cấp mình (Giấy khen của đơn vị)"), required=False)
    kind = forms.ModelChoiceField(label=_("Loại khen thưởng"), queryset=RewardKind.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2200)
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False,
                            help_text=_("Để trống: “Đề nghị khen thưởng … năm …”."))  # fmt: skip
    number = forms.CharField(label=_("Số tờ trình"), max_length=60, required=False,
                             help_text=_("Ví dụ: 12/TTr-CĐCS"))  # fmt: skip
    plan = forms.ModelChoiceField(label=_("Theo kế hoạch"), queryset=Plan.objects.none(), required=False)
    movement = forms.ModelChoiceField(label=_("Phong trào, chuyên đề"), queryset=Movement.objects.none(),
                                      required=False)  # fmt: skip
    phase = forms.ModelChoiceField(label=_("Đợt thi đua"), queryset=Phase.objects.none(), required=False,
                                   help_text=_("Hạn gửi đề nghị lấy theo hạn báo cáo của đợt."))  # fmt: skip
    deadline = VietnameseDateField(label=_("Hạn gửi đề nghị"), required=False, allow_future=True)
    body = forms.CharField(
        label=_("Nội dung tờ trình"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=100, required=False)

    EDITABLE = (
        "title",
        "number",
        "plan",
        "movement",
        "phase",
        "deadline",
        "body",
        "signer_title",
        "signer_name",
    )

    def __init__(self, *args, user=None, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        plans = Plan.objects.visible_to(user).active().issued().order_by("-year", "-number")
        self.fields["plan"].queryset = plans
        self.fields["movement"].queryset = Movement.objects.filter(plan__in=plans).select_related("plan")
        self.fields["phase"].queryset = Phase.objects.filter(plan__in=plans).select_related("plan")
        self.fields["movement"].label_from_instance = lambda m: f"{m.plan.number}/{m.plan.symbol}: {m}"
        self.fields["phase"].label_from_instance = lambda p: f"{p.plan.number}/{p.plan.symbol}: {p}"
        if proposal is not None:
            for name in ("unit", "own_level", "kind", "year"):
                del self.fields[name]
        else:
            self.fields["unit"].queryset = proposing_units(user)
            self.fields["kind"].queryset = RewardKind.objects.filter(archived_at__isnull=True)
            self.fields["year"].initial = timezone.localdate().year

    def action_values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.EDITABLE}


class NomineeForm(BaseForm):
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False,
                                    widget=forms.HiddenInput)  # fmt: skip
    collective = forms.ModelChoiceField(label=_("hoặc tập thể"), queryset=Unit.objects.none(), required=False)
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức đề nghị"), queryset=Award.objects.none())
    position = forms.CharField(label=_("Chức vụ, đơn vị công tác"), max_length=300, required=False)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    achievement = forms.CharField(label=_("Báo cáo thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 12}),
                                  help_text=_("Để trống rồi bấm “Soạn báo cáo thành tích” để hệ thống soạn theo "
                                              "mẫu từ dữ liệu đã có."))  # fmt: skip
    service_years = forms.IntegerField(label=_("Số năm công tác công đoàn"), min_value=1, max_value=60,
                                       required=False)  # fmt: skip

    def __init__(self, *args, proposal=None, nominee=None, **kwargs):
        super().__init__(*args, **kwargs)
        awards = Award.objects.filter(archived_at__isnull=True)
        codes = list(proposal.kind.award_codes) if proposal is not None else []
        if codes:
            awards = awards.filter(code__in=codes)
        self.fields["award"].queryset = awards.order_by("sort", "code")
        if nominee is not None:
            del self.fields["person"]
            del self.fields["collective"]
        else:
            unit = proposal.unit
            self.fields["person"].queryset = (
                Person.objects.active().filter(unit__path__startswith=unit.path).select_related("unit")
                .order_by("sort_key", "id")
            )  # fmt: skip
            self.fields["collective"].queryset = Unit.objects.active().filter(path__startswith=unit.path)

    def clean(self):
        data = super().clean()
        if "person" in self.fields and bool(data.get("person")) == bool(data.get("collective")):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
        return data

    def action_values(self) -> dict:
        names = ("award", "position", "summary", "achievement", "service_years")
        return {k: self.cleaned_data.get(k) for k in names}
