"""Every change to a reward proposal: draft it, add and edit its nominees, send it (once its dossier is complete),
receive, return, withdraw; and, at the level it is addressed to, forward nominees further up with its own proposal
(keeping the chain) or decide within its own authority.

The workflow steps go through ``PROPOSAL_WORKFLOW`` (``thidua.proposals.permissions``: state, permission,
``ProposalEvent``, audit). Everything else writes its own audit record here.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.scoping import has_perm
from thidua.core.text import nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Person, Unit

from . import queries
from .models import Nominee, NomineeResult, Proposal, ProposalNotice, ProposalStatus, RewardKind
from .permissions import (
    DECIDE_REWARDS,
    PROPOSAL_AUDIT_FIELDS,
    PROPOSAL_WORKFLOW,
    can_create_proposal,
    can_decide,
    can_edit_nominee,
    can_edit_proposal,
    can_handle,
    confers,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOMINEE_AUDIT_FIELDS = ["proposal_id", "person_id", "unit_id", "award_id", "position", "summary", "achievement",
                        "service_years", "direct_production_worker", "non_state_worker", "woman", "result",
                        "result_note", "origin_id", "root_id", "agenda_item_id", "archived_at"]  # fmt: skip
PROPOSAL_FIELDS = (
    "title",
    "number",
    "body",
    "signer_title",
    "signer_name",
    "deadline",
    "plan",
    "movement",
    "phase",
)
NOMINEE_FIELDS = ("award", "position", "summary", "achievement", "service_years")


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _text(value: str | None) -> str:
    """A multi-line text: NFC, each line's spaces collapsed, the lines kept."""
    lines = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def proposal_url(proposal: Proposal) -> str:
    return reverse("proposals:proposal-detail", args=[proposal.pk])


# --- drafting ------------------------------------------------------------------------------------------------------


def _check_links(unit: Unit, values: dict[str, Any]) -> None:
    plan, movement, phase = values.get("plan"), values.get("movement"), values.get("phase")
    if movement is not None and plan is not None and movement.plan_id != plan.pk:
        raise ValidationError({"movement": _("Phong trào không thuộc kế hoạch đã chọn.")})
    if phase is not None and plan is not None and phase.plan_id != plan.pk:
        raise ValidationError({"phase": _("Đợt thi đua không thuộc kế hoạch đã chọn.")})


def _deadline_from(values: dict[str, Any]) -> datetime.date | None:
    if values.get("deadline"):
        return values["deadline"]
    phase = values.get("phase")
    if phase is not None:
        return phase.report_due or phase.end
    return None


@transaction.atomic
def create_proposal(unit: Unit, *, by: User | None, kind: RewardKind, year: int, title: str = "",
                    own_level: bool = False, to_unit: Unit | None = None, **values: Any) -> Proposal:  # fmt: skip
    """A draft proposal of ``unit``: to the level above (its parent) or, ``own_level``, a commendation at its own
    level. The deadline comes from the plan's phase unless given."""
    unit = Unit.objects.get(pk=unit.pk)  # its place in the tree as it is now
    if by is not None and not can_create_proposal(by, unit):
        raise PermissionDenied
    if kind.archived_at is not None:
        raise ValidationError({"kind": _("Loại khen thưởng này không còn dùng.")})
    if not 1945 <= int(year) <= 2200:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    if own_level:
        to_unit = unit
    elif to_unit is None:
        to_unit = queries.level_above(unit, int(year))
        if to_unit is None:
            raise ValidationError({"to_unit": _("Đơn vị không có cấp trên trong hệ thống: chỉ khen thưởng tại cấp "
                                                "mình được.")})  # fmt: skip
    elif not queries.was_above(unit, to_unit, int(year)):
        raise ValidationError({"to_unit": _("Chỉ gửi đề nghị lên đơn vị cấp trên của mình.")})
    _check_links(unit, values)
    phrase = _title_phrase(kind.name)
    title = _clean(title) or (
        _("Đề nghị khen thưởng %(kind)s năm %(year)s") % {"kind": phrase, "year": year}
        if phrase
        else _("%(kind)s năm %(year)s") % {"kind": kind.name, "year": year}
    )
    proposal = Proposal.objects.create(
        unit=unit, to_unit=to_unit, kind=kind, year=int(year), title=title[:300],
        number=_clean(values.get("number"))[:60], body=_text(values.get("body")),
        signer_title=_clean(values.get("signer_title"))[:100], signer_name=_clean(values.get("signer_name"))[:100],
        plan=values.get("plan"), movement=values.get("movement"), phase=values.get("phase"),
        deadline=_deadline_from(values), created_by=_actor(by),
    )  # fmt: skip
    audit.record(proposal, by=by, action="create", after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS))
    return proposal


