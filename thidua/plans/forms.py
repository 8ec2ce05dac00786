"""Forms of the plans app: they validate input; the views then call one action.

The draft form is the plan's own fields plus one formset per part (legal bases, movements, measures, phases,
commemorations, reporting duties, recipients). Rows are plain forms with a hidden ``id`` (the row kept when the
draft is saved) and a "Xóa" box; ``part_rows`` turns a formset into the list of dicts ``actions.update_plan``
takes.
"""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.forms import BaseForm, VietnameseDateField
from thidua.core.text import nfc
from thidua.orgs.models import Unit

from . import queries
from .models import (
    ISSUED_KINDS,
    Commemoration,
    DocumentKind,
    FreeSection,
    MeasureTarget,
    Plan,
    RecipientPurpose,
)
from .parsing.result import ParsedPlan, ParsedSigner


class EventDateField(VietnameseDateField):
    """The date of a historical event (19/5/1890): any year from 1800 on."""

    def validate(self, value):
        forms.DateField.validate(self, value)
        if value is not None and value.year < 1800:
            raise forms.ValidationError(_("Năm phải từ 1800 trở đi."), code="too_old")


def _date(label, required: bool = False) -> VietnameseDateField:
    return VietnameseDateField(label=label, required=required, allow_future=True)


def _text(label, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


YEAR_CHOICES_SPAN = range(2000, 2101)


class PlanCreateForm(BaseForm):
    """The first step of a new draft: who issues it, what kind of document, its summary and year. The number is
    proposed (the next free one) when left empty."""

    issuer = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=[(k.value, k.label) for k in ISSUED_KINDS])
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False,
                             help_text=_("Để trống để dùng ký hiệu quen dùng của đơn vị, ví dụ KH-LĐLĐ."))  # fmt: skip
    number = forms.IntegerField(label=_("Số"), min_value=1, required=False,
                                help_text=_("Để trống để lấy số tiếp theo còn trống."))  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else Unit.objects.none()
        self.fields["issuer"].label_from_instance = lambda u: u.name
        self.fields["year"].initial = timezone.localdate().year


