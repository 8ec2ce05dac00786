"""The only writes of the councils. Each checks the acting user (``by``; ``None`` only for the system: the demo and
commands), writes, and audits.

The secret ballot (decision 0024): ``cast_ballots`` writes a ``VoteCast`` per item (who voted, no choice) and a
``Ballot`` per item (choice, random id, hash of the receipt code; no voter, no time), and audits only "X voted on
item Y" (no changes recorded). ``close_voting`` re-inserts the session's ballots in a random order with new random
ids, then counts and stores each item's result with its explanation.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.scoping import sees_everything
from thidua.core.text import nfc
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award, Layer, Mark, Regulation, VoteBase
from thidua.registrations.permissions import can_edit_regulation

from . import permissions
from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Ballot,
    Choice,
    Council,
    CouncilMember,
    ItemResult,
    MemberRole,
    PaperTally,
    Recusal,
    RecusalReason,
    Session,
    SessionStatus,
    VoteCast,
    VotingBasis,
    VotingMode,
    WrittenOpinion,
)
from .queries import conflict_reason, members_on, paths_on, session_view

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COUNCIL_FIELDS = ["unit_id", "name", "term_from", "term_to", "decision_number", "decision_date", "quorum_numerator",
                  "quorum_denominator", "default_vote_percent", "default_vote_base", "default_recused_leave_base",
                  "rules_citation", "note", "archived_at"]  # fmt: skip
COUNCIL_EDITABLE = [f for f in COUNCIL_FIELDS if f not in ("unit_id", "archived_at")]
MEMBER_FIELDS = ["council_id", "person_id", "unit_id", "user_id", "role", "is_secretary", "position", "from_date",
                 "to_date", "archived_at"]  # fmt: skip
MEMBER_EDITABLE = ["unit", "user", "role", "is_secretary", "position", "from_date", "to_date"]
SESSION_FIELDS = ["council_id", "number", "held_on", "place", "voting_mode", "status", "note", "archived_at"]
ITEM_FIELDS = ["session_id", "position", "label", "person_id", "collective_id", "unit_id", "award_id", "source",
               "archived_at"]  # fmt: skip
RESULT_FIELDS = ["result", "yes_count", "no_count", "invalid_count", "written_yes", "written_no", "base_count",
                 "recused_count", "threshold_percent", "threshold_strict", "vote_base", "recused_leave_base",
                 "threshold_citation", "result_note"]  # fmt: skip

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
RECEIPT_LENGTH = 16


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


# --- receipts -------------------------------------------------------------------------------------------------


def new_receipt_code() -> str:
    """A random receipt code, shown once to the voter: 16 characters in groups of four (80 bits)."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def canonical_receipt(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c in RECEIPT_ALPHABET)


def receipt_hash(code: str, item_id: int) -> str:
    """The hash a ballot keeps of its receipt code: one code covers the items voted in one submission."""
    return hashlib.sha256(f"{canonical_receipt(code)}:{item_id}".encode()).hexdigest()


# --- councils and members ---------------------------------------------------------------------------------------


