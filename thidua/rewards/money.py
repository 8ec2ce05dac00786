"""Reward money: the multiplier of the title or form (individual or collective) in force on the decision's date ×
the base salary in force that day, rounded up to the next 10,000 đồng, in integers (the catalog's
``round_up_reward``: 30 × 1,300,000 = 390,000 stays 390,000). Each amount carries its basis: multiplier, base
salary and the citation of both.

Only the highest title's money within one counting period: a person (or unit) who earns several emulation titles
for the same period receives the money of the highest only (NĐ 91/2017 Điều 69, NĐ 98/2023 Điều 54 — read from the
amounts, not from a list of titles): ``pay_highest_title_only`` sets the other lines' money to nothing, and a title
paid after a lower one already paid for that period (a decision of another level) gets only the difference.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.registrations.models import AwardKind
from thidua.registrations.queries import base_salary_on, round_up_reward, rule_for


class MoneyError(ValidationError):
    """The money cannot be worked out: unknown code, no multiplier, no base salary (the message says which)."""


@dataclass(frozen=True)
class Money:
    amount: int
    multiplier: int | None  # hundredths: 30 = 0.3
    base_salary: int | None
    citation: str

    @property
    def multiplier_text(self) -> str:
        """ "0,3" for 30."""
        if self.multiplier is None:
            return ""
        whole, cents = divmod(self.multiplier, 100)
        return f"{whole},{cents:02d}".rstrip("0").rstrip(",") if cents else str(whole)

    def as_dict(self) -> dict:
        return {
            "amount": self.amount,
            "multiplier": self.multiplier,
            "base_salary": self.base_salary,
            "citation": self.citation,
        }


def money_for(code: str, collective: bool, decided: datetime.date, federation=None) -> Money:
    """The money of title or form ``code`` for a person (``collective=False``) or a collective, in a decision
    signed on ``decided`` (on ``federation``'s subtree when given: its own layer may set the multiplier). Raises
    ``MoneyError`` with the reason in Vietnamese."""
    entry = rule_for(code, decided, federation)
    if entry is None:
        raise MoneyError(
            _("Không có danh hiệu, hình thức khen thưởng mã “%(code)s” áp dụng ngày %(day)s.")
            % {"code": code, "day": format_date(decided)},
            code="unknown_code",
        )
    name = "multiplier_collective" if collective else "multiplier_individual"
    fact = entry.values.get(name)
    if fact is None or fact.value is None:
        who = _("tập thể") if collective else _("cá nhân")
        raise MoneyError(
            _("“%(award)s” không có hệ số tiền thưởng cho %(who)s theo quy định áp dụng ngày %(day)s.")
            % {"award": entry.name, "who": who, "day": format_date(decided)},
            code="no_multiplier",
        )
    salary = base_salary_on(decided)
    if salary is None:
        raise MoneyError(
            _("Chưa có mức lương cơ sở áp dụng ngày %(day)s trong danh mục.") % {"day": format_date(decided)},
            code="no_base_salary",
        )
    multiplier = int(fact.value)
    citation = _("Hệ số %(multiplier)s: %(rule)s; mức lương cơ sở %(salary)s đồng: %(instrument)s") % {
        "multiplier": Money(0, multiplier, None, "").multiplier_text,
        "rule": fact.citation,
        "salary": f"{salary.amount:,}".replace(",", "."),
        "instrument": salary.instrument,
    }
    return Money(
        amount=round_up_reward(multiplier, salary.amount),
        multiplier=multiplier,
        base_salary=salary.amount,
        citation=citation[:500],
    )


def money_or_none(code: str, collective: bool, decided: datetime.date, federation=None) -> Money:
    """``money_for``, but a form the catalog gives no multiplier (or no base salary) for is no money, with the
    reason as its citation. An unknown code still raises."""
    try:
        return money_for(code, collective, decided, federation)
    except MoneyError as error:
        if error.code == "unknown_code":
            raise
        return Money(amount=0, multiplier=None, base_salary=None, citation=error.messages[0][:500])


# --- only the highest title's money within one counting period -------------------------------------------------


@dataclass
class Candidate:
    """One award to be paid: who (``awardee``: any hashable key, e.g. ("person", 12)), the period, its kind and
    its full amount. ``pay_highest_title_only`` fills ``paid`` and ``note``."""

    awardee: Any
    year: int
    kind: str  # AwardKind: "title" or "form"
    amount: int
    rank: int = 0  # to break ties between equal amounts (higher rank is the higher title)
    paid: int = 0
    note: str = ""
    ref: object = field(default=None, compare=False)  # the caller's object (a line input)


def pay_highest_title_only(
    candidates: Sequence[Candidate], already_paid: dict[tuple[Any, int], int] | None = None
) -> list[Candidate]:
    """Among the emulation titles of one awardee for one counting period, only the highest amount is paid; the
    others get nothing. ``already_paid`` maps (awardee, year) to the title money already paid for that period
    (by earlier decisions): the highest new title is paid only what exceeds it. Award forms (Giấy khen, Bằng
    khen) are not titles and are paid in full. Returns the candidates, ``paid`` and ``note`` filled."""
    already_paid = already_paid or {}
    groups: dict[tuple[Any, int], list[Candidate]] = {}
    for candidate in candidates:
        if candidate.kind == AwardKind.TITLE:
            groups.setdefault((candidate.awardee, candidate.year), []).append(candidate)
        else:
            candidate.paid, candidate.note = candidate.amount, ""
    for key, group in groups.items():
        best = max(group, key=lambda c: (c.amount, c.rank))
        earlier = already_paid.get(key, 0)
        for candidate in group:
            if candidate is best and candidate.amount > earlier:
                candidate.paid = candidate.amount - earlier
                candidate.note = ""
                if earlier:
                    candidate.note = _(
                        "Đã nhận %(earlier)s đồng của danh hiệu khác cùng năm thành tích: chi phần chênh lệch."
                    ) % {"earlier": f"{earlier:,}".replace(",", ".")}
            else:
                candidate.paid = 0
                candidate.note = (
                    _("Chỉ nhận tiền thưởng của danh hiệu cao nhất trong cùng năm thành tích.")
                    if candidate.amount
                    else ""
                )
    return list(candidates)


def title_money_paid(awardees: Iterable[tuple[tuple[str, int], int]]) -> dict[tuple[Any, int], int]:
    """The title money already paid, per (("person", id) | ("unit", id), year), from the standing records of the
    permanent record (one query)."""
    from django.db.models import Q, Sum

    from .models import AwardRecord

    keys = list(awardees)
    if not keys:
        return {}
    condition = Q(pk__in=[])
    for (kind, pk), year in keys:
        condition |= Q(**{f"{kind}_id": pk, "year": year})
    rows = (
        AwardRecord.objects.filter(condition, revoked__isnull=True, award__kind=AwardKind.TITLE)
        .values("person_id", "unit_id", "year")
        .annotate(total=Sum("amount"))
    )
    paid: dict[tuple[Any, int], int] = {}
    for row in rows:
        who = ("person", row["person_id"]) if row["person_id"] else ("unit", row["unit_id"])
        paid[(who, row["year"])] = row["total"] or 0
    return paid
