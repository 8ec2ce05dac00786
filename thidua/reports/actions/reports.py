"""Every change to an expected report: save its figures and narrative, submit, approve, return, waive, finalise the
issuer's consolidated report, reopen it, grant late entry.

The workflow steps go through ``REPORT_WORKFLOW`` (``thidua.reports.permissions``: state, permission,
``ExpectedReportEvent``, audit). Rules kept here:

- entry (saving, submitting) closes after the due date unless the level above granted a late-entry exception;
- a unit that approves others submits (or, for the issuer, finalises) only when each of its child reports is
  approved or waived;
- approval locks; returning (with a reason) unlocks; a child may be returned only while its approver's own report
  is still open (otherwise the level above must return that one first);
- once a report is approved its approved children become accepted; returning it turns them back to approved;
- a version (``ReportVersion``) is kept at every submission and approval; ``changes_since_approval`` counts the
  indicators whose figures differ from the last approved version.

Notices: to the approving unit on submit, to the unit on approve, return, waive and late entry.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.notices.actions import notify

from .. import queries
from ..models import ExpectedReport, ExpectedReportEvent, FormStatus, ReportNotice, ReportValue, ReportVersion
from ..models import ExpectedReportStatus as S
from ..permissions import REPORT_WORKFLOW, can_edit_values, can_grant_late_entry
from ..validation import check_entries, check_parts

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Entries = dict[str, dict[str, Any]]


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def report_url(report: ExpectedReport) -> str:
    return reverse("reports:report-detail", args=[report.pk])


def _what(report: ExpectedReport) -> str:
    return report.form.phase.name


def _tell(step, *, units: list[int], kind: str, title: str, body: str = "") -> None:
    report = step.obj
    step.on_commit(lambda: notify(units=units, kind=kind, title=title, body=body, by=step.by,
                                  url=report_url(report)))  # fmt: skip


def _locked(report: ExpectedReport) -> ExpectedReport:
    return (
        ExpectedReport.objects.select_for_update(of=("self",))
        .select_related("unit", "parent", "form", "form__phase", "form__phase__plan")
        .get(pk=report.pk)
    )


def _check_entry_open(report: ExpectedReport, today: datetime.date) -> None:
    if report.form.status == FormStatus.CLOSED:
        raise ValidationError(_("Mẫu báo cáo đã kết thúc: không nhập, không gửi được nữa."))
    if not queries.entry_open(report, today):
        raise ValidationError(_("Đã quá hạn báo cáo (%(due)s). Cần cấp trên cho phép nhập sau hạn.")
                              % {"due": format_date(report.due_on)})  # fmt: skip


def _count_changes(report: ExpectedReport) -> int:
    """The indicators whose figures differ from the last approved version (0 without one)."""
    last = report.versions.filter(action__in=["approve_report", "finalise"]).order_by("-number").first()
    if last is None:
        return 0
    now = queries.snapshot(report)
    empty = {"value": None, "target": None, "text": "", "approximate": False}
    codes = set(now) | set(last.values)
    return sum(1 for code in codes if now.get(code, empty) != last.values.get(code, empty))


def _keep_version(report: ExpectedReport, action: str, by: User | None) -> ReportVersion:
    report.version += 1
    return ReportVersion.objects.create(report=report, number=report.version, action=action,
                                        values=queries.snapshot(report), narrative=dict(report.narrative),
                                        created_by=_actor(by))  # fmt: skip


# --- entering -------------------------------------------------------------------------------------------------


def _clean_narrative(report: ExpectedReport, narrative: dict[str, Any]) -> dict[str, str]:
    headings = list(report.form.narrative_headings)
    unknown = [h for h in narrative if h not in headings]
    if unknown:
        raise ValidationError(
            {"narrative": _("Mục “%(heading)s” không có trong mẫu báo cáo.") % {"heading": unknown[0]}}
        )
    merged = dict(report.narrative)
    for heading, text in narrative.items():
        merged[heading] = nfc(str(text or "")).strip()
    return {h: merged[h] for h in headings if merged.get(h)}


@transaction.atomic
def save_values(
    report: ExpectedReport,
    *,
    by: User | None,
    entries: Entries | None = None,
    narrative: dict[str, Any] | None = None,
    today: datetime.date | None = None,
) -> ExpectedReport:
    """Save figures (``{code: {"value", "target", "text", "approximate"}}``; an indicator left out keeps its
    figure, one with everything empty is cleared) and narrative headings. Every figure is checked: any error
    refuses the whole save (``ValidationError`` keyed by indicator code). A report not started becomes a draft."""
    today = today or timezone.localdate()
    report = _locked(report)
    if by is not None and not can_edit_values(by, report):
        if report.status not in (S.NOT_STARTED, S.DRAFT, S.RETURNED):
            raise ValidationError(_("Báo cáo đã gửi hoặc đã được duyệt: không sửa được."))
        raise PermissionDenied
    if report.status not in (S.NOT_STARTED, S.DRAFT, S.RETURNED) or report.archived_at is not None:
        raise ValidationError(_("Báo cáo đã gửi hoặc đã được duyệt: không sửa được."))
    _check_entry_open(report, today)
    indicators = queries.form_indicators(report.form)
    checked = check_entries(indicators, entries or {})
    if checked.errors:
        raise ValidationError(checked.errors)
    existing = queries.values_of(report)
    after = {code: v.value for code, v in existing.items()}
    after.update({code: clean.value for code, clean in checked.values.items()})
    part_errors = check_parts(indicators, after)
    if part_errors:
        raise ValidationError(part_errors)
    new_narrative = _clean_narrative(report, narrative) if narrative is not None else report.narrative
    before = queries.snapshot(report)
    actor = _actor(by)
    for code, clean in checked.values.items():
        row = existing.get(code)
        if clean.is_empty:
            if row is not None:
                row.delete()
            continue
        if row is None:
            ReportValue.objects.create(report=report, indicator=clean.indicator, value=clean.value,
                                       target=clean.target, text=clean.text, approximate=clean.approximate,
                                       updated_by=actor)  # fmt: skip
        elif (row.value, row.target, row.text, row.approximate) != (clean.value, clean.target, clean.text,
                                                                    clean.approximate):  # fmt: skip
            row.value, row.target, row.text, row.approximate = (
                clean.value,
                clean.target,
                clean.text,
                clean.approximate,
            )
            row.updated_by = actor
            row.save()
    after_snapshot = queries.snapshot(report)
    narrative_changed = new_narrative != report.narrative
    if after_snapshot == before and not narrative_changed and report.status != S.NOT_STARTED:
        return report
    changes: dict[str, list[Any]] = {
        code: [before.get(code), after_snapshot.get(code)]
        for code in sorted(set(before) | set(after_snapshot))
        if before.get(code) != after_snapshot.get(code)
    }
    if narrative_changed:
        changes["narrative"] = [report.narrative, new_narrative]
    report.narrative = new_narrative
    report.changes_since_approval = _count_changes(report)
    if report.status == S.NOT_STARTED:
        with REPORT_WORKFLOW.step(report, "begin_entry", by=by) as step:
            step.obj.narrative = report.narrative
            step.obj.changes_since_approval = report.changes_since_approval
            step.changes = {"values": [before, after_snapshot]} if changes else {}
        report.status = S.DRAFT
        return report
    report.save(update_fields=["narrative", "changes_since_approval", "updated_at"])
    audit.record(report, by=by, action="save_values", before={k: v[0] for k, v in changes.items()},
                 after={k: v[1] for k, v in changes.items()})  # fmt: skip
    return report


# --- the workflow ---------------------------------------------------------------------------------------------


def _check_children(report: ExpectedReport) -> None:
    waiting = list(queries.unsettled_children(report).select_related("unit").order_by("unit__path")[:6])
    if waiting:
        names = ", ".join(r.unit.name for r in waiting[:5]) + ("…" if len(waiting) > 5 else "")
        raise ValidationError(_("Chưa gửi được: còn báo cáo của đơn vị cấp dưới chưa được duyệt hoặc miễn: "
                                "%(units)s.") % {"units": names})  # fmt: skip


def _check_required(report: ExpectedReport) -> None:
    from ..models import ReportFormIndicator

    required = set(
        ReportFormIndicator.objects.filter(form_id=report.form_id, required=True).values_list(
            "indicator__code", flat=True
        )
    )
    filled = {code for code, v in queries.values_of(report).items() if v.value is not None or v.text}
    missing = sorted(required - filled)
    if missing:
        raise ValidationError({code: [_("Chỉ tiêu bắt buộc chưa có số liệu.")] for code in missing})


def _set_children(
    report: ExpectedReport, *, from_status: str, to_status: str, action: str, by: User | None
) -> int:
    """Move the approved children of ``report`` to accepted (or back), set-based, with their events."""
    children = queries.children_of(report).filter(status=from_status)
    ids = list(children.values_list("pk", flat=True))
    if not ids:
        return 0
    ExpectedReport.objects.filter(pk__in=ids).update(status=to_status, updated_at=timezone.now())
    actor = _actor(by)
    ExpectedReportEvent.objects.bulk_create(
        ExpectedReportEvent(
            report_id=pk, action=action, from_status=from_status, to_status=to_status, by=actor
        )
        for pk in ids
    )
    audit.record_rows(ExpectedReport, [(pk, f"#{pk}", {"status": [from_status, to_status]}) for pk in ids], by=by,
                      action=action)  # fmt: skip
    return len(ids)


@transaction.atomic
def submit_report(
    report: ExpectedReport, *, by: User | None, note: str = "", today: datetime.date | None = None
) -> ExpectedReport:
    """Send the report to the level that approves it; a version is kept."""
    today = today or timezone.localdate()
    with REPORT_WORKFLOW.step(report, "submit", by=by, note=note) as step:
        report = step.obj
        _check_entry_open(report, today)
        _check_required(report)
        _check_children(report)
        if not queries.values_of(report) and not report.narrative:
            raise ValidationError(_("Báo cáo chưa có số liệu hoặc nội dung nào."))
        report.submitted_at, report.submitted_by = timezone.now(), _actor(by)
        report.returned_reason = ""
        late = today > report.due_on
        if late:
            step.audit_note = _("Gửi sau hạn %(due)s, được cấp trên cho phép nhập đến hết ngày %(until)s") % {
                "due": format_date(report.due_on), "until": format_date(report.late_entry_until)}  # fmt: skip
        _keep_version(report, "submit", by)
        _tell(step, units=[report.parent_id or 0], kind=ReportNotice.SUBMITTED,
              title=_("%(unit)s gửi báo cáo kết quả %(what)s") % {"unit": report.unit.name, "what": _what(report)},
              body=_("Đề nghị xem và duyệt.") + (" " + _("Gửi sau hạn.") if late else ""))  # fmt: skip
    return report


def _approved(step, report: ExpectedReport, by: User | None, action: str) -> None:
    report.approved_at, report.approved_by = timezone.now(), _actor(by)
    report.returned_reason = ""
    _keep_version(report, action, by)
    report.changes_since_approval = 0
    _set_children(report, from_status=S.APPROVED, to_status=S.ACCEPTED, action="accept_report", by=by)


@transaction.atomic
def approve_report(report: ExpectedReport, *, by: User | None, note: str = "") -> ExpectedReport:
    """The approving level approves a submitted report: it is locked; its own approved children become
    accepted."""
    with REPORT_WORKFLOW.step(report, "approve_report", by=by, note=note) as step:
        report = step.obj
        _approved(step, report, by, "approve_report")
        _tell(step, units=[report.unit_id], kind=ReportNotice.APPROVED,
              title=_("Cấp trên đã duyệt báo cáo kết quả %(what)s của %(unit)s")
              % {"what": _what(report), "unit": report.unit.name}, body=note)  # fmt: skip
    return report


@transaction.atomic
def finalise_report(
    report: ExpectedReport, *, by: User | None, note: str = "", today: datetime.date | None = None
) -> ExpectedReport:
    """The issuer's leader finalises its consolidated report (every child approved or waived)."""
    with REPORT_WORKFLOW.step(report, "finalise", by=by, note=note) as step:
        report = step.obj
        _check_required(report)
        _check_children(report)
        report.submitted_at, report.submitted_by = report.submitted_at or timezone.now(), _actor(by)
        _approved(step, report, by, "finalise")
    return report