@transaction.atomic
def update_proposal(proposal: Proposal, *, by: User | None, **values: Any) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if by is not None and not can_edit_proposal(by, proposal):
        raise PermissionDenied
    if not proposal.is_editable:
        raise ValidationError(_("Đề nghị đã gửi: không sửa được nữa."))
    unknown = set(values) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    merged = {f: getattr(proposal, f) for f in ("plan", "movement", "phase")} | values
    _check_links(proposal.unit, merged)
    before = audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS)
    for name, value in values.items():
        if name in ("title", "number", "signer_title", "signer_name"):
            value = _clean(value)
        elif name == "body":
            value = _text(value)
        setattr(proposal, name, value)
    if not proposal.title:
        raise ValidationError({"title": _("Cần ghi trích yếu của tờ trình.")})
    if "deadline" in values and not values["deadline"] or "phase" in values and "deadline" not in values:
        proposal.deadline = _deadline_from({"phase": proposal.phase, "deadline": values.get("deadline")})
    proposal.save()
    audit.record(proposal, by=by, action="update", before=before,
                 after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS))  # fmt: skip
    return proposal


def _facts_for(person: Person | None, unit: Unit | None) -> dict[str, bool]:
    if person is not None:
        facts = queries.person_facts([person])[person.pk]
        return {"direct_production_worker": facts.direct_production_worker,
                "non_state_worker": facts.non_state_worker, "woman": facts.woman}  # fmt: skip
    return {"direct_production_worker": False,
            "non_state_worker": bool(unit and unit.sector in queries.NON_STATE_SECTORS), "woman": False}  # fmt: skip


def _check_nominee_values(proposal: Proposal, award, person: Person | None, unit: Unit | None) -> None:
    if award is None:
        raise ValidationError({"award": _("Cần chọn danh hiệu, hình thức khen thưởng.")})
    if award.archived_at is not None:
        raise ValidationError({"award": _("Danh hiệu, hình thức này không còn dùng.")})
    if person is not None and not award.for_individuals:
        raise ValidationError({"award": _("“%(award)s” không dành cho cá nhân.") % {"award": award.name}})
    if unit is not None and not award.for_collectives:
        raise ValidationError({"award": _("“%(award)s” không dành cho tập thể.") % {"award": award.name}})
    if proposal.own_level and not confers(proposal.unit, award):
        raise ValidationError({"award": _("“%(award)s” không thuộc thẩm quyền khen thưởng của %(unit)s: hãy đề "
                                          "nghị lên cấp trên.") % {"award": award.name,
                                                                    "unit": proposal.unit.name}})  # fmt: skip


