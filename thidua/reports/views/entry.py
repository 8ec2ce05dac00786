"""The entry page of one report: a keyboard-friendly grid (Tab moves along a row, Enter down the column), checked
as typed by ``static/reports/entry.js``, and the narrative headings. The server's check (``validation``, through
``actions.save_values``) is the authority: an error refuses the whole save and the page comes back with what was
typed and each error beside its indicator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import queries
from ..actions import reports as actions
from ..models import Aggregation
from ..permissions import can_edit_values
from ..prefill import PREFILLS, prefill
from .reports import report_for


def _typed(request, rows) -> tuple[dict, dict]:
    """What the grid posted: figures by indicator code, narrative by heading."""
    entries = {}
    for row in rows:
        indicator = row.indicator
        if indicator.aggregation == Aggregation.RATIO:
            continue
        code = indicator.code
        entry = {"approximate": request.POST.get(f"a-{code}") == "1"}
        if indicator.is_text:
            entry["text"] = request.POST.get(f"x-{code}", "")
        else:
            entry["value"] = request.POST.get(f"v-{code}", "")
            if indicator.aggregation == Aggregation.PERCENT_OF_TARGET:
                entry["target"] = request.POST.get(f"t-{code}", "")
        entries[code] = entry
    return entries, {}


@login_required
@require_http_methods(["GET", "POST"])
def report_entry(request, pk: int):
    report = report_for(request.user, pk)
    if not can_edit_values(request.user, report):
        raise PermissionDenied
    if not queries.entry_open(report):
        messages.error(request, _("Đã quá hạn báo cáo. Cần cấp trên cho phép nhập sau hạn."))
        return redirect("reports:report-detail", report.pk)
    rows = queries.report_rows(report)
    headings = list(report.form.narrative_headings)
    errors: dict[str, list[str]] = {}
    typed: dict[str, dict] = {}
    narrative = {h: report.narrative.get(h, "") for h in headings}
    if request.method == "POST":
        typed, _none = _typed(request, rows)
        narrative = {h: request.POST.get(f"n-{i}", "") for i, h in enumerate(headings)}
        try:
            actions.save_values(report, by=request.user, entries=typed, narrative=narrative)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        else:
            messages.success(request, _("Đã lưu số liệu báo cáo."))
            if request.POST.get("next") == "submit":
                return redirect("reports:report-submit", report.pk)
            return redirect("reports:report-entry", report.pk)
    # "Điền từ số liệu của hệ thống": the records' figures in the grid, not saved until the officer saves.
    filled = {}
    if request.method == "GET" and request.GET.get("prefill") == "1":
        filled = prefill(
            report.unit, report.form.period_start, report.form.period_end, [r.code for r in rows]
        )
    lines = []
    for row in rows:
        code = row.code
        shown = typed.get(code)
        lines.append({
            "row": row, "prefill": filled.get(code),
            "value": _plain(filled[code].value) if code in filled else shown.get("value", "") if shown
            else _plain(row.value),
            "target": shown.get("target", "") if shown else _plain(row.target),
            "text": shown.get("text", "") if shown else row.text,
            "approximate": shown.get("approximate") if shown else row.approximate,
            "errors": errors.get(code, []),
        })  # fmt: skip
    context = {
        "report": report,
        "lines": lines,
        "narrative": [(i, h, narrative.get(h, "")) for i, h in enumerate(headings)],
        "errors": errors,
        "general_errors": errors.get("__all__", []) + errors.get("narrative", []),
        "prefilled": len(filled),
        "can_prefill": any(r.code in PREFILLS for r in rows),
    }
    return render(request, "reports/expectedreport_entry.html", context, status=400 if errors else 200)


def _plain(number) -> str:
    """A stored figure as the grid shows it: digits grouped with dots (1.530.000)."""
    return "" if number is None else f"{int(number):,}".replace(",", ".")
