"""The list of plans (own plans, the inbox of plans to deploy, notices), a plan as its official text reads, its
documents and the deployment below it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from thidua.core.paging import page_of
from thidua.core.text import fold
from thidua.documents.parts import recipient_lines
from thidua.documents.render import render_docx, render_pdf
from thidua.notices.models import Notice
from thidua.orgs.models import Unit

from .. import forms, permissions, queries
from ..documents import ROMAN, free_heading, recipient_purpose
from ..documents import plan_document as plan_document_of
from ..models import FreeSection, MeasureTarget, Plan, PlanStatus
from ..movement_matches import movement_matches
from .base import PAGE_SIZE, plan_for, units_for_drafting

# --- the list -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request):
    year_raw = request.GET.get("year", "")
    year = int(year_raw) if year_raw.isdigit() else None
    status = request.GET.get("status", "")
    if status not in PlanStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()
    plans = queries.plans_for_list(request.user, year=year, status=status, q=q)
    page = page_of(request, plans, PAGE_SIZE)
    received = list(queries.inbox(request.user)[:50])
    # The same notices as the bell and the notices page (those addressed to the user and their units), not every
    # notice of the subtree (what the user's units sent down is not theirs to read).
    notices = Notice.objects.for_user(request.user).select_related("unit", "user")
    context = {
        "plans": page.object_list,
        "page": page,
        "received": received,
        "notices": list(notices[:10]),
        "year": year,
        "status": status,
        "q": q,
        "statuses": PlanStatus.choices,
        "can_create": units_for_drafting(request.user).exists(),
    }
    return render(request, "plans/plan_list.html", context)


# --- one plan -------------------------------------------------------------------------------------------------


def _measure_groups(plan: Plan):
    groups = []
    for target in MeasureTarget:
        rows = [m for m in plan.measures.all() if m.target == target]
        if rows:
            groups.append((target.label, rows))
    return groups


def _recipient_lines(plan: Plan) -> list[tuple[Any, str]]:
    """(recipient or None, line) of "Nơi nhận" as the printed document writes them."""
    recipients = list(plan.recipients.all())
    with translation.override("vi"):  # the official text is Vietnamese whatever the interface language
        lines = recipient_lines([(r.name, recipient_purpose(r)) for r in recipients])
    return [(recipients[i] if i is not None else None, line) for i, _, _, line in lines]


def _text_layout(plan: Plan, measure_groups: list) -> dict:
    """The numbers of the plan's parts and its free sections where they stood, as the printed document numbers
    them (``documents.plan_sections``): I, II, III as present; a free section with a heading takes the next."""
    present = {
        "purposes": bool(plan.purposes or plan.requirements),
        "contents": bool(plan.movements.all()),
        "measures": bool(measure_groups),
    }
    free: dict[str, list[tuple[str, Any]]] = {after: [] for after in FreeSection.After.values}
    numerals: dict[str, str] = {}
    number = 0
    sections = list(plan.free_sections.all())
    for part in FreeSection.After.values:
        if present.get(part):
            numerals[part] = ROMAN[number]
            number += 1
        for f in sections:
            if f.after == part:
                heading = free_heading(f.heading)
                if heading and number < len(ROMAN):
                    free[part].append((f"{ROMAN[number]}. {heading}", f))
                    number += 1
                else:
                    free[part].append(("", f))
    return {"numerals": numerals, "free": free}


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = plan_for(request.user, pk)
    plan = queries.plan_with_parts(Plan.objects.filter(pk=plan.pk)).get()
    user = request.user
    phases = list(plan.phases.all())
    measure_groups = _measure_groups(plan)
    deployment = None
    if permissions.can_view_deployment(user, plan):
        rows = queries.deployment_status(plan, user=user)
        deployment = {"rows": rows, "summary": queries.deployment_summary(rows), "unit": plan.issuer}
    build_units = list(permissions.units_that_can_build_from(user, plan))
    issue_date, issue_reason = queries.proposed_issue_date(plan)
    issue_window = queries.issue_date_window(plan.year)
    context = {
        "plan": plan,
        "governing_body": queries.governing_body(plan),
        "phases": phases,
        "today": timezone.localdate(),
        "measure_groups": measure_groups,
        "layout": _text_layout(plan, measure_groups),
        "movement_matches": movement_matches(plan) if permissions.can_edit_plan(user, plan) else [],
        "recipient_lines": _recipient_lines(plan),
        "mismatches": queries.ordinal_mismatches(plan),
        "overlaps": queries.phase_overlaps(phases),
        "anniversaries": [a for a in queries.anniversaries(plan.year, phases) if a.phases],
        "plan_tree": queries.plan_tree(plan, user),
        "deployment": deployment,
        "events": list(plan.events.select_related("by")),
        "issue_form": forms.IssueForm(initial={"date": issue_date}),
        "issue_warnings": queries.issue_warnings(plan) if permissions.can_issue_plan(user, plan) else [],
        "issue_date": {"reason": issue_reason, "first": issue_window[0], "last": issue_window[1]},
        "copy_form": forms.CopyForm(initial={"year": plan.year + 1}),
        "build_form": forms.BuildForm(
            units=Unit.objects.filter(pk__in=[u.pk for u in build_units]),
            initial={"unit": build_units[0].pk} if len(build_units) == 1 else None,
        ),
        "build_units": build_units,
        "can": {
            "edit": permissions.can_edit_plan(user, plan),
            "issue": permissions.can_issue_plan(user, plan),
            "amend": permissions.can_amend_plan(user, plan),
            "close": permissions.can_close_plan(user, plan),
            "archive": permissions.can_archive_plan(user, plan),
            "copy": permissions.can_copy_plan(user, plan),
            "remind": permissions.can_send_reminders(user, plan),
            "build": bool(build_units),
        },
        "documents": True,
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_GET
def plan_document(request, pk: int, fmt: str):
    """The plan as an official document (.docx or .pdf, Decree 30/2020 format), in Vietnamese whatever the
    interface language."""
    plan = plan_for(request.user, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    document = plan_document_of(plan)
    if fmt == "docx":
        body = render_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = render_pdf(document)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    stem = slugify(fold(f"{document['file_stem']}"))
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response


@login_required
@require_GET
def plan_deployment(request, pk: int):
    """The deployment rows of the units directly below ``?unit=`` (drill-down; htmx)."""
    plan = plan_for(request.user, pk)
    if not permissions.can_view_deployment(request.user, plan):
        raise Http404
    raw = request.GET.get("unit", "")
    unit = Unit.objects.filter(pk=int(raw)).first() if raw.isdigit() else plan.issuer
    if unit is None or (
        unit != plan.issuer and not queries.was_below(unit, plan.issuer, queries.tree_day(plan))
    ):
        raise Http404
    rows = queries.deployment_status(plan, unit, user=request.user)
    return render(request, "plans/_deployment_rows.html", {
        "plan": plan, "rows": rows, "unit": unit, "summary": queries.deployment_summary(rows),
        "can_remind": permissions.can_send_reminders(request.user, plan), "nested": True,
    })  # fmt: skip
