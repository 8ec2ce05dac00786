"""Forms of the cluster pages: each checks the input and hands it to one action."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.scoping import scope_roots, subtree_q
from thidua.orgs.models import Level, Unit
from thidua.registrations.models import Award
from thidua.reports.models import Indicator, ReportForm

from .models import Cluster, ClusterKind, Method
from .permissions import HANDLE_PROPOSALS


def issuing_units(user):
    """The units the user may set clusters for: those above the grassroots, where they handle the rewards path."""
    roots = scope_roots(user, HANDLE_PROPOSALS)
    units = Unit.objects.active().exclude(level__in=[Level.GRASSROOTS, Level.SUB_GRASSROOTS])
    return units.filter(subtree_q("path", roots)) if roots is not None else units


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2200, **kwargs)


class ClusterForm(BaseForm):
    issuer = forms.ModelChoiceField(label=_("Đơn vị ra quyết định (cấp trên)"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ClusterKind.choices)
    name = forms.CharField(label=_("Tên cụm, khối thi đua"), max_length=200)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = VietnameseDateField(label=_("Ngày quyết định"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, cluster: Cluster | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cluster is not None:
            del self.fields["issuer"]
        else:
            self.fields["issuer"].queryset = issuing_units(user).order_by("path")


class MemberForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    since_year = _year_field()
    decision_number = forms.CharField(label=_("Theo quyết định số"), max_length=60, required=False)

    def __init__(self, *args, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        issuer = cluster.issuer
        self.fields["unit"].queryset = (
            Unit.objects.active()
            .filter(path__startswith=issuer.path, depth=issuer.depth + 1)
            .order_by("path")
        )
        self.fields["since_year"].initial = timezone.localdate().year


class EndMemberForm(BaseForm):
    last_year = _year_field()
    decision_number = forms.CharField(label=_("Theo quyết định số"), max_length=60, required=False)


class LeadersForm(BaseForm):
    year = _year_field()
    leader = forms.ModelChoiceField(label=_("Cụm trưởng"), queryset=Unit.objects.none())
    deputy = forms.ModelChoiceField(label=_("Cụm phó"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=[u.pk for u in members])
        self.fields["leader"].queryset = units
        self.fields["deputy"].queryset = units


class CriterionForm(BaseForm):
    name = forms.CharField(label=_("Nội dung tiêu chí"), max_length=300)
    max_points = forms.DecimalField(label=_("Điểm tối đa"), max_digits=7, decimal_places=2, min_value=0)
    method = forms.ChoiceField(label=_("Cách chấm"), choices=Method.choices)
    report_form = forms.ModelChoiceField(label=_("Mẫu báo cáo (khi chấm theo chỉ tiêu)"), required=False,
                                         queryset=ReportForm.objects.none())  # fmt: skip
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu báo cáo"), required=False, queryset=Indicator.objects.none()
    )
    thresholds = forms.CharField(label=_("Các mức (giá trị:điểm; …)"), required=False, max_length=300,
                                 help_text=_("Ví dụ: 50:5; 80:8; 100:10 — đạt từ giá trị nào thì được số điểm đó."))  # fmt: skip
    description = forms.CharField(label=_("Hướng dẫn chấm"), required=False, max_length=500)

    def __init__(self, *args, cluster: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        path = cluster.issuer.path
        above = [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]
        report_forms = ReportForm.objects.filter(
            phase__plan__issuer__path__in=above, archived_at__isnull=True
        )
        self.fields["report_form"].queryset = report_forms.order_by("-period_end", "title")
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(forms__in=report_forms).distinct().order_by("order", "code")
        )


class SignForm(BaseForm):
    signed_on = VietnameseDateField(label=_("Ngày ký kết"))
    place = forms.CharField(label=_("Nơi ký kết"), max_length=200, required=False)
    signers = forms.ModelMultipleChoiceField(label=_("Các đơn vị ký kết"), queryset=Unit.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = Unit.objects.filter(pk__in=[u.pk for u in members]).order_by("name")
        self.fields["signers"].initial = [u.pk for u in members]


class MeetingForm(BaseForm):
    held_on = VietnameseDateField(label=_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(label=_("Các đơn vị dự họp"), queryset=Unit.objects.none(),
                                               widget=forms.CheckboxSelectMultiple)  # fmt: skip
    minutes = forms.CharField(label=_("Biên bản (nội dung chính)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Unit.objects.filter(pk__in=[u.pk for u in members]).order_by(
            "name"
        )


def collective_awards():
    """The awards a cluster proposes: flags and Bằng khen for collectives."""
    return Award.objects.filter(archived_at__isnull=True, recipient__in=["collective", "both"]).filter(
        code__regex=r"^(co-thi-dua|bang-khen)"
    )
