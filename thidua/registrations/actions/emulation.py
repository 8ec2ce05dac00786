"""Every change to emulation registration (đăng ký thi đua): open, fill in, submit, acknowledge, return, amend after
acknowledgement, the level above's consent to a late registration, and a federation's deadlines.

The workflow steps go through ``EMULATION_WORKFLOW`` (``thidua.registrations.permissions``: state, permission,
``RegistrationEvent``, audit); the others check the acting user's role themselves (``by=None`` is the system: the
demo, a command). Each is atomic. Notices: to the level above when a unit submits, to the unit when the level above
acknowledges, returns, amends or consents.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Unit
from thidua.plans.models import Phase, Plan

from .. import emulation_queries as queries
from ..models import (
    CollectiveTarget,
    IndividualEntry,
    LateConsent,
    Registration,
    RegistrationDeadline,
    RegistrationEvent,
    RegistrationNotice,
)
from ..permissions.emulation import (
    EMULATION_WORKFLOW,
    can_edit_registration,
    can_grant_late_consent,
    can_open_registration,
    can_set_deadline,
    parent_path,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Rows = list[dict[str, Any]]


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def _today() -> datetime.date:
    return timezone.localdate()


def registration_url(registration: Registration) -> str:
    return reverse("emulation:registration-detail", args=[registration.pk])


def _what(registration: Registration) -> str:
    return registration.phase.name if registration.phase_id and registration.phase else str(registration.year)


def _parent(unit: Unit) -> Unit | None:
    above = parent_path(unit)
    return Unit.objects.filter(path=above).first() if above else None


# --- opening and filling in -----------------------------------------------------------------------------------


@transaction.atomic
def open_registration(
    unit: Unit,
    *,
    by: User | None,
    year: int,
    plan: Plan | None = None,
    phase: Phase | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> Registration:
    """Open ``unit``'s registration for ``year`` (or for ``phase`` of ``plan``), empty, as a draft. The plan must
    be an issued plan of the year of the unit or a unit above it; the phase one of its phases that opens
    registration. The window must be open (``queries.window_open``): not before it starts; after the deadline only
    with the level above's consent."""
    if by is not None and not can_open_registration(by, unit):
        raise PermissionDenied
    today = today or _today()
    if plan is not None and not queries.plans_for(unit, year).filter(pk=plan.pk).exists():
        raise ValidationError({"plan": _("Kế hoạch này không phải kế hoạch năm %(year)s của đơn vị hoặc cấp "
                                         "trên đã ban hành.") % {"year": year}})  # fmt: skip
    if phase is not None and (plan is None or phase.plan_id != plan.pk or not phase.opens_registration):
        raise ValidationError({"phase": _("Đợt này không mở đăng ký thi đua trong kế hoạch đã chọn.")})
    if not queries.window_open(unit, year, plan, phase, today):
        deadline = queries.deadline_for(unit, year, phase)
        if today > deadline:
            raise ValidationError(_("Đã quá hạn đăng ký (%(deadline)s). Cần cấp trên đồng ý cho %(unit)s đăng ký "
                                    "muộn.") % {"deadline": format_date(deadline), "unit": unit.name})  # fmt: skip
        raise ValidationError(_("Chưa đến thời gian đăng ký thi đua cho %(what)s.")
                              % {"what": phase.name if phase else year})  # fmt: skip
    existing = Registration.objects.current().filter(unit=unit)
    existing = (
        existing.filter(phase=phase) if phase is not None else existing.filter(year=year, phase__isnull=True)
    )
    if existing.exists():
        raise ValidationError(_("%(unit)s đã có đăng ký thi đua cho %(what)s.")
                              % {"unit": unit.name, "what": phase.name if phase else year})  # fmt: skip
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                unit=unit, year=year, plan=plan, phase=phase, deadline=queries.deadline_for(unit, year, phase),
                note=nfc(note), created_by=_actor(by),
            )  # fmt: skip
    except IntegrityError as exc:  # opened at the same moment by someone else
        raise ValidationError(_("%(unit)s đã có đăng ký thi đua cho %(what)s.")
                              % {"unit": unit.name, "what": phase.name if phase else year}) from exc  # fmt: skip
    RegistrationEvent.objects.create(registration=registration, action="open", to_status=registration.status,
                                     by=_actor(by))  # fmt: skip
    audit.record(registration, by=by, action="open")
    return registration