def _check_council_fields(fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    term_from, term_to = fields.get("term_from"), fields.get("term_to")
    if term_from is None:
        errors["term_from"] = _("Cần ghi ngày bắt đầu nhiệm kỳ.")
    elif term_to is not None and term_to < term_from:
        errors["term_to"] = _("Ngày kết thúc nhiệm kỳ không thể trước ngày bắt đầu.")
    num, den = fields.get("quorum_numerator", 2), fields.get("quorum_denominator", 3)
    if not (isinstance(num, int) and isinstance(den, int) and 1 <= num <= den):
        errors["quorum_numerator"] = _("Tỷ lệ thành viên dự họp tối thiểu phải là một phân số từ 1/1 trở xuống "
                                       "(ví dụ 2/3).")  # fmt: skip
    percent = fields.get("default_vote_percent", 50)
    if not (isinstance(percent, int) and 1 <= percent <= 100):
        errors["default_vote_percent"] = _("Tỷ lệ phiếu phải từ 1 đến 100 %.")
    if fields.get("default_vote_base", VoteBase.TOTAL) not in VoteBase.values:
        errors["default_vote_base"] = _("Cách tính tỷ lệ không hợp lệ.")
    if not fields.get("name"):
        errors["name"] = _("Cần ghi tên Hội đồng.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_council(unit: Unit, *, by: User | None, term_from: datetime.date, name: str = "",
                   **fields: Any) -> Council:  # fmt: skip
    """A council of ``unit`` for a term. ``fields``: term_to, decision_number, decision_date, quorum_numerator,
    quorum_denominator, default_vote_percent, default_vote_base, default_recused_leave_base, rules_citation, note."""
    if by is not None and not permissions.can_create_council(by, unit):
        raise PermissionDenied
    unknown = set(fields) - set(COUNCIL_EDITABLE)
    if unknown:
        raise TypeError(f"unknown council fields: {sorted(unknown)}")
    values = {k: (_clean(v) if isinstance(v, str) and k != "note" else v) for k, v in fields.items()}
    values["name"] = _clean(name) or _("Hội đồng Thi đua – Khen thưởng %(unit)s") % {"unit": unit.name}
    values["term_from"] = term_from
    _check_council_fields(values)
    council = Council.objects.create(unit=unit, **values)
    audit.record(council, by=by, action="create", after=audit.snapshot(council, COUNCIL_FIELDS))
    return council


@transaction.atomic
def update_council(council: Council, *, by: User | None, **fields: Any) -> Council:
    locked = Council.objects.select_for_update().select_related("unit").get(pk=council.pk)
    if by is not None and not permissions.can_manage_council(by, locked):
        raise PermissionDenied
    unknown = set(fields) - set(COUNCIL_EDITABLE)
    if unknown:
        raise TypeError(f"unknown council fields: {sorted(unknown)}")
    before = audit.snapshot(locked, COUNCIL_FIELDS)
    for key, value in fields.items():
        setattr(locked, key, _clean(value) if isinstance(value, str) and key != "note" else value)
    _check_council_fields({f: getattr(locked, f) for f in COUNCIL_EDITABLE})
    locked.save()
    audit.record(locked, by=by, action="update", before=before, after=audit.snapshot(locked, COUNCIL_FIELDS))
    return locked


@transaction.atomic
def archive_council(council: Council, *, by: User | None, reason: str = "") -> Council:
    locked = Council.objects.select_for_update().select_related("unit").get(pk=council.pk)
    if by is not None and not permissions.can_manage_council(by, locked):
        raise PermissionDenied
    if locked.sessions.filter(status=SessionStatus.VOTING).exists():
        raise ValidationError(_("Hội đồng đang có phiên họp bỏ phiếu: kết thúc bỏ phiếu trước khi lưu trữ."))
    before = audit.snapshot(locked, COUNCIL_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, COUNCIL_FIELDS),
                 note=_clean(reason))  # fmt: skip
    return locked


