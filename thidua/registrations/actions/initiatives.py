"""Initiatives: register, edit, archive; the path registered → applied → reviewed → recognised / not recognised on
the workflow kit (``INITIATIVE_WORKFLOW``); the duplicate check.

Registering compares the initiative with those of its federation (``registrations.duplicates``). A match the acting
user can see must have been shown to them (``seen_matches``): they decided it is another initiative, and a
``DuplicateCheck`` records it as decided. A match in a branch they cannot see is sent up to the lowest unit above
both (a pending ``DuplicateCheck``, a notice to that unit); the registering side learns only that a check was sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit, dates
from thidua.core.scoping import has_perm
from thidua.core.text import fold, nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Person, Unit

from .. import duplicates
from ..models import (
    SHARES_TOTAL,
    CheckStatus,
    DuplicateCheck,
    EffectScope,
    Initiative,
    InitiativeAuthor,
    InitiativeEvent,
    InitiativeField,
    InitiativeReview,
    ReviewMember,
    ReviewMode,
    Vote,
)
from ..permissions.initiatives import (
    INITIATIVE_AUDIT_FIELDS,
    INITIATIVE_WORKFLOW,
    SUBMIT,
    can_archive_initiative,
    can_decide_check,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOTICE_KIND = "initiative_duplicate"
CONTENT_FIELDS = ("title", "field", "problem", "solution", "applied_where", "applied_since", "benefit_vnd",
                  "benefit_text")  # fmt: skip


@dataclass(frozen=True)
class AuthorInput:
    """An author as given: a person of the system (``person_id``) or a named outsider (``name``), and a share."""

    share: Decimal | str | int
    person_id: int | None = None
    name: str = ""
    workplace: str = ""


@dataclass(frozen=True)
class MemberInput:
    name: str
    role: str = ""
    score: int | None = None
    vote: str = ""


def share_text(share: Decimal) -> str:
    """A share as written in Vietnamese: 100, 33,33, 80,5."""
    return format(share.normalize(), "f").replace(".", ",")


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _clean_block(value: str | None) -> str:
    return "\n".join(line.rstrip() for line in nfc(value or "").strip().splitlines())


def _authors(authors: Sequence[AuthorInput], by: User | None) -> list[InitiativeAuthor]:
    """Checked authors (not saved): each a visible person or a named outsider, shares adding up to 100 %."""
    if not authors:
        raise ValidationError({"authors": _("Cần ít nhất một tác giả.")})
    rows, total, seen = [], Decimal(0), set()
    person_ids = [a.person_id for a in authors if a.person_id]
    visible = Person.objects.all() if by is None else Person.objects.visible_to(by)
    people = {p.pk: p for p in visible.filter(pk__in=person_ids)}
    for order, author in enumerate(authors, start=1):
        try:
            share = Decimal(str(author.share).replace(",", ".").strip()).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValidationError(
                {"authors": _("Tác giả thứ %(n)s: tỷ lệ đóng góp không phải là số.") % {"n": order}}
            ) from None
        if not Decimal(0) < share <= SHARES_TOTAL:
            raise ValidationError({"authors": _("Tác giả thứ %(n)s: tỷ lệ đóng góp phải lớn hơn 0 và không quá 100 %%.")
                                   % {"n": order}})  # fmt: skip
        if author.person_id:
            person = people.get(author.person_id)
            if person is None:
                raise ValidationError({"authors": _("Tác giả thứ %(n)s: không tìm thấy người này trong phạm vi "
                                                    "quản lý.") % {"n": order}})  # fmt: skip
            if person.pk in seen:
                raise ValidationError({"authors": _("Tác giả thứ %(n)s: %(name)s đã có trong danh sách.")
                                       % {"n": order, "name": person.full_name}})  # fmt: skip
            seen.add(person.pk)
            name = person.full_name
            workplace = _clean(author.workplace) or (str(person.unit) if person.unit_id else "")
        else:
            name = _clean(author.name)
            if not name:
                raise ValidationError({"authors": _("Tác giả thứ %(n)s: cần chọn người trong hệ thống hoặc ghi họ "
                                                    "và tên.") % {"n": order}})  # fmt: skip
            workplace = _clean(author.workplace)
        total += share
        rows.append(InitiativeAuthor(person_id=author.person_id or None, name=name[:150], workplace=workplace[:300],
                                     share=share, order=order))  # fmt: skip
    if total != SHARES_TOTAL:
        raise ValidationError({"authors": _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 %% (hiện là "
                                            "%(total)s %%).") % {"total": share_text(total)}})  # fmt: skip
    return rows


def _content(values: dict[str, Any]) -> dict[str, Any]:
    title = _clean(values.get("title"))
    if not title:
        raise ValidationError({"title": _("Cần ghi tên sáng kiến.")})
    if values.get("field") not in InitiativeField.values:
        raise ValidationError({"field": _("Lĩnh vực không hợp lệ.")})
    problem, solution = _clean_block(values.get("problem")), _clean_block(values.get("solution"))
    if not problem:
        raise ValidationError({"problem": _("Cần mô tả thực trạng, vấn đề cần giải quyết.")})
    if not solution:
        raise ValidationError({"solution": _("Cần mô tả nội dung giải pháp.")})
    benefit = values.get("benefit_vnd")
    if benefit is not None and benefit < 0:
        raise ValidationError({"benefit_vnd": _("Số tiền làm lợi không được âm.")})
    return {
        "title": title[:300], "field": values["field"], "problem": problem, "solution": solution,
        "applied_where": _clean(values.get("applied_where"))[:300], "applied_since": values.get("applied_since"),
        "benefit_vnd": benefit, "benefit_text": _clean_block(values.get("benefit_text")),
        "folded_title": fold(title)[:300], "folded_text": duplicates.folded_text(problem, solution),
    }  # fmt: skip


def _event(
    initiative: Initiative, action: str, by: User | None, *, to_status: str = "", note: str = ""
) -> None:
    InitiativeEvent.objects.create(initiative=initiative, action=action, to_status=to_status,
                                   by=by if getattr(by, "pk", None) else None, note=note[:500])  # fmt: skip


def _check_duplicates(initiative: Initiative, *, by: User | None, seen_matches: Iterable[int]) -> int:
    """Record the duplicate checks of a new or changed initiative; returns how many were sent up."""
    matches = duplicates.find_matches(initiative.unit, initiative.title, initiative.problem, initiative.solution,
                                      exclude=initiative.pk)  # fmt: skip
    already = set(DuplicateCheck.objects.filter(initiative=initiative).values_list("match_id", flat=True))
    seen = set(seen_matches)
    # The system (by=None: the demo, a command) has nobody to show a match to: every match goes to the unit above.
    visible = (
        set(
            Initiative.objects.visible_to(by)
            .filter(pk__in=[m.pk for m in matches])
            .values_list("pk", flat=True)
        )
        if by is not None
        else set()
    )
    unseen = [m.pk for m in matches if m.pk in visible and m.pk not in seen and m.pk not in already]
    if unseen:
        raise ValidationError(
            {
                "seen_matches": _(
                    "Có %(n)s sáng kiến tương tự trong phạm vi quản lý: hãy xem và xác "
                    "nhận đây là sáng kiến khác trước khi ghi."
                )
                % {"n": len(unseen)}
            }
        )
    now, sent_up, reviewers = timezone.now(), 0, {}
    actor = by if getattr(by, "pk", None) else None
    for match in matches:
        if match.pk in already:
            continue
        reviewer = duplicates.reviewer_unit(initiative.unit.path, match.unit_path)
        if match.pk in visible:
            DuplicateCheck.objects.create(initiative=initiative, match_id=match.pk, score=match.score,
                                          reviewer_unit=reviewer, status=CheckStatus.DISTINCT, decided_by=actor,
                                          decided_at=now,
                                          note=_("Cán bộ đăng ký đã xem và xác định là sáng kiến khác."))  # fmt: skip
        else:
            DuplicateCheck.objects.create(initiative=initiative, match_id=match.pk, score=match.score,
                                          reviewer_unit=reviewer, sent_up=True)  # fmt: skip
            sent_up += 1
            reviewers[reviewer.pk] = reviewer
    url = reverse("initiatives:duplicate-list")
    for reviewer in reviewers.values():
        # The notice names no initiative: the unit that decides reads both on the page.
        transaction.on_commit(partial(
            notify, units=[reviewer], kind=NOTICE_KIND, by=actor, url=url, key=f"initiative-duplicate-{initiative.pk}",
            title=_("Có sáng kiến có thể trùng giữa các đơn vị trực thuộc cần kiểm tra")))  # fmt: skip
    return sent_up


@transaction.atomic
def register_initiative(unit: Unit, *, by: User | None, authors: Sequence[AuthorInput],
                        registered_on: datetime.date | None = None, seen_matches: Iterable[int] = (),
                        **values: Any) -> Initiative:  # fmt: skip
    """Register an initiative of ``unit`` with its authors; duplicates checked (see the module)."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    if not unit.is_active:
        raise ValidationError(_("Đơn vị đã ngừng hoạt động: không đăng ký sáng kiến được."))
    content = _content(values)
    rows = _authors(authors, by)
    registered_on = registered_on or timezone.localdate()
    initiative = Initiative.objects.create(unit=unit, year=registered_on.year, registered_on=registered_on,
                                           created_by=by if getattr(by, "pk", None) else None,
                                           **content)  # fmt: skip
    for row in rows:
        row.initiative = initiative
    InitiativeAuthor.objects.bulk_create(rows)
    sent_up = _check_duplicates(initiative, by=by, seen_matches=seen_matches)
    _event(initiative, "register", by, to_status=initiative.status)
    note = _("Gửi cấp trên kiểm tra %(n)s sáng kiến có thể trùng.") % {"n": sent_up} if sent_up else ""
    audit.record(initiative, by=by, action="register", note=note,
                 after={**audit.snapshot(initiative, INITIATIVE_AUDIT_FIELDS),
                        "authors": [str(r) for r in rows]})  # fmt: skip
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, *, by: User | None, authors: Sequence[AuthorInput] | None = None,
                      seen_matches: Iterable[int] = (), **values: Any) -> Initiative:  # fmt: skip
    """Change an initiative's content (and authors) before the council sits."""
    initiative = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
    if by is not None and not has_perm(by, SUBMIT, initiative.unit.path):
        raise PermissionDenied
    if not initiative.is_editable:
        raise ValidationError(_("Sáng kiến đã được hội đồng xét hoặc đã lưu trữ: không sửa được."))
    before = audit.snapshot(initiative, INITIATIVE_AUDIT_FIELDS)
    old_authors = [str(a) for a in initiative.authors.all()]
    content = _content({**{f: getattr(initiative, f) for f in CONTENT_FIELDS}, **values})
    for name, value in content.items():
        setattr(initiative, name, value)
    initiative.save()
    after = audit.snapshot(initiative, INITIATIVE_AUDIT_FIELDS)
    if authors is not None:
        rows = _authors(authors, by)
        initiative.authors.all().delete()
        for row in rows:
            row.initiative = initiative
        InitiativeAuthor.objects.bulk_create(rows)
        before["authors"], after["authors"] = old_authors, [str(r) for r in rows]
    if before["title"] != after["title"] or before["problem"] != after["problem"] or (
            before["solution"] != after["solution"]):  # fmt: skip
        _check_duplicates(initiative, by=by, seen_matches=seen_matches)
    audit.record(initiative, by=by, action="update", before=before, after=after)
    return initiative


