"""The expected reports follow the tree after a form is published (registered with ``orgs.restructuring_hooks``).

For every published form (not closed, due on or after the restructuring's effective date: a restructuring after
the due date leaves the obligations — and the late list — as they were) of which the restructured unit owes or is
owed a report:

- **dissolved**: its report, not yet sent, is withdrawn — kept, marked waived with the reason (“Đơn vị giải thể
  ngày …”), so it no longer counts as missing nor holds up the level above;
- **merged / consolidated**: its report, not yet sent, passes to the successor: the successor's own report carries
  it when the successor owes one for the form (the old one is withdrawn, naming it), else the successor is given one
  (approved by its nearest reporting ancestor) and the old one is withdrawn;
- **moved**: the reports of the moved subtree not yet approved are approved by the nearest reporting ancestor at
  the new place; moved out of the issuer's subtree, they are withdrawn; moved into it from outside at one of the
  form's levels, the unit is given a report, due on the form's date.

- **founded** after the form was published and on or before the end of its period (the figures it covers), in the
  issuer's subtree at one of the form's levels: the unit is given a report, due on the form's date, approved by its
  nearest reporting ancestor; the units an import founds together are answered in one query for the forms
  (``follow_foundings``). A unit **founded before the publication but entered in the tree later** (the form was
  published from the tree as it stood, without it) is given one too when it is entered while the form is published
  and not yet due: its obligation arises on the day it is entered, and the event says both days (decision 0042).
  A unit founded after the period's end is not given one (it had nothing to report for it);
- **reopened** (a dissolution entered by mistake reversed): the report the dissolution withdrew is restored to the
  state it had, if its form is still published; a form closed since leaves it withdrawn.

``orgs`` has no split: a split is recorded as new units founded and units moved or dissolved.

Reports already sent stay where they are (a submitted one may still be approved; an approved one has counted).
Each change is an ``ExpectedReportEvent`` (``restructure``) with the old and new approving level, and an audit row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.orgs.models import Unit
from thidua.orgs.restructuring_hooks import Change

from .. import queries
from ..models import ExpectedReport, ExpectedReportEvent, FormStatus, ReportForm
from ..models import ExpectedReportStatus as S

if TYPE_CHECKING:
    from collections.abc import Iterable

NOT_SENT = (S.NOT_STARTED, S.DRAFT, S.RETURNED)
NOT_APPROVED = (*NOT_SENT, S.SUBMITTED)
ACTION = "restructure"


def _actor(by):
    return by if getattr(by, "pk", None) else None


def _open_forms(paths: Iterable[str], day) -> list[ReportForm]:
    """The published forms due on or after ``day`` whose issuer's subtree holds one of ``paths`` (one query)."""
    prefixes = {p[:end] for p in paths for end in range(Unit.steplen, len(p) + 1, Unit.steplen)}
    return list(
        ReportForm.objects.current()
        .filter(status=FormStatus.PUBLISHED, due_on__gte=day, phase__plan__issuer__path__in=prefixes)
        .select_related("phase__plan__issuer")
    )


def _record(report: ExpectedReport, *, by, note: str, changes: dict, from_status: str) -> None:
    ExpectedReportEvent.objects.create(report=report, action=ACTION, from_status=from_status, to_status=report.status,
                                       by=_actor(by), note=note[:500], changes=changes)  # fmt: skip
    audit.record(report, by=by, action=ACTION, before={k: v[0] for k, v in changes.items()},
                 after={k: v[1] for k, v in changes.items()}, note=note)  # fmt: skip


def _withdraw(report: ExpectedReport, *, by, reason: str) -> None:
    before = report.status
    report.status, report.waived_reason = S.WAIVED, reason[:500]
    report.save(update_fields=["status", "waived_reason", "updated_at"])
    _record(report, by=by, note=reason, changes={"status": [before, S.WAIVED]}, from_status=before)


def _nearest_reporting(form: ReportForm, unit: Unit) -> int | None:
    """The unit owing a report of ``form`` nearest above ``unit`` (the issuer at worst)."""
    issuer = form.phase.plan.issuer
    ancestors = [unit.path[:end] for end in range(len(issuer.path), len(unit.path), Unit.steplen)]
    found = dict(
        ExpectedReport.objects.current().filter(form=form, unit__path__in=ancestors)
        .exclude(status=S.WAIVED).values_list("unit__path", "unit_id")
    )  # fmt: skip
    for path in sorted(found, key=len, reverse=True):
        return found[path]
    return issuer.pk


def _reparent_subtree(form: ReportForm, root: Unit, *, by, note: str) -> None:
    """The reports of ``root``'s subtree not yet approved get their nearest reporting ancestor as approver."""
    issuer = form.phase.plan.issuer
    rows = list(
        ExpectedReport.objects.current().filter(form=form, unit__path__startswith=root.path)
        .exclude(status=S.WAIVED).select_related("unit").order_by("unit__path")
    )  # fmt: skip
    if not rows:
        return
    inside = {r.unit.path: r.unit_id for r in rows}
    above = _nearest_reporting(form, root)
    units = [(r.unit_id, r.unit.path) for r in rows]
    # the subtree's own reporting units first, then what lies above the root
    parents = queries.approving_units([(issuer.pk, issuer.path), *units], issuer)
    for report in rows:
        if report.status not in NOT_APPROVED:
            continue
        wanted = parents.get(report.unit_id)
        if wanted is None or wanted not in inside.values():
            wanted = above
        if wanted != report.parent_id and wanted != report.unit_id:
            old = report.parent_id
            report.parent_id = wanted
            report.save(update_fields=["parent", "updated_at"])
            _record(report, by=by, note=note, changes={"parent_id": [old, wanted]}, from_status=report.status)


def _add_obligation(form: ReportForm, unit: Unit, *, by, note: str) -> ExpectedReport | None:
    if unit.level not in form.levels or ExpectedReport.objects.filter(form=form, unit=unit).exists():
        return None
    report = ExpectedReport.objects.create(form=form, unit=unit, parent_id=_nearest_reporting(form, unit),
                                           due_on=form.due_on)  # fmt: skip
    ExpectedReportEvent.objects.create(report=report, action=ACTION, to_status=S.NOT_STARTED, by=_actor(by),
                                       note=note[:500])  # fmt: skip
    audit.record(
        report, by=by, action=ACTION, after={"unit": unit.name, "parent_id": report.parent_id}, note=note
    )
    _reparent_subtree(form, unit, by=by, note=note)
    return report


def _in_subtree(form: ReportForm, unit: Unit) -> bool:
    return unit.path.startswith(form.phase.plan.issuer.path)


def follow_foundings(changes: list[Change]) -> None:
    """Give a report to each unit founded after a form's publication and within its period, and to each unit founded
    before the publication but entered since, while the form is not yet due (one query for the forms, whatever the
    number of units; writes only where a form concerns a unit)."""
    founded = [c for c in changes if c.kind == "founded"]
    if not founded:
        return
    today = timezone.localdate()
    forms = _open_forms([c.unit.path for c in founded], min(c.effective_on for c in founded))
    for form in forms:
        if form.published_at is None or form.period_end < min(c.effective_on for c in founded):
            continue
        published_on = timezone.localdate(form.published_at)
        issuer = form.phase.plan.issuer
        for change in founded:
            unit = change.unit
            # Founded after the publication: the obligation arises on the founding day. Founded before it but only
            # entered now (missing from the tree the form was published from): it arises on the day of entry.
            entered_late = change.effective_on < published_on
            arises = today if entered_late else change.effective_on
            if (
                change.effective_on > form.period_end
                or form.due_on < arises
                or unit.level not in form.levels
                or unit.pk == issuer.pk
                or not _in_subtree(form, unit)
            ):
                continue
            decision = f" ({change.decision})" if change.decision else ""
            if entered_late:
                note = _("Thành lập ngày %(day)s%(decision)s, trước khi ban hành mẫu báo cáo, nhưng đến ngày "
                         "%(entered)s mới được đưa vào hệ thống tổ chức; trong kỳ báo cáo") % {
                    "day": format_date(change.effective_on), "decision": decision,
                    "entered": format_date(today)}  # fmt: skip
            else:
                note = _("Thành lập ngày %(day)s%(decision)s, sau khi ban hành mẫu báo cáo, trong kỳ báo cáo") % {
                    "day": format_date(change.effective_on), "decision": decision}  # fmt: skip
            _add_obligation(form, unit, by=change.by, note=note)


def _follow_reopening(change: Change) -> None:
    """The reports the unit's dissolution withdrew (their last event is that withdrawal) come back in the state they
    had, where the form is still published."""
    reports = list(
        ExpectedReport.objects.current()
        .filter(unit=change.unit, status=S.WAIVED, form__status=FormStatus.PUBLISHED)
        .select_related("form")
    )
    if not reports:
        return
    events: dict[int, ExpectedReportEvent] = {}
    for event in ExpectedReportEvent.objects.filter(report__in=reports).order_by("report_id", "-at", "-pk"):
        events.setdefault(event.report_id, event)
    note = _("Hủy quyết định giải thể đơn vị: %(reason)s") % {"reason": change.decision}
    dissolution = _("Đơn vị giải thể ngày %(day)s%(decision)s") % {"day": format_date(change.effective_on),
                                                                    "decision": ""}  # fmt: skip
    for report in reports:
        last = events.get(report.pk)
        if last is None or last.action != ACTION or not last.note.startswith(dissolution):
            continue  # waived by the level above with a reason, or withdrawn for another cause: stays so
        restored = last.from_status or S.NOT_STARTED
        report.status, report.waived_reason = restored, ""
        report.save(update_fields=["status", "waived_reason", "updated_at"])
        _record(
            report, by=change.by, note=note, changes={"status": [S.WAIVED, restored]}, from_status=S.WAIVED
        )


def follow_restructuring(change: Change) -> None:
    if change.kind == "founded":
        follow_foundings([change])
        return
    if change.kind == "reopened":
        _follow_reopening(change)
        return
    unit = Unit.objects.get(pk=change.unit.pk)
    day = format_date(change.effective_on)
    decision = f" ({change.decision})" if change.decision else ""
    paths = [unit.path] + ([change.successor.path] if change.successor is not None else [])
    forms = _open_forms(paths, change.effective_on)
    if change.old_parent is not None:
        forms += [f for f in _open_forms([change.old_parent.path], change.effective_on) if f not in forms]
    for form in forms:
        own = ExpectedReport.objects.current().filter(form=form, unit=unit).first()
        if change.kind == "moved":
            note = _("Chuyển từ “%(old)s” về “%(new)s” ngày %(day)s%(decision)s") % {
                "old": change.old_parent, "new": change.new_parent, "day": day, "decision": decision}  # fmt: skip
            if not _in_subtree(form, unit):
                for report in ExpectedReport.objects.current().filter(
                    form=form, unit__path__startswith=unit.path, status__in=NOT_SENT
                ):
                    _withdraw(report, by=change.by, reason=_("%(note)s: ra ngoài phạm vi của %(issuer)s") % {
                        "note": note, "issuer": form.phase.plan.issuer.name})  # fmt: skip
            elif own is None:
                _add_obligation(form, unit, by=change.by, note=note)
                _reparent_subtree(form, unit, by=change.by, note=note)
            else:
                _reparent_subtree(form, unit, by=change.by, note=note)
        elif own is not None and own.status in NOT_SENT:
            if change.kind == "dissolved":
                _withdraw(own, by=change.by, reason=_("Đơn vị giải thể ngày %(day)s%(decision)s") % {
                    "day": day, "decision": decision})  # fmt: skip
                continue
            successor = Unit.objects.get(pk=change.successor.pk)
            verb = _("hợp nhất") if change.kind == "consolidated" else _("sáp nhập")
            note = _("Đơn vị %(verb)s vào “%(successor)s” ngày %(day)s%(decision)s") % {
                "verb": verb, "successor": successor.name, "day": day, "decision": decision}  # fmt: skip
            carried = ExpectedReport.objects.current().filter(form=form, unit=successor).exists()
            if not carried and _in_subtree(form, successor):
                successor_report = ExpectedReport.objects.create(
                    form=form,
                    unit=successor,
                    parent_id=_nearest_reporting(form, successor),
                    due_on=form.due_on,
                )
                ExpectedReportEvent.objects.create(report=successor_report, action=ACTION, to_status=S.NOT_STARTED,
                                                   by=_actor(change.by), note=note[:500])  # fmt: skip
                audit.record(successor_report, by=change.by, action=ACTION,
                             after={"unit": successor.name, "from_unit": unit.name}, note=note)  # fmt: skip
                _reparent_subtree(form, successor, by=change.by, note=note)
                carried = True
            reason = note + (_(": đơn vị kế thừa báo cáo thay") if carried else "")
            _withdraw(own, by=change.by, reason=reason)
