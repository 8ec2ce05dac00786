"""Pages of initiatives: the list (filters, Excel), one initiative, registering and editing it, the steps of its path
(applied, the council's review, recognised or not), and the duplicate checks sent up to a unit above."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import dates
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, own_paths
from thidua.core.workflow import transition_view
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Person, Unit

from .. import actions
from .. import initiative_forms as forms
from .. import initiative_queries as queries
from ..actions import AuthorInput, MemberInput
from ..actions.initiatives import share_text
from ..models import CheckStatus, DuplicateCheck, EffectScope, Initiative, InitiativeField, InitiativeStatus
from ..permissions import initiatives as perms

PAGE_SIZE = 50
EXPORT_LIMIT = 20000


def _url(initiative: Initiative) -> str:
    return reverse("initiatives:initiative-detail", args=[initiative.pk])


def _money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


# --- the list and its export ----------------------------------------------------------------------------------


@login_required
@require_GET
def initiative_list(request):
    filters = queries.Filters.from_query(request.GET)
    rows = queries.initiatives_for_list(request.user, filters)
    page = page_of(request, rows, PAGE_SIZE)
    own = Unit.objects.filter(path__in=own_paths(request.user), archived_at__isnull=True)
    context = {
        "page": page, "initiatives": page.object_list, "filters": filters,
        "statuses": InitiativeStatus.choices, "fields": InitiativeField.choices, "scopes": EffectScope.choices,
        "register_units": [u for u in own.vietnamese_order() if perms.can_register_initiative(request.user, u)],
        "pending_checks": queries.checks_for_list(request.user).count(),
        "query_string": request.GET.urlencode(),
    }  # fmt: skip
    return render(request, "registrations/initiatives/initiative_list.html", context)


EXPORT_COLUMNS = [
    XlsxColumn(_("Năm"), 7), XlsxColumn(_("Tên sáng kiến"), 50, wrap=True), XlsxColumn(_("Đơn vị"), 40, wrap=True),
    XlsxColumn(_("Tác giả (tỷ lệ đóng góp)"), 40, wrap=True), XlsxColumn(_("Lĩnh vực"), 24),
    XlsxColumn(_("Ngày đăng ký"), 13), XlsxColumn(_("Nơi áp dụng"), 30, wrap=True), XlsxColumn(_("Áp dụng từ"), 13),
    XlsxColumn(_("Làm lợi mỗi năm (đồng)"), 18), XlsxColumn(_("Trạng thái"), 20),
    XlsxColumn(_("Quyết định công nhận"), 22, text=True), XlsxColumn(_("Ngày quyết định"), 13),
    XlsxColumn(_("Cơ quan công nhận"), 34, wrap=True), XlsxColumn(_("Phạm vi ảnh hưởng"), 20),
    XlsxColumn(_("Lý do không công nhận"), 34, wrap=True),
]  # fmt: skip


@login_required
@require_GET
def initiative_export(request):
    filters = queries.Filters.from_query(request.GET)
    rows = queries.initiatives_for_list(request.user, filters)[:EXPORT_LIMIT]

    def cells(obj: Initiative):
        authors = "; ".join(f"{a.name} ({share_text(a.share)} %)" for a in obj.authors.all())
        return [obj.year, obj.title, obj.unit.name, authors, obj.get_field_display(), obj.registered_on,
                obj.applied_where, obj.applied_since, obj.benefit_vnd, obj.get_status_display(), obj.decision_number,
                obj.decision_date, obj.recognising_body, obj.get_effect_scope_display(),
                obj.not_recognised_reason]  # fmt: skip

    book = new_workbook()
    heading = [
        _("DANH SÁCH SÁNG KIẾN"),
        _("Xuất ngày %(d)s") % {"d": dates.format_date(timezone.localdate())},
    ]
    add_table_sheet(book, _("Sáng kiến"), EXPORT_COLUMNS, (cells(o) for o in rows), heading=heading)
    return xlsx_response(workbook_bytes(book), "sang-kien.xlsx")


# --- one initiative -------------------------------------------------------------------------------------------


@login_required
@require_GET
def initiative_detail(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    obj = queries.with_authors(Initiative.objects.filter(pk=obj.pk)).get()
    user = request.user
    review = getattr(obj, "review", None) if obj.status not in (InitiativeStatus.REGISTERED,
                                                                InitiativeStatus.APPLIED) else None  # fmt: skip
    checks, sent_up = queries.checks_for(user, obj)
    context = {
        "initiative": obj, "authors": list(obj.authors.all()), "review": review,
        "members": list(review.members.all()) if review else [],
        "events": list(obj.events.select_related("by")), "checks": checks, "sent_up": sent_up,
        "can": {
            "edit": perms.can_edit_initiative(user, obj), "archive": perms.can_archive_initiative(user, obj),
            **{name: perms.can_transition(user, obj, name) for name in ("apply", "review", "recognise", "reject")},
        },
    }  # fmt: skip
    if review:
        scores = [m.score for m in context["members"] if m.score is not None]
        context["average"] = f"{sum(scores) / len(scores):.1f}".replace(".", ",") if scores else ""
        context["votes"] = {v: sum(1 for m in context["members"] if m.vote == v) for v in ("for", "against",
                                                                                          "abstain")}  # fmt: skip
    return render(request, "registrations/initiatives/initiative_detail.html", context)


def _people_of(unit: Unit, user):
    return Person.objects.visible_to(user).filter(unit=unit, archived_at__isnull=True).vietnamese_order()


def _authors_from(formset) -> list[AuthorInput]:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not (data.get("person") or data.get("name") or data.get("share") is not None):
            continue
        person = data.get("person")
        rows.append(AuthorInput(share=data.get("share") if data.get("share") is not None else 0,
                                person_id=person.pk if person else None, name=data.get("name", ""),
                                workplace=data.get("workplace", "")))  # fmt: skip
    return rows


def _seen(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("seen_matches") if v.isdigit()]


def _edit(request, *, unit: Unit, initiative: Initiative | None):
    """Register (``initiative`` None) or edit: the content, the authors, and the matches shown before saving."""
    people = _people_of(unit, request.user)
    if initiative is None:
        initial = {"registered_on": timezone.localdate()}
        author_initial: list[dict] = []
    else:
        initial = {f: getattr(initiative, f) for f in ("title", "field", "registered_on", "problem", "solution",
                                                       "benefit_vnd", "benefit_text")}  # fmt: skip
        author_initial = [{"person": a.person_id, "name": "" if a.person_id else a.name, "workplace": a.workplace,
                           "share": a.share} for a in initiative.authors.all()]  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = forms.InitiativeForm(data, initial=initial)
    formset = forms.AuthorFormSet(data, initial=author_initial, prefix="authors", people=people)
    preview = None
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        values = form.cleaned_data
        try:
            if initiative is None:
                saved = actions.register_initiative(unit, by=request.user, authors=_authors_from(formset),
                                                    seen_matches=_seen(request), **values)  # fmt: skip
            else:
                values.pop("registered_on", None)
                saved = actions.update_initiative(initiative, by=request.user, authors=_authors_from(formset),
                                                  seen_matches=_seen(request), **values)  # fmt: skip
        except ValidationError as error:
            if hasattr(error, "error_dict") and "seen_matches" in error.error_dict:
                preview = queries.preview_matches(
                    request.user,
                    unit,
                    values["title"],
                    values["problem"],
                    values["solution"],
                    exclude=initiative.pk if initiative else None,
                )
            form.apply_errors(error, aliases={"authors": "__all__", "seen_matches": "__all__"})
        else:
            sent = saved.duplicate_checks.filter(sent_up=True, status=CheckStatus.PENDING).count()
            messages.success(
                request, _("Đã đăng ký sáng kiến.") if initiative is None else _("Đã lưu sáng kiến.")
            )
            if sent:
                messages.info(
                    request, _("Có sáng kiến tương tự ở đơn vị khác: đã gửi lên cấp trên kiểm tra trùng.")
                )
            return redirect(_url(saved))
    return render(request, "registrations/initiatives/initiative_form.html", {
        "unit": unit, "initiative": initiative, "form": form, "formset": formset, "preview": preview,
        "seen": set(_seen(request)),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def initiative_register(request, unit_pk: int):
    unit = get_for_user(Unit, request.user, pk=unit_pk)
    if not perms.can_register_initiative(request.user, unit):
        raise PermissionDenied
    return _edit(request, unit=unit, initiative=None)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_update(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    if not perms.can_edit_initiative(request.user, obj):
        raise PermissionDenied
    return _edit(request, unit=obj.unit, initiative=obj)


@login_required
@require_POST
def initiative_archive(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    if not perms.can_archive_initiative(request.user, obj):
        raise PermissionDenied
    try:
        actions.archive_initiative(obj, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu trữ sáng kiến."))
    return redirect(_url(obj))


# --- the path -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def initiative_apply(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    return transition_view(
        request, obj, "apply", back_url=_url(obj), form_class=forms.ApplyForm,
        form_kwargs={"initial": {"applied_where": obj.applied_where, "applied_since": obj.applied_since,
                                 "benefit_vnd": obj.benefit_vnd, "benefit_text": obj.benefit_text}},
        perform=lambda o, *, by, **values: actions.apply_initiative(o, by=by, **values),
        success_message=_("Đã ghi nhận áp dụng sáng kiến."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def initiative_review(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    workflow = perms.INITIATIVE_WORKFLOW
    if not workflow.permitted(request.user, obj, "review"):
        raise PermissionDenied
    if not workflow.allowed(obj, "review"):
        messages.error(request, workflow.refusal(obj, "review"))
        return redirect(_url(obj))
    data = request.POST if request.method == "POST" else None
    form = forms.ReviewForm(data)
    formset = forms.MemberFormSet(data, prefix="members")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        members = [MemberInput(name=f.cleaned_data.get("name", ""), role=f.cleaned_data.get("role", ""),
                               score=f.cleaned_data.get("score"), vote=f.cleaned_data.get("vote", ""))
                   for f in formset.forms
                   if f.cleaned_data.get("name") or f.cleaned_data.get("score") is not None
                   or f.cleaned_data.get("vote")]  # fmt: skip
        try:
            actions.record_review(obj, by=request.user, members=members, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error, aliases={"members": "__all__"})
        else:
            messages.success(request, _("Đã ghi kết quả xét của hội đồng sáng kiến."))
            return redirect(_url(obj))
    return render(request, "registrations/initiatives/initiative_review.html",
                  {"initiative": obj, "form": form, "formset": formset})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def initiative_recognise(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    return transition_view(
        request, obj, "recognise", back_url=_url(obj), form_class=forms.RecogniseForm,
        warnings=_recognition_warnings,
        perform=lambda o, *, by, **values: actions.recognise_initiative(o, by=by, **values),
        success_message=_("Đã ghi nhận quyết định công nhận sáng kiến."),
    )  # fmt: skip


def _recognition_warnings(obj: Initiative) -> list[str]:
    notes = []
    if obj.duplicate_checks.filter(status=CheckStatus.DUPLICATE).exists():
        notes.append(_("Cấp trên đã kết luận sáng kiến này trùng với một sáng kiến đã đăng ký."))
    if obj.duplicate_checks.filter(status=CheckStatus.PENDING).exists():
        notes.append(_("Đang chờ cấp trên kiểm tra trùng với sáng kiến của đơn vị khác."))
    return notes


@login_required
@require_http_methods(["GET", "POST"])
def initiative_reject(request, pk: int):
    obj = queries.initiative_for(request.user, pk)
    return transition_view(
        request, obj, "reject", back_url=_url(obj),
        perform=lambda o, *, by, reason: actions.reject_initiative(o, by=by, reason=reason),
        success_message=_("Đã ghi nhận sáng kiến không được công nhận."),
    )  # fmt: skip


# --- duplicate checks sent up ---------------------------------------------------------------------------------


@login_required
@require_GET
def duplicate_list(request):
    status = request.GET.get("status", CheckStatus.PENDING)
    if status not in CheckStatus.values:
        status = ""
    page = page_of(request, queries.checks_for_list(request.user, status), PAGE_SIZE)
    return render(request, "registrations/initiatives/duplicate_list.html",
                  {"page": page, "checks": page.object_list, "status": status,
                   "statuses": CheckStatus.choices})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def duplicate_detail(request, pk: int):
    check = get_for_user(
        DuplicateCheck.objects.select_related("reviewer_unit", "decided_by"), request.user, pk=pk
    )
    pair = {i.pk: i for i in queries.with_authors(Initiative.objects.filter(pk__in=[check.initiative_id,
                                                                                   check.match_id]))}  # fmt: skip
    can_decide = perms.can_decide_check(request.user, check)
    form = forms.DecideCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.decide_duplicate_check(check, by=request.user,
                                               duplicate=form.cleaned_data["verdict"] == "duplicate",
                                               note=form.cleaned_data["note"])  # fmt: skip
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã ghi kết luận kiểm tra trùng."))
                return redirect("initiatives:duplicate-list")
    return render(request, "registrations/initiatives/duplicate_detail.html", {
        "check": check, "initiative": pair[check.initiative_id], "match": pair[check.match_id],
        "form": form, "can_decide": can_decide,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip
