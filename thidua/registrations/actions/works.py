"""Research topics and congress works: register, edit, archive; their paths on the workflow kit
(``RESEARCH_WORKFLOW``: registered → in progress → accepted / not accepted, or stopped; ``CONGRESS_WORK_WORKFLOW``:
registered → in progress → completed, or not carried out). Every change is audited; every step writes its event.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.scoping import has_perm
from thidua.core.text import nfc
from thidua.orgs.models import Person, Unit

from ..models import (
    CongressWork,
    CongressWorkEvent,
    ResearchLevel,
    ResearchMember,
    ResearchRating,
    ResearchTopic,
    ResearchTopicEvent,
    WorkKind,
)
from ..permissions.works import (
    CONGRESS_WORK_WORKFLOW,
    RESEARCH_AUDIT_FIELDS,
    RESEARCH_WORKFLOW,
    SUBMIT,
    WORK_AUDIT_FIELDS,
    can_archive_topic,
    can_archive_work,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_BUDGET = 10**13  # ten thousand billion đồng: anything above is a typing mistake


@dataclass(frozen=True)
class TeamMemberInput:
    """A member of a research team: a person of the system (``person_id``) or a named outsider (``name``)."""

    name: str = ""
    person_id: int | None = None
    role: str = ""


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _clean_block(value: str | None) -> str:
    return "\n".join(line.rstrip() for line in nfc(value or "").strip().splitlines())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def _visible_people(by: User | None):
    return Person.objects.all() if by is None else Person.objects.visible_to(by)


# --- research topics ------------------------------------------------------------------------------------------

TOPIC_FIELDS = ("title", "field", "level", "lead_id", "lead_name", "start_on", "end_on", "budget_vnd",
                "funding_source", "summary", "year")  # fmt: skip


def _topic_content(values: dict[str, Any], by: User | None) -> dict[str, Any]:
    title = _clean(values.get("title"))
    if not title:
        raise ValidationError({"title": _("Cần ghi tên đề tài.")})
    if values.get("level") not in ResearchLevel.values:
        raise ValidationError({"level": _("Cấp đề tài không hợp lệ.")})
    start_on, end_on = values.get("start_on"), values.get("end_on")
    if start_on is None:
        raise ValidationError({"start_on": _("Cần ghi thời gian bắt đầu.")})
    if end_on is None:
        raise ValidationError({"end_on": _("Cần ghi thời gian kết thúc.")})
    if end_on < start_on:
        raise ValidationError({"end_on": _("Thời gian kết thúc không thể trước thời gian bắt đầu.")})
    budget = values.get("budget_vnd") or 0
    if not 0 <= budget <= MAX_BUDGET:
        raise ValidationError({"budget_vnd": _("Kinh phí phải là số đồng không âm.")})
    lead_id = values.get("lead_id") or None
    lead_name = _clean(values.get("lead_name"))
    if lead_id:
        lead = _visible_people(by).filter(pk=lead_id).first()
        if lead is None:
            raise ValidationError({"lead_id": _("Không tìm thấy chủ nhiệm đề tài trong phạm vi quản lý.")})
        lead_name = lead.full_name
    if not lead_name:
        raise ValidationError({"lead_name": _("Cần chọn hoặc ghi họ và tên chủ nhiệm đề tài.")})
    year = values.get("year") or start_on.year
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm đăng ký không hợp lệ.")})
    return {
        "title": title[:500], "field": _clean(values.get("field"))[:200], "level": values["level"],
        "lead_id": lead_id, "lead_name": lead_name[:200], "start_on": start_on, "end_on": end_on,
        "budget_vnd": budget, "funding_source": _clean(values.get("funding_source"))[:200],
        "summary": _clean_block(values.get("summary")), "year": year,
    }  # fmt: skip


def _team(members: Sequence[TeamMemberInput], by: User | None, lead_id: int | None) -> list[ResearchMember]:
    """Checked team members (not saved): a visible person or a named outsider, each once, the lead not again."""
    ids = [m.person_id for m in members if m.person_id]
    people = {p.pk: p for p in _visible_people(by).filter(pk__in=ids)}
    rows, seen = [], {lead_id} if lead_id else set()
    for order, member in enumerate(members, start=1):
        if member.person_id:
            person = people.get(member.person_id)
            if person is None:
                raise ValidationError({"members": _("Thành viên thứ %(n)s: không tìm thấy người này trong phạm vi "
                                                     "quản lý.") % {"n": order}})  # fmt: skip
            if person.pk in seen:
                raise ValidationError({"members": _("Thành viên thứ %(n)s: %(name)s đã có trong đề tài.")
                                       % {"n": order, "name": person.full_name}})  # fmt: skip
            seen.add(person.pk)
            name = person.full_name
        else:
            name = _clean(member.name)
            if not name:
                raise ValidationError(
                    {"members": _("Thành viên thứ %(n)s: cần ghi họ và tên.") % {"n": order}}
                )
        rows.append(ResearchMember(person_id=member.person_id or None, full_name=name[:200],
                                   role=_clean(member.role)[:100], position=order))  # fmt: skip
    return rows


def _topic_event(topic: ResearchTopic, action: str, by: User | None, *, note: str = "") -> None:
    ResearchTopicEvent.objects.create(topic=topic, action=action, to_status=topic.status, by=_actor(by),
                                      note=note[:500])  # fmt: skip


@transaction.atomic
def register_research_topic(unit: Unit, *, by: User | None, members: Sequence[TeamMemberInput] = (),
                            **values: Any) -> ResearchTopic:  # fmt: skip
    """Register a research topic of ``unit`` with its lead and team."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    if not unit.is_active:
        raise ValidationError(_("Đơn vị đã ngừng hoạt động: không đăng ký đề tài được."))
    content = _topic_content(values, by)
    rows = _team(members, by, content["lead_id"])
    topic = ResearchTopic.objects.create(unit=unit, created_by=_actor(by), **content)
    for row in rows:
        row.topic = topic
    ResearchMember.objects.bulk_create(rows)
    _topic_event(topic, "register", by)
    audit.record(topic, by=by, action="register",
                 after={**audit.snapshot(topic, RESEARCH_AUDIT_FIELDS), "members": [str(r) for r in rows]})  # fmt: skip
    return topic


@transaction.atomic
def update_research_topic(topic: ResearchTopic, *, by: User | None,
                          members: Sequence[TeamMemberInput] | None = None, **values: Any) -> ResearchTopic:  # fmt: skip
    """Change a topic's details (and team) while it is registered or under way."""
    topic = ResearchTopic.objects.select_for_update().select_related("unit").get(pk=topic.pk)
    if by is not None and not has_perm(by, SUBMIT, topic.unit.path):
        raise PermissionDenied
    if not topic.is_editable:
        raise ValidationError(_("Đề tài đã kết thúc hoặc đã lưu trữ: không sửa được."))
    before = audit.snapshot(topic, RESEARCH_AUDIT_FIELDS)
    content = _topic_content({**{f: getattr(topic, f) for f in TOPIC_FIELDS}, **values}, by)
    for name, value in content.items():
        setattr(topic, name, value)
    topic.save()
    after = audit.snapshot(topic, RESEARCH_AUDIT_FIELDS)
    if members is not None:
        old = [str(m) for m in topic.members.all()]
        rows = _team(members, by, topic.lead_id)
        topic.members.all().delete()
        for row in rows:
            row.topic = topic
        ResearchMember.objects.bulk_create(rows)
        before["members"], after["members"] = old, [str(r) for r in rows]
    audit.record(topic, by=by, action="update", before=before, after=after)
    return topic


@transaction.atomic
def archive_research_topic(topic: ResearchTopic, *, by: User | None, reason: str) -> ResearchTopic:
    topic = ResearchTopic.objects.select_for_update().select_related("unit").get(pk=topic.pk)
    if by is not None and not can_archive_topic(by, topic):
        raise PermissionDenied
    if topic.archived_at is not None:
        raise ValidationError(_("Đề tài đã được lưu trữ."))
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    topic.archived_at = timezone.now()
    topic.save(update_fields=["archived_at", "updated_at"])
    _topic_event(topic, "archive", by, note=reason)
    audit.record(topic, by=by, action="archive", before={"archived_at": None},
                 after={"archived_at": topic.archived_at.isoformat()}, note=reason)  # fmt: skip
    return topic


def start_research_topic(topic: ResearchTopic, *, by: User | None, note: str = "") -> ResearchTopic:
    return RESEARCH_WORKFLOW.apply(topic, "start", by=by, note=_clean(note))


def accept_research_topic(topic: ResearchTopic, *, by: User | None, accepted_on: datetime.date, rating: str,
                          decision_number: str, decision_date: datetime.date, accepting_body: str,
                          note: str = "") -> ResearchTopic:  # fmt: skip
    """Record the acceptance (nghiệm thu): its date, the rating, and the decision recognising the result."""
    with RESEARCH_WORKFLOW.step(topic, "accept", by=by, note=_clean(note)) as step:
        obj = step.obj
        today = timezone.localdate()
        if accepted_on is None:
            raise ValidationError({"accepted_on": _("Cần ghi ngày nghiệm thu.")})
        if accepted_on < obj.start_on:
            raise ValidationError({"accepted_on": _("Ngày nghiệm thu không thể trước ngày bắt đầu đề tài (%(d)s).")
                                   % {"d": format_date(obj.start_on)}})  # fmt: skip
        if accepted_on > today:
            raise ValidationError({"accepted_on": _("Ngày nghiệm thu không thể sau hôm nay.")})
        if rating not in ResearchRating.values:
            raise ValidationError({"rating": _("Cần chọn kết quả xếp loại nghiệm thu.")})
        number, body = _clean(decision_number), _clean(accepting_body)
        if not number:
            raise ValidationError({"decision_number": _("Cần ghi số quyết định công nhận kết quả.")})
        if decision_date is None:
            raise ValidationError({"decision_date": _("Cần ghi ngày quyết định.")})
        if decision_date < accepted_on:
            raise ValidationError({"decision_date": _("Ngày quyết định không thể trước ngày nghiệm thu.")})
        if decision_date > today:
            raise ValidationError({"decision_date": _("Ngày quyết định không thể sau hôm nay.")})
        if not body:
            raise ValidationError({"accepting_body": _("Cần ghi cơ quan, hội đồng nghiệm thu.")})
        obj.accepted_on, obj.rating = accepted_on, rating
        obj.decision_number, obj.decision_date, obj.accepting_body = number[:60], decision_date, body[:300]
    return step.obj


def fail_research_topic(topic: ResearchTopic, *, by: User | None, accepted_on: datetime.date,
                        reason: str, accepting_body: str = "") -> ResearchTopic:  # fmt: skip
    """Record that the topic did not pass its acceptance, with the date and the reason."""
    with RESEARCH_WORKFLOW.step(topic, "fail", by=by, reason=reason) as step:
        obj = step.obj
        if accepted_on is None:
            raise ValidationError({"accepted_on": _("Cần ghi ngày nghiệm thu.")})
        if accepted_on < obj.start_on or accepted_on > timezone.localdate():
            raise ValidationError(
                {"accepted_on": _("Ngày nghiệm thu phải từ ngày bắt đầu đề tài đến hôm nay.")}
            )
        obj.accepted_on, obj.outcome_reason = accepted_on, step.note[:500]
        obj.accepting_body = _clean(accepting_body)[:300]
    return step.obj


def stop_research_topic(topic: ResearchTopic, *, by: User | None, reason: str) -> ResearchTopic:
    with RESEARCH_WORKFLOW.step(topic, "stop", by=by, reason=reason) as step:
        step.obj.outcome_reason = step.note[:500]
    return step.obj


# --- congress works ------------------------------------------------------------------------------------------

WORK_FIELDS = ("name", "kind", "value_vnd", "location", "description", "congress_name", "congress_term",
               "planned_on")  # fmt: skip


def _work_content(values: dict[str, Any]) -> dict[str, Any]:
    name = _clean(values.get("name"))
    if not name:
        raise ValidationError({"name": _("Cần ghi tên công trình, sản phẩm.")})
    if values.get("kind") not in WorkKind.values:
        raise ValidationError({"kind": _("Loại công trình, sản phẩm không hợp lệ.")})
    value = values.get("value_vnd") or 0
    if not 0 <= value <= MAX_BUDGET:
        raise ValidationError({"value_vnd": _("Giá trị phải là số đồng không âm.")})
    congress = _clean(values.get("congress_name"))
    if not congress:
        raise ValidationError({"congress_name": _("Cần ghi Đại hội mà công trình chào mừng.")})
    term = _clean(values.get("congress_term")).replace(" - ", " – ").replace("-", " – ").replace("  ", " ")
    if not term:
        raise ValidationError({"congress_term": _("Cần ghi nhiệm kỳ của Đại hội (ví dụ 2018 – 2023).")})
    if values.get("planned_on") is None:
        raise ValidationError({"planned_on": _("Cần ghi thời gian dự kiến hoàn thành.")})
    return {
        "name": name[:500], "kind": values["kind"], "value_vnd": value,
        "location": _clean(values.get("location"))[:300], "description": _clean_block(values.get("description")),
        "congress_name": congress[:300], "congress_term": term[:40], "planned_on": values["planned_on"],
    }  # fmt: skip