@transaction.atomic
def add_nominee(proposal: Proposal, *, by: User | None, award, person: Person | None = None,
                unit: Unit | None = None, position: str = "", summary: str = "", achievement: str = "",
                service_years: int | None = None, origin: Nominee | None = None,
                peers: bool = False) -> Nominee:  # fmt: skip
    """A person (of the proposing unit's subtree) or a collective (a unit of that subtree, the unit itself included)
    proposed for ``award``; the priority facts are read from the person's record now. ``peers``: a collective may
    be any unit under the level the proposal goes to — an emulation cluster's leader proposes its peer members
    (``thidua.clusters``, which checked they are members)."""
    proposal = Proposal.objects.select_for_update().select_related("unit").get(pk=proposal.pk)
    if by is not None and not can_edit_proposal(by, proposal):
        raise PermissionDenied
    if not proposal.is_editable:
        raise ValidationError(_("Đề nghị đã gửi: không thêm được nữa."))
    if (person is None) == (unit is None):
        raise ValidationError({"person": _("Chọn một cá nhân hoặc một tập thể.")})
    outside = person is not None and (
        person.archived_at is not None
        or person.unit is None
        or not (
            person.unit_id == proposal.unit_id or queries.was_above(person.unit, proposal.unit, proposal.year)
        )
    )
    if outside:
        raise ValidationError({"person": _("Người này không thuộc đơn vị đề nghị.")})
    if unit is not None and not (
        unit.pk == proposal.unit_id
        or queries.was_above(unit, proposal.unit, proposal.year)
        or (peers and not proposal.own_level and queries.was_above(unit, proposal.to_unit, proposal.year))
    ):
        raise ValidationError({"unit": _("Tập thể này không thuộc đơn vị đề nghị.")})
    _check_nominee_values(proposal, award, person, unit)
    taken = proposal.nominees.current().filter(award=award)
    if taken.filter(person=person, unit=unit).exists():
        raise ValidationError({"person": _("%(name)s đã có trong đề nghị với “%(award)s”.")
                               % {"name": person.full_name if person else unit.name,  # type: ignore[union-attr]
                                  "award": award.name}})  # fmt: skip
    order = (proposal.nominees.aggregate(m=Max("order"))["m"] or 0) + 1
    if not position and person is not None and person.unit is not None:
        position = person.unit.name
    nominee = Nominee.objects.create(
        proposal=proposal, person=person, unit=unit, award=award, position=_clean(position)[:300],
        summary=_clean(summary)[:1000], achievement=_text(achievement), service_years=service_years,
        origin=origin, root=(origin.root or origin) if origin is not None else None, order=order,
        **_facts_for(person, unit),
    )  # fmt: skip
    audit.record(nominee, by=by, action="create", after=audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS))
    return nominee


@dataclass
class NomineeInput:
    """One nominee to add (a row of an imported list): a person or a collective, the title or form proposed."""

    award: Any
    person: Person | None = None
    unit: Unit | None = None
    position: str = ""
    summary: str = ""
    service_years: int | None = None
    row: int | None = None  # the file's row, named in errors


@transaction.atomic
def add_nominees(proposal: Proposal, rows: Iterable[NomineeInput], *, by: User | None) -> list[Nominee]:
    """Add several nominees at once, all or nothing: each through ``add_nominee`` (its scope and rules, audited);
    the first refused row undoes the others, its error naming the row."""
    if by is not None and not can_edit_proposal(by, proposal):
        raise PermissionDenied
    added = []
    for index, row in enumerate(rows, start=1):
        try:
            added.append(add_nominee(proposal, by=by, award=row.award, person=row.person, unit=row.unit,
                                     position=row.position, summary=row.summary,
                                     service_years=row.service_years))  # fmt: skip
        except ValidationError as exc:
            raise ValidationError(_("Dòng %(n)s: %(error)s") % {"n": row.row or index,
                                                                 "error": " ".join(exc.messages)}) from exc  # fmt: skip
    return added


@transaction.atomic
def update_nominee(nominee: Nominee, *, by: User | None, **values: Any) -> Nominee:
    locked = Nominee.objects.select_for_update(of=("self",))
    nominee = locked.select_related("proposal", "proposal__unit", "person", "unit", "award").get(
        pk=nominee.pk
    )
    if by is not None and not can_edit_nominee(by, nominee):
        raise PermissionDenied
    if not nominee.proposal.is_editable or nominee.archived_at is not None:
        raise ValidationError(_("Đề nghị đã gửi: không sửa được nữa."))
    unknown = set(values) - set(NOMINEE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    before = audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS)
    if "award" in values:
        _check_nominee_values(nominee.proposal, values["award"], nominee.person, nominee.unit)
    for name, value in values.items():
        if name in ("position", "summary"):
            value = _clean(value)
        elif name == "achievement":
            value = _text(value)
        setattr(nominee, name, value)
    nominee.save()
    audit.record(nominee, by=by, action="update", before=before,
                 after=audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS))  # fmt: skip
    return nominee


