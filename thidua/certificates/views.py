"""Pages of certificates: the issued decisions with their certificates (/bang-giay-khen/), a decision's
certificates with their serials and state, PDFs (one per awardee, the whole decision from a batch task, on a blank),
the Excel list; the issuer's emblem and blank layouts with their calibration page; the public verification page
(/xac-thuc/<serial>/), the only page without login. Reads go through ``visible_to`` / ``get_for_user`` (404
outside); every write through one action of ``certificates.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.attachments import storage
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.rewards.models import Decision

from . import actions, documents, forms, permissions, queries
from .models import Batch, BlankLayout, Certificate, Emblem

PAGE_SIZE = 50


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# --- decisions -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request):
    page = page_of(request, queries.decisions_for_list(request.user), PAGE_SIZE)
    return render(request, "certificates/decision_list.html", {
        "decisions": page.object_list, "page": page,
        "can_layouts": forms.layout_units(request.user).exists(),
    })  # fmt: skip


def _decision(user, pk: int) -> Decision:
    decision = get_for_user(Decision.objects.select_related("register", "issuer"), user, pk=pk)
    if not decision.is_issued:
        raise Http404
    return decision


@login_required
@require_GET
def decision_certificates(request, pk: int):
    decision = _decision(request.user, pk)
    may_print = permissions.can_print_certificates(request.user, decision)
    layouts = list(BlankLayout.objects.active().filter(issuer=decision.issuer)) if may_print else []
    return render(request, "certificates/decision_certificates.html", {
        "decision": decision, "rows": queries.rows_of(decision), "may_print": may_print, "layouts": layouts,
        "batches": list(queries.batches_of(decision)), "emblem": queries.emblem_of(decision.issuer),
    })  # fmt: skip


@login_required
@require_POST
def certificates_issue(request, pk: int):
    decision = _decision(request.user, pk)
    if not permissions.can_print_certificates(request.user, decision):
        raise PermissionDenied
    try:
        created = actions.issue_certificates(decision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cấp số hiệu cho %(n)s bằng khen, giấy khen.") % {"n": len(created)})
    return redirect("certificates:decision", pk=decision.pk)


@login_required
@require_POST
def batch_start(request, pk: int):
    decision = _decision(request.user, pk)
    if not permissions.can_print_certificates(request.user, decision):
        raise PermissionDenied
    layout = None
    raw = request.POST.get("layout", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        layout = get_for_user(
            BlankLayout.objects.active().select_related("issuer"), request.user, pk=int(raw)
        )
    try:
        batch = actions.start_batch(decision, by=request.user, layout=layout, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:decision", pk=decision.pk)
    messages.info(request, _("Đang dựng tệp in; trang sẽ tự cập nhật khi xong."))
    return redirect(f"{redirect('certificates:decision', pk=decision.pk).url}#dot-in-{batch.pk}")


@login_required
@require_GET
def batch_download(request, pk: int):
    batch = get_for_user(Batch.objects.select_related("decision__register"), request.user, pk=pk)
    if not batch.file:
        raise Http404
    with storage().open(batch.file, "rb") as handle:
        body = handle.read()
    suffix = "-tren-phoi" if batch.layout_id else ""
    number = batch.decision.reference.split("/")[0]
    return _pdf(body, f"bang-khen-qd-{number}-{batch.decision.decided_on.year}{suffix}.pdf")


@login_required
@require_GET
def batch_status(request, pk: int):
    """A batch's row: its progress while the task runs (polled by htmx), then the file to download."""
    batch = get_for_user(Batch.objects.select_related("task", "layout", "created_by"), request.user, pk=pk)
    return render(request, "certificates/_batch.html", {"batch": batch})


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    """One awardee's certificate (full, or on a blank with ``?phoi=<id>``)."""
    cert = get_for_user(
        Certificate.objects.select_related("record__award", "record__person", "record__decision_line__unit",
                                           "record__decision_line__unit_at_time", "decision__register",
                                           "decision__issuer"),
        request.user, pk=pk,
    )  # fmt: skip
    if not permissions.can_print_certificates(request.user, cert.decision):
        raise PermissionDenied
    if cert.record.revoked_id is not None:
        raise Http404
    layout = None
    raw = request.GET.get("phoi", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        layout = get_for_user(
            BlankLayout.objects.active(), request.user, pk=int(raw), issuer=cert.decision.issuer
        )
    body = queries.render_pdf([cert], decision=cert.decision, layout=layout, base_url=_base_url(request))
    return _pdf(body, f"bang-khen-{cert.serial}.pdf")


def export_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Cá nhân, tập thể"), 32, wrap=True),
        XlsxColumn(_("Chức vụ, đơn vị"), 40, wrap=True), XlsxColumn(_("Danh hiệu, hình thức"), 34, wrap=True),
        XlsxColumn(_("Năm thành tích"), 10), XlsxColumn(_("Số hiệu"), 18, text=True),
        XlsxColumn(_("Tình trạng"), 20), XlsxColumn(_("Địa chỉ xác thực"), 48),
    ]  # fmt: skip