def _congress_record(unit: Unit, values: dict[str, Any]) -> dict[str, Any]:
    """The congress record the work is dedicated to (``congress_record``): the congress of its unit or of a unit
    above it; its name and term fill the texts left empty."""
    congress = values.get("congress_record")
    if congress is None:
        return values
    if not unit.path.startswith(congress.unit.path) or congress.archived_at is not None:
        raise ValidationError(
            {"congress_record": _("Chỉ chọn Đại hội của đơn vị hoặc của cấp trên của đơn vị.")}
        )
    return {"congress_name": _congress_name(congress), "congress_term": congress.term.replace("–", " – "),
            **{k: v for k, v in values.items() if v not in (None, "") or k == "congress_record"}}  # fmt: skip


def _congress_name(congress: Any) -> str:
    return _("Đại hội %(unit)s") % {"unit": congress.unit.name}


def _work_event(work: CongressWork, action: str, by: User | None, *, note: str = "") -> None:
    CongressWorkEvent.objects.create(work=work, action=action, to_status=work.status, by=_actor(by),
                                     note=note[:500])  # fmt: skip


@transaction.atomic
def register_congress_work(unit: Unit, *, by: User | None, **values: Any) -> CongressWork:
    """Register a work or product of ``unit`` dedicated to a congress."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    if not unit.is_active:
        raise ValidationError(_("Đơn vị đã ngừng hoạt động: không đăng ký công trình được."))
    values = _congress_record(unit, values)
    work = CongressWork.objects.create(unit=unit, created_by=_actor(by), congress_record=values.get("congress_record"),
                                       **_work_content(values))  # fmt: skip
    _work_event(work, "register", by)
    audit.record(work, by=by, action="register", after=audit.snapshot(work, WORK_AUDIT_FIELDS))
    return work


@transaction.atomic
def update_congress_work(work: CongressWork, *, by: User | None, **values: Any) -> CongressWork:
    work = CongressWork.objects.select_for_update().select_related("unit").get(pk=work.pk)
    if by is not None and not has_perm(by, SUBMIT, work.unit.path):
        raise PermissionDenied
    if not work.is_editable:
        raise ValidationError(_("Công trình đã hoàn thành, không thực hiện hoặc đã lưu trữ: không sửa được."))
    before = audit.snapshot(work, WORK_AUDIT_FIELDS)
    values = _congress_record(work.unit, values)
    if "congress_record" in values:
        work.congress_record = values["congress_record"]
    for name, value in _work_content({**{f: getattr(work, f) for f in WORK_FIELDS}, **values}).items():
        setattr(work, name, value)
    work.save()
    audit.record(work, by=by, action="update", before=before, after=audit.snapshot(work, WORK_AUDIT_FIELDS))
    return work


@transaction.atomic
def archive_congress_work(work: CongressWork, *, by: User | None, reason: str) -> CongressWork:
    work = CongressWork.objects.select_for_update().select_related("unit").get(pk=work.pk)
    if by is not None and not can_archive_work(by, work):
        raise PermissionDenied
    if work.archived_at is not None:
        raise ValidationError(_("Công trình đã được lưu trữ."))
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    work.archived_at = timezone.now()
    work.save(update_fields=["archived_at", "updated_at"])
    _work_event(work, "archive", by, note=reason)
    audit.record(work, by=by, action="archive", before={"archived_at": None},
                 after={"archived_at": work.archived_at.isoformat()}, note=reason)  # fmt: skip
    return work


def start_congress_work(work: CongressWork, *, by: User | None, note: str = "") -> CongressWork:
    return CONGRESS_WORK_WORKFLOW.apply(work, "start", by=by, note=_clean(note))


def complete_congress_work(work: CongressWork, *, by: User | None, completed_on: datetime.date,
                           value_vnd: int | None = None, note: str = "") -> CongressWork:  # fmt: skip
    """Record the completion: the date, and the final value when it differs from the one registered."""
    with CONGRESS_WORK_WORKFLOW.step(work, "complete", by=by, note=_clean(note)) as step:
        obj = step.obj
        if completed_on is None:
            raise ValidationError({"completed_on": _("Cần ghi ngày hoàn thành.")})
        if completed_on > timezone.localdate():
            raise ValidationError({"completed_on": _("Ngày hoàn thành không thể sau hôm nay.")})
        if value_vnd is not None:
            if not 0 <= value_vnd <= MAX_BUDGET:
                raise ValidationError({"value_vnd": _("Giá trị phải là số đồng không âm.")})
            obj.value_vnd = value_vnd
        obj.completed_on = completed_on
    return step.obj


def cancel_congress_work(work: CongressWork, *, by: User | None, reason: str) -> CongressWork:
    with CONGRESS_WORK_WORKFLOW.step(work, "cancel", by=by, reason=reason) as step:
        step.obj.outcome_reason = step.note[:500]
    return step.obj