@transaction.atomic
def remove_nominee(nominee: Nominee, *, by: User | None) -> Nominee:
    """Take a nominee out of a draft proposal (archived, never deleted)."""
    nominee = (
        Nominee.objects.select_for_update().select_related("proposal", "proposal__unit").get(pk=nominee.pk)
    )
    if by is not None and not can_edit_nominee(by, nominee):
        raise PermissionDenied
    if not nominee.proposal.is_editable:
        raise ValidationError(_("Đề nghị đã gửi: không bớt được nữa."))
    before = audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS)
    nominee.archived_at = timezone.now()
    nominee.save(update_fields=["archived_at", "updated_at"])
    audit.record(nominee, by=by, action="archive", before=before,
                 after=audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS))  # fmt: skip
    return nominee


@transaction.atomic
def fill_achievement(nominee: Nominee, *, by: User | None) -> Nominee:
    """Write the achievement report in the prescribed form from what the system knows (the officer then edits it)."""
    from .documents import achievement_text

    nominee = Nominee.objects.select_related("proposal", "proposal__unit", "person", "unit", "award").get(
        pk=nominee.pk
    )
    return update_nominee(nominee, by=by, achievement=achievement_text(nominee))


# --- the workflow ----------------------------------------------------------------------------------------------


def _tell(step, *, units: list[int], kind: str, title: str, body: str = "") -> None:
    proposal = step.obj
    step.on_commit(lambda: notify(units=units, kind=kind, title=title, body=body, by=step.by,
                                  url=proposal_url(proposal)))  # fmt: skip


def send_proposal(proposal: Proposal, *, by: User | None, note: str = "", today: datetime.date | None = None):
    """Send to the level above once the dossier is complete (what is missing is named); after the deadline the
    proposal is sent and marked late."""
    today = today or timezone.localdate()
    with PROPOSAL_WORKFLOW.step(proposal, "send", by=by, note=note) as step:
        p = step.obj
        missing = queries.missing_items(p)
        if missing:
            raise ValidationError([_("Hồ sơ chưa đủ:")] + missing)
        p.sent_at = timezone.now()
        p.late = bool(p.deadline and today > p.deadline)
        p.return_reason = ""
        if p.late:
            step.audit_note = _("Gửi sau hạn %(due)s.") % {"due": format_date(p.deadline)}
        _tell(
            step,
            units=[p.to_unit_id],
            kind=ProposalNotice.SENT,
            title=_("%(unit)s gửi đề nghị khen thưởng: %(title)s") % {"unit": p.unit.name, "title": p.title},
        )
    return step.obj


def receive_proposal(proposal: Proposal, *, by: User | None, note: str = ""):
    return PROPOSAL_WORKFLOW.apply(proposal, "receive", by=by, note=note)


def return_proposal(proposal: Proposal, *, by: User | None, reason: str = ""):
    with PROPOSAL_WORKFLOW.step(proposal, "return", by=by, reason=reason) as step:
        p = step.obj
        if p.nominees.current().exclude(result=NomineeResult.PENDING).exists():
            raise ValidationError(_("Đã xử lý một số người, tập thể của đề nghị: không trả lại được nữa."))
        p.return_reason = step.note[:500]
        _tell(
            step,
            units=[p.unit_id],
            kind=ProposalNotice.RETURNED,
            title=_("Đề nghị khen thưởng bị trả lại: %(title)s") % {"title": p.title},
            body=step.note,
        )
    return step.obj


def withdraw_proposal(proposal: Proposal, *, by: User | None, reason: str = ""):
    return PROPOSAL_WORKFLOW.apply(proposal, "withdraw", by=by, note=reason)


def _complete_if_settled(proposal: Proposal, *, by: User | None) -> None:
    """Once every nominee has a result, the proposal is done (received → done; an own-level draft → done)."""
    proposal.refresh_from_db()
    if proposal.nominees.current().filter(result=NomineeResult.PENDING).exists():
        return
    if proposal.status == ProposalStatus.RECEIVED:
        with PROPOSAL_WORKFLOW.step(proposal, "complete", by=by) as step:
            _tell(
                step,
                units=[step.obj.unit_id],
                kind=ProposalNotice.DONE,
                title=_("Cấp trên đã xử lý đề nghị khen thưởng: %(title)s") % {"title": step.obj.title},
            )
    elif proposal.status == ProposalStatus.DRAFT and proposal.own_level:
        PROPOSAL_WORKFLOW.apply(proposal, "commend", by=by)


