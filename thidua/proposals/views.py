"""Pages of reward proposals (/de-nghi-khen-thuong/): the lists (sent, received, per year, late), a proposal with its
nominees, verdicts and dossier, the forms, the documents (tờ trình, báo cáo thành tích) and the .xlsx export.
Reads go through ``visible_to`` / ``get_for_user`` (404 outside); every write through one action."""

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

from thidua.core import dates
from thidua.core.paging import page_of
from thidua.core.permissions import VIEW
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.workflow import transition_view
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.documents.render import render_docx, render_pdf
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from . import actions, forms, permissions, queries
from .documents import achievement_document, cover_letter_document
from .integration import decision_lines_for, place_on_agenda_options, verdicts_for
from .models import Nominee, NomineeResult, Proposal, ProposalStatus

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def proposal_for(user, pk: int) -> Proposal:
    return get_for_user(
        Proposal.objects.select_related(
            "unit", "to_unit", "kind", "plan", "movement", "phase", "forwarded_as"
        ),
        user,
        pk=pk,
    )


def nominee_for(user, pk: int) -> Nominee:
    return get_for_user(
        Nominee.objects.current().select_related("proposal", "proposal__unit", "proposal__to_unit",
                                                 "proposal__kind", "person", "person__unit", "unit", "award"),
        user, pk=pk,
    )  # fmt: skip


# --- lists ---------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def proposal_list(request):
    filters = queries.ProposalFilters.from_values(request.GET)
    proposals = queries.proposals_for_list(request.user, filters)
    page = page_of(request, proposals, PAGE_SIZE)
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(request, "proposals/proposal_list.html", {
        "proposals": page.object_list, "page": page, "filters": filters, "query": query,
        "years": queries.years_of(request.user), "statuses": ProposalStatus.choices,
        "can_create": forms.proposing_units(request.user).exists(),
    })  # fmt: skip


def list_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Năm"), 8), XlsxColumn(_("Đơn vị đề nghị"), 36, wrap=True),
        XlsxColumn(_("Gửi cấp xét"), 30, wrap=True), XlsxColumn(_("Loại khen thưởng"), 28, wrap=True),
        XlsxColumn(_("Trích yếu"), 40, wrap=True), XlsxColumn(_("Số người, tập thể"), 10),
        XlsxColumn(_("Trạng thái"), 24), XlsxColumn(_("Hạn gửi"), 12), XlsxColumn(_("Ngày gửi"), 12),
        XlsxColumn(_("Gửi sau hạn"), 10),
    ]  # fmt: skip


@login_required
@require_GET
def proposal_export(request):
    """The list as the page shows it (same filters), every row, as .xlsx."""
    filters = queries.ProposalFilters.from_values(request.GET)
    proposals = queries.proposals_for_list(request.user, filters)

    def rows():
        for number, p in enumerate(proposals, start=1):
            yield [number, p.year, p.unit.name, p.to_unit.name, p.kind.name, p.title, p.nominee_count,
                   p.get_status_display(), p.deadline, p.sent_at.date() if p.sent_at else None,
                   _("Có") if queries.is_late(p) else ""]  # fmt: skip

    book = new_workbook()
    heading = (
        _("Đề nghị khen thưởng nhận được") if filters.box == "received" else _("Đề nghị khen thưởng đã lập")
    )
    add_table_sheet(book, _("Đề nghị khen thưởng"), list_columns(), rows(),
                    heading=[heading] + ([_("Năm %(year)s") % {"year": filters.year}] if filters.year else []))  # fmt: skip
    return xlsx_response(workbook_bytes(book), "de-nghi-khen-thuong.xlsx")


def nominee_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Họ và tên / tập thể"), 30, wrap=True),
        XlsxColumn(_("Chức vụ, đơn vị công tác"), 36, wrap=True), XlsxColumn(_("Danh hiệu, hình thức"), 36, wrap=True),
        XlsxColumn(_("Ưu tiên"), 30, wrap=True), XlsxColumn(_("Tóm tắt thành tích"), 40, wrap=True),
        XlsxColumn(_("Kết quả"), 20),
    ]  # fmt: skip


