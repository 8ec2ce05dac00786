"""Pages of congresses (/dai-hoi/): the term's progress by upper-level union ("kịp tiến độ theo kế hoạch"), the
grassroots unions with their congress and progress (.xlsx), one congress with the works dedicated to it (a panel of
registrations), and the forms. Reads through ``visible_to`` / ``get_for_user`` (404 outside); writes through one
action of ``congresses.actions``."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.audit import history_of
from thidua.core.dates import format_date, parse_date
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit

from . import actions, forms, permissions
from .forms import spread_dates
from .models import Congress, Progress, term_label
from .queries import UnitFilters, progress_by_upper, terms_of, units_for_list, units_to_schedule

PAGE_SIZE = 50
TERM_YEARS = 5


def _unit_filter(request) -> Unit | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


def _term(request) -> tuple[int, int, list[tuple[int, int]]]:
    """The term asked for (``?term=2017``), else the latest with congresses, else the one under way."""
    terms = terms_of(request.user)
    raw = request.GET.get("term", "")
    if raw.isdigit() and 1950 <= int(raw) <= 2200:
        start = int(raw)
        end = next((e for s, e in terms if s == start), start + TERM_YEARS)
        return start, end, terms
    if terms:
        return terms[0][0], terms[0][1], terms
    year = timezone.localdate().year
    return year, year + TERM_YEARS, terms


@login_required
@require_GET
def progress(request):
    unit = _unit_filter(request)
    start, end, terms = _term(request)
    rows, total = progress_by_upper(request.user, start, unit=unit)
    return render(request, "congresses/progress.html", {
        "rows": rows, "total": total, "term_start": start, "term": term_label(start, end), "terms": terms,
        "unit": unit, "progress": Progress, "batch_scheduler": _default_scheduler(request.user),
    })  # fmt: skip


def _list_query(request) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "page"})


@login_required
@require_GET
def unit_list(request):
    unit = _unit_filter(request)
    start, end, terms = _term(request)
    filters = UnitFilters.from_values(request.GET)
    page = page_of(request, units_for_list(request.user, start, filters, unit=unit), PAGE_SIZE)
    labels = {key: str(label) for key, label in Progress.choices}
    for u in page.object_list:
        u.progress_label = labels[u.progress]
    return render(request, "congresses/unit_list.html", {
        "units": page.object_list, "page": page, "filters": filters, "unit": unit, "term_start": start,
        "term": term_label(start, end), "terms": terms, "progresses": Progress.choices, "query": _list_query(request),
    })  # fmt: skip


@login_required
@require_GET
def unit_export(request):
    unit = _unit_filter(request)
    start, end, _terms = _term(request)
    units = units_for_list(request.user, start, UnitFilters.from_values(request.GET), unit=unit)
    labels = {key: str(label) for key, label in Progress.choices}
    columns = [
        XlsxColumn("STT", 6), XlsxColumn(_("Công đoàn cơ sở"), 50, wrap=True), XlsxColumn(_("Mã đơn vị"), 14, text=True),
        XlsxColumn(_("Ngày dự kiến"), 14), XlsxColumn(_("Ngày tổ chức"), 14), XlsxColumn(_("Số đại biểu"), 12),
        XlsxColumn(_("Số ủy viên BCH"), 14), XlsxColumn(_("Tiến độ"), 34, wrap=True),
    ]  # fmt: skip

    def rows():
        for number, u in enumerate(units, start=1):
            yield [
                number,
                u.name,
                u.code,
                u.c_planned,
                u.c_held,
                u.c_delegates,
                u.c_committee,
                labels[u.progress],
            ]

    book = new_workbook()
    add_table_sheet(book, _("Đại hội"), columns, rows(), heading=[
        _("Tiến độ Đại hội công đoàn cơ sở nhiệm kỳ %(term)s") % {"term": term_label(start, end)},
        unit.name if unit else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), f"dai-hoi-nhiem-ky-{start}-{end}.xlsx")


def _congress_for(user, pk: int) -> Congress:
    return get_for_user(Congress.objects.select_related("unit", "scheduled_by", "created_by"), user, pk=pk)


@login_required
@require_GET
def congress_detail(request, pk: int):
    congress = _congress_for(request.user, pk)
    user = request.user
    return render(request, "congresses/congress_detail.html", {
        "congress": congress, "progress_key": congress.progress_on(timezone.localdate()),
        "progress_label": Progress(congress.progress_on(timezone.localdate())).label,
        "can_schedule": congress.status == "preparing" and congress.archived_at is None
        and permissions.can_schedule(user, congress.unit),
        "can_record": congress.status != "cancelled" and permissions.can_record_held(user, congress),
        "can_cancel": permissions.can_cancel(user, congress), "history": list(history_of(congress)[:50]),
    })  # fmt: skip


def _scheduler_for(user, unit: Unit) -> Unit | None:
    """The deepest unit above ``unit`` where the user schedules congresses."""
    steplen = Unit.steplen
    paths = [unit.path[:i] for i in range(len(unit.path) - steplen, 0, -steplen)]
    for path in paths:
        if has_perm(user, permissions.SUBMIT, path):
            return Unit.objects.filter(path=path).first()
    return None


@login_required
@require_http_methods(["GET", "POST"])
def congress_schedule(request):
    raw = request.GET.get("unit", "")
    if not raw.isdigit():
        raise Http404
    unit = get_for_user(Unit, request.user, pk=int(raw))
    scheduler = _scheduler_for(request.user, unit)
    if scheduler is None:
        raise PermissionDenied
    start, end, _terms = _term(request)
    current = Congress.objects.current().filter(unit=unit, term_start=start).first()
    initial = {"term_start": start, "term_end": end, "planned_on": current.planned_on if current else None,
               "number": current.number if current else None}  # fmt: skip
    form = forms.ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            congress = actions.schedule_congress(unit, by=request.user, scheduled_by=scheduler, **data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã xếp lịch Đại hội của %(unit)s.") % {"unit": unit.display_name})
            return redirect("congresses:congress-detail", pk=congress.pk)
    return render(request, "congresses/form.html", {
        "form": form, "heading": _("Xếp lịch Đại hội: %(unit)s") % {"unit": unit.name}, "unit": unit,
        "explanation": _("Lịch do %(upper)s xếp.") % {"upper": scheduler.name},
        "back_url": reverse("congresses:unit-list") + f"?term={start}",
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def congress_hold(request, pk: int):
    congress = _congress_for(request.user, pk)
    if not permissions.can_record_held(request.user, congress):
        raise PermissionDenied
    form = forms.HeldForm(request.POST or None, initial={
        "held_on": congress.held_on, "delegates": congress.delegates, "committee_size": congress.committee_size})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_congress_held(congress, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận kết quả Đại hội."))
            return redirect("congresses:congress-detail", pk=congress.pk)
    return render(request, "congresses/form.html", {
        "form": form, "heading": _("Kết quả Đại hội: %(unit)s") % {"unit": congress.unit.name}, "unit": congress.unit,
        "back_url": reverse("congresses:congress-detail", args=[congress.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def congress_cancel(request, pk: int):
    congress = _congress_for(request.user, pk)
    if not permissions.can_cancel(request.user, congress):
        raise PermissionDenied
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_congress(congress, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận không tổ chức Đại hội."))
            return redirect("congresses:congress-detail", pk=congress.pk)
    return render(request, "congresses/form.html", {
        "form": form, "heading": _("Không tổ chức Đại hội: %(unit)s") % {"unit": congress.unit.name},
        "unit": congress.unit, "back_url": reverse("congresses:congress-detail", args=[congress.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- the batch schedule: many grassroots unions at once -------------------------------------------------------

MAX_BATCH = 500


def _default_scheduler(user) -> Unit | None:
    """The user's own unit where they schedule congresses (the deepest, the level closest to the unions)."""
    for unit in Unit.objects.filter(roles__user=user, archived_at__isnull=True).order_by("-depth", "path"):
        if has_perm(user, permissions.SUBMIT, unit.path) and unit.level != "grassroots":
            return unit
    return None


