"""Building the engine's plain data from the database, set-based: a fixed number of queries whatever the number of
nominees (each query names the nominees through one subquery, never one query per person or per rule).

History crosses transfers and restructurings: a person's awards, ratings, initiatives, research and exclusions
follow the person (not the union that recorded them); all their memberships are read, so the time worked runs on
across transfers; a collective's awards include those of the units merged into it (its predecessors).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.orgs.models import Membership, Person, Unit, UnitEvent
from thidua.registrations.models import Award, InitiativeStatus, RegistrationStatus
from thidua.registrations.models.emulation import CollectiveTarget, IndividualEntry
from thidua.registrations.models.initiatives import Initiative, InitiativeAuthor
from thidua.registrations.models.works import ResearchMember, ResearchStatus, ResearchTopic
from thidua.registrations.queries import catalog_on, federation_of, versions_within
from thidua.rewards.models import AwardRecord

from .engine import (
    DISCIPLINE_ORDER,
    RATING_ORDER,
    AwardFact,
    ConditionFact,
    ExclusionFact,
    History,
    InitiativeFact,
    MemberFacts,
    MembershipFact,
    OverrideFact,
    ResearchFact,
    Rules,
    judged_on,
)
from .models import Condition, Exclusion, ExclusionKind, Override, TaskRating

HISTORY_YEARS = 10  # how far back chains of titles and ratings are read
SENT = [RegistrationStatus.SUBMITTED, RegistrationStatus.ACKNOWLEDGED]


# --- the rules ---------------------------------------------------------------------------------------------------


def load_rules(code: str, year: int, unit: Unit | None) -> Rules:
    """The award ``code`` as it applies to the year-end review of ``year`` in ``unit``'s federation, the general
    conditions in force on that day, and the changes of the award's rules during the year."""
    on = judged_on(year)
    federation = federation_of(unit)
    catalog = catalog_on(on, federation)
    awards = list(Award.objects.values_list("code", "name", "level", "kind", "chain"))
    conditions = [
        ConditionFact(
            key=c.key,
            name=c.name,
            value=c.value or {},
            citation=c.citation,
            mark=c.mark,
            applies_to=tuple(c.applies_to or ()),
            source=c.source,
        )  # fmt: skip
        for c in Condition.objects.filter(active=True, archived_at__isnull=True, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("key", "-valid_from")
    ]
    return Rules(
        code=code, year=year, on=on, entry=catalog.get(code), conditions=conditions,
        names={c: n for c, n, *_ in awards} | catalog.names,
        levels={c: lvl for c, _n, lvl, *_ in awards}, kinds={c: k for c, _n, _l, k, _c in awards},
        chains={c: ch for c, _n, _l, _k, ch in awards},
        changes=versions_within(code, datetime.date(year, 1, 1), on, federation),
    )  # fmt: skip


# --- awards (the permanent record of the rewards app) --------------------------------------------------------------


THEMATIC_KINDS = ("thematic", "sudden")  # rewards.DecisionKind: chuyên đề, đột xuất


def _award_facts(records) -> list[tuple[int, AwardFact]]:
    decision, on_day, imported = _("QĐ %(ref)s"), _(" ngày %(day)s"), _("hồ sơ nhập từ Excel")
    facts = []
    for owner, code, level, year, decided_on, revoked_id, number, line_number, symbol, kind, issuer in records.values_list(
        "owner", "award__code", "award__level", "year", "decided_on", "revoked_id", "decision_number",
        "decision_line__decision__number", "decision_line__decision__register__symbol",
        "decision_line__decision__kind", "issuer_name",
    ):  # fmt: skip
        reference = f"{line_number}/{symbol}" if line_number else number
        source = decision % {"ref": reference} if reference else (issuer or imported)
        if decided_on:
            source += on_day % {"day": format_date(decided_on)}
        facts.append((owner, AwardFact(code=code, year=year, level=level, thematic=kind in THEMATIC_KINDS,
                                       decided_on=decided_on, revoked=revoked_id is not None, source=source)))  # fmt: skip
    return facts


def award_facts_of_people(person_ids: QuerySet, since: int, until: int) -> dict[int, list[AwardFact]]:
    """The awards of these people (a subquery of ids) from ``since`` to ``until``, revoked ones marked: one query
    on the permanent record, wherever each was awarded (records follow the person across transfers)."""
    found: dict[int, list[AwardFact]] = defaultdict(list)
    records = AwardRecord.objects.filter(person_id__in=person_ids, year__gte=since, year__lte=until).annotate(
        owner=F("person_id")
    )
    for owner, fact in _award_facts(records):
        found[owner].append(fact)
    return found


def award_facts_of_units(unit_ids: Iterable[int], since: int, until: int) -> dict[int, list[AwardFact]]:
    """The awards of these collectives (their predecessors' included by the caller), one query."""
    found: dict[int, list[AwardFact]] = defaultdict(list)
    records = AwardRecord.objects.filter(
        unit_id__in=list(unit_ids), year__gte=since, year__lte=until
    ).annotate(owner=F("unit_id"))
    for owner, fact in _award_facts(records):
        found[owner].append(fact)
    return found


# --- people ------------------------------------------------------------------------------------------------------


def people_histories(person_ids: QuerySet, year: int, code: str) -> list[History]:
    """Histories of the people ``person_ids`` (a subquery of ids) for the review of ``year``: 11 queries."""
    return people_histories_by_award(person_ids, year, [code])[code]


def people_histories_by_award(person_ids: QuerySet, year: int, codes: list[str]) -> dict[str, list[History]]:
    """The same histories judged for each award of ``codes``: still 11 queries whatever the number of awards — only
    an officer's override belongs to one award, and the overrides of all of them are read at once."""
    end = judged_on(year)
    since = year - HISTORY_YEARS
    histories = {
        pk: History(id=pk, name=name, unit_id=unit_id)
        for pk, name, unit_id in Person.objects.filter(pk__in=person_ids)
        .order_by("sort_key", "id")
        .values_list("id", "full_name", "unit_id")
    }
    for pid, unit_id, joined, left, position in Membership.objects.filter(
        person_id__in=person_ids
    ).values_list("person_id", "unit_id", "joined_on", "left_on", "position"):
        histories[pid].memberships.append(MembershipFact(unit_id, joined, left, position))
    for pid, y, rating in TaskRating.objects.filter(
        person_id__in=person_ids, archived_at__isnull=True, year__gte=since, year__lte=year
    ).values_list("person_id", "year", "rating"):
        histories[pid].ratings[y] = rating
    for row in Exclusion.objects.filter(
        person_id__in=person_ids, archived_at__isnull=True, starts_on__lte=end
    ).values_list("person_id", "kind", "starts_on", "ends_on", "level", "days", "source"):
        histories[row[0]].exclusions.append(ExclusionFact(*row[1:]))
    # Two statements (authors, then their recognised initiatives): SQLite would otherwise drive the join from the
    # initiatives and probe every nominee for each of them.
    authors = InitiativeAuthor.objects.filter(person_id__in=person_ids)
    authored: dict[int, list[int]] = defaultdict(list)
    for pid, iid in authors.values_list("person_id", "initiative_id"):
        authored[iid].append(pid)
    for iid, title, y, decided, scope, benefit in (
        Initiative.objects.filter(
            pk__in=authors.values("initiative_id"), status=InitiativeStatus.RECOGNISED, archived_at__isnull=True,
            year__gte=since, year__lte=year,
        )
        .order_by("decision_date", "id")
        .values_list("id", "title", "year", "decision_date", "effect_scope", "benefit_vnd")
    ):  # fmt: skip
        for pid in authored[iid]:
            histories[pid].initiatives.append(InitiativeFact(iid, title, y, decided, scope, benefit))
    accepted = Q(status=ResearchStatus.ACCEPTED, archived_at__isnull=True, accepted_on__lte=end,
                 accepted_on__year__gte=since)  # fmt: skip
    for pid, tid, title, accepted_on in ResearchTopic.objects.filter(
        accepted, lead_id__in=person_ids
    ).values_list("lead_id", "id", "title", "accepted_on"):
        histories[pid].research.append(ResearchFact(tid, title, accepted_on))
    for pid, tid, title, accepted_on in ResearchMember.objects.filter(
        person_id__in=person_ids, topic__in=ResearchTopic.objects.filter(accepted)
    ).values_list("person_id", "topic_id", "topic__title", "topic__accepted_on"):
        if all(r.id != tid for r in histories[pid].research):
            histories[pid].research.append(ResearchFact(tid, title, accepted_on))
    for pid, award_code in IndividualEntry.objects.filter(
        person_id__in=person_ids,
        registration__year=year,
        registration__phase__isnull=True,
        registration__archived_at__isnull=True,
        registration__status__in=SENT,
    ).values_list("person_id", "award__code"):
        histories[pid].registered.setdefault(year, set()).add(award_code)
    for pid, facts in award_facts_of_people(person_ids, since, year).items():
        histories[pid].awards.extend(facts)
    overrides: dict[tuple[str, int], OverrideFact] = {}
    for code, pid, *fact in Override.objects.filter(
        person_id__in=person_ids, award__code__in=codes, year=year, archived_at__isnull=True
    ).values_list("award__code", "person_id", "id", "outcome", "reason", "by__username", "at"):
        overrides[(code, pid)] = OverrideFact(*fact)
    people = list(histories.values())
    return {
        code: [replace(h, override=overrides.get((code, h.id))) for h in people]
        for code in dict.fromkeys(codes)
    }


# --- collectives -------------------------------------------------------------------------------------------------


def predecessor_map(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each unit, itself and every unit merged or consolidated into it, over any number of generations (one
    query over the restructuring events that name a unit merged into another)."""
    into: dict[int, set[int]] = defaultdict(set)
    for ended, successor in UnitEvent.objects.filter(
        kind__in=[UnitEvent.Kind.MERGED, UnitEvent.Kind.CONSOLIDATED], merged_into__isnull=False
    ).values_list("unit_id", "merged_into_id"):
        into[successor].add(ended)
    found = {}
    for uid in unit_ids:
        seen, todo = {uid}, [uid]
        while todo:
            for before in into.get(todo.pop(), ()):
                if before not in seen:
                    seen.add(before)
                    todo.append(before)
        found[uid] = seen
    return found


def unit_histories(unit_ids: QuerySet, year: int, code: str) -> list[History]:
    """Histories of the collectives ``unit_ids`` (a subquery of ids) for ``year``, with what their criteria read of
    their members at the end of the year (a fixed number of queries)."""
    end = judged_on(year)
    since = year - HISTORY_YEARS
    histories = {pk: History(id=pk, name=name, is_collective=True, unit_id=pk, members=MemberFacts())
                 for pk, name in Unit.objects.filter(pk__in=unit_ids).order_by("path").values_list("id", "name")}  # fmt: skip
    lineage = predecessor_map(histories)
    owner = {before: uid for uid, befores in lineage.items() for before in befores}
    for uid, facts in award_facts_of_units(list(owner), since, year).items():
        histories[owner[uid]].awards.extend(facts)
    for uid, y, rating in TaskRating.objects.filter(
        subject_unit_id__in=unit_ids, archived_at__isnull=True, year__gte=since, year__lte=year
    ).values_list("subject_unit_id", "year", "rating"):
        histories[uid].ratings[y] = rating
    for row in Exclusion.objects.filter(
        subject_unit_id__in=unit_ids, archived_at__isnull=True, starts_on__lte=end
    ).values_list("subject_unit_id", "kind", "starts_on", "ends_on", "level", "days", "source"):
        histories[row[0]].exclusions.append(ExclusionFact(*row[1:]))
    for uid, award_code in CollectiveTarget.objects.filter(
        registration__unit_id__in=unit_ids, registration__year=year, registration__phase__isnull=True,
        registration__archived_at__isnull=True, registration__status__in=SENT,
    ).values_list("registration__unit_id", "award__code"):  # fmt: skip
        histories[uid].registered.setdefault(year, set()).add(award_code)
    # members at the end of the year, and what they hold
    members = Membership.objects.filter(unit_id__in=unit_ids, joined_on__lte=end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=end)
    )
    unit_of: dict[int, int] = dict(members.values_list("person_id", "unit_id"))
    for uid in unit_of.values():
        histories[uid].members.total += 1  # type: ignore[union-attr]
    person_ids = members.values("person_id")
    for pid, facts in award_facts_of_people(person_ids, year, year).items():
        for code_held in {f.code for f in facts if f.year == year and not f.revoked}:
            held = histories[unit_of[pid]].members.holding  # type: ignore[union-attr]
            held[code_held] = held.get(code_held, 0) + 1
    for pid, rating in TaskRating.objects.filter(
        person_id__in=person_ids, year=year, archived_at__isnull=True
    ).values_list("person_id", "rating"):
        rated = histories[unit_of[pid]].members.rated  # type: ignore[union-attr]
        for level, order in RATING_ORDER.items():
            if RATING_ORDER[rating] >= order:
                rated[level] = rated.get(level, 0) + 1
    disciplined: dict[int, str] = {}
    for pid, level in (
        Exclusion.objects.filter(
            person_id__in=person_ids,
            kind=ExclusionKind.DISCIPLINE,
            archived_at__isnull=True,
            starts_on__lte=end,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1)))
        .values_list("person_id", "level")
    ):
        if DISCIPLINE_ORDER[level] >= DISCIPLINE_ORDER.get(disciplined.get(pid, ""), -1):
            disciplined[pid] = level
    for pid, level in disciplined.items():
        counts = histories[unit_of[pid]].members.disciplined  # type: ignore[union-attr]
        for floor, order in DISCIPLINE_ORDER.items():
            if DISCIPLINE_ORDER[level] >= order:
                counts[floor] = counts.get(floor, 0) + 1
    for row in Override.objects.filter(
        subject_unit_id__in=unit_ids, award__code=code, year=year, archived_at__isnull=True
    ).values_list("subject_unit_id", "id", "outcome", "reason", "by__username", "at"):
        histories[row[0]].override = OverrideFact(*row[1:])
    return list(histories.values())