def _handled(proposal: Proposal, nominees: Iterable[Nominee]) -> list[Nominee]:
    chosen = list(nominees)
    ids = {n.pk for n in chosen}
    found = list(proposal.nominees.current().select_for_update().filter(pk__in=ids).select_related("award"))
    if len(found) != len(ids):
        raise ValidationError(_("Có người, tập thể không thuộc đề nghị này."))
    done = [n for n in found if n.result != NomineeResult.PENDING]
    if done:
        raise ValidationError(_("%(name)s đã được xử lý.") % {"name": done[0].name})
    return found


def _set_result(nominee: Nominee, result: str, note: str, by: User | None, action: str) -> None:
    before = audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS)
    nominee.result = result
    nominee.result_note = _clean(note)[:500]
    nominee.save(update_fields=["result", "result_note", "updated_at"])
    audit.record(
        nominee, by=by, action=action, before=before, after=audit.snapshot(nominee, NOMINEE_AUDIT_FIELDS)
    )


@transaction.atomic
def forward_nominees(proposal: Proposal, nominees: Iterable[Nominee], *, by: User | None,
                     note: str = "") -> Proposal:  # fmt: skip
    """The level above carries nominees further up with its own proposal (a draft of ``to_unit`` to its own level
    above, of the same kind and year, created once and reused), each new nominee keeping the one it came from."""
    proposal = (
        Proposal.objects.select_for_update().select_related("unit", "to_unit", "kind").get(pk=proposal.pk)
    )
    if by is not None and not can_handle(by, proposal):
        raise PermissionDenied
    if proposal.own_level or proposal.status != ProposalStatus.RECEIVED:
        raise ValidationError(_("Chỉ trình tiếp được đề nghị đã tiếp nhận."))
    chosen = _handled(proposal, nominees)
    if not chosen:
        raise ValidationError(_("Chọn người, tập thể để trình cấp trên."))
    upper_unit = proposal.to_unit
    above = queries.level_above(upper_unit, proposal.year)
    if above is None:
        raise ValidationError(_("%(unit)s không có cấp trên trong hệ thống.") % {"unit": upper_unit.name})
    upper = (
        Proposal.objects.current()
        .filter(
            unit=upper_unit,
            to_unit=above,
            kind=proposal.kind,
            year=proposal.year,
            movement=proposal.movement,
            status__in=[ProposalStatus.DRAFT, ProposalStatus.RETURNED],
        )  # fmt: skip
        .order_by("-id")
        .first()
    )
    if upper is None:
        upper = Proposal.objects.create(
            unit=upper_unit, to_unit=above, kind=proposal.kind, year=proposal.year, plan=proposal.plan,
            movement=proposal.movement, phase=proposal.phase, deadline=None, created_by=_actor(by),
            title=_("Đề nghị %(kind)s năm %(year)s") % {"kind": proposal.kind.name.lower(), "year": proposal.year},
        )  # fmt: skip
        audit.record(upper, by=by, action="create", after=audit.snapshot(upper, PROPOSAL_AUDIT_FIELDS),
                     note=_("Trình tiếp từ đề nghị của %(unit)s") % {"unit": proposal.unit.name})  # fmt: skip
    order = upper.nominees.aggregate(m=Max("order"))["m"] or 0
    for n in chosen:
        order += 1
        copy = Nominee.objects.create(
            proposal=upper, person=n.person, unit=n.unit, award=n.award, position=n.position, summary=n.summary,
            achievement=n.achievement, service_years=n.service_years,
            direct_production_worker=n.direct_production_worker, non_state_worker=n.non_state_worker,
            woman=n.woman, origin=n, root=n.root or n, order=order,
        )  # fmt: skip
        audit.record(copy, by=by, action="create", after=audit.snapshot(copy, NOMINEE_AUDIT_FIELDS))
        _set_result(
            n, NomineeResult.FORWARDED, note or _("Trình %(unit)s") % {"unit": above.name}, by, "forward"
        )
    if proposal.forwarded_as_id != upper.pk:
        before = audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS)
        proposal.forwarded_as = upper
        proposal.save(update_fields=["forwarded_as", "updated_at"])
        audit.record(proposal, by=by, action="update", before=before,
                     after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS))  # fmt: skip
    _complete_if_settled(proposal, by=by)
    return upper