STATES = {"genuine": gettext_lazy("Đã cấp số hiệu"), "revoked": gettext_lazy("Đã thu hồi"),
          "none": gettext_lazy("Chưa cấp số hiệu")}  # fmt: skip


@login_required
@require_GET
def decision_export(request, pk: int):
    decision = _decision(request.user, pk)
    base = _base_url(request)

    def rows():
        for number, row in enumerate(queries.rows_of(decision), start=1):
            record, cert = row.record, row.certificate
            line = record.decision_line
            name = (line.name_at_time if line else "") or str(record.person or record.unit)
            yield [number, name, line.position_at_time if line else "", record.award.name, record.year,
                   cert.display_serial if cert else "", str(STATES[row.state]),
                   queries.verify_url(cert.serial, base) if cert else ""]  # fmt: skip

    book = new_workbook()
    heading = _("Bằng khen, giấy khen theo Quyết định số %(ref)s") % {"ref": decision.reference}
    add_table_sheet(book, _("Bằng khen, giấy khen"), export_columns(), rows(), heading=[heading])
    number = decision.reference.split("/")[0]
    return xlsx_response(workbook_bytes(book), f"bang-khen-qd-{number}-{decision.decided_on.year}.xlsx")


# --- emblem and blanks -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def layout_list(request):
    units = forms.layout_units(request.user)
    if not units.exists():
        raise Http404
    emblem_form = forms.EmblemForm(user=request.user)
    new_form = forms.NewLayoutForm(user=request.user)
    status = 200
    if request.method == "POST" and request.POST.get("form") == "emblem":
        emblem_form = forms.EmblemForm(request.POST, request.FILES, user=request.user)
        if emblem_form.is_valid():
            try:
                actions.upload_emblem(
                    emblem_form.cleaned_data["unit"], request.FILES["file"], by=request.user
                )
            except ValidationError as error:
                emblem_form.apply_errors(error)
            else:
                messages.success(request, _("Đã lưu ảnh biểu tượng in trên bằng khen."))
                return redirect("certificates:layout-list")
        status = 400
    elif request.method == "POST":
        new_form = forms.NewLayoutForm(request.POST, user=request.user)
        if new_form.is_valid():
            data = new_form.cleaned_data
            try:
                layout = actions.create_layout(
                    data["unit"], by=request.user, name=data["name"], paper=data["paper"]
                )
            except ValidationError as error:
                new_form.apply_errors(error)
            else:
                messages.success(request, _("Đã tạo phôi. Hãy in trang thử và căn chỉnh vị trí các trường."))
                return redirect("certificates:layout-edit", pk=layout.pk)
        status = 400
    layouts = list(queries.layouts_for(request.user).filter(issuer__in=units)[:200])
    emblems = {e.issuer_id: e for e in Emblem.objects.filter(issuer__in=units, archived_at__isnull=True)}
    return render(request, "certificates/layout_list.html", {
        "layouts": layouts, "emblem_form": emblem_form, "new_form": new_form,
        "emblems": [(u, emblems.get(u.pk)) for u in units[:50]],
    }, status=status)  # fmt: skip


def _layout(request, pk: int) -> BlankLayout:
    layout = get_for_user(BlankLayout.objects.active().select_related("issuer"), request.user, pk=pk)
    if not permissions.can_edit_layout(request.user, layout):
        raise PermissionDenied
    return layout


@login_required
@require_http_methods(["GET", "POST"])
def layout_edit(request, pk: int):
    """The calibration of a blank: positions, fonts and sizes per field; the test page to print."""
    layout = _layout(request, pk)
    form = forms.LayoutForm(request.POST or None, layout=layout)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_layout(layout, by=request.user, name=form.cleaned_data["name"],
                                  paper=form.cleaned_data["paper"], fields=form.layout_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu vị trí các trường của phôi."))
            return redirect("certificates:layout-edit", pk=layout.pk)
    return render(request, "certificates/layout_form.html", {"layout": layout, "form": form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_GET
def layout_test_page(request, pk: int):
    layout = _layout(request, pk)
    body = documents.render_calibration(layout.fields, paper_mm=layout.size_mm, name=layout.name)
    return _pdf(body, f"trang-thu-phoi-{layout.pk}.pdf")


@login_required
@require_POST
def layout_archive(request, pk: int):
    layout = _layout(request, pk)
    actions.archive_layout(layout, by=request.user)
    messages.success(request, _("Đã lưu trữ phôi “%(name)s”.") % {"name": layout.name})
    return redirect("certificates:layout-list")


# --- the public page -------------------------------------------------------------------------------------------


def _over_limit(request) -> bool:
    return queries.over_limit(request.META.get("REMOTE_ADDR", ""))


@never_cache
@require_GET
def verify(request, serial: str):
    """Public: is this certificate genuine? Only the name, the award, the decision and the issuer; the same page
    for an unknown serial; at most ``queries.VERIFY_LIMIT`` look-ups a minute from one address."""
    if _over_limit(request):
        response = render(request, "certificates/verify.html", {"result": {"state": "limited"}}, status=429)
        response["Retry-After"] = "60"
        return response
    result = queries.verify(serial)
    response = render(request, "certificates/verify.html", {"result": result})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
