"""Where proposals meet the layers below them: the eligibility verdict of each nominee, the council session's agenda,
the reward decision. Each nominee is known to the others by its ``source`` key, ``"proposals.nominee:<id>"``."""

from __future__ import annotations

from typing import Any

from .models import Nominee, Proposal

SOURCE_PREFIX = "proposals.nominee:"


def source_key(nominee: Nominee) -> str:
    return f"{SOURCE_PREFIX}{nominee.pk}"


def verdicts_for(items: list[Any], *, year: int | None = None) -> dict[Any, Any]:
    """The eligibility verdict (``thidua.eligibility``) of each nominee by its id, or of each suggestion by its
    key: grouped by award, proposing unit and kind of nominee, each group judged set-based (a fixed number of
    queries per group, whatever its size; the people's histories once for all the groups of a unit and year)."""
    from collections import defaultdict

    from thidua.eligibility import loading
    from thidua.eligibility.engine import History, evaluate_many, judged_on, quota_from
    from thidua.orgs.models import Membership, Person, Unit

    groups: dict[tuple, list[Any]] = defaultdict(list)
    for item in items:
        if isinstance(item, Nominee):
            unit = item.proposal.unit
            key = (item.award.code, item.unit_id is not None, unit.pk, item.proposal.year)
            groups[key].append((item.pk, item.person_id or item.unit_id, unit))
        else:
            unit = item.person.unit if item.person is not None else item.unit
            who = item.person.pk if item.person is not None else item.unit.pk
            groups[(item.award.code, item.person is None, unit.pk, year)].append((item.key, who, unit))
    # The people's histories are read once for every award judged for the same proposing unit and year (11
    # queries, not 11 per award); each group takes its own nominees' out of them.
    wanted: dict[tuple, tuple[set, list[str]]] = {}
    for (code, collective, unit_id, group_year), members in groups.items():
        if not collective:
            people, codes = wanted.setdefault((unit_id, group_year), (set(), []))
            people.update(who for _key, who, _u in members)
            codes.append(code)
    loaded = {
        key: loading.people_histories_by_award(
            Person.objects.filter(pk__in=people).values("pk"), key[1], codes
        )
        for key, (people, codes) in wanted.items()
    }
    found: dict[Any, Any] = {}
    for (code, collective, unit_id, group_year), members in groups.items():
        unit = members[0][2]
        ids = [who for _key, who, _u in members]
        rules = loading.load_rules(code, group_year, unit)
        if collective:
            histories = loading.unit_histories(Unit.objects.filter(pk__in=ids).values("pk"), group_year, code)
            verdicts = evaluate_many(histories, rules)
        else:
            mine = set(ids)
            histories = [h for h in loaded[(unit_id, group_year)][code] if h.id in mine]
            quota = None
            if rules.entry is not None and any("percent" in q and q.get("of") for q in rules.entry.quotas):
                peers = (
                    Membership.objects.as_of(judged_on(group_year))
                    .filter(unit__path__startswith=unit.path)
                    .values("person_id")
                )
                facts = loading.award_facts_of_people(peers, group_year, group_year)
                quota = quota_from([History(id=pid, name="", awards=a) for pid, a in facts.items()], rules)
            verdicts = evaluate_many(histories, rules, quota)
        by_id = {v.nominee_id: v for v in verdicts}
        for key, who, _u in members:
            if who in by_id:
                found[key] = by_id[who]
    return found


def decision_lines_for(nominees: list[Nominee]) -> dict[int, Any]:
    """The decision line each nominee became, by nominee id (one query)."""
    from thidua.rewards.models import DecisionLine

    if not nominees:
        return {}
    keys = {source_key(n): n.pk for n in nominees}
    lines = DecisionLine.objects.filter(source__in=list(keys)).select_related(
        "decision", "decision__register"
    )
    return {keys[line.source]: line for line in lines}


def place_on_agenda_options(user: Any, proposal: Proposal) -> list[Any]:
    """The planned sessions of the deciding unit's councils the user may add agenda items to."""
    from thidua.councils.models import Session, SessionStatus
    from thidua.councils.permissions import can_run_session

    sessions = (
        Session.objects.visible_to(user)
        .filter(council__unit=proposal.to_unit, status=SessionStatus.PLANNED, archived_at__isnull=True,
                council__archived_at__isnull=True)
        .select_related("council", "council__unit")
        .order_by("held_on", "id")
    )  # fmt: skip
    return [s for s in sessions if can_run_session(user, s.council)]