def _rows_snapshot(registration: Registration) -> dict[str, list[dict[str, Any]]]:
    """The rows as plain data (what an amendment records before and after)."""
    return {
        "targets": [
            {"award": t.award.code, "award_name": t.award.name, "movement": t.movement_id, "targets": t.targets}
            for t in registration.targets.select_related("award")
        ],
        "people": [
            {"person": e.person_id, "name": e.person.full_name, "award": e.award.code, "award_name": e.award.name,
             "position": e.position, "note": e.note}
            for e in registration.people.select_related("award", "person")
        ],
    }  # fmt: skip


def _replace_rows(registration: Registration, targets: Rows, people: Rows) -> None:
    registration.targets.all().delete()
    registration.people.all().delete()
    CollectiveTarget.objects.bulk_create(
        CollectiveTarget(registration=registration, award=row["award"], movement=row.get("movement"),
                         targets=nfc(row.get("targets", "")), order=i)
        for i, row in enumerate(targets, start=1)
    )  # fmt: skip
    IndividualEntry.objects.bulk_create(
        IndividualEntry(registration=registration, person=row["person"], award=row["award"],
                        position=nfc(row.get("position", ""))[:200], note=nfc(row.get("note", ""))[:500], order=i)
        for i, row in enumerate(people, start=1)
    )  # fmt: skip


def _checked(registration: Registration, targets: Rows, people: Rows) -> queries.Check:
    check = queries.check_contents(registration.unit, registration.year, phase=registration.phase,
                                   plan=registration.plan, targets=targets, people=people,
                                   registration=registration)  # fmt: skip
    if check.errors:
        raise ValidationError(check.errors)
    return check


@transaction.atomic
def save_registration(
    registration: Registration,
    *,
    by: User | None,
    targets: Rows,
    people: Rows,
    note: str | None = None,
) -> queries.Check:
    """Replace the rows of a draft (or returned) registration: the collective's titles and targets, and the
    people with the title each aims for. Checked against the catalog of the year: an error refuses the whole save
    (``ValidationError`` naming each row); the warnings (a quota exceeded) are returned."""
    registration = (
        Registration.objects.select_for_update(of=("self",))  # PostgreSQL locks no nullable side of a join
        .select_related("unit", "phase", "plan")
        .get(pk=registration.pk)
    )
    if by is not None and not can_edit_registration(by, registration):
        if not registration.is_editable:
            raise ValidationError(_("Đăng ký đã gửi hoặc đã được ghi nhận: không sửa trực tiếp được."))
        raise PermissionDenied
    if not registration.is_editable:
        raise ValidationError(_("Đăng ký đã gửi hoặc đã được ghi nhận: không sửa trực tiếp được."))
    check = _checked(registration, targets, people)
    before = _rows_snapshot(registration)
    _replace_rows(registration, targets, people)
    if note is not None:
        registration.note = nfc(note)
    registration.save()
    after = _rows_snapshot(registration)
    audit.record(registration, by=by, action="save", before={"note": None, **before} if note is not None else before,
                 after={"note": registration.note, **after} if note is not None else after)  # fmt: skip
    return check


# --- the workflow ---------------------------------------------------------------------------------------------


def _tell(step, *, units: list[int], kind: str, title: str, body: str = "") -> None:
    registration = step.obj
    step.on_commit(lambda: notify(units=units, kind=kind, title=title, body=body, by=step.by,
                                  url=registration_url(registration)))  # fmt: skip