def _check_approver_open(report: ExpectedReport) -> None:
    above = queries.parent_report(report)
    if above is not None and above.status in (S.SUBMITTED, S.APPROVED, S.ACCEPTED):
        raise ValidationError(_("Báo cáo của %(unit)s (cấp duyệt) đã gửi lên hoặc đã được duyệt: cần cấp trên "
                                "trả lại báo cáo đó trước.") % {"unit": above.unit.name})  # fmt: skip


@transaction.atomic
def return_report(report: ExpectedReport, *, by: User | None, reason: str) -> ExpectedReport:
    """The approving level sends a submitted or approved report back with a reason: it is unlocked."""
    with REPORT_WORKFLOW.step(report, "return", by=by, reason=reason) as step:
        report = step.obj
        if step.from_state == S.APPROVED:
            _check_approver_open(report)
            _set_children(
                report, from_status=S.ACCEPTED, to_status=S.APPROVED, action="unaccept_report", by=by
            )
        report.returned_reason = step.note
        _tell(step, units=[report.unit_id], kind=ReportNotice.RETURNED,
              title=_("Cấp trên trả lại báo cáo kết quả %(what)s của %(unit)s")
              % {"what": _what(report), "unit": report.unit.name},
              body=_("Lý do: %(reason)s") % {"reason": step.note})  # fmt: skip
    return report


@transaction.atomic
def reopen_report(report: ExpectedReport, *, by: User | None, reason: str) -> ExpectedReport:
    """The issuer's leader reopens its finalised consolidated report, with a reason."""
    with REPORT_WORKFLOW.step(report, "reopen_report", by=by, reason=reason) as step:
        report = step.obj
        _set_children(report, from_status=S.ACCEPTED, to_status=S.APPROVED, action="unaccept_report", by=by)
        report.returned_reason = step.note
    return report


@transaction.atomic
def waive_report(report: ExpectedReport, *, by: User | None, reason: str) -> ExpectedReport:
    """The approving level releases a unit from this report, with a recorded reason."""
    with REPORT_WORKFLOW.step(report, "waive", by=by, reason=reason) as step:
        report = step.obj
        _check_approver_open(report)
        report.waived_reason = step.note
        _tell(step, units=[report.unit_id], kind=ReportNotice.WAIVED,
              title=_("Cấp trên miễn báo cáo kết quả %(what)s cho %(unit)s")
              % {"what": _what(report), "unit": report.unit.name},
              body=_("Lý do: %(reason)s") % {"reason": step.note})  # fmt: skip
    return report


@transaction.atomic
def grant_late_entry(
    report: ExpectedReport,
    *,
    by: User | None,
    until: datetime.date,
    reason: str,
    today: datetime.date | None = None,
) -> ExpectedReport:
    """The approving level lets the unit enter and submit after the due date, until ``until``."""
    report = _locked(report)
    if by is not None and not can_grant_late_entry(by, report):
        raise PermissionDenied
    reason = " ".join(nfc(reason).split())
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    today = today or timezone.localdate()
    if until < today:
        raise ValidationError(
            {"until": _("Ngày được nhập đến (%(until)s) đã qua.") % {"until": format_date(until)}}
        )
    if until <= report.due_on:
        raise ValidationError({"until": _("Ngày được nhập đến phải sau hạn báo cáo (%(due)s).")
                               % {"due": format_date(report.due_on)}})  # fmt: skip
    if report.status in (S.APPROVED, S.ACCEPTED, S.WAIVED):
        raise ValidationError(_("Báo cáo đã được duyệt hoặc miễn: không cần cho phép nhập sau hạn."))
    before = audit.snapshot(report, ["late_entry_until"])
    previous = report.late_entry_until
    report.late_entry_until = until
    report.save(update_fields=["late_entry_until", "updated_at"])
    ExpectedReportEvent.objects.create(report=report, action="late_entry", from_status=report.status,
                                       to_status=report.status, by=_actor(by), note=reason[:500],
                                       changes={"late_entry_until": [format_date(previous) or None,
                                                                     format_date(until)]})  # fmt: skip
    audit.record(report, by=by, action="late_entry", before=before,
                 after=audit.snapshot(report, ["late_entry_until"]), note=reason)  # fmt: skip
    title = _("Cấp trên cho phép %(unit)s nhập báo cáo kết quả %(what)s đến hết ngày %(until)s") % {
        "unit": report.unit.name, "what": _what(report), "until": format_date(until)}  # fmt: skip
    transaction.on_commit(lambda: notify(units=[report.unit_id], kind=ReportNotice.LATE_ENTRY, title=title,
                                         body=reason, by=_actor(by), url=report_url(report)))  # fmt: skip
    return report
