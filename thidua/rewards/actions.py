"""The only writes of reward decisions: registers, drafts and their lines, issuing (the number and the permanent
record), revoking, imported history. Every write checks the acting user (``by=None`` is the system itself: demo,
imports already checked) and is audited.

Numbers (decision 0023): ``issue_decision`` takes the register's row under ``select_for_update`` (PostgreSQL) inside
a transaction that on SQLite begins IMMEDIATE (settings): either way two issuers of one register queue, so a number
of a system-kept register is never repeated nor skipped. An external register takes the clerk's number, unique in
the register (the database says so too).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.orgs.models import Person, Unit, UnitVersion
from thidua.registrations.models import Award

from . import money
from .models import (
    AwardRecord,
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionRegister,
    DecisionStatus,
    RecordSource,
    RegisterMode,
    Revocation,
    RevocationReason,
    SignMode,
)
from .permissions import (
    can_edit_decision,
    can_import_history,
    can_issue_decision,
    can_revoke_award,
    can_reward,
    can_sign,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REGISTER_FIELDS = ["issuer_id", "year", "symbol", "mode", "next_number", "place", "archived_at"]
DECISION_FIELDS = ["register_id", "number", "issuer_id", "kind", "decided_on", "title", "legal_bases",
                   "signer_name", "signer_position", "sign_mode", "sign_for", "status", "issued_at",
                   "archived_at"]  # fmt: skip
DECISION_DETAILS = ("kind", "decided_on", "title", "legal_bases", "signer_name", "signer_position", "sign_mode",
                    "sign_for")  # fmt: skip
RECORD_FIELDS = ["person_id", "unit_id", "award_id", "year", "decided_on", "issuer_id", "issuer_name",
                 "decision_number", "decision_line_id", "unit_at_time_id", "source", "amount", "revoked_id"]  # fmt: skip
MAX_LINES = 5000


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _text(value: str | None) -> str:
    """Multi-line text: each line cleaned, empty lines dropped."""
    return "\n".join(line for line in (_clean(x) for x in str(value or "").splitlines()) if line)


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


# --- registers -------------------------------------------------------------------------------------------------


def _check_register_fields(year: Any, symbol: str, mode: str, next_number: Any) -> None:
    errors: dict[str, str] = {}
    if not isinstance(year, int) or not 1990 <= year <= 2200:
        errors["year"] = _("Năm không hợp lệ.")
    if not symbol:
        errors["symbol"] = _("Cần ghi ký hiệu quyết định (ví dụ QĐ-LĐLĐ).")
    elif "/" in symbol:
        errors["symbol"] = _("Ký hiệu không gồm số và dấu “/” (ghi QĐ-LĐLĐ, không ghi 45/QĐ-LĐLĐ).")
    if mode not in RegisterMode.values:
        errors["mode"] = _("Cách cấp số không hợp lệ.")
    if not isinstance(next_number, int) or isinstance(next_number, bool) or next_number < 1:
        errors["next_number"] = _("Số tiếp theo phải là số nguyên từ 1.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_register(issuer: Unit, *, by: User | None, year: int, symbol: str, mode: str = RegisterMode.SYSTEM,
                    next_number: int = 1, place: str = "") -> DecisionRegister:  # fmt: skip
    """A register of ``issuer``'s reward decisions for ``year``. ``next_number`` above 1 when the year's series
    began before the system (the numbers given on paper are not reused)."""
    if by is not None and not can_reward(by, issuer):
        raise PermissionDenied
    symbol = _clean(symbol)
    _check_register_fields(year, symbol, mode, next_number)
    if DecisionRegister.objects.filter(issuer=issuer, year=year, symbol=symbol).exists():
        raise ValidationError({"symbol": _("Đơn vị đã có sổ quyết định ký hiệu “%(symbol)s” năm %(year)s.")
                               % {"symbol": symbol, "year": year}})  # fmt: skip
    register = DecisionRegister.objects.create(issuer=issuer, year=year, symbol=symbol, mode=mode,
                                               next_number=next_number, place=_clean(place)[:100],
                                               created_by=_actor(by))  # fmt: skip
    audit.record(register, by=by, action="create_register", after=audit.snapshot(register, REGISTER_FIELDS))
    return register


@transaction.atomic
def update_register(register: DecisionRegister, *, by: User | None, **fields: Any) -> DecisionRegister:
    """Change the place, or — while nothing has been issued in it — the mode and the next number."""
    locked = DecisionRegister.objects.select_for_update().select_related("issuer").get(pk=register.pk)
    if by is not None and not can_reward(by, locked.issuer):
        raise PermissionDenied
    unknown = set(fields) - {"place", "mode", "next_number"}
    if unknown:
        raise TypeError(f"update_register: unknown fields {sorted(unknown)}")
    before = audit.snapshot(locked, REGISTER_FIELDS)
    numbering = {
        k: fields[k] for k in ("mode", "next_number") if k in fields and fields[k] != getattr(locked, k)
    }
    if numbering and locked.decisions.filter(status=DecisionStatus.ISSUED).exists():
        raise ValidationError(_("Sổ đã có quyết định ban hành: không đổi cách cấp số, số tiếp theo được."))
    mode = numbering.get("mode", locked.mode)
    next_number = numbering.get("next_number", locked.next_number)
    _check_register_fields(locked.year, locked.symbol, mode, next_number)
    locked.mode, locked.next_number = mode, next_number
    if "place" in fields:
        locked.place = _clean(fields["place"])[:100]
    locked.save()
    audit.record(locked, by=by, action="update_register", before=before,
                 after=audit.snapshot(locked, REGISTER_FIELDS))  # fmt: skip
    return locked


# --- drafts ----------------------------------------------------------------------------------------------------


@dataclass
class LineInput:
    """One awardee of a decision: a person or (for a collective) a unit, the catalog code of the title or form,
    the counting period (``year``) and the achievement. ``source`` is the caller's key ("proposals.nominee:12").
    The money is worked out by the action, never given."""

    award: str
    year: int
    person: Person | None = None
    unit: Unit | None = None
    unit_at_time: Unit | None = None
    reason: str = ""
    name_at_time: str = ""
    position_at_time: str = ""
    source: str = ""


def _line_input(line: DecisionLine) -> LineInput:
    return LineInput(award=line.award.code, year=line.year, person=line.person, unit=line.unit,
                     unit_at_time=line.unit_at_time, reason=line.reason, name_at_time=line.name_at_time,
                     position_at_time=line.position_at_time, source=line.source)  # fmt: skip


def _awardee_key(line: LineInput) -> tuple[str, int]:
    return ("person", line.person.pk) if line.person is not None else ("unit", line.unit.pk)  # type: ignore[union-attr]


def _build_lines(decision: Decision, inputs: Sequence[LineInput]) -> list[DecisionLine]:
    """Check the lines, work out their money on the decision's date, and pay only the highest title of each
    awardee's counting period. Raises one ValidationError listing every line's problems ("Dòng 3: …")."""
    if len(inputs) > MAX_LINES:
        raise ValidationError({"lines": _("Một quyết định có tối đa %(n)s dòng.") % {"n": MAX_LINES}})
    awards = {a.code: a for a in Award.objects.filter(code__in={i.award for i in inputs})}
    unit_ids = {i.unit.pk for i in inputs if i.unit is not None} | {
        i.unit_at_time.pk for i in inputs if i.unit_at_time is not None
    }
    person_units = dict(
        Person.objects.filter(pk__in={i.person.pk for i in inputs if i.person is not None}).values_list(
            "pk", "unit_id"
        )
    )
    ids = unit_ids | {u for u in person_units.values() if u}
    paths = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "path"))
    issuer = decision.issuer
    # The tree as it stood on the decision's date: a 2017 decision of a federation merged since still covers the
    # units that were under it then.
    then = dict(
        UnitVersion.objects.filter(unit_id__in=ids | {issuer.pk})
        .as_of(decision.decided_on)
        .values_list("unit_id", "path")
    )
    issuer_then = then.get(issuer.pk, issuer.path)

    def inside(unit_id: int) -> bool:
        return paths.get(unit_id, "").startswith(issuer.path) or then.get(unit_id, "\0").startswith(
            issuer_then
        )

    errors: list[str] = []
    seen: dict[tuple, int] = {}
    built: list[tuple[LineInput, DecisionLine, money.Money]] = []
    bases: dict[tuple[str, bool], money.Money] = {}  # one catalog read per title and kind of awardee
    for index, item in enumerate(inputs, start=1):
        problems: list[str] = []
        award = awards.get(item.award)
        if (item.person is None) == (item.unit is None):
            problems.append(_("ghi một cá nhân hoặc một tập thể"))
        if award is None:
            problems.append(_("không có danh hiệu, hình thức mã “%(code)s”") % {"code": item.award})
        elif item.person is not None and not award.for_individuals:
            problems.append(_("“%(award)s” chỉ tặng tập thể") % {"award": award.name})
        elif item.unit is not None and not award.for_collectives:
            problems.append(_("“%(award)s” chỉ tặng cá nhân") % {"award": award.name})
        if not isinstance(item.year, int) or not 1990 <= item.year <= decision.decided_on.year:
            problems.append(_("năm thành tích phải từ 1990 đến năm của quyết định"))
        if not problems:
            owner = item.unit.pk if item.unit is not None else person_units.get(item.person.pk)  # type: ignore[union-attr]
            at_time = item.unit_at_time.pk if item.unit_at_time is not None else None
            if not any(inside(u) for u in (owner, at_time) if u):
                problems.append(_("không thuộc phạm vi của %(issuer)s") % {"issuer": issuer.name})
            key = (_awardee_key(item), item.award, item.year)
            if key in seen:
                problems.append(_("trùng với dòng %(n)s") % {"n": seen[key]})
            seen.setdefault(key, index)
        basis = None
        if not problems:
            money_key = (item.award, item.unit is not None)
            try:
                if money_key not in bases:
                    bases[money_key] = money.money_or_none(
                        item.award, money_key[1], decision.decided_on, issuer
                    )
                basis = bases[money_key]
            except money.MoneyError as error:
                problems.append(error.messages[0])
        if problems:
            errors.append(_("Dòng %(n)s: %(problems)s.") % {"n": index, "problems": "; ".join(problems)})
            continue
        assert award is not None and basis is not None  # noqa: S101 - checked above
        person, unit = item.person, item.unit
        line = DecisionLine(
            decision=decision, person=person, unit=unit, award=award, year=item.year,
            unit_at_time_id=(item.unit_at_time.pk if item.unit_at_time is not None
                             else (unit.pk if unit is not None else person_units.get(person.pk))),  # type: ignore[union-attr]
            name_at_time=_clean(item.name_at_time or (person.full_name if person else unit.name))[:300],  # type: ignore[union-attr]
            position_at_time=_clean(item.position_at_time)[:300], reason=_text(item.reason),
            multiplier=basis.multiplier, base_salary=basis.base_salary, amount=basis.amount,
            citation=basis.citation, source=_clean(item.source)[:120], sort=index,
        )  # fmt: skip
        built.append((item, line, basis))
    if errors:
        raise ValidationError({"lines": errors})
    _check_not_awarded_yet([(item, line) for item, line, _basis in built])
    candidates = [
        money.Candidate(
            awardee=_awardee_key(item),
            year=item.year,
            kind=line.award.kind,
            amount=line.amount,
            rank=line.award.rank,
            ref=line,
        )  # fmt: skip
        for item, line, _basis in built
    ]
    paid = money.title_money_paid({(c.awardee, c.year) for c in candidates if c.kind == "title"})
    for candidate in money.pay_highest_title_only(candidates, paid):
        line = candidate.ref  # type: ignore[assignment]
        if candidate.paid != line.amount:
            line.amount = candidate.paid
            line.citation = f"{line.citation}. {candidate.note}"[:500]
    return [line for _item, line, _basis in built]


def _check_not_awarded_yet(pairs: Sequence[tuple[LineInput, DecisionLine]]) -> None:
    """The same title or form for the same counting period is never given twice: a standing record says so."""
    if not pairs:
        return
    from django.db.models import Q

    # A coarse, bounded filter (the awards, years and awardees in play) then the exact pairs in Python: one OR per
    # line made an expression tree SQLite refuses at about a thousand lines.
    person_ids = {item.person.pk for item, _line in pairs if item.person is not None}
    unit_ids = {item.unit.pk for item, _line in pairs if item.unit is not None}  # type: ignore[union-attr]
    existing = AwardRecord.objects.filter(
        Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids),
        award_id__in={line.award_id for _item, line in pairs},
        year__in={item.year for item, _line in pairs},
        revoked__isnull=True,
    ).select_related("decision_line__decision__register", "award")
    taken = {(r.person_id, r.unit_id, r.award_id, r.year): r for r in existing}
    errors = []
    for index, (item, line) in enumerate(pairs, start=1):
        person_id = item.person.pk if item.person is not None else None
        unit_id = item.unit.pk if item.unit is not None else None
        record = taken.get((person_id, unit_id, line.award_id, item.year))
        if record is not None:
            errors.append(
                _("Dòng %(n)s: %(who)s đã được tặng “%(award)s” năm %(year)s (quyết định %(ref)s).")
                % {
                    "n": line.sort or index,
                    "who": line.name_at_time,
                    "award": record.award.name,
                    "year": item.year,
                    "ref": record.reference or "—",
                }  # fmt: skip
            )
    if errors:
        raise ValidationError({"lines": errors})


def _check_details(
    register: DecisionRegister, details: dict[str, Any], *, revocation: bool = False
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if (details.get("kind") == DecisionKind.REVOCATION) != revocation:
        errors["kind"] = _("Quyết định thu hồi khen thưởng được ban hành từ trang thu hồi, không soạn như quyết "
                           "định khen thưởng.")  # fmt: skip
    decided_on = details.get("decided_on")
    if not isinstance(decided_on, datetime.date):
        errors["decided_on"] = _("Cần ghi ngày quyết định.")
    elif decided_on.year != register.year:
        errors["decided_on"] = _("Ngày quyết định phải trong năm %(year)s của sổ.") % {"year": register.year}
    details["title"] = _clean(details.get("title"))[:500]
    if not details["title"]:
        errors["title"] = _("Cần ghi trích yếu quyết định.")
    details["legal_bases"] = _text(details.get("legal_bases"))
    for name in ("signer_name", "signer_position", "sign_for"):
        details[name] = _clean(details.get(name))[:150]
    if details.get("kind") not in DecisionKind.values:
        errors["kind"] = _("Loại khen thưởng không hợp lệ.")
    if details.get("sign_mode") not in SignMode.values:
        errors["sign_mode"] = _("Thể thức ký không hợp lệ.")
    elif details["sign_mode"] != SignMode.DIRECT and not details["sign_for"]:
        errors["sign_for"] = _("Ký TM. cần ghi tập thể lãnh đạo; ký KT. cần ghi chức danh người đứng đầu.")
    if errors:
        raise ValidationError(errors)
    return details


def _replace_lines(decision: Decision, inputs: Sequence[LineInput]) -> list[DecisionLine]:
    lines = _build_lines(decision, inputs)
    DecisionLine.objects.filter(
        decision=decision
    ).delete()  # a draft's lines: never issued, nothing refers to them
    return DecisionLine.objects.bulk_create(lines)


def _lines_summary(decision: Decision) -> dict[str, Any]:
    from django.db.models import Count, Sum

    totals = decision.lines.aggregate(count=Count("id"), amount=Sum("amount"))
    return {"lines": totals["count"], "amount": totals["amount"] or 0}


@transaction.atomic
def create_decision(register: DecisionRegister, *, by: User | None, decided_on: datetime.date, title: str,
                    lines: Sequence[LineInput] = (), legal_bases: str = "", kind: str = DecisionKind.ACHIEVEMENT,
                    signer_name: str = "", signer_position: str = "", sign_mode: str = SignMode.DIRECT,
                    sign_for: str = "") -> Decision:  # fmt: skip
    """A draft decision in ``register`` with its lines, money worked out from the catalog on ``decided_on``."""
    register = DecisionRegister.objects.select_related("issuer").get(pk=register.pk)
    if by is not None and not can_reward(by, register.issuer):
        raise PermissionDenied
    if register.archived_at is not None:
        raise ValidationError(_("Sổ quyết định đã lưu trữ."))
    details = _check_details(register, {
        "decided_on": decided_on, "title": title, "legal_bases": legal_bases, "kind": kind,
        "signer_name": signer_name, "signer_position": signer_position, "sign_mode": sign_mode, "sign_for": sign_for,
    })  # fmt: skip
    decision = Decision.objects.create(
        register=register, issuer=register.issuer, created_by=_actor(by), **details
    )
    _replace_lines(decision, lines)
    audit.record(decision, by=by, action="create_decision",
                 after=audit.snapshot(decision, DECISION_FIELDS) | _lines_summary(decision))  # fmt: skip
    return decision


def _lock_draft(decision: Decision, by: User | None) -> Decision:
    locked = Decision.objects.select_for_update().select_related("register", "issuer").get(pk=decision.pk)
    if locked.is_issued:
        raise ValidationError(
            _("Quyết định %(ref)s đã ban hành: không sửa được.") % {"ref": locked.reference}, code="issued"
        )
    if locked.archived_at is not None:
        raise ValidationError(_("Dự thảo đã hủy: không sửa được."), code="archived")
    if by is not None and not can_edit_decision(by, locked):
        raise PermissionDenied
    return locked


@transaction.atomic
def update_decision(decision: Decision, *, by: User | None, lines: Sequence[LineInput] | None = None,
                    **fields: Any) -> Decision:  # fmt: skip
    """Change a draft: its details (``DECISION_DETAILS``) and, when given, all its lines. A change of date works
    the money out again. An issued decision is refused (``ValidationError``, code ``issued``)."""
    locked = _lock_draft(decision, by)
    unknown = set(fields) - set(DECISION_DETAILS)
    if unknown:
        raise TypeError(f"update_decision: unknown fields {sorted(unknown)}")
    before = audit.snapshot(locked, DECISION_FIELDS) | _lines_summary(locked)
    details = _check_details(locked.register, {name: fields.get(name, getattr(locked, name))
                                               for name in DECISION_DETAILS})  # fmt: skip
    date_changed = details["decided_on"] != locked.decided_on
    for name, value in details.items():
        setattr(locked, name, value)
    locked.save()
    if lines is None and date_changed:
        lines = [
            _line_input(line)
            for line in locked.lines.select_related("award", "person", "unit", "unit_at_time")
        ]
    if lines is not None:
        _replace_lines(locked, lines)
    audit.record(locked, by=by, action="update_decision", before=before,
                 after=audit.snapshot(locked, DECISION_FIELDS) | _lines_summary(locked))  # fmt: skip
    return locked


@transaction.atomic
def add_decision_lines(
    decision: Decision, lines: Sequence[LineInput], *, by: User | None
) -> list[DecisionLine]:
    """Append lines to a draft (checked with those already there). Returns the new lines."""
    locked = _lock_draft(decision, by)
    before = _lines_summary(locked)
    existing = [
        _line_input(line) for line in locked.lines.select_related("award", "person", "unit", "unit_at_time")
    ]
    created = _replace_lines(locked, [*existing, *lines])
    audit.record(locked, by=by, action="update_decision", before=before, after=_lines_summary(locked))
    return created[len(existing) :]


@transaction.atomic
def remove_decision_lines(decision: Decision, *, by: User | None, sources: Iterable[str] = (),
                          line_ids: Iterable[int] = ()) -> int:  # fmt: skip
    """Take lines off a draft (by the caller's ``source`` keys or by id). Returns how many were removed."""
    locked = _lock_draft(decision, by)
    before = _lines_summary(locked)
    keep = [
        _line_input(line)
        for line in locked.lines.select_related("award", "person", "unit", "unit_at_time")
        if line.source not in set(sources) and line.pk not in set(line_ids)
    ]
    removed = before["lines"] - len(keep)
    if removed:
        _replace_lines(locked, keep)
        audit.record(locked, by=by, action="update_decision", before=before, after=_lines_summary(locked))
    return removed


@transaction.atomic
def archive_decision(decision: Decision, *, by: User | None, reason: str = "") -> Decision:
    """Drop a draft (kept, archived). An issued decision is never archived: it is revoked by another."""
    locked = _lock_draft(decision, by)
    before = audit.snapshot(locked, DECISION_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive_decision", before=before,
                 after=audit.snapshot(locked, DECISION_FIELDS), note=_clean(reason))  # fmt: skip
    return locked


# --- issuing ---------------------------------------------------------------------------------------------------


def _take_number(register: DecisionRegister, number: int | None) -> int:
    """The number a decision takes in ``register`` (locked by the caller): the next one of a system register (taken
    now), or the clerk's ``number`` in an external one, checked unique."""
    if register.mode == RegisterMode.SYSTEM:
        if number is not None and number != register.next_number:
            raise ValidationError({"number": _("Sổ do hệ thống cấp số: số tiếp theo là %(n)s.")
                                   % {"n": register.next_number}})  # fmt: skip
        number = register.next_number
        register.next_number = number + 1
        register.save(update_fields=["next_number", "updated_at"])
        return number
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValidationError({"number": _("Cần ghi số quyết định do văn thư cấp (số nguyên từ 1).")})
    if Decision.objects.filter(register=register, number=number).exists():
        raise ValidationError({"number": _("Số %(ref)s đã dùng trong sổ.")
                               % {"ref": f"{number}/{register.symbol}"}})  # fmt: skip
    return number


@transaction.atomic
def issue_decision(decision: Decision, *, by: User | None, number: int | None = None) -> Decision:
    """Issue a draft: it takes its number (the register's next one, or the clerk's ``number`` in an external
    register, checked unique), becomes immutable, and each line enters the permanent record (``AwardRecord``).

    The register's row is locked first (``select_for_update``; on SQLite the transaction began IMMEDIATE and holds
    the database's write lock), so concurrent issuers of one register queue: numbers are never repeated nor
    skipped."""
    register = DecisionRegister.objects.select_for_update().get(pk=decision.register_id)
    locked = _lock_draft(decision, by)
    if by is not None and not can_issue_decision(by, locked):
        raise PermissionDenied
    lines = list(locked.lines.select_related("award", "person", "unit"))
    if not lines:
        raise ValidationError(_("Quyết định chưa có ai được khen thưởng."))
    if locked.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("Ngày quyết định %(day)s sau hôm nay.")
                               % {"day": format_date(locked.decided_on)}})  # fmt: skip
    _check_not_awarded_yet([(_line_input(line), line) for line in lines])
    number = _take_number(register, number)
    before = audit.snapshot(locked, DECISION_FIELDS)
    locked.number, locked.status = number, DecisionStatus.ISSUED
    locked.issued_at, locked.issued_by = timezone.now(), _actor(by)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as exc:  # an external number taken by a concurrent issuer
        raise ValidationError({"number": _("Số %(ref)s đã dùng trong sổ.")
                               % {"ref": f"{number}/{register.symbol}"}}) from exc  # fmt: skip
    reference = locked.reference
    AwardRecord.objects.bulk_create([
        AwardRecord(person=line.person, unit=line.unit, award=line.award, year=line.year,
                    decided_on=locked.decided_on, issuer=locked.issuer, issuer_name=locked.issuer.name[:300],
                    decision_number=reference[:60], decision_line=line, unit_at_time_id=line.unit_at_time_id,
                    source=RecordSource.DECISION, amount=line.amount, created_by=_actor(by))
        for line in lines
    ])  # fmt: skip
    audit.record(locked, by=by, action="issue_decision", before=before,
                 after=audit.snapshot(locked, DECISION_FIELDS) | _lines_summary(locked))  # fmt: skip
    return locked