@transaction.atomic
def submit_registration(
    registration: Registration, *, by: User | None, note: str = "", today: datetime.date | None = None
) -> Registration:
    """Send the registration to the level above. It must hold at least one row and pass the check; after the
    deadline it needs the level above's consent in force (and is marked late). A returned registration sent again
    is judged by its first sending (the return is the level above's act)."""
    today = today or _today()
    with EMULATION_WORKFLOW.step(registration, "submit", by=by, note=note) as step:
        registration = step.obj
        if not registration.targets.exists() and not registration.people.exists():
            raise ValidationError(_("Đăng ký chưa có dòng nào: cần ít nhất một danh hiệu của tập thể hoặc một cá "
                                    "nhân đăng ký."))  # fmt: skip
        check = queries.check_registration(registration)
        if check.errors:
            raise ValidationError(check.errors)
        sent_before = (
            registration.submitted_at is not None
        )  # returned, sent again: judged by its first sending
        if today > registration.deadline and not sent_before:
            consent = queries.consent_for(registration.unit, registration.year, registration.phase, today)
            if consent is None:
                raise ValidationError(_(
                    "Đã quá hạn đăng ký (%(deadline)s). Cần cấp trên đồng ý cho đăng ký muộn trước khi gửi."
                ) % {"deadline": format_date(registration.deadline)})  # fmt: skip
            registration.late, registration.late_consent = True, consent
            step.audit_note = _("Gửi muộn, có sự đồng ý của cấp trên đến hết ngày %(until)s") % {
                "until": format_date(consent.until)}  # fmt: skip
        registration.submitted_at, registration.submitted_by = timezone.now(), _actor(by)
        registration.returned_reason = ""
        above = _parent(registration.unit)
        if above is not None:
            _tell(step, units=[above.pk], kind=RegistrationNotice.SUBMITTED,
                  title=_("%(unit)s gửi đăng ký thi đua %(what)s") % {"unit": registration.unit.name,
                                                                      "what": _what(registration)},
                  body=_("Đề nghị xem và ghi nhận.") + (" " + _("Đăng ký muộn, có sự đồng ý của cấp trên.")
                                                      if registration.late else ""))  # fmt: skip
    return registration


@transaction.atomic
def acknowledge_registration(registration: Registration, *, by: User | None, note: str = "") -> Registration:
    """The level above acknowledges the registration: it becomes read-only (changed only by ``amend``)."""
    with EMULATION_WORKFLOW.step(registration, "acknowledge", by=by, note=note) as step:
        registration = step.obj
        registration.acknowledged_at, registration.acknowledged_by = timezone.now(), _actor(by)
        _tell(step, units=[registration.unit_id], kind=RegistrationNotice.ACKNOWLEDGED,
              title=_("Cấp trên đã ghi nhận đăng ký thi đua %(what)s của %(unit)s")
              % {"what": _what(registration), "unit": registration.unit.name}, body=note)  # fmt: skip
    return registration


@transaction.atomic
def return_registration(registration: Registration, *, by: User | None, reason: str) -> Registration:
    """The level above returns the registration to the unit with a reason; the unit corrects and sends again."""
    with EMULATION_WORKFLOW.step(registration, "return", by=by, reason=reason) as step:
        registration = step.obj
        registration.returned_reason = step.note
        _tell(step, units=[registration.unit_id], kind=RegistrationNotice.RETURNED,
              title=_("Cấp trên trả lại đăng ký thi đua %(what)s của %(unit)s")
              % {"what": _what(registration), "unit": registration.unit.name},
              body=_("Lý do: %(reason)s") % {"reason": step.note})  # fmt: skip
    return registration