def _check_member(council: Council, values: dict[str, Any], *, exclude: int | None = None) -> None:
    errors: dict[str, str] = {}
    if values.get("role") not in MemberRole.values:
        errors["role"] = _("Chức danh trong Hội đồng không hợp lệ.")
    start, end = values.get("from_date"), values.get("to_date")
    if start is None:
        errors["from_date"] = _("Cần ghi ngày bắt đầu.")
    elif end is not None and end < start:
        errors["to_date"] = _("Ngày kết thúc không thể trước ngày bắt đầu.")
    others = CouncilMember.objects.current().filter(council=council).exclude(pk=exclude)
    if values.get("person") is not None and others.filter(person=values["person"]).exists():
        errors["person"] = _("Người này đã là thành viên của Hội đồng.")
    if values.get("user") is not None and others.filter(user=values["user"]).exists():
        errors["user"] = _("Tài khoản này đã gắn với một thành viên khác của Hội đồng.")
    if values.get("role") == MemberRole.CHAIR and start is not None:
        chairs = others.filter(role=MemberRole.CHAIR)
        if end is not None:
            chairs = chairs.filter(from_date__lte=end)
        if chairs.exclude(to_date__lt=start).exists():
            errors["role"] = _("Hội đồng đã có Chủ tịch trong thời gian này.")
    if values.get("unit") is None:
        errors["unit"] = _("Cần ghi đơn vị công tác của thành viên.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_member(council: Council, *, by: User | None, person: Person, role: str = MemberRole.MEMBER,
               is_secretary: bool = False, unit: Unit | None = None, user: Any = None, position: str = "",
               from_date: datetime.date | None = None, to_date: datetime.date | None = None) -> CouncilMember:  # fmt: skip
    """Seat ``person`` on the council. ``unit``: where the member works (the person's unit when not given), used
    for conflicts of interest; ``user``: the account the member votes with."""
    if by is not None and not permissions.can_manage_council(by, council):
        raise PermissionDenied
    values = {"person": person, "role": role, "is_secretary": bool(is_secretary), "unit": unit or person.unit,
              "user": user, "position": _clean(position), "from_date": from_date or council.term_from,
              "to_date": to_date if to_date is not None else council.term_to}  # fmt: skip
    _check_member(council, values)
    member = CouncilMember.objects.create(council=council, **values)
    audit.record(member, by=by, action="create", after=audit.snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def update_member(member: CouncilMember, *, by: User | None, **fields: Any) -> CouncilMember:
    """Change a seat (role, secretary, unit, account, position, dates). Ending a seat is setting ``to_date``."""
    locked = (
        CouncilMember.objects.select_for_update().select_related("council__unit", "person").get(pk=member.pk)
    )
    if by is not None and not permissions.can_manage_council(by, locked.council):
        raise PermissionDenied
    unknown = set(fields) - set(MEMBER_EDITABLE)
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    before = audit.snapshot(locked, MEMBER_FIELDS)
    values = {name: getattr(locked, name) for name in MEMBER_EDITABLE}
    values.update({k: (_clean(v) if isinstance(v, str) else v) for k, v in fields.items()})
    _check_member(locked.council, {**values, "person": locked.person}, exclude=locked.pk)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.save()
    audit.record(locked, by=by, action="update", before=before, after=audit.snapshot(locked, MEMBER_FIELDS))
    return locked


@transaction.atomic
def archive_member(member: CouncilMember, *, by: User | None, reason: str = "") -> CouncilMember:
    """Take a seat off the list (a member entered by mistake); a member who served is ended with ``to_date``."""
    locked = CouncilMember.objects.select_for_update().select_related("council__unit").get(pk=member.pk)
    if by is not None and not permissions.can_manage_council(by, locked.council):
        raise PermissionDenied
    if locked.casts.exists() or locked.attendance.exists():
        raise ValidationError(_("Thành viên đã dự họp hoặc bỏ phiếu: ghi ngày kết thúc thay vì lưu trữ."))
    before = audit.snapshot(locked, MEMBER_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, MEMBER_FIELDS),
                 note=_clean(reason))  # fmt: skip
    return locked


# --- sessions and agenda ----------------------------------------------------------------------------------------


def _check_runner(by: User | None, council: Council) -> None:
    if by is not None and not permissions.can_run_session(by, council):
        raise PermissionDenied


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("council", "council__unit").get(pk=session.pk)