@transaction.atomic
def archive_initiative(initiative: Initiative, *, by: User | None, reason: str) -> Initiative:
    initiative = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
    if by is not None and not can_archive_initiative(by, initiative):
        raise PermissionDenied
    if initiative.archived_at is not None:
        raise ValidationError(_("Sáng kiến đã được lưu trữ."))
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    initiative.archived_at = timezone.now()
    initiative.save(update_fields=["archived_at", "updated_at"])
    _event(initiative, "archive", by, note=reason)
    audit.record(initiative, by=by, action="archive", before={"archived_at": None},
                 after={"archived_at": initiative.archived_at.isoformat()}, note=reason)  # fmt: skip
    return initiative


def apply_initiative(initiative: Initiative, *, by: User | None, applied_where: str,
                     applied_since: datetime.date, benefit_vnd: int | None = None, benefit_text: str = "",
                     note: str = "") -> Initiative:  # fmt: skip
    """Record where and since when the initiative is applied, and what it brings."""
    with INITIATIVE_WORKFLOW.step(initiative, "apply", by=by, note=note) as step:
        obj = step.obj
        where = _clean(applied_where)
        if not where:
            raise ValidationError({"applied_where": _("Cần ghi nơi áp dụng.")})
        if applied_since is None:
            raise ValidationError({"applied_since": _("Cần ghi ngày bắt đầu áp dụng.")})
        if applied_since < obj.registered_on.replace(year=obj.registered_on.year - 5):
            raise ValidationError({"applied_since": _("Ngày áp dụng quá xa trước ngày đăng ký.")})
        if benefit_vnd is not None and benefit_vnd < 0:
            raise ValidationError({"benefit_vnd": _("Số tiền làm lợi không được âm.")})
        obj.applied_where, obj.applied_since = where[:300], applied_since
        if benefit_vnd is not None:
            obj.benefit_vnd = benefit_vnd
        if _clean_block(benefit_text):
            obj.benefit_text = _clean_block(benefit_text)
    return step.obj


