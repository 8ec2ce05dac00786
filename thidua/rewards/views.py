"""Pages of reward decisions (/khen-thuong/): the decisions by register and year, a decision with its awardees,
money and basis (DOCX, PDF, issue, revocations), the registers, the permanent record (searchable, .xlsx). Reads go
through ``visible_to`` / ``get_for_user`` (404 outside); every write through one action of ``rewards.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit
from thidua.registrations.models import Award

from . import actions, forms, permissions, queries
from .models import (
    AwardRecord,
    Decision,
    DecisionKind,
    DecisionRegister,
    DecisionStatus,
    RecordSource,
    RevocationReason,
)

PAGE_SIZE = 50


def _query(request) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "page"})


def _int(request, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- decisions -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request):
    user = request.user
    register = (
        get_for_user(DecisionRegister, user, pk=_int(request, "register"))
        if _int(request, "register")
        else None
    )
    filters = queries.DecisionFilters(
        register=register, year=_int(request, "year"), status=request.GET.get("status", ""),
        text=request.GET.get("q", "").strip()[:100], archived=request.GET.get("archived") == "1",
    )  # fmt: skip
    decisions = queries.decisions_for_list(user, filters)
    page = page_of(request, decisions, PAGE_SIZE)
    registers = list(queries.registers_for(user)[:200])
    return render(request, "rewards/decision_list.html", {
        "decisions": page.object_list, "page": page, "filters": filters, "query": _query(request),
        "registers": registers, "years": sorted({r.year for r in registers}, reverse=True),
        "statuses": DecisionStatus.choices, "can_draft": forms.reward_units(user).exists(),
        "drafting_registers": [r for r in registers if permissions.can_manage_register(user, r)],
    })  # fmt: skip


def _decision_for(user, pk: int) -> Decision:
    return get_for_user(
        Decision.objects.select_related("register", "issuer", "issued_by", "created_by"), user, pk=pk
    )


@login_required
@require_GET
def decision_detail(request, pk: int):
    decision = _decision_for(request.user, pk)
    lines = list(queries.lines_of(decision))
    editable = permissions.can_edit_decision(request.user, decision)
    line_form = None
    if editable:
        line_form = forms.LineForm(user=request.user, issuer=decision.issuer, year=decision.decided_on.year)
    may_revoke = decision.is_issued and permissions.can_sign(request.user, decision.issuer)
    may_issue = editable and permissions.can_issue_decision(request.user, decision)
    return render(request, "rewards/decision_detail.html", {
        "decision": decision, "lines": lines, "totals": queries.totals_of(decision), "editable": editable,
        "line_form": line_form, "issue_form": forms.IssueForm() if may_issue else None,
        "revoked": list(queries.revocations_of(decision)), "may_revoke": may_revoke,
        "revocations_made": (
            list(queries.revocations_made(decision)) if decision.kind == DecisionKind.REVOCATION else []
        ),
        "external": decision.register.mode == "external",
    })  # fmt: skip


@login_required
@require_GET
def decision_document(request, pk: int, fmt: str):
    from thidua.documents.render import render_docx, render_pdf

    from .documents import decision_document as build

    if fmt not in ("docx", "pdf"):
        raise Http404
    decision = _decision_for(request.user, pk)
    if decision.kind == DecisionKind.REVOCATION:
        from .documents import revocation_document

        document = revocation_document(decision, queries.revocations_made(decision))
    else:
        document = build(decision, queries.lines_of(decision))
    if fmt == "docx":
        body = render_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = render_pdf(document)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    stem = document["file_stem"] or f"quyet-dinh-{decision.pk}"
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    register_id = _int(request, "register")
    if register_id is None:
        raise Http404
    register = get_for_user(DecisionRegister.objects.select_related("issuer"), request.user, pk=register_id)
    if not permissions.can_manage_register(request.user, register):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST or None, initial={"decided_on": None})
    if request.method == "POST" and form.is_valid():
        try:
            decision = actions.create_decision(register, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(
                request, _("Đã tạo dự thảo quyết định. Hãy thêm người, tập thể được khen thưởng.")
            )
            return redirect("rewards:decision-detail", pk=decision.pk)
    return render(request, "rewards/form.html", {
        "form": form, "heading": _("Dự thảo quyết định khen thưởng"), "subheading": f"{register.issuer.name} – "
        f"{register.symbol} – {register.year}", "back_url": reverse("rewards:decision-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _editable(request, pk: int) -> Decision:
    decision = _decision_for(request.user, pk)
    if not permissions.can_edit_decision(request.user, decision):
        raise PermissionDenied
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def decision_update(request, pk: int):
    decision = _editable(request, pk)
    initial = {name: getattr(decision, name) for name in actions.DECISION_DETAILS}
    form = forms.DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_decision(decision, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("rewards:decision-detail", pk=decision.pk)
    return render(request, "rewards/form.html", {
        "form": form, "heading": _("Sửa dự thảo quyết định"), "subheading": decision.reference,
        "back_url": reverse("rewards:decision-detail", args=[decision.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def line_add(request, pk: int):
    decision = _editable(request, pk)
    form = forms.LineForm(
        request.POST, user=request.user, issuer=decision.issuer, year=decision.decided_on.year
    )
    if form.is_valid():
        data = form.cleaned_data
        line = actions.LineInput(award=data["award"], year=data["year"], person=data.get("person_obj"),
                                 unit=data.get("unit_obj"), reason=data["reason"],
                                 position_at_time=data["position_at_time"])  # fmt: skip
        try:
            actions.add_decision_lines(decision, [line], by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã thêm vào danh sách khen thưởng."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("rewards:decision-detail", pk=decision.pk)


@login_required
@require_POST
def line_remove(request, pk: int, line_pk: int):
    decision = _editable(request, pk)
    if actions.remove_decision_lines(decision, by=request.user, line_ids=[line_pk]):
        messages.success(request, _("Đã bỏ khỏi danh sách khen thưởng."))
    return redirect("rewards:decision-detail", pk=decision.pk)


@login_required
@require_POST
def decision_issue(request, pk: int):
    decision = _editable(request, pk)
    form = forms.IssueForm(request.POST)
    number = form.cleaned_data.get("number") if form.is_valid() else None
    try:
        issued = actions.issue_decision(decision, by=request.user, number=number)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã ban hành Quyết định số %(ref)s.") % {"ref": issued.reference})
    return redirect("rewards:decision-detail", pk=decision.pk)


@login_required
@require_POST
def decision_archive(request, pk: int):
    decision = _editable(request, pk)
    actions.archive_decision(decision, by=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã hủy dự thảo (được lưu trữ)."))
    return redirect("rewards:decision-list")


# --- registers -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register_list(request):
    registers = list(queries.registers_for(request.user))
    form = forms.RegisterForm(request.POST or None, user=request.user)
    can_create = form.fields["issuer"].queryset.exists()
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.create_register(data["issuer"], by=request.user, year=data["year"], symbol=data["symbol"],
                                        mode=data["mode"], next_number=data["next_number"], place=data["place"])  # fmt: skip
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã mở sổ quyết định."))
                return redirect("rewards:register-list")
    return render(request, "rewards/register_list.html", {
        "registers": registers, "form": form if can_create else None,
        "manageable": {r.pk for r in registers if permissions.can_manage_register(request.user, r)},
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def register_update(request, pk: int):
    register = get_for_user(DecisionRegister.objects.select_related("issuer"), request.user, pk=pk)
    if not permissions.can_manage_register(request.user, register):
        raise PermissionDenied
    form = forms.RegisterForm(request.POST or None, user=request.user, editing=True, initial={
        "mode": register.mode, "next_number": register.next_number, "place": register.place})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_register(register, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu sổ quyết định."))
            return redirect("rewards:register-list")
    return render(request, "rewards/form.html", {
        "form": form, "heading": _("Sổ quyết định %(symbol)s năm %(year)s") % {"symbol": register.symbol,
                                                                              "year": register.year},
        "subheading": register.issuer.name, "back_url": reverse("rewards:register-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- the permanent record --------------------------------------------------------------------------------------


def _record_filters(request) -> queries.RecordFilters:
    unit = get_for_user(Unit, request.user, pk=_int(request, "unit")) if _int(request, "unit") else None
    revoked = {"1": True, "0": False}.get(request.GET.get("revoked", ""))
    return queries.RecordFilters(
        text=request.GET.get("q", "").strip()[:100], award=request.GET.get("award", "")[:60], year=_int(request, "year"),
        unit=unit, kind=request.GET.get("kind", ""), source=request.GET.get("source", ""), revoked=revoked,
    )  # fmt: skip


@login_required
@require_GET
def record_list(request):
    filters = _record_filters(request)
    records = queries.records_for_list(request.user, filters)
    page = page_of(request, records, PAGE_SIZE)
    return render(request, "rewards/record_list.html", {
        "records": page.object_list, "page": page, "filters": filters, "query": _query(request),
        "awards": Award.objects.filter(archived_at__isnull=True).order_by("sort", "code").values_list("code", "name"),
        "sources": RecordSource.choices, "can_import": forms.reward_units(request.user).exists(),
    })  # fmt: skip


def record_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Cá nhân, tập thể"), 32, wrap=True),
        XlsxColumn(_("Đơn vị (lúc khen)"), 36, wrap=True), XlsxColumn(_("Danh hiệu, hình thức"), 30, wrap=True),
        XlsxColumn(_("Năm thành tích"), 10), XlsxColumn(_("Số quyết định"), 18, text=True),
        XlsxColumn(_("Ngày quyết định"), 12), XlsxColumn(_("Cơ quan quyết định"), 32, wrap=True),
        XlsxColumn(_("Tiền thưởng (đồng)"), 16), XlsxColumn(_("Nguồn"), 18), XlsxColumn(_("Thu hồi"), 28, wrap=True),
    ]  # fmt: skip


@login_required
@require_GET
def record_export(request):
    records = queries.records_for_list(request.user, _record_filters(request))

    def rows():
        for number, r in enumerate(records.iterator(chunk_size=1000), start=1):
            yield [number, str(r.person or r.unit), r.unit_at_time.name if r.unit_at_time else "", r.award.name,
                   r.year, r.reference, r.decided_on, r.issuer_label, r.amount, r.get_source_display(),
                   r.revoked.reference if r.revoked else ""]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Quá trình khen thưởng"), record_columns(), rows(),
                    heading=[_("Quá trình khen thưởng")])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "qua-trinh-khen-thuong.xlsx")


def _revocation_registers(user, record: AwardRecord):
    """The open registers a revocation of ``record`` may be numbered in: its issuer's (or its successor's after a
    merger), where the user signs."""
    if record.issuer_id is None:
        return DecisionRegister.objects.none()
    signer = permissions.signing_unit(record.issuer)  # type: ignore[arg-type]
    units = {record.issuer_id, signer.pk if signer is not None else None}
    if signer is None or not permissions.can_sign(user, signer):
        return DecisionRegister.objects.none()
    return (
        DecisionRegister.objects.filter(issuer_id__in=units - {None}, archived_at__isnull=True)
        .select_related("issuer")
        .order_by("-year", "symbol")
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_revoke(request, pk: int):
    record = get_for_user(
        AwardRecord.objects.select_related("person__unit", "unit", "award", "issuer", "revoked",
                                           "decision_line__decision__register"),
        request.user, pk=pk,
    )  # fmt: skip
    if not permissions.can_revoke_award(request.user, record):
        raise PermissionDenied
    form = forms.RevokeForm(request.POST or None, registers=_revocation_registers(request.user, record))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["register"] is not None:
                revocation = actions.issue_revocation(
                    record, by=request.user, register=data["register"], reason=data["reason"],
                    revoked_on=data["revoked_on"], reason_text=data["reason_text"],
                    amount_to_recover=data["amount_to_recover"], number=data["number"],
                    legal_bases=data["legal_bases"], signer_name=data["signer_name"],
                    signer_position=data["signer_position"],
                )  # fmt: skip
            else:
                revocation = actions.revoke_award(
                    record, by=request.user, reason=data["reason"], revoked_on=data["revoked_on"],
                    reference=data["reference"], reason_text=data["reason_text"],
                    amount_to_recover=data["amount_to_recover"],
                )  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            if revocation.decision_id:
                messages.success(request, _("Đã ban hành Quyết định thu hồi số %(ref)s.")
                                 % {"ref": revocation.decision.reference})  # type: ignore[union-attr]  # fmt: skip
                return redirect("rewards:decision-detail", pk=revocation.decision_id)
            messages.success(request, _("Đã ghi nhận thu hồi khen thưởng."))
            line = record.decision_line
            return (
                redirect("rewards:decision-detail", pk=line.decision_id)
                if line
                else redirect("rewards:record-list")
            )
    return render(request, "rewards/form.html", {
        "form": form, "heading": _("Thu hồi khen thưởng"),
        "subheading": f"{record.person or record.unit}: {record.award.name} {record.year} ({record.reference})",
        "back_url": reverse("rewards:record-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- one decision of revocation for several awards -------------------------------------------------------------


def _revocable(user, ids: list[int]) -> list[AwardRecord]:
    """The standing awards among ``ids`` the user reads and may revoke (others are left out, never shown); 403 when
    the user reads some but may revoke none."""
    records = (
        AwardRecord.objects.visible_to(user).filter(pk__in=ids[:200], revoked__isnull=True)
        .select_related("person__unit", "unit", "award", "issuer", "decision_line__decision__register")
        .order_by("decision_line__decision_id", "decision_line__sort", "id")
    )  # fmt: skip
    readable = list(records)
    revocable = [r for r in readable if permissions.can_revoke_award(user, r)]
    if readable and not revocable:
        raise PermissionDenied  # read, but not the leader who signs in the issuer's name
    return revocable


def _amount(raw: str) -> int | None:
    raw = raw.replace(".", "").replace(" ", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 15:
        raise ValidationError(_("Số tiền thu hồi phải là số nguyên (đồng)."))
    return int(raw)


@login_required
@require_http_methods(["GET", "POST"])
def revocation_create(request):
    """One decision of revocation for several awards: the lines ticked on a decision's page (``record``), with the
    standing awards of other decisions of the same issuer offered (``decision``); each with its reason and money."""
    source = request.POST if request.method == "POST" else request.GET
    ticked = [int(v) for v in source.getlist("record") if v.isdigit() and len(v) < 12]
    offered = [int(v) for v in request.GET.getlist("decision") if v.isdigit() and len(v) < 12]
    if request.method == "GET" and offered:
        decisions = Decision.objects.visible_to(request.user).filter(pk__in=offered[:20])
        ticked_or_offered = ticked + list(
            AwardRecord.objects.filter(decision_line__decision__in=decisions).values_list("pk", flat=True)[
                :200
            ]
        )
    else:
        ticked_or_offered = ticked
    records = _revocable(request.user, ticked_or_offered)
    if not records:
        raise Http404
    registers = _revocation_registers(request.user, records[0])
    form = forms.RevocationsForm(request.POST or None, registers=registers)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = []
        for r in records:
            try:
                amount = _amount(request.POST.get(f"amount_{r.pk}", ""))
            except ValidationError as error:
                row_errors.append(f"{r.person or r.unit}: {_error_text(error)}")
                continue
            items.append(actions.RevocationInput(r, request.POST.get(f"reason_{r.pk}", ""),
                                                 request.POST.get(f"reason_text_{r.pk}", ""), amount))  # fmt: skip
        if not row_errors:
            try:
                made = actions.issue_revocations(
                    items, by=request.user, register=data["register"], revoked_on=data["revoked_on"],
                    number=data["number"], legal_bases=data["legal_bases"], signer_name=data["signer_name"],
                    signer_position=data["signer_position"],
                )  # fmt: skip
            except ValidationError as error:
                form.apply_errors(error)
            else:
                decision = made[0].decision
                messages.success(request, _("Đã ban hành Quyết định thu hồi số %(ref)s (%(n)s khen thưởng).")
                                 % {"ref": decision.reference, "n": len(made)})  # type: ignore[union-attr]  # fmt: skip
                return redirect("rewards:decision-detail", pk=decision.pk)  # type: ignore[union-attr]
    issuer = records[0].issuer
    others = []
    if issuer is not None:
        others = list(
            Decision.objects.visible_to(request.user)
            .filter(issuer=issuer, status=DecisionStatus.ISSUED)
            .exclude(kind=DecisionKind.REVOCATION)
            .select_related("register").order_by("-decided_on", "-id")[:50]
        )  # fmt: skip
    rows = [{"record": r, "reason": request.POST.get(f"reason_{r.pk}", ""),
             "reason_text": request.POST.get(f"reason_text_{r.pk}", ""),
             "amount": request.POST.get(f"amount_{r.pk}", "")} for r in records]  # fmt: skip
    return render(request, "rewards/revocation_form.html", {
        "form": form, "rows": rows, "ticked": set(ticked), "reasons": RevocationReason.choices,
        "row_errors": row_errors, "others": others, "issuer": issuer,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip
