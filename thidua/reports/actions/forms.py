"""Every change to a report form (mẫu báo cáo kết quả đợt thi đua): draft it for a phase of an issued plan, change
it while a draft, publish it — which creates one expected report per form × unit of the issuer's subtree at the
levels it names, from the tree of that day, in one set-based insert —, close it.

Only the officers and leaders of the plan's issuer (``permissions.can_edit_form``); ``by=None`` is the system.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Level, Unit
from thidua.plans.models import Phase

from .. import queries
from ..models import (
    ExpectedReport,
    ExpectedReportEvent,
    FormStatus,
    Indicator,
    ReportForm,
    ReportFormIndicator,
    ReportNotice,
)
from ..models import ExpectedReportStatus as S
from ..models.reports import DEFAULT_NARRATIVE_HEADINGS
from ..permissions import FORM_AUDIT_FIELDS, FORM_WORKFLOW, can_create_form, can_edit_form

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The reports not sent: not started, being entered, sent back.
MISSING = [S.NOT_STARTED, S.DRAFT, S.RETURNED]
REPORTING_LEVELS = [Level.PROVINCE, Level.CENTRAL_SECTOR, Level.UPPER, Level.GRASSROOTS]


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def _clean_levels(levels: list[str]) -> list[str]:
    known = {str(level) for level in Level}
    wrong = [level for level in levels if level not in known]
    if wrong or not levels:
        raise ValidationError({"levels": _("Chọn ít nhất một cấp báo cáo hợp lệ.")})
    return [str(level) for level in Level if str(level) in levels]


def _clean_headings(headings: list[str] | None) -> list[str]:
    if headings is None:
        return list(DEFAULT_NARRATIVE_HEADINGS)
    cleaned = [" ".join(nfc(h).split()) for h in headings]
    cleaned = [h[:200] for h in cleaned if h]
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError({"narrative_headings": _("Các mục của phần đánh giá không được trùng nhau.")})
    return cleaned


def _check_dates(start: datetime.date, end: datetime.date, due: datetime.date) -> None:
    if end < start:
        raise ValidationError({"period_end": _("Ngày cuối của kỳ số liệu phải từ ngày đầu trở đi.")})
    if due < start:
        raise ValidationError({"due_on": _("Hạn gửi báo cáo (%(due)s) trước ngày đầu của kỳ số liệu.")
                               % {"due": format_date(due)}})  # fmt: skip


def _set_indicators(form: ReportForm, indicators: list[Indicator], required: set[str]) -> None:
    issuer = form.phase.plan.issuer
    allowed = set(Indicator.objects.current().for_unit(issuer).values_list("pk", flat=True))
    wrong = [i.code for i in indicators if i.pk not in allowed]
    if wrong:
        raise ValidationError(
            {"indicators": _("Không dùng được các chỉ tiêu: %(codes)s.") % {"codes": ", ".join(wrong)}}
        )
    if not indicators:
        raise ValidationError({"indicators": _("Mẫu báo cáo cần ít nhất một chỉ tiêu.")})
    # A ratio needs its terms in the form (it is recomputed from them).
    codes = {i.pk for i in indicators}
    missing = [
        i.code
        for i in indicators
        if i.numerator_id and (i.numerator_id not in codes or i.denominator_id not in codes)
    ]
    if missing:
        raise ValidationError({"indicators": _("Các tỷ lệ %(codes)s cần có cả tử số và mẫu số trong mẫu báo cáo.")
                               % {"codes": ", ".join(missing)}})  # fmt: skip
    ReportFormIndicator.objects.filter(form=form).delete()
    ReportFormIndicator.objects.bulk_create(
        ReportFormIndicator(form=form, indicator=indicator, order=n, required=indicator.code in required)
        for n, indicator in enumerate(indicators, start=1)
    )


@transaction.atomic
def create_form(
    phase: Phase,
    *,
    by: User | None,
    title: str = "",
    levels: list[str] | None = None,
    indicators: list[Indicator] | None = None,
    required: set[str] | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    due_on: datetime.date | None = None,
    narrative_headings: list[str] | None = None,
) -> ReportForm:
    """A draft form for ``phase``: by default the phase's dates and report due date, the upper-level and grassroots
    unions reporting, and every entered indicator of the default catalog."""
    phase = Phase.objects.select_related("plan", "plan__issuer").get(pk=phase.pk)
    if by is not None and not can_create_form(by, phase):
        raise PermissionDenied
    if phase.plan.status not in ("issued", "closed"):
        raise ValidationError(_("Kế hoạch chưa ban hành: chưa lập được mẫu báo cáo."))
    if not phase.opens_reporting:
        raise ValidationError(_("Đợt thi đua này không mở báo cáo kết quả."))
    start, end = period_start or phase.start, period_end or phase.end
    due = due_on or phase.report_due
    if due is None:
        raise ValidationError({"due_on": _("Đợt thi đua chưa có hạn báo cáo: cần nêu hạn gửi báo cáo.")})
    _check_dates(start, end, due)
    title = " ".join(nfc(title).split()) or _("Báo cáo kết quả %(phase)s – %(plan)s") % {
        "phase": phase.name, "plan": phase.plan.title[:200]}  # fmt: skip
    form = ReportForm.objects.create(
        phase=phase, title=title[:300], levels=_clean_levels(levels or [Level.UPPER, Level.GRASSROOTS]),
        period_start=start, period_end=end, due_on=due, narrative_headings=_clean_headings(narrative_headings),
        created_by=_actor(by),
    )  # fmt: skip
    if indicators is None:
        indicators = list(Indicator.objects.current().default_catalog().order_by("order", "code"))
    _set_indicators(form, indicators, required or set())
    audit.record(form, by=by, action="create", after=audit.snapshot(form, FORM_AUDIT_FIELDS))
    return form


@transaction.atomic
def update_form(
    form: ReportForm,
    *,
    by: User | None,
    title: str | None = None,
    levels: list[str] | None = None,
    indicators: list[Indicator] | None = None,
    required: set[str] | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    due_on: datetime.date | None = None,
    narrative_headings: list[str] | None = None,
) -> ReportForm:
    """Change a draft form (a published one no longer changes: its reports are owed)."""
    form = ReportForm.objects.select_for_update().select_related("phase__plan__issuer").get(pk=form.pk)
    if by is not None and not can_edit_form(by, form):
        if not form.is_editable:
            raise ValidationError(_("Mẫu báo cáo đã ban hành: không sửa được."))
        raise PermissionDenied
    if not form.is_editable:
        raise ValidationError(_("Mẫu báo cáo đã ban hành: không sửa được."))
    before = audit.snapshot(form, FORM_AUDIT_FIELDS)
    before_rows = [(r.indicator.code, r.required) for r in queries.form_rows(form)]
    if title is not None:
        form.title = " ".join(nfc(title).split())[:300] or form.title
    if levels is not None:
        form.levels = _clean_levels(levels)
    if narrative_headings is not None:
        form.narrative_headings = _clean_headings(narrative_headings)
    form.period_start = period_start or form.period_start
    form.period_end = period_end or form.period_end
    form.due_on = due_on or form.due_on
    _check_dates(form.period_start, form.period_end, form.due_on)
    form.save()
    if indicators is not None:
        _set_indicators(form, indicators, required or set())
    elif required is not None:
        ReportFormIndicator.objects.filter(form=form).update(required=False)
        ReportFormIndicator.objects.filter(form=form, indicator__code__in=required).update(required=True)
    after = audit.snapshot(form, FORM_AUDIT_FIELDS)
    after_rows = [(r.indicator.code, r.required) for r in queries.form_rows(form)]
    if before_rows != after_rows:
        before["indicators"], after["indicators"] = before_rows, after_rows
    audit.record(form, by=by, action="update", before=before, after=after)
    return form


def reporting_units(form: ReportForm) -> list[tuple[int, str]]:
    """The units that owe a report: the issuer, and the active units of its subtree at the form's levels (the
    tree of today), as ``(id, path)``."""
    issuer = form.phase.plan.issuer
    rows = (
        Unit.objects.active()
        .filter(path__subtree=issuer.path, level__in=form.levels)
        .exclude(pk=issuer.pk)
        .order_by("path")
        .values_list("pk", "path")
    )
    return [(issuer.pk, issuer.path), *rows]


@transaction.atomic
def publish_form(form: ReportForm, *, by: User | None, note: str = "") -> int:
    """Publish a draft form: one expected report per reporting unit (set-based), each approved by its nearest
    reporting ancestor; the reporting units are told. Returns the number of reports created."""
    form = ReportForm.objects.select_for_update().select_related("phase__plan__issuer").get(pk=form.pk)
    if by is not None and not can_edit_form(by, form):
        if not form.is_editable:
            raise ValidationError(_("Mẫu báo cáo đã ban hành."))
        raise PermissionDenied
    if not form.is_editable:
        raise ValidationError(_("Mẫu báo cáo đã ban hành."))
    if not ReportFormIndicator.objects.filter(form=form).exists():
        raise ValidationError(_("Mẫu báo cáo cần ít nhất một chỉ tiêu."))
    issuer = form.phase.plan.issuer
    units = reporting_units(form)
    parents = queries.approving_units(units, issuer)
    ExpectedReport.objects.bulk_create(
        (
            ExpectedReport(form=form, unit_id=pk, parent_id=parents[pk], due_on=form.due_on)
            for pk, _path in units
        ),
        batch_size=2000,
    )
    created = ExpectedReport.objects.filter(form=form).values_list("pk", flat=True)
    actor = _actor(by)
    ExpectedReportEvent.objects.bulk_create(
        (
            ExpectedReportEvent(report_id=pk, action="publish_form", to_status=S.NOT_STARTED, by=actor)
            for pk in created
        ),
        batch_size=2000,
    )
    before = audit.snapshot(form, FORM_AUDIT_FIELDS)
    form.status, form.published_at, form.published_by = FormStatus.PUBLISHED, timezone.now(), actor
    form.save()
    audit.record(form, by=by, action="publish_form", before=before, after=audit.snapshot(form, FORM_AUDIT_FIELDS),
                 note=note or _("%(count)s đơn vị phải báo cáo") % {"count": len(units)})  # fmt: skip
    lower = [pk for pk, _path in units if pk != issuer.pk]
    title = _("%(issuer)s yêu cầu báo cáo kết quả %(phase)s, hạn %(due)s") % {
        "issuer": issuer.name, "phase": form.phase.name, "due": format_date(form.due_on)}  # fmt: skip
    transaction.on_commit(lambda: notify(units=lower, kind=ReportNotice.PUBLISHED, title=title, by=actor,
                                         url=reverse("reports:form-detail", args=[form.pk]),
                                         key=f"report-published-{form.pk}"))  # fmt: skip
    return len(units)


def close_form(form: ReportForm, *, by: User | None, note: str = "") -> ReportForm:
    """The level that published the form stops taking reports: no more entry or submission, even with a late-entry
    exception (approving, returning and waiving what was sent go on). The reports still missing stay listed as not
    sent; the units that owe them are told."""
    with FORM_WORKFLOW.step(form, "close_form", by=by, note=note) as step:
        form = step.obj
        form.closed_at, form.closed_by = timezone.now(), _actor(by)
        missing = list(
            ExpectedReport.objects.current()
            .filter(form=form, status__in=MISSING)
            .values_list("unit_id", flat=True)
        )
        step.audit_note = _("%(count)s báo cáo chưa gửi khi kết thúc") % {"count": len(missing)}
        title = _("%(issuer)s đã kết thúc nhận báo cáo kết quả %(phase)s: báo cáo của đơn vị chưa gửi") % {
            "issuer": form.phase.plan.issuer.name, "phase": form.phase.name}  # fmt: skip
        actor = _actor(by)
        step.on_commit(lambda: notify(units=missing, kind=ReportNotice.CLOSED, title=title, body=note, by=actor,
                                      url=reverse("reports:form-detail", args=[form.pk]),
                                      key=f"report-closed-{form.pk}-{form.closed_at:%Y%m%d%H%M%S}"))  # fmt: skip
    return form


def reopen_form(form: ReportForm, *, by: User | None, reason: str) -> ReportForm:
    """Take reports again, with a reason (kept in the form's history and the audit trail). The due date and the
    late-entry exceptions apply as before: a unit late by then still needs one from the level above."""
    with FORM_WORKFLOW.step(form, "reopen_form", by=by, reason=reason) as step:
        form = step.obj
        form.closed_at, form.closed_by = None, None
        step.audit_note = step.note
    return form