def _batch_scheduler(request) -> Unit:
    """The unit whose schedule it is (``?unit=``, else the user's own): 404 for what the user does not read, 403
    where they read but may not schedule."""
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        scheduler = get_for_user(Unit, request.user, pk=int(raw))
    else:
        scheduler = _default_scheduler(request.user)
        if scheduler is None:
            raise PermissionDenied
    if not has_perm(request.user, permissions.SUBMIT, scheduler.path):
        raise PermissionDenied
    return scheduler


def _batch_filters(request) -> forms.BatchFilterForm:
    year = timezone.localdate().year
    data = {"term_start": str(year), "term_end": str(year + TERM_YEARS)}
    data.update({k: v for k, v in request.GET.items() if k in forms.BatchFilterForm.base_fields})
    return forms.BatchFilterForm(data)


def _picked(request, candidates: list[Unit]) -> tuple[list[tuple[Unit, datetime.date | None]], list[str]]:
    """The units ticked in the post with the date typed for each, and what is wrong, each naming the unit."""
    by_id = {str(u.pk): u for u in candidates}
    rows: list[tuple[Unit, datetime.date | None]] = []
    errors: list[str] = []
    picked = request.POST.getlist("pick")[: MAX_BATCH + 1]
    for raw in dict.fromkeys(picked):
        unit = by_id.get(raw)
        if unit is None:
            errors.append(_("Đơn vị mã số “%(id)s” không thuộc danh sách được xếp lịch (không ở dưới đơn vị xếp lịch, "
                            "đã tổ chức Đại hội hoặc không có).") % {"id": raw[:20]})  # fmt: skip
            continue
        text = request.POST.get(f"date_{raw}", "").strip()
        if not text:
            errors.append(_("%(unit)s: chưa nhập ngày dự kiến.") % {"unit": unit.display_name})
            rows.append((unit, None))
            continue
        try:
            rows.append((unit, parse_date(text)))
        except ValueError as error:
            errors.append(_("%(unit)s: %(error)s") % {"unit": unit.display_name, "error": error})
            rows.append((unit, None))
    if not picked:
        errors.append(_("Chưa chọn công đoàn cơ sở nào để xếp lịch."))
    return rows, errors