@login_required
@require_GET
def nominee_export(request, pk: int):
    proposal = proposal_for(request.user, pk)
    nominees = list(queries.nominees_of(proposal))

    def rows():
        for number, n in enumerate(nominees, start=1):
            yield [number, n.name, n.position, n.award.name, ", ".join(queries.priority_labels(n)), n.summary,
                   n.get_result_display()]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Danh sách đề nghị"), nominee_columns(), rows(),
                    heading=[proposal.title, proposal.unit.name])  # fmt: skip
    return xlsx_response(workbook_bytes(book), f"danh-sach-de-nghi-{proposal.pk}.xlsx")


# --- a proposal ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def proposal_detail(request, pk: int):
    proposal = proposal_for(request.user, pk)
    nominees = list(queries.nominees_of(proposal))
    user = request.user
    can_edit = permissions.can_edit_proposal(user, proposal)
    duplicates = queries.duplicates_for(nominees)
    verdicts = verdicts_for(nominees)
    lines = decision_lines_for(nominees)
    rows = [
        {"nominee": n, "duplicates": duplicates.get(n.pk, []), "verdict": verdicts.get(n.pk),
         "line": lines.get(n.pk), "priorities": queries.priority_labels(n),
         "within": permissions.confers(proposal.to_unit, n.award)}
        for n in nominees
    ]  # fmt: skip
    missing = queries.missing_items(proposal, nominees) if can_edit else []
    transitions = [t for t in permissions.PROPOSAL_WORKFLOW.available(user, proposal) if t.name not in
                   ("complete", "commend")]  # fmt: skip
    return render(request, "proposals/proposal_detail.html", {
        "proposal": proposal, "rows": rows, "can_edit": can_edit, "missing": missing,
        "transitions": transitions, "late": queries.is_late(proposal),
        "can_handle": permissions.can_handle(user, proposal), "can_decide": permissions.can_decide(user, proposal),
        "carries": list(proposal.carries.select_related("unit")),
        "sessions": place_on_agenda_options(user, proposal) if permissions.can_handle(user, proposal) else [],
        "events": list(proposal.events.select_related("by").order_by("at", "id")),
        "pending": any(n.result == NomineeResult.PENDING for n in nominees),
        "sees_council": has_perm(user, VIEW, proposal.to_unit.path),
        "can_make_decision": permissions.can_make_decision(user, proposal) and (
            any(n.result == NomineeResult.APPROVED and n.pk not in lines for n in nominees)
            or any(n.agenda_item_id and n.result == NomineeResult.PENDING for n in nominees)),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    form = forms.ProposalForm(request.POST or None, user=request.user)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = actions.create_proposal(data["unit"], by=request.user, kind=data["kind"], year=data["year"],
                                               own_level=data["own_level"], **form.action_values())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã tạo đề nghị. Hãy thêm người, tập thể được đề nghị."))
            return redirect("proposals:nominee-add", pk=proposal.pk)
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": None},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_update(request, pk: int):
    proposal = proposal_for(request.user, pk)
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    initial = {name: getattr(proposal, name) for name in forms.ProposalForm.EDITABLE}
    form = forms.ProposalForm(request.POST or None, user=request.user, proposal=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_proposal(proposal, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(actions.proposal_url(proposal))
    return render(request, "proposals/proposal_form.html", {"form": form, "proposal": proposal},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


def _transition(request, pk: int, name: str, perform, message: str):
    proposal = proposal_for(request.user, pk)
    return transition_view(
        request, proposal, name, back_url=actions.proposal_url(proposal), perform=perform,
        success_message=message,
        warnings=(lambda p: [_("Đề nghị gửi sau hạn %(due)s.") % {"due": dates.format_date(p.deadline)}]
                  if name == "send" and queries.is_late(p) else []),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_send(request, pk: int):
    return _transition(request, pk, "send", lambda p, *, by: actions.send_proposal(p, by=by),
                       _("Đã gửi đề nghị lên cấp trên."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_receive(request, pk: int):
    return _transition(request, pk, "receive", lambda p, *, by: actions.receive_proposal(p, by=by),
                       _("Đã tiếp nhận đề nghị."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_return(request, pk: int):
    return _transition(request, pk, "return",
                       lambda p, *, by, reason: actions.return_proposal(p, by=by, reason=reason),
                       _("Đã trả lại đề nghị."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, pk: int):
    return _transition(request, pk, "withdraw", lambda p, *, by: actions.withdraw_proposal(p, by=by),
                       _("Đã rút đề nghị."))  # fmt: skip


def _chosen(request, proposal: Proposal) -> list[Nominee]:
    ids = [int(v) for v in request.POST.getlist("nominee") if v.isdigit()]
    return list(proposal.nominees.current().filter(pk__in=ids))


@login_required
@require_POST
def proposal_forward(request, pk: int):
    proposal = proposal_for(request.user, pk)
    if not permissions.can_handle(request.user, proposal):
        raise PermissionDenied
    try:
        upper = actions.forward_nominees(proposal, _chosen(request, proposal), by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(actions.proposal_url(proposal))
    messages.success(request, _("Đã chuyển vào đề nghị của %(unit)s gửi %(to)s.")
                     % {"unit": upper.unit.name, "to": upper.to_unit.name})  # fmt: skip
    return redirect(actions.proposal_url(upper))


@login_required
@require_POST
def proposal_results(request, pk: int):
    """Approve or not the chosen nominees within the deciding unit's authority."""
    proposal = proposal_for(request.user, pk)
    if not permissions.can_decide(request.user, proposal):
        raise PermissionDenied
    chosen = _chosen(request, proposal)
    approve = request.POST.get("result") == "approved"
    try:
        actions.record_results(proposal, by=request.user, approved=chosen if approve else [],
                               not_approved=[] if approve else chosen,
                               note=request.POST.get("note", "")[:500])  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã ghi kết quả cho %(n)s người, tập thể.") % {"n": len(chosen)})
    return redirect(actions.proposal_url(proposal))


@login_required
@require_POST
def proposal_agenda(request, pk: int):
    """Send the chosen nominees to a council session's agenda."""
    from thidua.councils.models import Session

    proposal = proposal_for(request.user, pk)
    if not permissions.can_handle(request.user, proposal):
        raise PermissionDenied
    raw = request.POST.get("session", "")
    session = get_for_user(Session.objects.select_related("council", "council__unit"), request.user,
                           pk=int(raw) if raw.isdigit() else 0)  # fmt: skip
    try:
        placed = actions.place_on_agenda(
            proposal, _chosen(request, proposal), session=session, by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã đưa %(n)s người, tập thể vào chương trình phiên họp Hội đồng.")
                         % {"n": placed})  # fmt: skip
    return redirect(actions.proposal_url(proposal))


@login_required
@require_POST
def proposal_decide(request, pk: int):
    """The council's results become the nominees' results, then the approved nominees a draft reward decision of
    the deciding unit (issued on the decision's page)."""
    proposal = proposal_for(request.user, pk)
    if not permissions.can_make_decision(request.user, proposal):
        raise PermissionDenied
    try:
        if permissions.can_decide(request.user, proposal):
            actions.apply_council_results(proposal, by=request.user)
        decision = actions.make_decision(proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(actions.proposal_url(proposal))
    messages.success(request, _("Đã lập dự thảo quyết định khen thưởng: hãy kiểm tra rồi ban hành."))
    return redirect(decision.get_absolute_url())


# --- documents -----------------------------------------------------------------------------------------------------


def _document_response(document, fmt: str) -> HttpResponse:
    body, content_type = (
        (render_docx(document), DOCX) if fmt == "docx" else (render_pdf(document), "application/pdf")
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{document['file_stem']}.{fmt}")
    return response


@login_required
@require_GET
def proposal_letter(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    proposal = proposal_for(request.user, pk)
    return _document_response(cover_letter_document(proposal, list(queries.nominees_of(proposal))), fmt)


@login_required
@require_GET
def nominee_report(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    nominee = nominee_for(request.user, pk)
    document = achievement_document(nominee)
    document["file_stem"] = f"bao-cao-thanh-tich-{nominee.pk}"
    return _document_response(document, fmt)


# --- nominees ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nominee_add(request, pk: int):
    proposal = proposal_for(request.user, pk)
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    initial = {}
    chosen_person = None
    raw = request.GET.get("person", "")
    if raw.isdigit():
        chosen_person = (
            Person.objects.visible_to(request.user).filter(pk=int(raw), unit__path__startswith=proposal.unit.path)
            .select_related("unit").first()
        )  # fmt: skip
        if chosen_person is not None:
            initial = {
                "person": chosen_person.pk,
                "position": chosen_person.unit.name if chosen_person.unit else "",
            }
    form = forms.NomineeForm(request.POST or None, proposal=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nominee = actions.add_nominee(proposal, by=request.user, person=data["person"],
                                          unit=data["collective"], **form.action_values())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error, aliases={"unit": "collective"})
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": nominee.name})
            return redirect(actions.proposal_url(proposal))
    if chosen_person is None and form.data.get("person"):
        chosen_person = Person.objects.filter(pk=form.data.get("person")).first()
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        found = list(
            Person.objects.active().visible_to(request.user).filter(unit__path__startswith=proposal.unit.path)
            .search(q).select_related("unit").order_by("sort_key", "id")[:30]
        )  # fmt: skip
    suggestions = queries.suggestions(proposal)
    verdicts = verdicts_for(suggestions, year=proposal.year)
    for s in suggestions:
        s.verdict = verdicts.get(s.key)
    return render(request, "proposals/nominee_add.html", {
        "proposal": proposal, "form": form, "chosen_person": chosen_person, "q": q, "found": found,
        "suggestions": suggestions,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def nominee_add_suggested(request, pk: int):
    """Add the suggestions the officer ticked (``pick`` = "p<person>-<award>" / "u<unit>-<award>")."""
    proposal = proposal_for(request.user, pk)
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    added, errors = 0, []
    for value in request.POST.getlist("pick"):
        try:
            who, award_id = value[1:].split("-", 1)
            award = Award.objects.get(pk=int(award_id))
            if value.startswith("p"):
                person = get_for_user(Person, request.user, pk=int(who))
                actions.add_nominee(proposal, by=request.user, person=person, award=award)
            else:
                unit = get_for_user(Unit, request.user, pk=int(who))
                actions.add_nominee(proposal, by=request.user, unit=unit, award=award)
            added += 1
        except (ValueError, Award.DoesNotExist, Http404):
            errors.append(_("Lựa chọn không hợp lệ."))
        except ValidationError as error:
            errors.append(_error_text(error))
    if added:
        messages.success(request, _("Đã thêm %(n)s người, tập thể từ gợi ý.") % {"n": added})
    for e in errors:
        messages.error(request, e)
    return redirect(actions.proposal_url(proposal))


@login_required
@require_http_methods(["GET", "POST"])
def nominee_update(request, pk: int):
    nominee = nominee_for(request.user, pk)
    if not permissions.can_edit_nominee(request.user, nominee):
        raise PermissionDenied
    initial = {
        k: getattr(nominee, k) for k in ("award", "position", "summary", "achievement", "service_years")
    }
    form = forms.NomineeForm(
        request.POST or None, proposal=nominee.proposal, nominee=nominee, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_nominee(nominee, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu hồ sơ của %(name)s.") % {"name": nominee.name})
            return redirect(actions.proposal_url(nominee.proposal))
    return render(request, "proposals/nominee_form.html", {"form": form, "nominee": nominee,
                                                           "proposal": nominee.proposal},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def nominee_fill(request, pk: int):
    nominee = nominee_for(request.user, pk)
    if not permissions.can_edit_nominee(request.user, nominee):
        raise PermissionDenied
    actions.fill_achievement(nominee, by=request.user)
    messages.success(request, _("Đã soạn báo cáo thành tích theo mẫu: hãy xem lại và bổ sung."))
    return redirect(reverse("proposals:nominee-update", args=[nominee.pk]))


@login_required
@require_POST
def nominee_remove(request, pk: int):
    nominee = nominee_for(request.user, pk)
    if not permissions.can_edit_nominee(request.user, nominee):
        raise PermissionDenied
    try:
        actions.remove_nominee(nominee, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi đề nghị.") % {"name": nominee.name})
    return redirect(actions.proposal_url(nominee.proposal))
