"""Pages of the councils (/hoi-dong-thi-dua/): a unit's councils, a council with its members and sessions, a
session (agenda, attendance, recusals, conflict flags, opening and closing the vote, results, minutes), the
member's ballot page, the receipt check. Reads go through ``visible_to`` / ``get_for_user`` (404 outside) — the
ballot page through the user's own seat —; every write through one action of ``councils.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user
from thidua.core.text import fold
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.documents.render import render_docx, render_pdf
from thidua.orgs.models import Unit

from . import actions, forms, permissions
from .documents import RESULT_HEADERS, minutes_document, result_rows
from .models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    Choice,
    CouncilMember,
    RecusalReason,
    VoteCast,
    VotingMode,
    WrittenOpinion,
)
from .queries import (
    council_for,
    councils_of,
    member_sort_key,
    members_on,
    session_for,
    session_view,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(force_str(m) for m in error.messages)


def _form_page(request, form, *, heading: str, back_url: str, unit=None, explanation: str = "", status=None):
    return render(request, "councils/form.html", {
        "form": form, "heading": heading, "back_url": back_url, "unit": unit, "explanation": explanation,
    }, status=status or (400 if request.method == "POST" else 200))  # fmt: skip


# --- councils ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def council_list(request, unit_pk: int):
    unit = get_for_user(Unit, request.user, pk=unit_pk)
    return render(request, "councils/council_list.html", {
        "unit": unit, "councils": list(councils_of(request.user, unit)),
        "can_create": permissions.can_create_council(request.user, unit),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request, unit_pk: int):
    unit = get_for_user(Unit, request.user, pk=unit_pk)
    if not permissions.can_create_council(request.user, unit):
        raise PermissionDenied
    form = forms.CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            council = actions.create_council(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thành lập Hội đồng; thêm các thành viên."))
            return redirect("councils:council-detail", pk=council.pk)
    return _form_page(request, form, heading=_("Thành lập Hội đồng thi đua – khen thưởng"), unit=unit,
                      back_url=reverse("councils:council-list", args=[unit.pk]))  # fmt: skip


@login_required
@require_GET
def council_detail(request, pk: int):
    council = council_for(request.user, pk)
    members = (
        CouncilMember.objects.current().filter(council=council).select_related("person", "unit", "user")
        .order_by("from_date", "id")
    )  # fmt: skip
    return render(request, "councils/council_detail.html", {
        "council": council, "unit": council.unit, "members": sorted(members, key=member_sort_key),
        "sessions": list(council.sessions.current()),
        "can_manage": permissions.can_manage_council(request.user, council),
        "can_run": permissions.can_run_session(request.user, council),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def council_update(request, pk: int):
    council = council_for(request.user, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    form = forms.CouncilForm(request.POST or None, initial=forms.CouncilForm.initial_of(council))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["name"] = data["name"] or council.name
        try:
            actions.update_council(council, by=request.user, **data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("councils:council-detail", pk=council.pk)
    return _form_page(request, form, heading=_("Sửa: %(c)s") % {"c": council.name}, unit=council.unit,
                      back_url=reverse("councils:council-detail", args=[council.pk]))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk: int):
    council = council_for(request.user, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    form = forms.MemberForm(request.POST or None, user=request.user, council=council, search=search,
                            initial={"from_date": council.term_from, "to_date": council.term_to})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_member(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm thành viên."))
            return redirect("councils:council-detail", pk=council.pk)
    return render(request, "councils/member_form.html", {
        "form": form, "council": council, "search": search, "unit": council.unit,
        "back_url": reverse("councils:council-detail", args=[council.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _member_for(request, pk: int, member_pk: int) -> CouncilMember:
    council = council_for(request.user, pk)
    member = (
        CouncilMember.objects.current().filter(council=council, pk=member_pk).select_related("person").first()
    )
    if member is None:
        raise Http404
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    return member


@login_required
@require_http_methods(["GET", "POST"])
def member_update(request, pk: int, member_pk: int):
    member = _member_for(request, pk, member_pk)
    council = member.council
    initial = {name: getattr(member, name) for name in actions.MEMBER_EDITABLE}
    form = forms.MemberForm(
        request.POST or None, user=request.user, council=council, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["unit"] = data["unit"] or member.unit
        data["from_date"] = data["from_date"] or member.from_date
        try:
            actions.update_member(member, by=request.user, **data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("councils:council-detail", pk=council.pk)
    return _form_page(request, form, heading=_("Thành viên: %(p)s") % {"p": member.person.full_name},
                      unit=council.unit, back_url=reverse("councils:council-detail", args=[council.pk]),
                      explanation=_("Thành viên thôi tham gia Hội đồng: ghi ngày “Đến hết ngày”."))  # fmt: skip


@login_required
@require_POST
def member_archive(request, pk: int, member_pk: int):
    member = _member_for(request, pk, member_pk)
    try:
        actions.archive_member(member, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã bỏ thành viên khỏi danh sách."))
    return redirect("councils:council-detail", pk=pk)


# --- sessions ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk: int):
    council = council_for(request.user, pk)
    if not permissions.can_run_session(request.user, council):
        raise PermissionDenied
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.create_session(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return redirect("councils:session-detail", pk=session.pk)
    return _form_page(request, form, heading=_("Phiên họp mới: %(c)s") % {"c": council.name}, unit=council.unit,
                      back_url=reverse("councils:council-detail", args=[council.pk]))  # fmt: skip


@login_required
@require_POST
def council_archive(request, pk: int):
    council = council_for(request.user, pk)
    if not permissions.can_manage_council(request.user, council):
        raise PermissionDenied
    try:
        actions.archive_council(council, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("councils:council-detail", pk=council.pk)
    messages.success(request, _("Đã lưu trữ Hội đồng."))
    return redirect("councils:council-list", unit_pk=council.unit_id)


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, pk: int):
    session = _runnable_session(request, pk)
    initial = {"held_on": session.held_on, "place": session.place, "voting_mode": session.voting_mode,
               "note": session.note}  # fmt: skip
    form = forms.SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not session.is_planned:
            data = {"note": data["note"]}
        try:
            actions.update_session(session, by=request.user, **data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("councils:session-detail", pk=session.pk)
    return _form_page(request, form, heading=_("Sửa: %(s)s") % {"s": session}, unit=session.council.unit,
                      back_url=reverse("councils:session-detail", args=[session.pk]),
                      explanation="" if session.is_planned else _("Phiên họp đã mở bỏ phiếu: chỉ sửa được ghi chú."))  # fmt: skip


def _runnable_session(request, pk: int):
    session = session_for(request.user, pk)
    if not permissions.can_run_session(request.user, session.council):
        raise PermissionDenied
    return session


@login_required
@require_GET
def session_detail(request, pk: int):
    session = session_for(request.user, pk)
    view = session_view(session, with_counts=session.is_closed)
    seat = permissions.seat_of(request.user, session.council)
    names = {m.pk: m.person.full_name for m in view.members}
    recorded_reasons = dict(RecusalReason.choices)
    rows = []
    for item_view in view.items:
        recused = [
            (names.get(mid, ""), recorded_reasons.get(reason, reason))
            for mid, reason in item_view.recused.items()
        ]
        rows.append({"view": item_view, "recused": recused,
                     "others": [m for m in view.members if m.pk not in item_view.recused]})  # fmt: skip
    attendance_rows = [(m, view.attendance.get(m.pk, "")) for m in view.members]
    return render(request, "councils/session_detail.html", {
        "session": session, "council": session.council, "unit": session.council.unit, "view": view, "rows": rows,
        "attendance_rows": attendance_rows, "status_labels": dict(AttendanceStatus.choices),
        "can_run": permissions.can_run_session(request.user, session.council, seat),
        "can_vote": session.is_voting and permissions.can_vote(request.user, session, seat),
        "statuses": AttendanceStatus, "reasons": RecusalReason, "paper": session.voting_mode == VotingMode.PAPER,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk: int):
    session = _runnable_session(request, pk)
    council = session.council
    search = request.GET.get("q", "").strip()
    form = forms.ItemForm(request.POST or None, user=request.user, council=council, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_agenda_item(session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm vào chương trình phiên họp."))
            return redirect("councils:session-detail", pk=session.pk)
    return render(request, "councils/item_form.html", {
        "form": form, "session": session, "search": search, "unit": council.unit,
        "back_url": reverse("councils:session-detail", args=[session.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _item_for(request, item_pk: int) -> AgendaItem:
    item = get_for_user(AgendaItem.objects.current().select_related("session__council__unit"), request.user,
                        pk=item_pk)  # fmt: skip
    if not permissions.can_run_session(request.user, item.session.council):
        raise PermissionDenied
    return item


@login_required
@require_POST
def item_archive(request, item_pk: int):
    item = _item_for(request, item_pk)
    try:
        actions.archive_agenda_item(item, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("councils:session-detail", pk=item.session_id)


@login_required
@require_POST
def recusal_create(request, item_pk: int):
    item = _item_for(request, item_pk)
    member = CouncilMember.objects.filter(
        council=item.session.council, pk=request.POST.get("member") or 0
    ).first()
    if member is None:
        messages.error(request, _("Chưa chọn thành viên."))
    else:
        try:
            actions.record_recusal(item, member, by=request.user, note=request.POST.get("note", ""))
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return redirect("councils:session-detail", pk=item.session_id)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    session = _runnable_session(request, pk)
    members = members_on(session.council, session.held_on)
    current = dict(session.attendance.values_list("member_id", "status"))
    error = None
    if request.method == "POST":
        statuses = {m.pk: request.POST.get(f"status-{m.pk}", "") for m in members}
        try:
            actions.record_attendance(session, by=request.user, statuses=statuses)
        except ValidationError as problem:
            error = _error_text(problem)
        else:
            messages.success(request, _("Đã ghi điểm danh."))
            return redirect("councils:session-detail", pk=session.pk)
    rows = [(m, current.get(m.pk, "")) for m in members]
    return render(request, "councils/attendance.html", {
        "session": session, "rows": rows, "statuses": AttendanceStatus.choices, "error": error,
        "unit": session.council.unit,
    }, status=400 if error else 200)  # fmt: skip


@login_required
@require_POST
def voting_open(request, pk: int):
    session = _runnable_session(request, pk)
    try:
        actions.open_voting(session, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã mở bỏ phiếu."))
    return redirect("councils:session-detail", pk=session.pk)


@login_required
@require_POST
def voting_close(request, pk: int):
    session = _runnable_session(request, pk)
    try:
        actions.close_voting(session, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã kết thúc bỏ phiếu và ghi kết quả."))
    return redirect("councils:session-detail", pk=session.pk)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def paper_tally(request, pk: int):
    session = _runnable_session(request, pk)
    view = session_view(session)
    errors: list[str] = []
    if request.method == "POST":
        for item_view in view.items:
            item = item_view.item
            counts = {k: _int(request.POST.get(f"{k}-{item.pk}")) for k in ("agree", "disagree", "invalid")}
            if counts["agree"] is None and counts["disagree"] is None:
                continue
            try:
                actions.record_paper_tally(item, by=request.user, agree=counts["agree"] or 0,
                                           disagree=counts["disagree"] or 0, invalid=counts["invalid"] or 0)  # fmt: skip
            except ValidationError as error:
                errors.append(f"{item.label}: {_error_text(error)}")
        if not errors:
            messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
            return redirect("councils:session-detail", pk=session.pk)
    from .models import PaperTally

    tallies = {t.item_id: t for t in PaperTally.objects.filter(item__session=session)}
    return render(request, "councils/paper_tally.html", {
        "session": session, "rows": [(v, tallies.get(v.item.pk)) for v in view.items], "errors": errors, "unit": session.council.unit,
    }, status=400 if errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def written_opinions(request, pk: int):
    session = _runnable_session(request, pk)
    view = session_view(session)
    absent = [m for m in view.members if view.attendance.get(m.pk) == AttendanceStatus.WRITTEN]
    errors: list[str] = []
    if request.method == "POST":
        for member in absent:
            for item_view in view.items:
                choice = request.POST.get(f"opinion-{member.pk}-{item_view.item.pk}", "")
                if not choice or member.pk in item_view.recused:
                    continue
                try:
                    actions.record_written_opinion(item_view.item, member, by=request.user, choice=choice)
                except ValidationError as error:
                    errors.append(f"{member.person.full_name} – {item_view.item.label}: {_error_text(error)}")
        if not errors:
            messages.success(request, _("Đã ghi ý kiến bằng văn bản."))
            return redirect("councils:session-detail", pk=session.pk)
    given = {(o.member_id, o.item_id): o.choice for o in WrittenOpinion.objects.filter(item__session=session)}
    grid = [
        (m, [(v, given.get((m.pk, v.item.pk), ""), m.pk in v.recused) for v in view.items]) for m in absent
    ]
    return render(request, "councils/written_opinions.html", {
        "session": session, "view": view, "grid": grid, "choices": Choice.choices, "errors": errors,
        "unit": session.council.unit,
    }, status=400 if errors else 200)  # fmt: skip


# --- the ballot -------------------------------------------------------------------------------------------------


@login_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    """The member's own ballot: one choice per item they may vote on; the receipt code is shown once."""
    session = session_for(request.user, pk)
    seat = permissions.seat_of(request.user, session.council)
    if seat is None or not permissions.can_vote(request.user, session, seat):
        raise Http404
    view = session_view(session)
    voted = set(VoteCast.objects.filter(item__session=session, member=seat).values_list("item_id", flat=True))
    error, receipt = None, None
    if request.method == "POST":
        choices = {}
        for item_view in view.items:
            choice = request.POST.get(f"item-{item_view.item.pk}", "")
            if choice:
                choices[item_view.item.pk] = choice
        try:
            receipt = actions.cast_ballots(session, by=request.user, choices=choices)
        except (ValidationError, PermissionDenied) as problem:
            error = (
                _error_text(problem) if isinstance(problem, ValidationError) else _("Không được bỏ phiếu.")
            )
        else:
            voted |= set(choices)
    rows = [(v, v.item.pk in voted, seat.pk in v.recused or seat.pk in v.conflicts) for v in view.items]
    response = render(request, "councils/ballot.html", {
        "session": session, "seat": seat, "rows": rows, "choices": Choice.choices, "error": error, "receipt": receipt,
        "present": view.attendance.get(seat.pk) == AttendanceStatus.PRESENT, "unit": session.council.unit,
        "electronic": session.voting_mode == VotingMode.ELECTRONIC,
    }, status=400 if error else 200)  # fmt: skip
    return response