class PlanForm(BaseForm):
    """The plan's own fields, as the official text lays them out."""

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=[(k.value, k.label) for k in ISSUED_KINDS])
    number = forms.IntegerField(label=_("Số"), min_value=1)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    date = _date(_("Ngày ban hành"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    introduction = _text(_("Mở đầu"), 2)
    purposes = _text(_("Mục đích"), 4)
    requirements = _text(_("Yêu cầu"), 3)
    phase_review = _text(_("Sơ kết sau mỗi đợt"), 3)
    closing = _text(_("Kết thúc văn bản"), 2)
    signer_on_behalf = forms.CharField(label=_("Thẩm quyền ký"), max_length=100, required=False,
                                       help_text=_("Ví dụ: TM. BAN THƯỜNG VỤ"))  # fmt: skip
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=100, required=False)

    FIELDS = ["kind", "number", "symbol", "year", "place", "date", "title", "introduction", "purposes",
              "requirements", "phase_review", "closing", "signer_on_behalf", "signer_title", "signer_name"]  # fmt: skip

    @classmethod
    def initial_for(cls, plan: Plan) -> dict:
        return {name: getattr(plan, name) for name in cls.FIELDS}

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = nfc(value) if name not in {"purposes", "requirements"} else value.strip()
        check_issue_date(self, data.get("date"), data.get("year"))
        return data


def check_issue_date(form, day, year) -> None:
    """The issue date against the plan's year (``queries.issue_date_window``), the error on the form's "date"."""
    if not day or not year or queries.issue_date_fits(day, year):
        return
    first, last = queries.issue_date_window(year)
    form.add_error("date", _("Ngày ban hành %(day)s không thuộc năm %(year)s (phải từ %(first)s đến %(last)s).")
                   % {"day": format_date(day), "year": year, "first": format_date(first),
                      "last": format_date(last)})  # fmt: skip


# --- the parts ------------------------------------------------------------------------------------------------


class _PartForm(BaseForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    FIELDS: list[str] = []

    def row(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.FIELDS}
        if self.cleaned_data.get("id"):
            data["id"] = self.cleaned_data["id"]
        return data


class LegalBasisForm(_PartForm):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices, initial=DocumentKind.PLAN)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    date = _date(_("Ngày"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    FIELDS = ["kind", "number", "date", "issuer", "title"]


class MovementForm(_PartForm):
    names = forms.CharField(label=_("Tên phong trào (mỗi dòng một tên)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    text = _text(_("Nội dung"), 2)
    FIELDS = ["names", "text"]

    def __init__(self, *args, **kwargs):
        initial = kwargs.get("initial")
        if initial and isinstance(initial.get("names"), list):
            kwargs["initial"] = {**initial, "names": "\n".join(initial["names"])}
        super().__init__(*args, **kwargs)

    def clean_names(self):
        return [nfc(line).strip("“”\"'") for line in self.cleaned_data["names"].splitlines() if nfc(line)]

    def clean(self):
        data = super().clean()
        if not data.get("names") and not (data.get("text") or "").strip() and not data.get("DELETE"):
            raise forms.ValidationError(_("Phong trào cần có tên hoặc nội dung."))
        return data


class MeasureForm(_PartForm):
    target = forms.ChoiceField(label=_("Đối tượng"), choices=[("", "—"), *MeasureTarget.choices])
    text = _text(_("Nội dung"), 2, required=True)
    FIELDS = ["target", "text"]


class PhaseForm(_PartForm):
    name = forms.CharField(label=_("Tên đợt"), max_length=100)
    start = _date(_("Từ ngày"), required=True)
    end = _date(_("Đến ngày"), required=True)
    start_is_open = forms.BooleanField(label=_("Từ đầu năm"), required=False)
    celebrates = _text(_("Nội dung thi đua"), 3)
    report_due = _date(_("Hạn báo cáo"))
    opens_registration = forms.BooleanField(label=_("Mở đăng ký thi đua"), required=False)
    opens_reporting = forms.BooleanField(label=_("Mở báo cáo kết quả"), required=False)
    opens_proposals = forms.BooleanField(label=_("Mở đề nghị khen thưởng"), required=False)
    FIELDS = ["name", "start", "end", "start_is_open", "celebrates", "report_due", "opens_registration",
              "opens_reporting", "opens_proposals"]  # fmt: skip

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.")
                           % {"end": format_date(end), "start": format_date(start)})  # fmt: skip
        return data


class _PhaseChoiceForm(_PartForm):
    phase_order = forms.TypedChoiceField(label=_("Đợt"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, phase_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase_order"].choices = [("", _("— Không thuộc đợt nào —")), *phase_choices]

    def row(self) -> dict:
        return {**super().row(), "phase_order": self.cleaned_data.get("phase_order")}


class CommemorationForm(_PhaseChoiceForm):
    commemoration = forms.ModelChoiceField(label=_("Ngày kỷ niệm (danh mục)"), required=False,
                                           queryset=Commemoration.objects.filter(is_active=True))  # fmt: skip
    text = forms.CharField(label=_("Nội dung như trong văn bản"), max_length=500)
    ordinal = forms.IntegerField(label=_("Số năm"), min_value=1, max_value=2000, required=False)
    base_date = EventDateField(label=_("Ngày sự kiện"), required=False, allow_future=False)
    date = _date(_("Ngày kỷ niệm"))
    FIELDS = ["commemoration", "text", "ordinal", "base_date", "date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commemoration"].label_from_instance = lambda c: f"{c.name} ({format_date(c.base_date)})"


class ReportingDutyForm(_PhaseChoiceForm):
    to_whom = forms.CharField(label=_("Báo cáo về"), max_length=300)
    due = _date(_("Hạn báo cáo"))
    text = forms.CharField(label=_("Nội dung báo cáo"), max_length=500, required=False)
    FIELDS = ["to_whom", "due", "text"]


class RecipientForm(_PartForm):
    name = forms.CharField(label=_("Nơi nhận"), max_length=300)
    purpose = forms.ChoiceField(
        label=_("Mục đích"), choices=[("", "—"), *RecipientPurpose.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị trong hệ thống"), queryset=Unit.objects.none(), required=False
    )
    to_subordinates = forms.BooleanField(label=_("Gửi mọi đơn vị trực thuộc"), required=False)
    FIELDS = ["name", "purpose", "unit", "to_subordinates"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: u.name


class FreeSectionForm(_PartForm):
    """A part of the text the structure does not hold, kept as written, and where it stands in the plan."""

    heading = forms.CharField(label=_("Tiêu đề mục"), max_length=300, required=False)
    text = _text(_("Nội dung"), 3, required=True)
    after = forms.ChoiceField(
        label=_("Vị trí"), choices=FreeSection.After.choices, initial=FreeSection.After.MEASURES
    )
    FIELDS = ["heading", "text", "after"]


PART_FORMS = {
    "legal_bases": (LegalBasisForm, _("Căn cứ")),
    "movements": (MovementForm, _("Các phong trào thi đua trọng tâm")),
    "measures": (MeasureForm, _("Biện pháp tổ chức thực hiện")),
    "phases": (PhaseForm, _("Các đợt thi đua")),
    "commemorations": (CommemorationForm, _("Ngày kỷ niệm")),
    "reporting_duties": (ReportingDutyForm, _("Yêu cầu báo cáo")),
    "recipients": (RecipientForm, _("Nơi nhận")),
    "free_sections": (FreeSectionForm, _("Mục khác (giữ nguyên như văn bản gốc)")),
}


def part_formset(name: str, *, data=None, initial=None, form_kwargs=None):
    form_class, _label = PART_FORMS[name]
    formset_class = forms.formset_factory(form_class, extra=0 if initial else 1, can_delete=True)
    return formset_class(data=data, initial=initial, prefix=name, form_kwargs=form_kwargs or {})


def part_rows(formset) -> list[dict]:
    """The rows of a valid formset, in order, without those marked for deletion or left empty."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.cleaned_data.get("id"):
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        rows.append(form.row())
    return rows


def initial_rows(plan: Plan) -> dict[str, list[dict]]:
    """Each part of a plan as the initial data of its formset."""
    phases = list(plan.phases.order_by("order"))
    order_of = {p.pk: p.order for p in phases}
    return {
        "legal_bases": [
            {
                "id": b.pk,
                "kind": b.kind,
                "number": b.number,
                "date": b.date,
                "issuer": b.issuer,
                "title": b.title,
            }
            for b in plan.legal_bases.order_by("order")
        ],  # fmt: skip
        "movements": [
            {"id": m.pk, "names": m.names, "text": m.text} for m in plan.movements.order_by("order")
        ],
        "measures": [
            {"id": m.pk, "target": m.target, "text": m.text}
            for m in plan.measures.order_by("target", "order")
        ],  # fmt: skip
        "phases": [{"id": p.pk, **{name: getattr(p, name) for name in PhaseForm.FIELDS}} for p in phases],
        "commemorations": [
            {
                "id": c.pk,
                "phase_order": order_of.get(c.phase_id),
                "commemoration": c.commemoration_id,
                "text": c.text,
                "ordinal": c.ordinal,
                "base_date": c.base_date,
                "date": c.date,
            }  # fmt: skip
            for c in plan.commemorations.order_by("phase__order", "order")
        ],
        "reporting_duties": [
            {
                "id": d.pk,
                "phase_order": order_of.get(d.phase_id),
                "to_whom": d.to_whom,
                "due": d.due,
                "text": d.text,
            }  # fmt: skip
            for d in plan.reporting_duties.order_by("order")
        ],
        "recipients": [
            {
                "id": r.pk,
                "name": r.name,
                "purpose": r.purpose,
                "unit": r.unit_id,
                "to_subordinates": r.to_subordinates,
            }
            for r in plan.recipients.order_by("order")
        ],  # fmt: skip
        "free_sections": [
            {"id": f.pk, "heading": f.heading, "text": f.text, "after": f.after}
            for f in plan.free_sections.all()
        ],
    }


# --- workflow forms -------------------------------------------------------------------------------------------


class IssueForm(BaseForm):
    date = _date(_("Ngày ban hành"), required=True)


class AmendForm(BaseForm):
    reason = forms.CharField(label=_("Lý do sửa đổi, bổ sung"), widget=forms.Textarea(attrs={"rows": 2}))
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = list(phases)
        for phase in self.phases:
            self.fields[f"phase_{phase.pk}_end"] = _date(_("%(phase)s: đến ngày") % {"phase": phase.name},
                                                         required=True)  # fmt: skip
            self.fields[f"phase_{phase.pk}_report_due"] = _date(
                _("%(phase)s: hạn báo cáo") % {"phase": phase.name})  # fmt: skip
            self.fields[f"phase_{phase.pk}_end"].initial = phase.end
            self.fields[f"phase_{phase.pk}_report_due"].initial = phase.report_due

    def phase_fields(self):
        return [(p, self[f"phase_{p.pk}_end"], self[f"phase_{p.pk}_report_due"]) for p in self.phases]

    def phase_changes(self) -> dict[int, dict]:
        return {p.pk: {"end": self.cleaned_data[f"phase_{p.pk}_end"],
                       "report_due": self.cleaned_data[f"phase_{p.pk}_report_due"]} for p in self.phases}  # fmt: skip


class CopyForm(BaseForm):
    year = forms.IntegerField(label=_("Sang năm"), min_value=2000, max_value=2100)


class BuildForm(BaseForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị xây dựng kế hoạch"), queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].label_from_instance = lambda u: u.name


class ReminderForm(BaseForm):
    units = forms.ModelMultipleChoiceField(label=_("Đơn vị được nhắc"), queryset=Unit.objects.none())
    message = forms.CharField(label=_("Lời nhắc"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()
        self.fields["units"].error_messages["required"] = _("Chọn ít nhất một đơn vị để nhắc.")


ALLOWED_IMPORT_SUFFIXES = (".md", ".txt", ".docx", ".pdf")
MAX_IMPORT_SIZE = 10 * 1024 * 1024


class ImportUploadForm(BaseForm):
    issuer = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Tệp văn bản (.md, .txt, .docx, .pdf)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else Unit.objects.none()
        self.fields["issuer"].label_from_instance = lambda u: u.name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_IMPORT_SUFFIXES):
            raise forms.ValidationError(_("Tệp “%(name)s” không đọc được: chỉ nhận .md, .txt, .docx hoặc .pdf.")
                                        % {"name": upload.name})  # fmt: skip
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        return upload


# Where the officer may move a paragraph the reader could not place (issue 9): "" keeps it as a section of its own.
FREE_SECTION_TARGETS = [
    ("", _("Giữ thành mục riêng")),
    ("introduction", _("Mở đầu")),
    ("purposes", _("Mục đích")),
    ("requirements", _("Yêu cầu")),
    ("phase_review", _("Sau các đợt thi đua")),
    ("closing", _("Kết thúc văn bản")),
]
# Where a paragraph the parser placed may be moved in the preview (``actions.imports.PARAGRAPH_TARGETS``).
PARAGRAPH_MOVE_TARGETS = [
    ("", _("Giữ tại đây")),
    *FREE_SECTION_TARGETS[1:],
    ("free", _("Mục riêng")),
]
# The name of a paragraph's move field: ``move_<part>_<index>`` (``move_purposes_0``, ``move_measures.2_1``).
PARAGRAPH_MOVE_FIELD = re.compile(r"^move_([a-z_]{1,30}(?:\.\d{1,3})?)_(\d{1,4})$")


def movable_paragraphs(parsed: ParsedPlan) -> list[tuple[str, int, str]]:
    """The paragraphs of the parse result the officer may move, as (part, index, text): the body parts, each group
    of measures' paragraphs and each phase's text (``actions.imports.paragraphs_of``)."""
    from .actions.imports import FREE_SECTION_PARTS, paragraphs_of

    parts = [*FREE_SECTION_PARTS, *(f"measures.{i}" for i in range(1, len(parsed.measures) + 1)),
             *(f"phases.{i}" for i in range(1, len(parsed.phases) + 1))]  # fmt: skip
    return [(part, i, text) for part in parts for i, text in enumerate(paragraphs_of(parsed, part)) if text]


class ImportConfirmForm(BaseForm):
    """The corrections of an imported text before the draft is created: the header, the signer, each phase's
    name and dates, each recipient's purpose. The phases and recipients are those the parser read (``parsed``, from
    the staged upload): one set of fields each, named by position (``phase_1_end``, ``recipient_3_purpose``)."""

    issuer = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none(),
                                    widget=forms.HiddenInput)  # fmt: skip
    token = forms.CharField(widget=forms.HiddenInput)  # the staged upload (thidua.core.uploads)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=[(k.value, k.label) for k in ISSUED_KINDS])
    number = forms.IntegerField(label=_("Số"), min_value=1, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    date = _date(_("Ngày ban hành"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    signer_on_behalf = forms.CharField(label=_("Thẩm quyền ký"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=100, required=False)

    HEADER_FIELDS = ["kind", "number", "symbol", "year", "place", "date", "title"]
    SIGNER_FIELDS = ["signer_on_behalf", "signer_title", "signer_name"]

    def __init__(self, *args, units=None, parsed: ParsedPlan | None = None, **kwargs):
        parsed = parsed or ParsedPlan()
        self.phase_names = [p.name or _("Đợt %(n)s") % {"n": i} for i, p in enumerate(parsed.phases, start=1)]
        self.recipient_names = [r.name or "" for r in parsed.recipients]
        dynamic: dict[str, forms.Field] = {}
        for i, name in enumerate(self.phase_names, start=1):
            dynamic[f"phase_{i}_name"] = forms.CharField(label=_("%(phase)s: tên đợt") % {"phase": name},
                                                         max_length=100)  # fmt: skip
            dynamic[f"phase_{i}_start"] = _date(_("%(phase)s: từ ngày") % {"phase": name})
            dynamic[f"phase_{i}_end"] = _date(_("%(phase)s: đến ngày") % {"phase": name})
            dynamic[f"phase_{i}_report_due"] = _date(_("%(phase)s: hạn báo cáo") % {"phase": name})
        for i, name in enumerate(self.recipient_names, start=1):
            label = _("Mục đích gửi “%(name)s”") % {"name": name}
            dynamic[f"recipient_{i}_purpose"] = forms.ChoiceField(
                label=label, required=False, choices=[("", "—"), *RecipientPurpose.choices],
                widget=forms.Select(attrs={"aria-label": label}),  # the row shows the name; this says what it is
            )  # fmt: skip
        self.free_count = len(parsed.free_sections)
        for i in range(1, self.free_count + 1):
            label = _("Mục %(n)s không xếp được: chuyển vào phần") % {"n": i}
            dynamic[f"free_{i}_part"] = forms.ChoiceField(
                label=label, required=False, choices=FREE_SECTION_TARGETS,
                widget=forms.Select(attrs={"aria-label": label}),
            )  # fmt: skip
        self.movable = movable_paragraphs(parsed)
        for part, index, text in self.movable:
            label = _("Đoạn “%(start)s”: chuyển vào") % {"start": Truncator(text).words(8)}
            dynamic[f"move_{part}_{index}"] = forms.ChoiceField(
                label=label, required=False, choices=[(v, t) for v, t in PARAGRAPH_MOVE_TARGETS if v != part],
                widget=forms.Select(attrs={"aria-label": label, "data-testid": "paragraph-move",
                                          "class": "form-select form-select-sm w-auto import-move"}),
            )  # fmt: skip
        # Copied into self.fields by the form, which then gives every field its messages and classes.
        self.base_fields = {**type(self).base_fields, **dynamic}
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else Unit.objects.none()

    @staticmethod
    def initial_from(parsed: ParsedPlan) -> dict:
        """The fields' values as the parser read them."""
        signer = parsed.signer or ParsedSigner()
        initial = {"place": parsed.place or "", "date": parsed.date, "title": parsed.title or "",
                   "signer_on_behalf": signer.on_behalf or "", "signer_title": signer.title or "",
                   "signer_name": signer.name or ""}  # fmt: skip
        for i, p in enumerate(parsed.phases, start=1):
            initial.update({f"phase_{i}_name": p.name or _("Đợt %(n)s") % {"n": i}, f"phase_{i}_start": p.start,
                            f"phase_{i}_end": p.end, f"phase_{i}_report_due": p.report_due})  # fmt: skip
        return initial

    def phase_fields(self, i: int):
        return [self[f"phase_{i}_{name}"] for name in ("name", "start", "end", "report_due")]

    def recipient_field(self, i: int):
        return self[f"recipient_{i}_purpose"]

    def free_field(self, i: int):
        return self[f"free_{i}_part"]

    def move_field(self, part: str, index: int):
        return self[f"move_{part}_{index}"]

    def paragraph_moves(self) -> list[dict]:
        """The paragraphs to move, as ``actions.create_plan_from_parsed`` takes them: the fields chosen, and any other
        ``move_…`` the post holds (a tampered post: the action checks it against the parse result and refuses it)."""
        moves = []
        for name in self.data:
            matched = PARAGRAPH_MOVE_FIELD.match(name)
            if matched is None:
                continue
            to = self.cleaned_data.get(name) if name in self.fields else self.data.get(name)
            if to:
                moves.append({"part": matched.group(1), "index": int(matched.group(2)), "to": str(to)[:40]})
        return moves

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and name != "token":
                data[name] = nfc(value)
        check_issue_date(
            self, data.get("date"), data.get("year") or (data["date"].year if data.get("date") else None)
        )
        for i, name in enumerate(self.phase_names, start=1):
            start, end = data.get(f"phase_{i}_start"), data.get(f"phase_{i}_end")
            if start and end and end < start:
                self.add_error(f"phase_{i}_end", _("%(phase)s: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.")
                               % {"phase": data.get(f"phase_{i}_name") or name, "end": format_date(end),
                                  "start": format_date(start)})  # fmt: skip
        return data

    def corrections(self) -> dict:
        """The corrected values in the shape ``actions.create_plan_from_parsed`` takes."""
        data = self.cleaned_data
        return {
            **{name: data.get(name) for name in ["kind", "place", "date", "title", *self.SIGNER_FIELDS]},
            "phases": [{"name": data.get(f"phase_{i}_name"), "start": data.get(f"phase_{i}_start"),
                        "end": data.get(f"phase_{i}_end"), "report_due": data.get(f"phase_{i}_report_due")}
                       for i in range(1, len(self.phase_names) + 1)],
            "recipients": [{"purpose": data.get(f"recipient_{i}_purpose") or ""}
                           for i in range(1, len(self.recipient_names) + 1)],
            "free_sections": [{"part": data.get(f"free_{i}_part") or ""} for i in range(1, self.free_count + 1)],
            "paragraphs": self.paragraph_moves(),
        }  # fmt: skip