@transaction.atomic
def amend_registration(registration: Registration, *, by: User | None, reason: str, targets: Rows,
                       people: Rows) -> Registration:  # fmt: skip
    """A recorded change of an acknowledged registration, by the level above (a person added or leaving, a title
    changed): the rows are replaced, the event keeps them before and after with the reason, the unit is told."""
    with EMULATION_WORKFLOW.step(registration, "amend", by=by, reason=reason) as step:
        registration = step.obj
        _checked(registration, targets, people)
        before = _rows_snapshot(registration)
        _replace_rows(registration, targets, people)
        after = _rows_snapshot(registration)
        step.changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
        if not step.changes:
            raise ValidationError(_("Nội dung điều chỉnh không khác nội dung đã ghi nhận."))
        _tell(step, units=[registration.unit_id], kind=RegistrationNotice.AMENDED,
              title=_("Cấp trên điều chỉnh đăng ký thi đua %(what)s của %(unit)s")
              % {"what": _what(registration), "unit": registration.unit.name},
              body=_("Lý do: %(reason)s") % {"reason": step.note})  # fmt: skip
    return registration


# --- late consent and deadlines -------------------------------------------------------------------------------


@transaction.atomic
def grant_late_consent(unit: Unit, *, by: User | None, year: int, until: datetime.date, reason: str,
                       phase: Phase | None = None, today: datetime.date | None = None) -> LateConsent:  # fmt: skip
    """The level above lets ``unit`` register for ``year`` (or ``phase``) after the deadline, until ``until``."""
    if by is not None and not can_grant_late_consent(by, unit):
        raise PermissionDenied
    reason = " ".join(nfc(reason).split())
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    today = today or _today()
    if until < today:
        raise ValidationError({"until": _("Ngày được đăng ký đến (%(until)s) đã qua.")
                               % {"until": format_date(until)}})  # fmt: skip
    if until.year > year + 1:
        raise ValidationError({"until": _("Ngày được đăng ký đến phải trong năm %(year)s hoặc năm sau.")
                               % {"year": year}})  # fmt: skip
    consent = LateConsent.objects.create(unit=unit, year=year, phase=phase, until=until, reason=reason[:500],
                                         by=_actor(by))  # fmt: skip
    audit.record(consent, by=by, action="consent_late")
    what = phase.name if phase is not None else str(year)
    transaction.on_commit(lambda: notify(
        units=[unit.pk], kind=RegistrationNotice.LATE_CONSENT, by=by, url=reverse("emulation:registration-list"),
        title=_("Cấp trên đồng ý cho %(unit)s đăng ký thi đua %(what)s muộn, đến hết ngày %(until)s")
        % {"unit": unit.name, "what": what, "until": format_date(until)},
        body=_("Lý do: %(reason)s") % {"reason": reason},
    ))  # fmt: skip
    return consent


@transaction.atomic
def set_deadline(federation: Unit, *, by: User | None, day: int, month: int, sector: str = "",
                 by_school_year: bool = False, note: str = "") -> RegistrationDeadline:  # fmt: skip
    """A federation's default registration deadline for ``sector`` (empty: every sector without its own). The
    previous one for the same sector is archived, so the history stays."""
    if by is not None and not can_set_deadline(by, federation):
        raise PermissionDenied
    try:
        datetime.date(2016, month, day)  # a leap year: 29/02 is a valid deadline
    except (TypeError, ValueError) as exc:
        raise ValidationError({"day": _("Ngày %(day)s/%(month)s không có trong năm.")
                               % {"day": day, "month": month}}) from exc  # fmt: skip
    now = timezone.now()
    previous = RegistrationDeadline.objects.filter(
        federation=federation, sector=sector, archived_at__isnull=True
    )
    for old in previous:
        old.archived_at = now
        old.save(update_fields=["archived_at"])
        audit.record(old, by=by, action="archive")
    deadline = RegistrationDeadline.objects.create(federation=federation, sector=sector, day=day, month=month,
                                                   by_school_year=by_school_year, note=nfc(note)[:300])  # fmt: skip
    audit.record(deadline, by=by, action="set_deadline")
    return deadline