@login_required
@require_http_methods(["GET", "POST"])
def congress_schedule_batch(request):
    """Schedule the congresses of many grassroots unions at once: pick the unions below the scheduling unit (their
    previous term ending in a year, not scheduled yet), spread a date range over them or type each date, preview,
    confirm; one action, all or nothing."""
    scheduler = _batch_scheduler(request)
    filters = _batch_filters(request)
    context: dict = {"scheduler": scheduler, "filters": filters, "step": "select", "errors": []}
    if not filters.is_valid():
        return render(request, "congresses/schedule_batch.html", {**context, "rows": []}, status=400)
    f = filters.cleaned_data
    start, end = f["term_start"], f["term_end"]
    candidates = list(units_to_schedule(request.user, scheduler, start, ending=f["ending"],
                                        pending=f["pending"])[: MAX_BATCH + 1])  # fmt: skip
    context.update({"term": term_label(start, end), "term_start": start, "too_many": len(candidates) > MAX_BATCH,
                    "closed": units_to_schedule(request.user, scheduler, start, ending=f["ending"],
                                                closed=True).count()})  # fmt: skip
    candidates = candidates[:MAX_BATCH]
    step = request.POST.get("step", "")
    if request.method == "POST":
        picked, errors = _picked(request, candidates)
        if not errors and step == "confirm":
            try:
                done = actions.schedule_congresses(scheduler, by=request.user, term_start=start, term_end=end,
                                                   dates=picked)  # fmt: skip
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Đã xếp lịch Đại hội nhiệm kỳ %(term)s cho %(n)s công đoàn cơ sở.")
                                 % {"term": term_label(start, end), "n": len(done)})  # fmt: skip
                return redirect(
                    reverse("congresses:unit-list") + "?" + urlencode({"term": start, "unit": scheduler.pk})
                )
        if not errors and step != "back":
            context.update({"step": "confirm", "picked": picked,
                            "moved": sum(1 for u, _day in picked if u.c_planned)})  # fmt: skip
            return render(request, "congresses/schedule_batch.html", context)
        chosen = set(request.POST.getlist("pick"))
        rows = [(u, request.POST.get(f"date_{u.pk}", "")[:20], str(u.pk) in chosen) for u in candidates]
        if step == "back":  # back from the preview to change the choice: what was typed, no errors yet
            errors = []
        context.update({"rows": rows, "errors": errors})
        return render(request, "congresses/schedule_batch.html", context, status=400 if errors else 200)
    spread = spread_dates(len(candidates), f["date_from"], f["date_to"])
    rows = [(u, format_date(day or u.c_planned), True) for u, day in zip(candidates, spread, strict=True)]
    context["rows"] = rows
    return render(request, "congresses/schedule_batch.html", context)