# --- revoking --------------------------------------------------------------------------------------------------


@transaction.atomic
def revoke_award(record: AwardRecord, *, by: User | None, reason: str, revoked_on: datetime.date,
                 reason_text: str = "", decision: Decision | None = None, reference: str = "",
                 amount_to_recover: int | None = None) -> Revocation:  # fmt: skip
    """Take an award back by a later decision — one issued in the system (``decision``) or named by its
    ``reference`` ("12/QĐ-LĐLĐ ngày 05/3/2018") — for fraud or error; the money to recover defaults to what was
    paid. The record stays, marked revoked."""
    locked = (
        AwardRecord.objects.select_for_update(of=("self",))
        .select_related("issuer", "unit", "person__unit")
        .get(pk=record.pk)
    )
    if locked.revoked_id is not None:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi."))
    if by is not None and not can_revoke_award(by, locked):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if reason not in RevocationReason.values:
        errors["reason"] = _("Cần chọn lý do thu hồi.")
    if not isinstance(revoked_on, datetime.date):
        errors["revoked_on"] = _("Cần ghi ngày thu hồi.")
    elif locked.decided_on is not None and revoked_on < locked.decided_on:
        errors["revoked_on"] = _("Ngày thu hồi trước ngày quyết định khen thưởng.")
    elif revoked_on > timezone.localdate():
        errors["revoked_on"] = _("Ngày thu hồi sau hôm nay.")
    reference = _clean(reference)[:200]
    if decision is not None:
        decision = Decision.objects.select_related("register", "issuer").get(pk=decision.pk)
        if not decision.is_issued:
            errors["decision"] = _("Quyết định thu hồi phải đã ban hành.")
        elif by is not None and not can_sign(by, decision.issuer):
            raise PermissionDenied
        reference = reference or f"{decision.reference} ngày {format_date(decision.decided_on)}"
    elif not reference:
        errors["reference"] = _("Cần ghi quyết định thu hồi (số, ngày).")
    if amount_to_recover is None:
        amount_to_recover = locked.amount
    if not isinstance(amount_to_recover, int) or not 0 <= amount_to_recover <= locked.amount:
        errors["amount_to_recover"] = _("Số tiền thu hồi từ 0 đến số tiền đã thưởng (%(amount)s đồng).") % {
            "amount": f"{locked.amount:,}".replace(",", ".")
        }
    if errors:
        raise ValidationError(errors)
    issuer = (
        decision.issuer
        if decision is not None
        else locked.issuer or locked.unit or (locked.person.unit if locked.person else None)
    )
    if issuer is None:
        raise ValidationError(_("Không xác định được cơ quan thu hồi."))
    revocation = Revocation.objects.create(
        issuer=issuer, decision=decision, reference=reference, revoked_on=revoked_on, reason=reason,
        reason_text=_text(reason_text), amount_to_recover=amount_to_recover, created_by=_actor(by),
    )  # fmt: skip
    before = audit.snapshot(locked, RECORD_FIELDS)
    locked.revoked = revocation
    locked.save(update_fields=["revoked"])
    audit.record(locked, by=by, action="revoke_award", before=before, after=audit.snapshot(locked, RECORD_FIELDS),
                 note=reference)  # fmt: skip
    return revocation


