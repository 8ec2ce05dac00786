"""Reads of the catalog: what applies on a date, in which layer, with which citation and mark; the base salary and
reward money of a decision date; what changed between two dates; the federations whose layer a user reads.

Which date to ask with: for criteria, prerequisites and quotas the end of the period judged (the 2017 year-end
review is judged on 31/12/2017, under Decree 91/2017 from 01/10/2017); for money the date of the decision.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from thidua.core.scoping import scope_roots, subtree_q
from thidua.orgs.models import Level, Unit

from .models import (
    LAYER_ORDER,
    LEVEL_ORDER,
    RULE_VALUE_FIELDS,
    AwardKind,
    BaseSalary,
    Layer,
    Mark,
    Rule,
    weakest,
)
from .prerequisites import describe, describe_quota

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

FEDERATION_LEVELS = (Level.PROVINCE, Level.CENTRAL_SECTOR)


# --- federations ----------------------------------------------------------------------------------------------


def federation_of(unit: Unit | None) -> Unit | None:
    """The provincial federation (or central sector union) a unit belongs to: itself, or its ancestor at that
    level. None for the confederation and for no unit."""
    if unit is None:
        return None
    if unit.level in FEDERATION_LEVELS:
        return unit
    prefixes = [unit.path[:i] for i in range(Unit.steplen, len(unit.path), Unit.steplen)]
    return Unit.objects.filter(path__in=prefixes, level__in=FEDERATION_LEVELS).order_by("-depth").first()


def federations_visible_to(user: User | AnonymousUser):
    """Federations whose layer the user reads: those of the user's scope, and the one above each unit of it (a
    grassroots officer reads the regulation of its province). Ordered by path."""
    federations = Unit.objects.filter(level__in=FEDERATION_LEVELS, archived_at__isnull=True)
    paths = scope_roots(user)
    if paths is None:
        return federations.order_by("path")
    if not paths:
        return federations.none()
    above = {p[:i] for p in paths for i in range(Unit.steplen, len(p) + 1, Unit.steplen)}
    return federations.filter(subtree_q("path", paths) | Q(path__in=above)).order_by("path")


def home_federation(user: User | AnonymousUser) -> Unit | None:
    """The federation the user works in (its role's unit or the federation above it); None for those whose roles
    sit above the federations (the confederation)."""
    paths = scope_roots(user)
    if not paths:
        return None
    above = {p[:i] for p in paths for i in range(Unit.steplen, len(p) + 1, Unit.steplen)}
    return (
        Unit.objects.filter(level__in=FEDERATION_LEVELS, archived_at__isnull=True, path__in=above)
        .order_by("path")
        .first()
    )


# --- base salary and money ------------------------------------------------------------------------------------


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    """The base salary in force on a date (the last one starting on or before it)."""
    return (
        BaseSalary.objects.filter(valid_from__lte=on, archived_at__isnull=True)
        .order_by("-valid_from")
        .first()
    )


def round_up_reward(multiplier_hundredths: int, base: int) -> int:
    """``multiplier × base`` rounded UP to the next 10,000 đồng, in integers: 30 × 1,300,000 → 390,000."""
    raw = multiplier_hundredths * base  # hundredths of a đồng
    step = 100 * 10_000
    return -(-raw // step) * 10_000


def reward_amount(multiplier_hundredths: int | None, decision_date: datetime.date) -> int | None:
    """The reward money of a decision signed on ``decision_date``: the base salary in force that day times the
    multiplier, rounded up to the next 10,000 đồng (NĐ 152/2025 Điều 49; QĐ 2106/QĐ-TLĐ Điều 50). None when the
    multiplier or the base salary is unknown."""
    if multiplier_hundredths is None:
        return None
    salary = base_salary_on(decision_date)
    return None if salary is None else round_up_reward(multiplier_hundredths, salary.amount)


# --- the catalog on a date ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One value of an entry, with the rule (hence layer, document, article, clause) it comes from."""

    value: Any
    rule: Rule
    mark: str
    source: str

    @property
    def citation(self) -> str:
        return self.rule.citation

    @property
    def layer(self) -> str:
        return self.rule.regulation.layer

    @property
    def unverified(self) -> bool:
        return self.mark == Mark.UNVERIFIED


@dataclass
class Entry:
    """A title or form as it applies on a date: each value from the highest layer that sets it."""

    award: Any
    rules: list[Rule]  # lowest layer first
    values: dict[str, Value] = field(default_factory=dict)
    # Values no layer sets but whose absence carries a mark ("no national threshold found — UNVERIFIED").
    gaps: dict[str, Value] = field(default_factory=dict)
    silent_marks: list[str] = field(default_factory=list)  # marks of rules that set no value

    def value(self, name: str, default: Any = None) -> Any:
        found = self.values.get(name)
        return found.value if found is not None else default

    @property
    def code(self) -> str:
        return self.award.code

    @property
    def name(self) -> str:
        return self.value("name") or self.award.name

    @property
    def mark(self) -> str:
        """The weakest mark of what this entry says (an UNVERIFIED value makes the entry UNVERIFIED)."""
        return weakest([v.mark for v in (*self.values.values(), *self.gaps.values())] + self.silent_marks)

    @property
    def unverified_fields(self) -> list[str]:
        return [name for name, v in (*self.values.items(), *self.gaps.items()) if v.unverified]

    def fact(self, name: str) -> Value | None:
        return self.values.get(name) or self.gaps.get(name)

    @property
    def top_rule(self) -> Rule:
        return self.rules[-1]

    @property
    def citation(self) -> str:
        return self.top_rule.citation

    @property
    def citations(self) -> list[str]:
        return [r.citation for r in self.rules]

    @property
    def quotas(self) -> list[dict]:
        return self.value("quotas", [])

    @property
    def prerequisites(self) -> list[dict]:
        return self.value("prerequisites", [])

    def quota_percent_of(self, basis: str) -> int | None:
        """The percentage cap against another title (15 for Chiến sĩ thi đua cơ sở under NĐ 91), if any."""
        caps = [q["percent"] for q in self.quotas if "percent" in q and q.get("of") == basis]
        return min(caps) if caps else None


def _overlay(award, rules: list[Rule]) -> Entry:
    entry = Entry(award=award, rules=rules)
    for rule in rules:
        said = False
        for name in RULE_VALUE_FIELDS:
            value = getattr(rule, name)
            mark, source = rule.fact(name)
            if value is None or value == "" or value == [] or value == {}:
                if name in rule.facts and name not in entry.values:
                    entry.gaps[name] = Value(value=None, rule=rule, mark=mark, source=source)
                    said = True
                continue
            said = True
            entry.values[name] = Value(value=value, rule=rule, mark=mark, source=source)
            entry.gaps.pop(name, None)
        if not said:
            entry.silent_marks.append(rule.mark)
    return entry


def _rule_order(rule: Rule) -> tuple:
    return (LAYER_ORDER.get(rule.regulation.layer, 9), rule.valid_from, rule.pk)


def rules_in_force(on: datetime.date, federation: Unit | None = None):
    """Rules of the State, the confederation and (with ``federation``) that federation's layer in force on ``on``."""
    layers = Q(regulation__layer__in=[Layer.STATE, Layer.CONFEDERATION])
    if federation is not None:
        layers |= Q(regulation__layer=Layer.FEDERATION, regulation__federation=federation)
    return (
        Rule.objects.filter(layers, valid_from__lte=on, archived_at__isnull=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .filter(regulation__archived_at__isnull=True, award__archived_at__isnull=True)
        .select_related("award", "regulation")
    )


def entry_order(entry: Entry) -> tuple:
    kind = 0 if entry.award.kind == AwardKind.TITLE else 1
    return (kind, LEVEL_ORDER.get(entry.award.level, 99), entry.award.sort, entry.award.code)


@dataclass
class Catalog:
    on: datetime.date
    federation: Unit | None
    entries: list[Entry]
    base_salary: BaseSalary | None

    def get(self, code: str) -> Entry | None:
        return next((e for e in self.entries if e.code == code), None)

    @property
    def names(self) -> dict[str, str]:
        return {e.code: e.name for e in self.entries}

    def groups(self) -> list[tuple[str, str, list[Entry]]]:
        """(kind label, conferring level label, entries) in catalog order."""
        groups: list[tuple[str, str, list[Entry]]] = []
        for entry in self.entries:
            kind, level = entry.award.get_kind_display(), entry.award.get_level_display()
            if groups and groups[-1][0] == kind and groups[-1][1] == level:
                groups[-1][2].append(entry)
            else:
                groups.append((kind, level, [entry]))
        return groups


def catalog_on(on: datetime.date, federation: Unit | None = None) -> Catalog:
    """Every title and form in force on ``on`` (two queries), with ``federation``'s layer on top. ``federation``
    may be any unit: its federation's layer applies."""
    federation = federation_of(federation)
    by_award: dict[int, list[Rule]] = {}
    awards = {}
    for rule in sorted(rules_in_force(on, federation), key=_rule_order):
        by_award.setdefault(rule.award_id, []).append(rule)
        awards[rule.award_id] = rule.award
    entries = sorted((_overlay(awards[pk], rules) for pk, rules in by_award.items()), key=entry_order)
    return Catalog(on=on, federation=federation, entries=entries, base_salary=base_salary_on(on))


def rule_for(code: str, on: datetime.date, federation: Unit | None = None) -> Entry | None:
    """The title or form ``code`` as it applies on ``on`` (on ``federation``'s subtree when given)."""
    federation = federation_of(federation)
    rules = sorted(rules_in_force(on, federation).filter(award__code=code), key=_rule_order)
    return _overlay(rules[0].award, rules) if rules else None


def versions_within(code: str, start: datetime.date, end: datetime.date, federation: Unit | None = None):
    """The days inside ``(start, end]`` where what applies to ``code`` changes — a version change inside the
    period judged, to be shown on the verdict — as ``[(day, entry or None)]``."""
    federation = federation_of(federation)
    layers = Q(regulation__layer__in=[Layer.STATE, Layer.CONFEDERATION])
    if federation is not None:
        layers |= Q(regulation__federation=federation)
    bounds = set()
    for valid_from, valid_to in Rule.objects.filter(
        layers, award__code=code, archived_at__isnull=True
    ).values_list("valid_from", "valid_to"):
        bounds.add(valid_from)
        if valid_to is not None:
            bounds.add(valid_to + datetime.timedelta(days=1))
    return [(day, rule_for(code, day, federation)) for day in sorted(b for b in bounds if start < b <= end)]


# --- what changed between two dates ---------------------------------------------------------------------------

COMPARED = (*RULE_VALUE_FIELDS, "citation")


@dataclass
class Change:
    entry_before: Entry | None
    entry_after: Entry | None
    fields: list[tuple[str, Any, Any]]  # (field, before, after)

    @property
    def award(self):
        return (self.entry_after or self.entry_before).award  # type: ignore[union-attr]


@dataclass
class Changes:
    before: Catalog
    after: Catalog
    added: list[Entry]
    removed: list[Entry]
    changed: list[Change]
    base_salary_changed: bool

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.base_salary_changed)


def _compared(entry: Entry, name: str) -> Any:
    return entry.citation if name == "citation" else entry.value(name)


def catalog_changes(before: datetime.date, after: datetime.date, federation: Unit | None = None) -> Changes:
    old, new = catalog_on(before, federation), catalog_on(after, federation)
    old_codes, new_codes = {e.code for e in old.entries}, {e.code for e in new.entries}
    changed = []
    for entry in new.entries:
        if entry.code not in old_codes:
            continue
        previous = old.get(entry.code)
        assert previous is not None
        fields = [
            (name, _compared(previous, name), _compared(entry, name))
            for name in COMPARED
            if _compared(previous, name) != _compared(entry, name)
        ]
        if fields:
            changed.append(Change(previous, entry, fields))
    return Changes(
        before=old,
        after=new,
        added=[e for e in new.entries if e.code not in old_codes],
        removed=[e for e in old.entries if e.code not in new_codes],
        changed=changed,
        base_salary_changed=(old.base_salary and old.base_salary.pk)
        != (new.base_salary and new.base_salary.pk),
    )


# --- words ----------------------------------------------------------------------------------------------------


def describe_prerequisites(entry: Entry, names: dict[str, str]) -> list[str]:
    return [describe(item, names) for item in entry.prerequisites]


def describe_quotas(entry: Entry, names: dict[str, str]) -> list[str]:
    return [describe_quota(q, names) for q in entry.quotas]