@login_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def receipt_check(request, pk: int):
    """Was the ballot with this receipt code counted? The code finds the ballots of its submission (one per item)
    and nothing else; the page shows the items and the choices recorded, to whoever holds the code. The code is
    posted, never put in a URL (access logs keep URLs)."""
    session = session_for(request.user, pk)
    form = forms.ReceiptForm(request.POST or None)
    found = None
    if form.is_valid():
        code = form.cleaned_data["code"]
        items = {i.pk: i for i in session.items.current()}
        hashes = {actions.receipt_hash(code, pk_): pk_ for pk_ in items}
        ballots = Ballot.objects.filter(receipt_hash__in=hashes).values_list("receipt_hash", "choice")
        found = [(items[hashes[h]], Choice(choice).label) for h, choice in ballots]
        found.sort(key=lambda row: (row[0].position, row[0].pk))
    return render(request, "councils/receipt.html", {
        "session": session, "form": form, "found": found, "unit": session.council.unit,
    })  # fmt: skip


# --- results: summary and minutes -------------------------------------------------------------------------------


@login_required
@require_GET
def results_export(request, pk: int):
    session = session_for(request.user, pk)
    if not session.is_closed:
        raise Http404
    view = session_view(session, with_counts=True)
    book = new_workbook()
    columns = [XlsxColumn(h, w, wrap=w > 30) for h, w in RESULT_HEADERS]
    heading = [_("Kết quả bỏ phiếu"), session.council.name, str(session)]
    add_table_sheet(book, _("Kết quả"), columns, result_rows(view), heading=heading)
    stem = slugify(
        fold(f"ket-qua-bo-phieu-{session.council.unit.code}-phien-{session.number}-{session.held_on}")
    )
    return xlsx_response(workbook_bytes(book), f"{stem}.xlsx")


@login_required
@require_GET
def minutes(request, pk: int, fmt: str):
    """The minutes (biên bản) as .docx or .pdf, in Vietnamese whatever the interface language."""
    session = session_for(request.user, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    document = minutes_document(session_view(session, with_counts=session.is_closed))
    if fmt == "docx":
        body = render_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = render_pdf(document)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    stem = slugify(fold(f"bien-ban-hop-hoi-dong-{session.council.unit.code}-phien-{session.number}"))
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response