REVOCATION_TITLE = "Về việc thu hồi khen thưởng"


@dataclass
class RevocationInput:
    """One award a decision of revocation takes back, with its own reason and money to recover (``None``: all that
    was paid)."""

    record: AwardRecord
    reason: str
    reason_text: str = ""
    amount_to_recover: int | None = None


def issue_revocation(record: AwardRecord, *, by: User | None, register: DecisionRegister, reason: str,
                     revoked_on: datetime.date, reason_text: str = "", amount_to_recover: int | None = None,
                     **details: Any) -> Revocation:  # fmt: skip
    """One award revoked by its own decision of revocation (``issue_revocations`` with one item)."""
    item = RevocationInput(record, reason, reason_text, amount_to_recover)
    return issue_revocations([item], by=by, register=register, revoked_on=revoked_on, **details)[0]


@transaction.atomic
def issue_revocations(items: Sequence[RevocationInput], *, by: User | None, register: DecisionRegister,
                      revoked_on: datetime.date, number: int | None = None, title: str = "", legal_bases: str = "",
                      signer_name: str = "", signer_position: str = "", sign_mode: str = SignMode.DIRECT,
                      sign_for: str = "") -> list[Revocation]:  # fmt: skip
    """Revoke one or several awards — lines of one decision, or awards of several decisions of the same issuer — by
    one decision of revocation issued now in ``register`` (of the awards' issuer, or of the unit it merged into):
    the decision takes its number as any other (never repeated, never skipped), has no awardees, and names each
    award revoked with its reason and the money to recover; its document is rendered like any decision's. The
    issuer's leader's act. All or nothing: a refused item (named) leaves no decision and no number taken."""
    if not items:
        raise ValidationError(_("Chọn ít nhất một khen thưởng để thu hồi."))
    if len({item.record.pk for item in items}) != len(items):
        raise ValidationError(_("Một khen thưởng được chọn hai lần."))
    register = DecisionRegister.objects.select_for_update().select_related("issuer").get(pk=register.pk)
    records = AwardRecord.objects.select_related("issuer", "person", "unit", "award").in_bulk(
        [item.record.pk for item in items]
    )
    from .permissions import signing_unit

    for item in items:
        record = records[item.record.pk]
        if record.revoked_id is not None:
            raise ValidationError(_name(record, _("Khen thưởng này đã bị thu hồi."), len(items)))
        if by is not None and not can_revoke_award(by, record):
            raise PermissionDenied
        owners = {record.issuer_id}
        if record.issuer is not None:
            successor = signing_unit(record.issuer)
            owners.add(successor.pk if successor is not None else None)
        if record.issuer_id is not None and register.issuer_id not in owners:
            message = _("Quyết định thu hồi phải vào sổ của %(issuer)s, cơ quan đã khen thưởng.") % {
                "issuer": record.issuer.name  # type: ignore[union-attr]
            }
            raise ValidationError({"register": _name(record, message, len(items))})
    if register.archived_at is not None:
        raise ValidationError({"register": _("Sổ quyết định đã lưu trữ.")})
    details = _check_details(register, {
        "decided_on": revoked_on, "title": title or REVOCATION_TITLE, "legal_bases": legal_bases,
        "kind": DecisionKind.REVOCATION, "signer_name": signer_name, "signer_position": signer_position,
        "sign_mode": sign_mode, "sign_for": sign_for,
    }, revocation=True)  # fmt: skip
    if revoked_on > timezone.localdate():
        raise ValidationError({"revoked_on": _("Ngày thu hồi sau hôm nay.")})
    taken = _take_number(register, number)
    decision = Decision(register=register, issuer=register.issuer, created_by=_actor(by), number=taken,
                        status=DecisionStatus.ISSUED, issued_at=timezone.now(), issued_by=_actor(by), **details)  # fmt: skip
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:  # an external number taken by a concurrent issuer
        raise ValidationError({"number": _("Số %(ref)s đã dùng trong sổ.")
                               % {"ref": f"{taken}/{register.symbol}"}}) from exc  # fmt: skip
    audit.record(decision, by=by, action="issue_decision", after=audit.snapshot(decision, DECISION_FIELDS))
    made = []
    for item in items:
        try:
            made.append(revoke_award(records[item.record.pk], by=by, reason=item.reason, revoked_on=revoked_on,
                                     reason_text=item.reason_text, decision=decision,
                                     amount_to_recover=item.amount_to_recover))  # fmt: skip
        except ValidationError as error:
            if len(items) == 1:
                raise
            raise ValidationError(_name(records[item.record.pk], " ".join(error.messages), 2)) from error
    return made