def record_review(initiative: Initiative, *, by: User | None, council: str, held_on: datetime.date, mode: str,
                  minutes: str, members: Sequence[MemberInput], note: str = "") -> Initiative:  # fmt: skip
    """Record the initiative council's sitting: who sat, each one's score or vote, the minutes."""
    with INITIATIVE_WORKFLOW.step(initiative, "review", by=by, note=note) as step:
        obj = step.obj
        council, minutes = _clean(council), _clean_block(minutes)
        if not council:
            raise ValidationError({"council": _("Cần ghi tên hội đồng xét sáng kiến.")})
        if held_on is None:
            raise ValidationError({"held_on": _("Cần ghi ngày họp hội đồng.")})
        if obj.applied_since and held_on < obj.applied_since:
            raise ValidationError({"held_on": _("Hội đồng không thể họp trước ngày sáng kiến được áp dụng.")})
        if mode not in ReviewMode.values:
            raise ValidationError({"mode": _("Hình thức đánh giá không hợp lệ.")})
        if not minutes:
            raise ValidationError({"minutes": _("Cần ghi biên bản, kết luận của hội đồng.")})
        rows = []
        for order, member in enumerate(members, start=1):
            name = _clean(member.name)
            if not name:
                raise ValidationError(
                    {"members": _("Thành viên thứ %(n)s: cần ghi họ và tên.") % {"n": order}}
                )
            if mode == ReviewMode.SCORES and (member.score is None or not 0 <= member.score <= 100):
                raise ValidationError({"members": _("Thành viên thứ %(n)s (%(name)s): cần chấm điểm từ 0 đến 100.")
                                       % {"n": order, "name": name}})  # fmt: skip
            if mode == ReviewMode.VOTES and member.vote not in Vote.values:
                raise ValidationError({"members": _("Thành viên thứ %(n)s (%(name)s): cần ghi biểu quyết.")
                                       % {"n": order, "name": name}})  # fmt: skip
            rows.append(ReviewMember(name=name[:150], role=_clean(member.role)[:100], order=order,
                                     score=member.score if mode == ReviewMode.SCORES else None,
                                     vote=member.vote if mode == ReviewMode.VOTES else ""))  # fmt: skip
        if len(rows) < 3:
            raise ValidationError({"members": _("Hội đồng xét sáng kiến cần ít nhất 3 thành viên.")})
        review = InitiativeReview.objects.create(initiative=obj, council=council[:300], held_on=held_on, mode=mode,
                                                 minutes=minutes,
                                                 recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
        for row in rows:
            row.review = review
        ReviewMember.objects.bulk_create(rows)
        step.changes["review"] = [None, f"{council} – {dates.format_date(held_on)}, {len(rows)} thành viên"]
    return step.obj


def recognise_initiative(initiative: Initiative, *, by: User | None, decision_number: str,
                         decision_date: datetime.date, recognising_body: str, effect_scope: str,
                         note: str = "") -> Initiative:  # fmt: skip
    """Record the decision recognising the initiative: its number, date, the body (often the agency or employer,
    outside the union tree) and the scope of effect."""
    with INITIATIVE_WORKFLOW.step(initiative, "recognise", by=by, note=note) as step:
        obj = step.obj
        number, body = _clean(decision_number), _clean(recognising_body)
        if not number:
            raise ValidationError({"decision_number": _("Cần ghi số quyết định công nhận.")})
        if decision_date is None:
            raise ValidationError({"decision_date": _("Cần ghi ngày quyết định.")})
        review = InitiativeReview.objects.filter(initiative=obj).first()
        if review is not None and decision_date < review.held_on:
            raise ValidationError({"decision_date": _("Ngày quyết định không thể trước ngày hội đồng họp (%(d)s).")
                                   % {"d": dates.format_date(review.held_on)}})  # fmt: skip
        if decision_date > timezone.localdate():
            raise ValidationError({"decision_date": _("Ngày quyết định không thể sau hôm nay.")})
        if not body:
            raise ValidationError({"recognising_body": _("Cần ghi cơ quan, đơn vị công nhận.")})
        if effect_scope not in EffectScope.values:
            raise ValidationError({"effect_scope": _("Cần chọn phạm vi ảnh hưởng.")})
        obj.decision_number, obj.decision_date = number[:60], decision_date
        obj.recognising_body, obj.effect_scope = body[:300], effect_scope
    return step.obj


def reject_initiative(initiative: Initiative, *, by: User | None, reason: str) -> Initiative:
    """Record that the initiative is not recognised, with the reason."""
    with INITIATIVE_WORKFLOW.step(initiative, "reject", by=by, reason=reason) as step:
        step.obj.not_recognised_reason = step.note[:500]
    return step.obj


@transaction.atomic
def decide_duplicate_check(check: DuplicateCheck, *, by: User | None, duplicate: bool,
                           note: str = "") -> DuplicateCheck:  # fmt: skip
    """The unit above both initiatives concludes whether they are the same."""
    check = DuplicateCheck.objects.select_for_update().select_related("reviewer_unit").get(pk=check.pk)
    if by is not None and not has_perm(by, SUBMIT, check.reviewer_unit.path):
        raise PermissionDenied
    if check.status != CheckStatus.PENDING:
        raise ValidationError(_("Đã có kết luận về trường hợp này."))
    if by is not None and not can_decide_check(by, check):
        raise PermissionDenied
    before = audit.snapshot(check, ["status", "note"])
    check.status = CheckStatus.DUPLICATE if duplicate else CheckStatus.DISTINCT
    check.note = _clean(note)[:500]
    check.decided_by = by if getattr(by, "pk", None) else None
    check.decided_at = timezone.now()
    check.save(update_fields=["status", "note", "decided_by", "decided_at"])
    audit.record(check, by=by, action="check_duplicate", before=before,
                 after=audit.snapshot(check, ["status", "note"]))  # fmt: skip
    return check
