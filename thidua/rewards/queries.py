"""Reads of decisions and of the permanent record, used by the pages, the API, the panels and the exports. Every
read starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from thidua.core.text import fold
from thidua.orgs.models import Person, Unit

from .models import AwardRecord, Decision, DecisionLine, DecisionRegister, DecisionStatus, Revocation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


# --- registers and decisions -----------------------------------------------------------------------------------


def registers_for(user: User | AnonymousUser, issuer: Unit | None = None) -> QuerySet[DecisionRegister]:
    registers = (
        DecisionRegister.objects.visible_to(user).filter(archived_at__isnull=True).select_related("issuer")
    )
    if issuer is not None:
        registers = registers.filter(issuer=issuer)
    return registers.order_by("-year", "issuer__path", "symbol")


@dataclass
class DecisionFilters:
    register: DecisionRegister | None = None
    issuer: Unit | None = None
    year: int | None = None
    status: str = ""
    text: str = ""
    archived: bool = False


def decisions_for_list(
    user: User | AnonymousUser, filters: DecisionFilters | None = None
) -> QuerySet[Decision]:
    """The decisions the user sees, newest first, with their number of awardees and total money (one query)."""
    f = filters or DecisionFilters()
    decisions = Decision.objects.visible_to(user).select_related("register", "issuer")
    decisions = decisions.filter(archived_at__isnull=not f.archived)
    if f.register is not None:
        decisions = decisions.filter(register=f.register)
    if f.issuer is not None:
        decisions = decisions.filter(issuer=f.issuer)
    if f.year:
        decisions = decisions.filter(register__year=f.year)
    if f.status in DecisionStatus.values:
        decisions = decisions.filter(status=f.status)
    if f.text:
        text = f.text.strip()
        number = text.split("/")[0]
        condition = Q(title__icontains=text)
        if number.isdigit():
            condition |= Q(number=int(number))
        decisions = decisions.filter(condition)
    return decisions.annotate(line_count=Count("lines"), total=Sum("lines__amount")).order_by(
        "-register__year", "-decided_on", "-number", "-id"
    )


def lines_of(decision: Decision) -> QuerySet[DecisionLine]:
    return decision.lines.select_related(
        "person", "unit", "award", "unit_at_time", "record__revoked"
    ).order_by("sort", "id")


@dataclass
class Totals:
    people: int
    collectives: int
    amount: int

    @property
    def count(self) -> int:
        return self.people + self.collectives


def totals_of(decision: Decision) -> Totals:
    row = decision.lines.aggregate(
        people=Count("id", filter=Q(person__isnull=False)),
        collectives=Count("id", filter=Q(unit__isnull=False)),
        amount=Sum("amount"),
    )
    return Totals(people=row["people"], collectives=row["collectives"], amount=row["amount"] or 0)


def revocations_of(decision: Decision) -> QuerySet[AwardRecord]:
    """The records of this decision that were revoked later, with their revocation."""
    return (
        AwardRecord.objects.filter(decision_line__decision=decision, revoked__isnull=False)
        .select_related("revoked", "person", "unit", "award")
        .order_by("revoked__revoked_on", "id")
    )


def revocations_made(decision: Decision) -> QuerySet[Revocation]:
    """What a decision of revocation revoked: its revocations with their records (two queries for the records)."""
    return (
        Revocation.objects.filter(decision=decision)
        .prefetch_related(
            Prefetch(
                "records", AwardRecord.objects.select_related("person", "unit", "award", "decision_line")
            )
        )
        .order_by("id")
    )


# --- the permanent record --------------------------------------------------------------------------------------


def _records(user: User | AnonymousUser) -> QuerySet[AwardRecord]:
    return AwardRecord.objects.visible_to(user).select_related(
        "person", "unit", "award", "issuer", "unit_at_time", "revoked", "decision_line__decision__register"
    )


def records_of_person(user: User | AnonymousUser, person: Person) -> QuerySet[AwardRecord]:
    """A person's titles and awards across years and units, newest first."""
    return _records(user).filter(person=person).order_by("-year", "-decided_on", "id")


def records_of_unit(user: User | AnonymousUser, unit: Unit) -> QuerySet[AwardRecord]:
    """A unit's own (collective) titles and awards, and those of the units it carries on (predecessors through
    restructuring), newest first."""
    from thidua.orgs.queries import predecessors_of

    units = predecessors_of(Unit.objects.filter(pk=unit.pk))
    return _records(user).filter(Q(unit=unit) | Q(unit__in=units)).order_by("-year", "-decided_on", "id")


def records_of_people_in(user: User | AnonymousUser, unit: Unit) -> QuerySet[AwardRecord]:
    """What the people of ``unit``'s subtree received: people there now, or there when awarded."""
    return (
        _records(user)
        .filter(person__isnull=False)
        .filter(Q(person__unit__path__startswith=unit.path) | Q(unit_at_time__path__startswith=unit.path))
        .order_by("-year", "person__sort_key", "id")
    )


@dataclass
class RecordFilters:
    text: str = ""
    award: str = ""
    year: int | None = None
    unit: Unit | None = None  # the awarded unit, the person's unit or the unit at the time, in its subtree
    kind: str = ""  # "person" | "unit" | ""
    source: str = ""
    revoked: bool | None = None


def records_for_list(
    user: User | AnonymousUser, filters: RecordFilters | None = None
) -> QuerySet[AwardRecord]:
    """The searchable permanent record: the name ignores diacritics and case."""
    f = filters or RecordFilters()
    records = _records(user)
    if f.text:
        key = fold(f.text)
        records = records.filter(Q(person__search_name__contains=key) | Q(unit__name__icontains=f.text.strip())
                                 | Q(decision_number__icontains=f.text.strip()))  # fmt: skip
    if f.award:
        records = records.filter(award__code=f.award)
    if f.year:
        records = records.filter(year=f.year)
    if f.unit is not None:
        path = f.unit.path
        records = records.filter(Q(unit__path__startswith=path) | Q(person__unit__path__startswith=path)
                                 | Q(unit_at_time__path__startswith=path))  # fmt: skip
    if f.kind == "person":
        records = records.filter(person__isnull=False)
    elif f.kind == "unit":
        records = records.filter(unit__isnull=False)
    if f.source:
        records = records.filter(source=f.source)
    if f.revoked is not None:
        records = records.filter(revoked__isnull=not f.revoked)
    return records.order_by("-year", "-decided_on", "id")