def _name(record: AwardRecord, message: str, count: int) -> str:
    """``message`` about one of several awards, naming it ("Lê Văn Đức – Lao động tiên tiến 2017: …")."""
    if count == 1:
        return message
    return f"{record.person or record.unit} – {record.award.name} {record.year}: {message}"


# --- imported history ------------------------------------------------------------------------------------------


@dataclass
class HistoryInput:
    """One award from before the system, as the old files say."""

    award: Award
    year: int
    person: Person | None = None
    unit: Unit | None = None
    decision_number: str = ""
    decided_on: datetime.date | None = None
    issuer_name: str = ""
    issuer: Unit | None = None
    amount: int = 0


@transaction.atomic
def import_award_history(rows: Sequence[HistoryInput], *, by: User | None, unit: Unit) -> list[AwardRecord]:
    """Enter awards from before the system in the permanent record of ``unit``'s subtree, all or nothing (the
    spreadsheet kit checked the rows; this checks the scope and duplicates again)."""
    if by is not None and not can_import_history(by, unit):
        raise PermissionDenied
    errors: list[str] = []
    records = []
    person_units: dict[int | None, tuple[int | None, str]] = {
        pk: (unit_id, path)
        for pk, unit_id, path in Person.objects.filter(
            pk__in={r.person.pk for r in rows if r.person}
        ).values_list("pk", "unit_id", "unit__path")
    }
    for index, row in enumerate(rows, start=1):
        unit_id, path = (
            (row.unit.pk, row.unit.path)
            if row.unit is not None
            else person_units.get(row.person.pk if row.person else None, (None, ""))
        )
        if (row.person is None) == (row.unit is None) or not (path or "").startswith(unit.path):
            errors.append(_("Dòng %(n)s: người hoặc tập thể không thuộc phạm vi của %(unit)s.")
                          % {"n": index, "unit": unit.name})  # fmt: skip
            continue
        records.append(AwardRecord(
            person=row.person, unit=row.unit, award=row.award, year=row.year, decided_on=row.decided_on,
            issuer=row.issuer, issuer_name=_clean(row.issuer_name or (row.issuer.name if row.issuer else ""))[:300],
            decision_number=_clean(row.decision_number)[:60], unit_at_time_id=unit_id,
            source=RecordSource.IMPORTED, amount=max(int(row.amount or 0), 0), created_by=_actor(by),
        ))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    created = AwardRecord.objects.bulk_create(records)
    audit.record(unit, by=by, action="import_awards", note=_("%(n)s khen thưởng") % {"n": len(created)})
    return created