@transaction.atomic
def create_session(council: Council, *, by: User | None, held_on: datetime.date, place: str = "",
                   voting_mode: str = VotingMode.ELECTRONIC, number: int | None = None, note: str = "") -> Session:  # fmt: skip
    _check_runner(by, council)
    locked = Council.objects.select_for_update().get(pk=council.pk)
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = _("Cần ghi ngày họp.")
    elif held_on < locked.term_from or (locked.term_to is not None and held_on > locked.term_to):
        errors["held_on"] = _("Ngày họp phải trong nhiệm kỳ của Hội đồng.")
    if voting_mode not in VotingMode.values:
        errors["voting_mode"] = _("Hình thức bỏ phiếu không hợp lệ.")
    if number is None:
        number = (Session.objects.filter(council=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    elif Session.objects.filter(council=locked, number=number).exists():
        errors["number"] = _("Hội đồng đã có phiên họp số %(n)s.") % {"n": number}
    if errors:
        raise ValidationError(errors)
    session = Session.objects.create(council=locked, number=number, held_on=held_on, place=_clean(place),
                                     voting_mode=voting_mode, note=nfc(note or "").strip())  # fmt: skip
    audit.record(session, by=by, action="create", after=audit.snapshot(session, SESSION_FIELDS))
    return session


@transaction.atomic
def update_session(session: Session, *, by: User | None, **fields: Any) -> Session:
    """Date, place, voting mode and notes, before voting opens (notes at any time)."""
    locked = _locked_session(session)
    _check_runner(by, locked.council)
    allowed = {"held_on", "place", "voting_mode", "note"}
    if set(fields) - allowed:
        raise TypeError(f"unknown session fields: {sorted(set(fields) - allowed)}")
    if not locked.is_planned and set(fields) - {"note"}:
        raise ValidationError(_("Phiên họp đã mở bỏ phiếu: chỉ còn sửa được ghi chú."))
    before = audit.snapshot(locked, SESSION_FIELDS)
    for key, value in fields.items():
        setattr(locked, key, _clean(value) if key == "place" else value)
    council = locked.council
    if locked.held_on < council.term_from or (
        council.term_to is not None and locked.held_on > council.term_to
    ):
        raise ValidationError({"held_on": _("Ngày họp phải trong nhiệm kỳ của Hội đồng.")})
    if locked.voting_mode not in VotingMode.values:
        raise ValidationError({"voting_mode": _("Hình thức bỏ phiếu không hợp lệ.")})
    locked.save()
    audit.record(locked, by=by, action="update", before=before, after=audit.snapshot(locked, SESSION_FIELDS))
    return locked


def _within(unit: Unit, council_unit: Unit, day: datetime.date) -> bool:
    """``unit`` lies in the council unit's subtree today or on the session's date (the tree of then)."""
    if unit.path.startswith(council_unit.path):
        return True
    then = paths_on(day, [unit.pk, council_unit.pk])
    return (then.get(unit.pk) or unit.path).startswith(then.get(council_unit.pk) or council_unit.path)


@transaction.atomic
def add_agenda_item(session: Session, *, by: User | None, label: str = "", person: Person | None = None,
                    collective: Unit | None = None, unit: Unit | None = None, award: Award | None = None,
                    source: str = "") -> AgendaItem:  # fmt: skip
    """Put a nominee on the agenda. ``unit`` is the nominee's unit (the person's unit, or the collective itself,
    when not given); ``source`` an optional key of the record behind the item (e.g. "proposals.nomination:12"),
    unique in the session. The label defaults to "<nominee> – <title or form>"."""
    locked = _locked_session(session)
    _check_runner(by, locked.council)
    if not locked.is_planned:
        raise ValidationError(_("Phiên họp đã mở bỏ phiếu: không thêm nội dung được nữa."))
    errors: dict[str, str] = {}
    if person is not None and collective is not None:
        errors["collective"] = _("Mỗi nội dung chỉ đề nghị một cá nhân hoặc một tập thể.")
    unit = unit or collective or (person.unit if person is not None else None)
    if unit is None:
        errors["unit"] = _("Cần ghi đơn vị của người, tập thể được đề nghị.")
    elif not _within(unit, locked.council.unit, locked.held_on):
        errors["unit"] = _("Đơn vị của người, tập thể được đề nghị phải thuộc %(unit)s.") % {
            "unit": locked.council.unit.name
        }
    if award is not None and person is not None and not award.for_individuals:
        errors["award"] = _("“%(a)s” không xét tặng cho cá nhân.") % {"a": award.name}
    if award is not None and collective is not None and not award.for_collectives:
        errors["award"] = _("“%(a)s” không xét tặng cho tập thể.") % {"a": award.name}
    source = _clean(source)[:100]
    if source and AgendaItem.objects.filter(session=locked, source=source).exists():
        errors["source"] = _("Hồ sơ này đã có trong chương trình phiên họp.")
    label = _clean(label)
    if not label:
        nominee = person or collective
        if nominee is None and award is None:
            errors["label"] = _("Cần ghi nội dung biểu quyết.")
        label = " – ".join(str(x) for x in (nominee, award) if x is not None)
    if errors or unit is None:
        raise ValidationError(errors)
    position = (AgendaItem.objects.filter(session=locked).aggregate(n=Max("position"))["n"] or 0) + 1
    item = AgendaItem.objects.create(session=locked, position=position, label=label[:500], person=person,
                                     collective=collective, unit=unit, award=award, source=source)  # fmt: skip
    audit.record(item, by=by, action="create", after=audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def archive_agenda_item(item: AgendaItem, *, by: User | None, reason: str = "") -> AgendaItem:
    """Take an item off the agenda before voting opens."""
    session = _locked_session(item.session)
    _check_runner(by, session.council)
    if not session.is_planned:
        raise ValidationError(_("Phiên họp đã mở bỏ phiếu: không bỏ nội dung khỏi chương trình được nữa."))
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(locked, ITEM_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, ITEM_FIELDS),
                 note=_clean(reason))  # fmt: skip
    return locked


@transaction.atomic
def record_attendance(session: Session, *, by: User | None, statuses: Mapping[int, str]) -> Session:
    """Who is present, absent with a written opinion, or absent (member id -> status), before voting opens."""
    locked = _locked_session(session)
    _check_runner(by, locked.council)
    if not locked.is_planned:
        raise ValidationError(_("Phiên họp đã mở bỏ phiếu: không sửa điểm danh được nữa."))
    members = {m.pk: m for m in members_on(locked.council, locked.held_on)}
    current = {a.member_id: a for a in Attendance.objects.filter(session=locked)}
    changes: dict[str, list[Any]] = {}
    for member_id, status in statuses.items():
        member = members.get(int(member_id))
        if member is None:
            raise ValidationError(_("Người này không phải thành viên Hội đồng vào ngày họp."))
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Tình trạng dự họp của %(p)s không hợp lệ.") % {"p": member.person})
        row = current.get(member.pk)
        if row is None:
            Attendance.objects.create(session=locked, member=member, status=status)
            changes[str(member.person)] = [None, status]
        elif row.status != status:
            changes[str(member.person)] = [row.status, status]
            row.status = status
            row.save(update_fields=["status"])
    if changes:
        audit.record(locked, by=by, action="record_attendance", before={k: v[0] for k, v in changes.items()},
                     after={k: v[1] for k, v in changes.items()})  # fmt: skip
    return locked


@transaction.atomic
def record_recusal(item: AgendaItem, member: CouncilMember, *, by: User | None,
                   reason: str = RecusalReason.DECLARED, note: str = "") -> Recusal:  # fmt: skip
    """The member takes no part in the vote on this item (before voting closes, and before they have voted)."""
    session = _locked_session(item.session)
    _check_runner(by, session.council)
    if session.is_closed:
        raise ValidationError(_("Phiên họp đã kết thúc bỏ phiếu."))
    if member.council_id != session.council_id or not member.serves_on(session.held_on):
        raise ValidationError(_("Người này không phải thành viên Hội đồng vào ngày họp."))
    if reason not in RecusalReason.values:
        raise ValidationError({"reason": _("Lý do không hợp lệ.")})
    if VoteCast.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Thành viên đã bỏ phiếu nội dung này."))
    if Recusal.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Thành viên đã được ghi không tham gia biểu quyết nội dung này."))
    recusal = Recusal.objects.create(item=item, member=member, reason=reason, note=_clean(note)[:300])
    audit.record(item, by=by, action="recuse", after={"member": str(member.person), "reason": reason},
                 note=recusal.get_reason_display())  # fmt: skip
    return recusal


@transaction.atomic
def open_voting(session: Session, *, by: User | None) -> Session:
    """Open the vote: the quorum must be met; every conflict of interest worked out from the tree is recorded as
    a recusal; attendance and agenda are frozen."""
    locked = _locked_session(session)
    _check_runner(by, locked.council)
    if not locked.is_planned:
        raise ValidationError(_("Phiên họp đã mở bỏ phiếu."))
    view = session_view(locked)
    if not view.items:
        raise ValidationError(_("Chương trình phiên họp chưa có nội dung biểu quyết."))
    if not view.has_quorum:
        raise ValidationError(_(
            "Chưa đủ số thành viên dự họp: có mặt %(p)s/%(t)s, cần ít nhất %(n)s (%(num)s/%(den)s tổng số thành viên)."
        ) % {"p": len(view.present), "t": len(view.members), "n": view.quorum_needed,
             "num": locked.council.quorum_numerator, "den": locked.council.quorum_denominator})  # fmt: skip
    recorded = {(r.item_id, r.member_id) for r in Recusal.objects.filter(item__session=locked)}
    members = {m.pk: m for m in view.members}
    for item_view in view.items:
        for member_id, reason in item_view.conflicts.items():
            if (item_view.item.pk, member_id) not in recorded:
                Recusal.objects.create(item=item_view.item, member=members[member_id], reason=reason)
                audit.record(item_view.item, by=by, action="recuse",
                             after={"member": str(members[member_id].person), "reason": reason})  # fmt: skip
    before = audit.snapshot(locked, SESSION_FIELDS)
    locked.status = SessionStatus.VOTING
    locked.opened_at = timezone.now()
    locked.save(update_fields=["status", "opened_at", "updated_at"])
    audit.record(
        locked, by=by, action="open_voting", before=before, after=audit.snapshot(locked, SESSION_FIELDS)
    )
    return locked


@transaction.atomic
def cast_ballots(session: Session, *, by: User, choices: Mapping[int, str]) -> str:
    """The member tied to ``by`` casts a secret ballot on each item of ``choices`` (item id -> "agree" or
    "disagree"). All or nothing: a refusal on one item refuses the whole submission. Returns the receipt code
    (shown once; only its hash is kept, on each ballot)."""
    locked = _locked_session(session)
    seat = permissions.seat_of(by, locked.council)
    if seat is None or not permissions.can_vote(by, locked, seat):
        raise PermissionDenied
    if not locked.is_voting:
        raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
    if locked.voting_mode != VotingMode.ELECTRONIC:
        raise ValidationError(_("Phiên họp này bỏ phiếu bằng phiếu giấy."))
    present = Attendance.objects.filter(session=locked, member=seat, status=AttendanceStatus.PRESENT).exists()
    if not present:
        raise ValidationError(_("Chỉ thành viên có mặt tại phiên họp mới bỏ phiếu trên hệ thống; thành viên vắng "
                                "mặt gửi phiếu ý kiến bằng văn bản."))  # fmt: skip
    if not choices:
        raise ValidationError(_("Chưa chọn nội dung nào để bỏ phiếu."))
    items = {i.pk: i for i in AgendaItem.objects.current().filter(session=locked, pk__in=[int(k) for k in choices])
             .select_related("unit")}  # fmt: skip
    recused = set(Recusal.objects.filter(item__session=locked, member=seat).values_list("item_id", flat=True))
    voted = set(VoteCast.objects.filter(item__session=locked, member=seat).values_list("item_id", flat=True))
    paths = paths_on(locked.held_on, [seat.unit_id, *(i.unit_id for i in items.values())])
    code = new_receipt_code()
    casts, ballots = [], []
    for raw_id, choice in choices.items():
        item = items.get(int(raw_id))
        if item is None:
            raise ValidationError(_("Nội dung biểu quyết không thuộc phiên họp này."))
        if choice not in Choice.values:
            raise ValidationError(_("Lựa chọn cho “%(i)s” không hợp lệ.") % {"i": item.label})
        if item.pk in recused or conflict_reason(seat, item, paths):
            raise ValidationError(_("Thành viên không tham gia biểu quyết “%(i)s”.") % {"i": item.label})
        if item.pk in voted:
            raise ValidationError(_("Thành viên đã bỏ phiếu “%(i)s”: mỗi thành viên chỉ bỏ một phiếu.") % {
                "i": item.label})  # fmt: skip
        casts.append(VoteCast(item=item, member=seat))
        ballots.append(
            Ballot(id=uuid.uuid4(), item=item, choice=choice, receipt_hash=receipt_hash(code, item.pk))
        )
    secrets.SystemRandom().shuffle(ballots)
    VoteCast.objects.bulk_create(casts)
    Ballot.objects.bulk_create(ballots)
    for cast in casts:  # "X voted on item Y": no choice, no changes
        audit.record(cast.item, by=by, action="cast_vote", after={})
    return code


@transaction.atomic
def record_paper_tally(
    item: AgendaItem, *, by: User | None, agree: int, disagree: int, invalid: int = 0
) -> PaperTally:
    """The counts of one item's paper ballots, from the vote-counting minutes (paper sessions, while voting)."""
    session = _locked_session(item.session)
    _check_runner(by, session.council)
    if session.voting_mode != VotingMode.PAPER:
        raise ValidationError(_("Phiên họp này bỏ phiếu trên hệ thống."))
    if not session.is_voting:
        raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
    counts = {"agree": agree, "disagree": disagree, "invalid": invalid}
    for key, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError({key: _("Số phiếu phải là số nguyên không âm.")})
    view = session_view(session)
    item_view = next((v for v in view.items if v.item.pk == item.pk), None)
    if item_view is None:
        raise ValidationError(_("Nội dung biểu quyết không thuộc phiên họp này."))
    eligible = len({m.pk for m in view.present} - set(item_view.recused))
    if agree + disagree + invalid > eligible:
        raise ValidationError({"agree": _(
            "Tổng số phiếu (%(n)s) vượt số thành viên có mặt được biểu quyết nội dung này (%(e)s).") % {
            "n": agree + disagree + invalid, "e": eligible}})  # fmt: skip
    tally = PaperTally.objects.filter(item=item).first()
    before = {"agree": tally.agree, "disagree": tally.disagree, "invalid": tally.invalid} if tally else {}
    if tally is None:
        tally = PaperTally.objects.create(item=item, **counts)
    else:
        for key, value in counts.items():
            setattr(tally, key, value)
        tally.save()
    audit.record(item, by=by, action="record_paper_tally", before=before, after=counts)
    return tally


@transaction.atomic
def record_written_opinion(
    item: AgendaItem, member: CouncilMember, *, by: User | None, choice: str
) -> WrittenOpinion:
    """An absent member's signed written opinion on an item (attendance "absent with a written opinion")."""
    session = _locked_session(item.session)
    _check_runner(by, session.council)
    if session.is_closed:
        raise ValidationError(_("Phiên họp đã kết thúc bỏ phiếu."))
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Ý kiến không hợp lệ.")})
    status = (
        Attendance.objects.filter(session=session, member=member).values_list("status", flat=True).first()
    )
    if member.council_id != session.council_id or status != AttendanceStatus.WRITTEN:
        raise ValidationError(_("Chỉ ghi ý kiến bằng văn bản của thành viên vắng mặt có phiếu ý kiến."))
    paths = paths_on(session.held_on, [member.unit_id, item.unit_id])
    if Recusal.objects.filter(item=item, member=member).exists() or conflict_reason(member, item, paths):
        raise ValidationError(_("Thành viên không tham gia biểu quyết nội dung này."))
    opinion = WrittenOpinion.objects.filter(item=item, member=member).first()
    before = {"choice": opinion.choice} if opinion else {}
    if opinion is None:
        opinion = WrittenOpinion.objects.create(item=item, member=member, choice=choice)
    else:
        opinion.choice = choice
        opinion.save(update_fields=["choice"])
    audit.record(item, by=by, action="record_written_opinion", before=before,
                 after={"member": str(member.person), "choice": choice})  # fmt: skip
    return opinion


def _shuffle_ballots(session: Session) -> int:
    """Re-insert the session's ballots in a random order with new random ids: neither the ids nor the physical
    order of the rows keeps the order in which they were cast."""
    rows = list(Ballot.objects.filter(item__session=session).values_list("item_id", "choice", "receipt_hash"))
    Ballot.objects.filter(item__session=session).delete()
    secrets.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create(
        [
            Ballot(id=uuid.uuid4(), item_id=item_id, choice=choice, receipt_hash=h)
            for item_id, choice, h in rows
        ]
    )
    return len(rows)


@transaction.atomic
def close_voting(session: Session, *, by: User | None) -> Session:
    """Close the vote: shuffle the ballots, count each item and store its result with the threshold explained."""
    locked = _locked_session(session)
    _check_runner(by, locked.council)
    if not locked.is_voting:
        raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
    if locked.voting_mode == VotingMode.PAPER:
        missing = AgendaItem.objects.current().filter(session=locked, paper_tally__isnull=True)
        first = missing.first()
        if first is not None:
            raise ValidationError(_("Chưa nhập kết quả kiểm phiếu giấy của “%(i)s”.") % {"i": first.label})
    else:
        _shuffle_ballots(locked)
    view = session_view(locked, with_counts=True)
    for item_view in view.items:
        tally = item_view.tally
        assert tally is not None  # noqa: S101 - with_counts gives every item its tally
        item = item_view.item
        before = audit.snapshot(item, RESULT_FIELDS)
        t = tally.threshold
        item.result = ItemResult.PASSED if tally.passed else ItemResult.NOT_PASSED
        item.yes_count, item.no_count, item.invalid_count = tally.yes, tally.no, tally.invalid
        item.written_yes, item.written_no = tally.written_yes, tally.written_no
        item.base_count, item.recused_count = max(tally.base, 0), tally.recused
        item.threshold_percent, item.threshold_strict, item.vote_base = t.percent, t.strict, t.base
        item.recused_leave_base, item.threshold_citation = t.recused_leave_base, t.citation[:300]
        item.result_note = tally.explanation()
        item.save(update_fields=[*RESULT_FIELDS, "updated_at"])
        audit.record(
            item, by=by, action="record_result", before=before, after=audit.snapshot(item, RESULT_FIELDS)
        )
    before = audit.snapshot(locked, SESSION_FIELDS)
    locked.status = SessionStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(
        locked, by=by, action="close_voting", before=before, after=audit.snapshot(locked, SESSION_FIELDS)
    )
    return locked


# --- what a regulation says of the vote's base --------------------------------------------------------------------


@transaction.atomic
def set_voting_basis(regulation: Regulation, *, by: User | None, recused_leave_base: bool, wording: str,
                     citation: str, award: Award | None = None, written_opinions_count: bool = True,
                     mark: str = Mark.UNVERIFIED, note: str = "") -> VotingBasis:  # fmt: skip
    """Say whether a member who takes no part in an item leaves the base of ``regulation``'s threshold (for one
    ``award``, or for all its rules), quoting its ``wording``. A federation's own layer is set by those who edit it;
    the State's and the confederation's rows only by the system or a system administrator."""
    if by is not None:
        allowed = (
            can_edit_regulation(by, regulation)
            if regulation.layer == Layer.FEDERATION
            else sees_everything(by)
        )
        if not allowed:
            raise PermissionDenied
    wording, citation = nfc(wording or "").strip(), _clean(citation)
    errors: dict[str, str] = {}
    if not wording:
        errors["wording"] = _("Cần trích nội dung quy định.")
    if not citation:
        errors["citation"] = _("Cần ghi trích dẫn (văn bản, điều, khoản).")
    if mark not in Mark.values:
        errors["mark"] = _("Mức xác minh không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    basis = VotingBasis.objects.select_for_update().filter(regulation=regulation, award=award).first()
    fields = ["regulation_id", "award_id", "recused_leave_base", "written_opinions_count", "wording", "citation",
              "mark", "note"]  # fmt: skip
    before = audit.snapshot(basis, fields) if basis else {}
    values = {"recused_leave_base": bool(recused_leave_base), "written_opinions_count": bool(written_opinions_count),
              "wording": wording, "citation": citation, "mark": mark, "note": nfc(note or "").strip()}  # fmt: skip
    if basis is None:
        basis = VotingBasis.objects.create(regulation=regulation, award=award, **values)
    else:
        for key, value in values.items():
            setattr(basis, key, value)
        basis.save()
    audit.record(basis, by=by, action="update" if before else "create", before=before,
                 after=audit.snapshot(basis, fields))  # fmt: skip
    return basis