@transaction.atomic
def record_results(proposal: Proposal, *, by: User | None, approved: Iterable[Nominee] = (),
                   not_approved: Iterable[Nominee] = (), note: str = "") -> Proposal:  # fmt: skip
    """The deciding level's result for nominees within its own authority (approved → into its decision; not
    approved with the reason in ``note``). Nominees above its authority must be forwarded instead."""
    proposal = (
        Proposal.objects.select_for_update().select_related("unit", "to_unit", "kind").get(pk=proposal.pk)
    )
    if by is not None and not can_decide(by, proposal):
        raise PermissionDenied
    if not (proposal.status == ProposalStatus.RECEIVED or (proposal.own_level and proposal.is_editable)):
        raise ValidationError(_("Đề nghị chưa được tiếp nhận."))
    yes, no = _handled(proposal, approved), _handled(proposal, not_approved)
    if not yes and not no:
        raise ValidationError(_("Chọn người, tập thể để ghi kết quả."))
    for n in yes:
        if not confers(proposal.to_unit, n.award):
            raise ValidationError(_("%(name)s: “%(award)s” vượt thẩm quyền của %(unit)s — hãy trình cấp trên.")
                                  % {"name": n.name, "award": n.award.name,
                                     "unit": proposal.to_unit.name})  # fmt: skip
        _set_result(n, NomineeResult.APPROVED, note, by, "approve_nominee")
    for n in no:
        _set_result(n, NomineeResult.NOT_APPROVED, note, by, "reject_nominee")
    _complete_if_settled(proposal, by=by)
    return proposal


# --- the council and the decision --------------------------------------------------------------------------------

CATEGORY_TO_DECISION_KIND = {"year_end": "achievement", "thematic": "thematic", "sudden": "sudden",
                             "service": "service", "onward": "other"}  # fmt: skip
REGISTER_SYMBOLS = {"grassroots": "QĐ-CĐCS", "upper": "QĐ-LĐLĐ", "province": "QĐ-LĐLĐ",
                    "central_sector": "QĐ-CĐN", "national": "QĐ-TLĐ"}  # fmt: skip


@transaction.atomic
def place_on_agenda(proposal: Proposal, nominees: Iterable[Nominee], *, session, by: User | None) -> int:
    """Put the chosen nominees on a planned session of the deciding unit's council (``councils.add_agenda_item``,
    keyed ``proposals.nominee:<id>``), and remember the item on each nominee."""
    from thidua.councils import actions as council_actions

    from .integration import source_key

    proposal = Proposal.objects.select_for_update().select_related("unit", "to_unit").get(pk=proposal.pk)
    if by is not None and not can_handle(by, proposal):
        raise PermissionDenied
    if session.council.unit_id != proposal.to_unit_id:
        raise ValidationError(_("Phiên họp không phải của Hội đồng thi đua – khen thưởng của %(unit)s.")
                              % {"unit": proposal.to_unit.name})  # fmt: skip
    chosen = _handled(proposal, nominees)
    if not chosen:
        raise ValidationError(_("Chọn người, tập thể để đưa vào phiên họp."))
    placed = 0
    for n in Nominee.objects.filter(pk__in=[c.pk for c in chosen]).select_related("person", "person__unit", "unit",
                                                                                  "award"):  # fmt: skip
        if n.agenda_item_id is not None:
            raise ValidationError(_("%(name)s đã có trong chương trình phiên họp.") % {"name": n.name})
        item = council_actions.add_agenda_item(session, by=by, person=n.person, collective=n.unit, award=n.award,
                                               source=source_key(n))  # fmt: skip
        before = audit.snapshot(n, NOMINEE_AUDIT_FIELDS)
        n.agenda_item = item
        n.save(update_fields=["agenda_item", "updated_at"])
        audit.record(
            n, by=by, action="to_council", before=before, after=audit.snapshot(n, NOMINEE_AUDIT_FIELDS)
        )
        placed += 1
    return placed


