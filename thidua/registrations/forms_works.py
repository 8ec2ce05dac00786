"""Forms of research topics and congress works: they validate input; the views then call one action.

The lead and the team are typed as names (one member a line, "Họ và tên – nhiệm vụ"): a name that is exactly one
person of the unit's subtree (diacritics and case aside) is linked to that person, so the topic shows on their page;
any other name is kept as a named outsider.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.congresses.models import Congress
from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit

from .actions.works import TeamMemberInput
from .models import ResearchLevel, ResearchRating, WorkKind

MEMBER_SEPARATOR = re.compile(r"\s+[–—-]\s+|;|\t")


class MoneyField(forms.CharField):
    """An amount in đồng typed as "1.500.000", "1 500 000" or "1500000"; kept as an integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20}))
        kwargs.setdefault("help_text", _("Số đồng, ví dụ 150.000.000."))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        digits = re.sub(r"[.\s\u00a0,]|đồng|đ$", "", text, flags=re.IGNORECASE)
        if not digits.isdigit():
            raise forms.ValidationError(_("Nhập số đồng, chỉ gồm chữ số, ví dụ 150.000.000."), code="invalid")
        return int(digits)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


def _date(label, required: bool = True, allow_future: bool = True) -> VietnameseDateField:
    return VietnameseDateField(label=label, required=required, allow_future=allow_future)


def units_for_registering(user) -> Any:
    """The active units where the user may register topics and works (their subtrees), in tree order."""
    from .permissions.works import SUBMIT

    return Unit.objects.visible_to(user, SUBMIT).active().order_by("path")


def ancestor_paths(unit: Unit) -> list[str]:
    """The paths of ``unit`` and of the units above it (the tree's paths are prefixes of their descendants')."""
    step = Unit.steplen
    return [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]


def match_person(unit: Unit, user, name: str) -> int | None:
    """The one person of the unit's subtree, visible to the user, whose name is ``name`` (folded), else None."""
    key = fold(name)
    if not key:
        return None
    found = list(
        Person.objects.visible_to(user).filter(unit__path__startswith=unit.path, search_name=key,
                                               archived_at__isnull=True).values_list("pk", flat=True)[:2]
    )  # fmt: skip
    return found[0] if len(found) == 1 else None


def team_lines(members) -> str:
    """The team as the form shows it, one member a line."""
    return "\n".join(f"{m.full_name} – {m.role}" if m.role else m.full_name for m in members)


class ResearchTopicForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Tên đề tài"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.CharField(label=_("Lĩnh vực"), max_length=200, required=False)
    level = forms.ChoiceField(label=_("Cấp đề tài"), choices=ResearchLevel.choices)
    lead_name = forms.CharField(label=_("Chủ nhiệm đề tài"), max_length=200,
                                help_text=_("Họ và tên; người trong đơn vị được tự động liên kết."))  # fmt: skip
    team = forms.CharField(
        label=_("Thành viên tham gia"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một người: Họ và tên – nhiệm vụ (ví dụ: Nguyễn Thị Đào – thư ký)."),
    )  # fmt: skip
    start_on = _date(_("Bắt đầu"))
    end_on = _date(_("Kết thúc (dự kiến)"))
    budget_vnd = MoneyField(label=_("Kinh phí (đồng)"))
    funding_source = forms.CharField(label=_("Nguồn kinh phí"), max_length=200, required=False)
    summary = forms.CharField(label=_("Mục tiêu, nội dung chính"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, user, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fixed_unit = unit
        if unit is not None:  # editing: the unit does not change
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units_for_registering(user)

    def clean_team(self) -> list[tuple[str, str]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("team") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = MEMBER_SEPARATOR.split(line.strip(), maxsplit=1)
            name = parts[0].strip()
            if not name:
                raise forms.ValidationError(
                    _("Dòng %(n)s: cần ghi họ và tên trước nhiệm vụ.") % {"n": number}
                )
            rows.append((name, parts[1].strip() if len(parts) > 1 else ""))
        return rows

    def action_values(self) -> dict[str, Any]:
        """What the action takes: the content, the lead linked to a person when the name is one, the team."""
        data = self.cleaned_data
        unit = self.fixed_unit or data["unit"]
        lead_id = match_person(unit, self.user, data["lead_name"])
        members = []
        for name, role in data["team"]:
            person_id = match_person(unit, self.user, name)
            if person_id is not None and person_id == lead_id:
                continue  # the lead typed again among the team
            members.append(TeamMemberInput(name=name, person_id=person_id, role=role))
        return {
            "title": data["title"], "field": data["field"], "level": data["level"], "lead_id": lead_id,
            "lead_name": data["lead_name"], "start_on": data["start_on"], "end_on": data["end_on"],
            "budget_vnd": data["budget_vnd"] or 0, "funding_source": data["funding_source"],
            "summary": data["summary"], "members": members,
        }  # fmt: skip


class CongressWorkForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Tên công trình, sản phẩm"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    kind = forms.ChoiceField(label=_("Loại"), choices=WorkKind.choices)
    value_vnd = MoneyField(label=_("Giá trị (đồng)"))
    location = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    congress_name = forms.CharField(label=_("Chào mừng Đại hội"), max_length=300,
                                    help_text=_("Ví dụ: Đại hội Công đoàn tỉnh Bến Tre lần thứ XI"))  # fmt: skip
    congress_term = forms.CharField(label=_("Nhiệm kỳ"), max_length=40, help_text=_("Ví dụ: 2018 – 2023"))
    planned_on = _date(_("Dự kiến hoàn thành"))
    congress_record = forms.ModelChoiceField(
        label=_("Đại hội trong hệ thống"), queryset=Congress.objects.none(), required=False,
        help_text=_("Đại hội của đơn vị hoặc của cấp trên của đơn vị; tên Đại hội và nhiệm kỳ để trống sẽ lấy theo Đại hội này."),
    )  # fmt: skip
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fixed_unit = unit
        congresses = Congress.objects.visible_to(user).current().select_related("unit")
        if unit is not None:
            del self.fields["unit"]
            congresses = congresses.filter(unit__path__in=ancestor_paths(unit))
        else:
            self.fields["unit"].queryset = units_for_registering(user)
        self.fields["congress_record"].queryset = congresses.order_by("-term_start", "unit__path")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit = self.fixed_unit or data.get("unit")
        congress = data.get("congress_record")
        if congress is not None and unit is not None and congress.unit.path not in ancestor_paths(unit):
            self.add_error("congress_record", _("Đại hội trong hệ thống: chỉ chọn Đại hội của đơn vị hoặc của "
                                                "cấp trên của đơn vị."))  # fmt: skip
        return data

    def action_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("unit", None)
        data["value_vnd"] = data["value_vnd"] or 0
        return data


# --- the steps -----------------------------------------------------------------------------------------------


class AcceptTopicForm(BaseForm):
    accepted_on = _date(_("Ngày nghiệm thu"), allow_future=False)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=[("", "—"), *ResearchRating.choices])
    accepting_body = forms.CharField(label=_("Cơ quan, hội đồng nghiệm thu"), max_length=300)
    decision_number = forms.CharField(label=_("Số quyết định công nhận kết quả"), max_length=60)
    decision_date = _date(_("Ngày quyết định"), allow_future=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class FailTopicForm(BaseForm):
    accepted_on = _date(_("Ngày nghiệm thu"), allow_future=False)
    accepting_body = forms.CharField(label=_("Cơ quan, hội đồng nghiệm thu"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Lý do không đạt"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompleteWorkForm(BaseForm):
    completed_on = _date(_("Ngày hoàn thành"), allow_future=False)
    value_vnd = MoneyField(label=_("Giá trị thực tế (đồng)"),
                           help_text=_("Để trống nếu không khác giá trị đã đăng ký."))  # fmt: skip
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class NoteForm(BaseForm):
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class ArchiveForm(BaseForm):
    reason = forms.CharField(
        label=_("Lý do lưu trữ"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