@transaction.atomic
def apply_council_results(proposal: Proposal, *, by: User | None) -> int:
    """The council's vote becomes the result of each nominee on a closed session: passed → approved (within the
    deciding unit's authority; above it, the nominee stays to be forwarded), not passed → not approved."""
    from thidua.councils.models import ItemResult

    proposal = Proposal.objects.select_related("to_unit").get(pk=proposal.pk)
    pending = list(
        proposal.nominees.current().filter(result=NomineeResult.PENDING, agenda_item__isnull=False)
        .exclude(agenda_item__result=ItemResult.PENDING).select_related("agenda_item", "award")
    )  # fmt: skip
    passed = [
        n for n in pending if n.agenda_item.result == ItemResult.PASSED and confers(proposal.to_unit, n.award)
    ]
    failed = [n for n in pending if n.agenda_item.result == ItemResult.NOT_PASSED]
    if not passed and not failed:
        return 0
    note = _("Theo kết quả biểu quyết của Hội đồng thi đua – khen thưởng")
    record_results(proposal, by=by, approved=passed, not_approved=failed, note=note)
    return len(passed) + len(failed)


def _register_for(unit: Unit, year: int, by: User | None):
    from thidua.rewards import actions as reward_actions
    from thidua.rewards.models import DecisionRegister

    register = (
        DecisionRegister.objects.filter(issuer=unit, year=year, archived_at__isnull=True)
        .order_by("id")
        .first()
    )
    if register is None:
        register = reward_actions.create_register(unit, by=by, year=year,
                                                  symbol=REGISTER_SYMBOLS.get(unit.level, "QĐ-KT"))  # fmt: skip
    return register


@transaction.atomic
def make_decision(proposal: Proposal, *, by: User | None, decided_on: datetime.date | None = None,
                  title: str = "", signer_name: str = "", signer_position: str = "", legal_bases: str = ""):  # fmt: skip
    """A draft reward decision of the deciding unit (``rewards.create_decision``) for the approved nominees of the
    proposal not yet in a decision, each line keyed ``proposals.nominee:<id>`` (the money worked out by rewards).
    The leader issues it on the decision's page (its number from the register)."""
    from thidua.rewards import actions as reward_actions

    from .integration import decision_lines_for, source_key

    proposal = Proposal.objects.select_related("unit", "to_unit", "kind").get(pk=proposal.pk)
    if by is not None and not has_perm(by, DECIDE_REWARDS, proposal.to_unit.path):
        raise PermissionDenied
    approved = list(proposal.nominees.current().filter(result=NomineeResult.APPROVED)
                    .select_related("person", "person__unit", "unit", "award"))  # fmt: skip
    done = decision_lines_for(approved)
    todo = [n for n in approved if n.pk not in done]
    if not todo:
        raise ValidationError(
            _("Không còn người, tập thể nào được đồng ý khen thưởng mà chưa có quyết định.")
        )
    decided_on = decided_on or timezone.localdate()
    register = _register_for(proposal.to_unit, decided_on.year, by)
    lines = [
        reward_actions.LineInput(award=n.award.code, year=proposal.year, person=n.person, unit=n.unit,
                                 unit_at_time=n.person.unit if n.person_id and n.person else n.unit,
                                 reason=n.summary, name_at_time=n.name, position_at_time=n.position,
                                 source=source_key(n))
        for n in todo
    ]  # fmt: skip
    default = _("Về việc khen thưởng %(kind)s năm %(year)s") % {
        "kind": _title_phrase(proposal.kind.name),
        "year": proposal.year,
    }
    title = title or " ".join(default.split())
    return reward_actions.create_decision(
        register, by=by, decided_on=decided_on, title=title, lines=lines, legal_bases=legal_bases,
        kind=CATEGORY_TO_DECISION_KIND.get(proposal.kind.category, "other"), signer_name=signer_name,
        signer_position=signer_position,
    )  # fmt: skip


def _title_phrase(kind_name: str) -> str:
    """The kind's name as it reads after "… khen thưởng": "Khen thưởng tổng kết năm (công trạng, thành tích)" →
    "tổng kết", so a title says neither "khen thưởng khen thưởng" nor "năm … năm"; proper names keep their capitals
    (only the first letter is lowered). A kind named as a proposal onward ("Đề nghị Tổng Liên đoàn, …") gives ""."""
    phrase = re.sub(r"\s*\(.*?\)", "", kind_name).strip()
    if phrase.lower().startswith("đề nghị"):
        return ""
    phrase = re.sub(r"^khen thưởng\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\s+năm$", "", phrase)
    return phrase[:1].lower() + phrase[1:]
