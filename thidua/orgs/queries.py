"""Reads of the tree used in more than one place. Subtree sums are set-based (one query per question)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import Substr

from thidua.core.search import search_folded
from thidua.core.text import fold

from .models import Level, Unit, UnitEvent, UnitVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def units_visible_to(user: User | AnonymousUser):
    return Unit.objects.visible_to(user)


def tree_order_key(units) -> Callable[[Any], list[str]]:
    """A sort key putting units (or unit versions) in tree order with siblings in Vietnamese order: each parent
    before its children, "Bình Đại" before "Bình Minh". An ancestor missing from ``units`` (above the user's scope)
    keeps its place by its path: no query."""
    keys = {u.path: u.sort_key for u in units}

    def key(unit) -> list[str]:
        return [
            keys.get(prefix, "~" + prefix)
            for prefix in (unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen))
        ]

    return key


def in_tree_order(units) -> list:
    """``units`` as a list in tree order, siblings in Vietnamese order (see ``tree_order_key``)."""
    units = list(units)
    return sorted(units, key=tree_order_key(units))


def people_for_list(
    user: User | AnonymousUser,
    q: str = "",
    unit: Unit | None = None,
    *,
    is_member: bool | None = None,
    direct_production: bool | None = None,
    gender: str = "",
    archived: bool = False,
    ranked: bool = False,
):
    """The people list as pages and exports show it: visible to the user, searched (best matches first), filtered,
    in Vietnamese order.
    ``archived=True`` lists the archived records instead of the records in use. ``ranked=True`` (a page of a list)
    answers a search with ``RankedPeople``: the same rows in the same order, read tier by tier for the page asked.

    Each person carries the facts of their open membership from the same query (one join): ``current_position``,
    ``current_job_category``, ``current_card_number``, ``current_joined_on``, ``current_is_member``,
    ``current_is_direct`` — all None for someone who no longer belongs to a grassroots union.
    """
    from .models import Person

    people = Person.objects.visible_to(user)
    people = people.filter(archived_at__isnull=False) if archived else people.active()
    if unit is not None:
        people = people.filter(unit__path__subtree=unit.path)
    if gender:
        people = people.filter(gender=gender)
    counted = people
    people = people.annotate(
        current=FilteredRelation("memberships", condition=Q(memberships__left_on__isnull=True)),
        current_position=F("current__position"),
        current_job_category=F("current__job_category"),
        current_card_number=F("current__card_number"),
        current_joined_on=F("current__joined_on"),
        current_is_member=F("current__is_member"),
        current_is_direct=F("current__is_direct_production_worker"),
    )
    if is_member is not None:
        people = people.filter(current__is_member=is_member)
    if direct_production is not None:
        people = people.filter(current__is_direct_production_worker=direct_production)
    people = people.select_related("unit")
    if ranked and fold(q):
        from thidua.core.scoping import sees_everything

        unfiltered = is_member is None and direct_production is None
        return RankedPeople(
            people,
            q,
            counted if unfiltered else people,
            # The archive's list is searched without the words' index (it holds the people in use only).
            words=not archived,
            # Everyone in use, no filter: the vocabulary's counts of people are this list's counts.
            everyone=sees_everything(user) and unit is None and not gender and unfiltered and not archived,
        )
    people = people.search(q)
    return people.best_matches_first(q) if q else people.vietnamese_order()


def estimated_rows(queryset) -> float:
    """The planner's estimate of the rows of ``queryset`` on PostgreSQL (EXPLAIN, nothing read); 0 elsewhere."""
    import json

    from django.db import connections

    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return 0
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


COUNT_LIMIT = 2_000  # beyond it, a search's count is said as "hơn 2.000" instead of counted
MAX_ARMS = 16  # a tier whose text is in more words of the vocabulary than this is dense: walked, not merged
FIRST_PAGE = (
    50  # the rows of a list's first page (the people list's PAGE_SIZE): read by the count, kept for the page
)
WORD_PROBE = 5_000  # the people of a word counted up to this to choose the rarest word of a phrase


@dataclass
class Tier:
    """One tier of a search's matches: ``people`` (the tier's conditions on the person, unordered), read in
    Vietnamese order either from the words' index (``words``: the people who have one of these words of
    ``PersonWord``, each word's list a range in the list's order, merged) or, when ``words`` is None, as before
    (``first_ids``: the sort-key walk, or the tier's own index and a sort)."""

    people: Any  # a PersonQuerySet
    words: list[str] | None = None
    sizes: dict[str, int] | None = None  # the people of each word the tier matches (``NameWord.people``)


def word_tiers(people: Any, text: str) -> list[Tier] | None:
    """The four tiers of ``PersonQuerySet.match_tiers`` (the name, whole words, a word's start, any other
    substring), each driven by the words' index where it can be (decision 0040); None when the text is not made of
    plain letters and digits (the tiers of ``match_tiers`` then).

    The vocabulary (``NameWord``, one query) tells which words each tier needs: for one word, the word itself
    (whole-word tier), the words that start with it (a word's start), those that contain it further in (any other
    substring); for several, the words that start with the last one (a word's start: the last word typed is cut
    short) and those that end with the first one (any other substring: the first word typed is the end of a
    word). Each tier merges the lists of its words. A tier of more than ``MAX_ARMS`` words (one letter: every word
    with an "a") is dense and is walked as before. A phrase's whole-word tier is driven by its rarest word (counted
    up to ``WORD_PROBE`` in the index, one query; the last, the given name, when they tie), the phrase checked on
    the person's name."""
    from django.db import connections
    from django.db.models import CharField, Exists, OuterRef, Value
    from django.db.models.functions import Concat

    from .models import NameWord, PersonWord

    key = fold(text)
    words = key.split(" ")
    if not key or not all(word.isalnum() and word.isascii() for word in words):
        return None
    padded = people.alias(
        search_padded=Concat(Value(" "), "search_name", Value(" "), output_field=CharField())
    )
    whole_q, start_q = Q(search_padded__contains=f" {key} "), Q(search_padded__contains=f" {key}")
    first, last = words[0], words[-1]
    counts = dict(
        NameWord.objects.filter(Q(word__contains=first) | Q(word__startswith=last)).values_list(
            "word", "people"
        )
    )
    vocabulary = list(counts)
    starting = sorted(w for w in vocabulary if w.startswith(last) and w != last)
    if len(words) == 1:
        inside = sorted(w for w in vocabulary if key in w and not w.startswith(key))
        whole = [key] if key in vocabulary else []
    else:
        inside = sorted(w for w in vocabulary if w.endswith(first) and w != first)
        distinct = sorted(set(words))
        probe = "(SELECT count(*) FROM (SELECT 1 FROM orgs_personword WHERE word = %s LIMIT %s) AS w)"
        with connections[people.db].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join([probe] * len(distinct)), [v for w in distinct for v in (w, WORD_PROBE)]
            )
            sizes = dict(zip(distinct, cursor.fetchone(), strict=True))
        whole = [min(words, key=lambda w: (sizes[w], -words.index(w)))]
    fallback = people.match_tiers(text)

    def having(queryset, required: list[str], drive: list[str]):
        """The people who also have each word the phrase needs whole: an index probe (person, word) per word
        before the person's row is read."""
        for word in sorted(set(required) - set(drive)):
            queryset = queryset.filter(Exists(PersonWord.objects.filter(person_id=OuterRef("pk"), word=word)))
        return queryset

    def tier(queryset, drive: list[str], dense, required: list[str]) -> Tier:
        sizes = {word: counts.get(word, 0) for word in drive}
        if len(drive) > MAX_ARMS:
            return Tier(dense, sizes=sizes)
        return Tier(having(queryset, required, drive), drive, sizes)

    return [
        Tier(people.filter(search_name=key)),
        Tier(
            having(padded.filter(whole_q).exclude(search_name=key), words, whole),
            whole,
            {word: counts.get(word, 0) for word in whole},
        ),  # fmt: skip
        tier(padded.filter(start_q).exclude(whole_q), starting, fallback[2], words[:-1]),
        tier(padded.filter(search_name__contains=key).exclude(start_q), inside, fallback[3], words[1:-1]),
    ]


_FETCH = object()  # where the number of rows to read goes in the parameters


def _arms(tier: Tier) -> list[tuple[str, list]]:
    """Each word's people in a tier, as (sort_key, person_id) in the order of the words' index: the word's range
    read in that order (``OFFSET 0`` keeps it a subquery of its own, so the planner cannot trade the walk for a
    sort of every match; on SQLite, which would materialise that subquery, the words' table alone in FROM), and
    for each row the person checked by one probe of its primary key (a ``LATERAL`` subquery on PostgreSQL,
    ``EXISTS`` on SQLite) for the tier's conditions and the user's scope. A walk that
    stops after the page whatever the planner guesses of the phrase's frequency."""
    from django.db import connections
    from django.db.models.expressions import RawSQL

    person = tier.people.filter(pk=RawSQL("w.person_id", [])).order_by().values("pk")[:1]
    sql, params = person.query.sql_with_params()
    if connections[tier.people.db].vendor == "postgresql":
        arm = (
            "SELECT w.sort_key, w.person_id FROM (SELECT sort_key, person_id FROM orgs_personword WHERE word = %s "
            f"ORDER BY sort_key, person_id OFFSET 0) AS w CROSS JOIN LATERAL ({sql}) AS p"
        )
    else:  # SQLite walks the index for the ORDER BY of a single table, and materialises such a subquery
        arm = f"SELECT w.sort_key, w.person_id FROM orgs_personword AS w WHERE w.word = %s AND EXISTS ({sql})"
    return [(arm, [word, *params]) for word in tier.words or []]


def word_tier_ids(tier: Tier, limit: int) -> list[int]:
    """The ids of the first ``limit`` people of a tier driven by words, in Vietnamese order: each word's people in
    the index's order ((word, sort_key, person): a range scan, joined to the person for the tier's conditions and
    the user's scope) up to the limit, merged by one ``UNION ALL ... ORDER BY ... LIMIT``. Someone with two of the
    words comes twice, side by side: read again, further, in the rare case that leaves the page short."""
    from django.db import connections

    if not tier.words or limit <= 0:
        return []
    arms = _arms(tier)
    if len(arms) == 1:
        sql, params = arms[0][0] + " ORDER BY 1, 2 LIMIT %s", list(arms[0][1])
    else:
        sql = " UNION ALL ".join(f"SELECT * FROM ({arm} ORDER BY 1, 2 LIMIT %s) AS arm{i}" for i, (arm, _p) in
                                 enumerate(arms)) + " ORDER BY 1, 2 LIMIT %s"  # fmt: skip
        params = [v for _arm, arm_params in arms for v in (*arm_params, _FETCH)]
    fetch = limit if len(arms) == 1 else 2 * limit
    with connections[tier.people.db].cursor() as cursor:
        while True:
            cursor.execute(sql, [fetch if v is _FETCH else v for v in params] + [fetch])
            rows = cursor.fetchall()
            ids = list(dict.fromkeys(pk for _key, pk in rows))
            if len(ids) >= limit or len(rows) < fetch:
                return ids[:limit]
            fetch *= 4


def word_tier_count(tier: Tier, limit: int) -> int:
    """How many people a tier holds, up to ``limit``: the lists of its words one after the other (no order), the
    statement stopping at the limit; someone in two lists counted once."""
    from django.db import connections

    if tier.words is None:
        return tier.people.order_by()[:limit].count()
    if not tier.words or limit <= 0:
        return 0
    arms = _arms(tier)
    params = [v for _arm, arm_params in arms for v in arm_params]
    with connections[tier.people.db].cursor() as cursor:
        if len(arms) == 1:
            cursor.execute(f"SELECT count(*) FROM ({arms[0][0]} LIMIT %s) AS found", [*params, limit])
            return cursor.fetchone()[0]
        sql = " UNION ALL ".join(f"SELECT * FROM ({arm}) AS arm{i}" for i, (arm, _p) in enumerate(arms))
        fetch = 2 * limit
        while True:
            cursor.execute(sql + " LIMIT %s", [*params, fetch])
            rows = cursor.fetchall()
            found = len({row[1] for row in rows})
            if found >= limit or len(rows) < fetch:
                return min(found, limit)
            fetch *= 4


class RankedPeople:
    """A search's matches, best first (``word_tiers``, else ``PersonQuerySet.match_tiers``), as the paginator reads
    them: ``count()`` counts (``more_than_limit`` says when the count is a bound, shown "hơn N"), and a slice reads
    the tiers in turn, each in Vietnamese order with a LIMIT, until the page is full. One query per tier at most
    (four), plus the vocabulary (or the phrase's word counts) and, when neither the vocabulary's counts nor the
    first page's rows tell it, the count; a common text fills its first page from the first tier it matches and
    stops there."""

    ordered = True

    def __init__(
        self,
        people,
        text: str,
        counted=None,
        *,
        words: bool = True,
        everyone: bool = False,
        first_page: int | None = None,
    ):
        """``words=False`` reads the tiers of decision 0033 without the words' index (for the benchmark's
        comparison, and the archive's list). ``everyone``: ``counted`` is every person in use (no scope, no
        filter), so the vocabulary's counts of people (``NameWord.people``) are the list's. ``first_page``: the rows
        the count reads first, in order, and keeps for the first page."""
        self.people = people
        self.counted = people if counted is None else counted
        self.text = text
        self.everyone = everyone
        self.first_page = FIRST_PAGE if first_page is None else first_page
        self.word_tiers = word_tiers(self.counted, text) if words else None
        self.tiers = people.match_tiers(text) if self.word_tiers is None else None
        self.more_than_limit = False
        self._count: int | None = None
        self._head: list[int] | None = (
            None  # the first ids in order, read by the count (first_page + 1 asked)
        )

    def _counted_by_vocabulary(self) -> tuple[int, bool] | None:
        """The count from the vocabulary's counts of people, read with the tiers (no statement), for a search of
        one word over everyone in use: exact when one word of the vocabulary holds the text (every match has it),
        else a bound when the commonest such word alone has more than ``COUNT_LIMIT`` people. Someone with two of
        the words would be counted twice by a sum: between the two, the rows are counted."""
        if not self.everyone or not self.word_tiers or " " in fold(self.text):
            return None
        sizes = {w: n for tier in self.word_tiers for w, n in (tier.sizes or {}).items() if n}
        if len(sizes) <= 1:
            return sum(sizes.values()), False
        if max(sizes.values()) > COUNT_LIMIT:
            return COUNT_LIMIT, True
        return None

    def count(self) -> int:
        """The number of matches. For one word typed over everyone in use, from the vocabulary's counts
        (``_counted_by_vocabulary``, exact or "hơn 2.000"); otherwise the first page is read (kept for the slice)
        and, when it is not full, its rows are the count; otherwise counted up to ``COUNT_LIMIT``: through the
        words' index, tier by tier, each up to what is left of the limit; without it, on PostgreSQL the planner's
        estimate comes first (its statistics of the names and their words): a text it expects far more than
        ``COUNT_LIMIT`` times is not counted (counting 10,000 of a common name reads ~60,000 rows). The
        vocabulary's counts cannot be scoped: an officer's search is always counted in their scope."""
        if self._count is None:
            known = self._counted_by_vocabulary() if self.word_tiers is not None else None
            if known is not None:
                self._count, self.more_than_limit = known
                return self._count
            if self.word_tiers is not None:
                self._head = self._word_ids(self.first_page + 1)
                if len(self._head) <= self.first_page:
                    self._count = len(self._head)
                    return self._count
            if self.word_tiers is not None:
                found = 0
                for tier in self.word_tiers:
                    found += word_tier_count(tier, COUNT_LIMIT + 1 - found)
                    if found > COUNT_LIMIT:
                        break
            else:
                matches = self.counted.search(self.text).order_by()
                if estimated_rows(matches) > 3 * COUNT_LIMIT:
                    found = COUNT_LIMIT + 1
                else:
                    found = matches[: COUNT_LIMIT + 1].count()
            self.more_than_limit = found > COUNT_LIMIT
            self._count = min(found, COUNT_LIMIT)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if self.word_tiers is not None:
            head = self._head
            ids = (
                head
                if head is not None and (len(head) <= self.first_page or stop <= len(head))
                else self._word_ids(stop)
            )
        elif self._count is not None and self._count < BITMAP_BELOW and not self.more_than_limit:
            # Counted already (the paginator counts first) and few: one ranked query over the matches, read through
            # the trigram index and sorted, costs less than a statement per tier.
            return list(self.people.search(self.text).best_matches_first(self.text)[start:stop])
        else:
            ids = self._tier_ids(stop)
        ids = ids[start:stop]
        rows = {person.pk: person for person in self.people.filter(pk__in=ids).order_by()}
        return [rows[pk] for pk in ids if pk in rows]

    def _word_ids(self, stop: int) -> list[int]:
        ids: list[int] = []
        for i, tier in enumerate(self.word_tiers or []):
            wanted = stop - len(ids)
            if wanted <= 0:
                break
            if i == 0:  # the name itself: few rows, the name as typed first (best_matches_first)
                ids += list(tier.people.best_matches_first(self.text).values_list("pk", flat=True)[:wanted])
            elif tier.words is None:
                ids += first_ids(tier.people, wanted)
            else:
                ids += word_tier_ids(tier, wanted)
        return ids

    def _tier_ids(self, stop: int) -> list[int]:
        ids: list[int] = []
        for i, tier in enumerate(self.tiers or []):
            wanted = stop - len(ids)
            if wanted <= 0:
                break
            if i == 0:  # the name itself: few rows, the name as typed first (best_matches_first)
                ids += list(tier.best_matches_first(self.text).values_list("pk", flat=True)[:wanted])
            else:
                ids += first_ids(tier, wanted)
        return ids


BITMAP_BELOW = 100_000


def first_ids(queryset, limit: int, *, order=("sort_key", "id")) -> list[int]:
    """The ids of the first ``limit`` rows of ``queryset`` in ``order``, read the cheaper of two ways on PostgreSQL.

    Walking the Vietnamese-order index and stopping after ``limit`` matches is fast when the matches are many and
    spread; the planner assumes they are spread, but names cluster in that order (a given name, first in the sort
    key, sits in one stretch: "hao" as a whole word is found only after a fifth of the walk — 5.8 s at 11 million,
    against 0.9 s read from the words' index and sorted). So a tier the planner expects to hold fewer than ``BITMAP_BELOW`` rows is ordered by ``sort_key || ''``, which no index
    provides: the planner then reads the matches from their own index (trigram or words) and sorts them."""
    from django.db import connections
    from django.db.models.expressions import RawSQL

    connection = connections[queryset.db]
    if connection.vendor == "postgresql" and estimated_rows(queryset) < BITMAP_BELOW:
        unindexed = RawSQL("orgs_person.sort_key || ''", [])
        queryset = queryset.order_by(*[unindexed if name == "sort_key" else name for name in order])
    else:
        queryset = queryset.order_by(*order)
    return list(queryset.values_list("pk", flat=True)[:limit])


def root_units_for(user: User | AnonymousUser) -> list[Unit]:
    """The top units of the user's scope (a superuser sees the roots of the tree): active units first, then those
    dissolved or merged into them (inherited with their records), each group in Vietnamese order of names."""
    from thidua.core.scoping import scope_roots

    roots = scope_roots(user)
    units = Unit.objects.filter(depth=1) if roots is None else Unit.objects.filter(path__in=roots)
    units = units.select_related("merged_into")
    return sorted(units, key=lambda u: (not u.is_active, u.sort_key, u.path))


def subtree_totals(unit: Unit) -> dict[str, int]:
    """Totals of the active subtree: grassroots unions, members, workers, direct production workers."""
    row = (
        Unit.objects.in_subtree(unit)
        .active()
        .aggregate(
            grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS)),
            members=Sum("member_count"),
            workers=Sum("worker_count"),
            direct_workers=Sum("direct_worker_count"),
        )
    )
    return {key: row[key] or 0 for key in row}


def subtree_totals_as_of(unit: Unit, day: datetime.date) -> dict[str, int]:
    """The totals of the unit's subtree as it stood on ``day`` (from the tree's versions and the memberships open
    that day): what a dissolved or merged unit held on its last day — two queries."""
    from .models import Membership

    version = UnitVersion.objects.as_of(day).filter(unit=unit).first()
    if version is None:
        return dict.fromkeys(("grassroots", "members", "workers", "direct_workers", "units"), 0)
    versions = UnitVersion.objects.as_of(day).filter(path__subtree=version.path)
    units = versions.aggregate(units=Count("pk"), grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS)))
    people = (
        Membership.objects.as_of(day)
        .filter(unit_id__in=versions.values("unit_id"), person__archived_at__isnull=True)
        .aggregate(
            members=Count("pk", filter=Q(is_member=True)),
            workers=Count("pk"),
            direct_workers=Count("pk", filter=Q(is_direct_production_worker=True)),
        )
    )
    return {key: value or 0 for key, value in {**units, **people}.items()}


def last_totals(unit: Unit) -> dict[str, int]:
    """An ended unit's totals on its last day: the figure its ending recorded (``Unit.last_totals``), counted from
    that day's memberships only for a unit that has none recorded — a dashboard does not recount them per view."""
    if unit.last_totals is not None:
        return unit.last_totals
    day = last_day(unit)
    return subtree_totals_as_of(unit, day) if day else subtree_totals(unit)


def last_day(unit: Unit) -> datetime.date | None:
    """The last day a dissolved or merged unit existed (the day before its dissolution took effect)."""
    return unit.dissolved_on - datetime.timedelta(days=1) if unit.dissolved_on else None


def children_of(unit: Unit, include_inactive: bool = False):
    """The unit's children (active ones unless ``include_inactive``), in the order of the tree's pages."""
    children = Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1)
    if not include_inactive:
        children = children.active()
    return children.order_by("sort_key", "path")


def _totals_below(unit: Unit, parents: list[str], window: slice | None) -> dict[str, dict]:
    """The sums of the active units below each of ``parents`` (paths of the unit's children that have children),
    keyed by the child's path — one grouped query (none without parents)."""
    if not parents:
        return {}
    width = (unit.depth + 1) * Unit.steplen
    below = Unit.objects.filter(path__subtree=unit.path, depth__gt=unit.depth + 1).active()
    if window is not None:  # only under the page's children
        below = below.filter(reduce(or_, (Q(path__subtree=path) for path in parents)))
    rows = (
        below.annotate(prefix=Substr("path", 1, width))
        .values("prefix")
        .annotate(
            grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS)),
            members=Sum("member_count"),
            workers=Sum("worker_count"),
            direct_workers=Sum("direct_worker_count"),
            units=Count("pk"),
        )
        .order_by()
    )
    return {row["prefix"]: row for row in rows}


def _add_totals(child, row: dict) -> None:
    own = int(child.archived_at is None and child.dissolved_on is None)  # the child counts itself when active
    child.total_grassroots = (row.get("grassroots") or 0) + own * (child.level == Level.GRASSROOTS)
    child.total_members = (row.get("members") or 0) + own * child.member_count
    child.total_workers = (row.get("workers") or 0) + own * child.worker_count
    child.total_direct_workers = (row.get("direct_workers") or 0) + own * child.direct_worker_count
    child.total_units = (row.get("units") or 0) + own


def children_with_totals(
    unit: Unit, include_inactive: bool = False, window: slice | None = None
) -> list[Unit]:
    """The unit's children (``window``: a slice of them, for a page), each annotated with its subtree's totals —
    at most two queries whatever the number of children: the children, then the sums below those that have children
    of their own (a leaf's totals are its own figures, so a page of grassroots unions needs no second query).
    ``Unit`` objects, for callers that need the model (the tree, the API); a page that only shows the children's
    columns takes ``child_rows``."""
    children = children_of(unit, include_inactive)
    children = list(children[window] if window is not None else children)
    totals = _totals_below(unit, [child.path for child in children if child.numchild], window)
    for child in children:
        _add_totals(child, totals.get(child.path, {}))
    return children


@dataclass(slots=True)
class ChildRow:
    """A child unit as a list shows it (``child_rows``): its columns and its subtree's totals, without building a
    model instance — an area union's 393 children cost half as much read this way (decision record 0041)."""

    pk: int
    path: str
    name: str
    short_name: str
    level: str
    numchild: int
    dissolved_on: datetime.date | None
    ended_as: str
    merged_into_id: int | None
    archived_at: datetime.datetime | None
    member_count: int
    worker_count: int
    direct_worker_count: int
    total_grassroots: int = 0
    total_members: int = 0
    total_workers: int = 0
    total_direct_workers: int = 0
    total_units: int = 0
    level_short: str = ""

    @property
    def is_active(self) -> bool:
        return self.archived_at is None and self.dissolved_on is None

    @property
    def end_words(self) -> dict:
        from .models import END_WORDS, EndKind

        kind = self.ended_as or (EndKind.MERGED if self.merged_into_id else EndKind.DISSOLVED)
        words: dict = END_WORDS[EndKind(kind)]  # type: ignore[assignment]  # as Unit.end_words
        return words


CHILD_ROW_COLUMNS = (
    "pk", "path", "name", "short_name", "level", "numchild", "dissolved_on", "ended_as", "merged_into_id",
    "archived_at", "member_count", "worker_count", "direct_worker_count",
)  # fmt: skip


def child_rows(unit: Unit, include_inactive: bool = False, window: slice | None = None) -> list[ChildRow]:
    """``children_with_totals`` as plain rows (``ChildRow``): the same children, order and totals, for pages that
    only display them (the unit page's children, the dashboard's chart)."""
    children = children_of(unit, include_inactive).values_list(*CHILD_ROW_COLUMNS)
    rows = [ChildRow(*values) for values in (children[window] if window is not None else children)]
    totals = _totals_below(unit, [row.path for row in rows if row.numchild], window)
    for row in rows:
        _add_totals(row, totals.get(row.path, {}))
    return rows


def counts_by_level_and_sector(unit: Unit) -> dict[str, list[dict]]:
    qs = Unit.objects.in_subtree(unit).active().order_by()
    return {
        "levels": list(qs.values("level").annotate(n=Count("pk")).order_by("level")),
        "sectors": list(
            qs.filter(level=Level.GRASSROOTS).values("sector").annotate(n=Count("pk")).order_by("sector")
        ),
    }


def tree_as_of(root: Unit, day: datetime.date, max_depth: int | None = None) -> list[UnitVersion]:
    """The root's subtree as it stood on ``day`` (names and places of that day), in tree order."""
    root_version = UnitVersion.objects.as_of(day).filter(unit=root).first()
    if root_version is None:
        return []
    qs = UnitVersion.objects.as_of(day).filter(path__subtree=root_version.path)
    if max_depth is not None:
        qs = qs.filter(depth__lte=root_version.depth + max_depth)
    return list(qs.select_related("unit").order_by("path"))


def unit_as_of(unit: Unit, day: datetime.date) -> UnitVersion | None:
    return UnitVersion.objects.as_of(day).filter(unit=unit).select_related("parent").first()


def ancestors_as_of(unit: Unit, day: datetime.date) -> list[UnitVersion]:
    """Where a unit stood on ``day``: its chain of parents as they were then (root first)."""
    version = unit_as_of(unit, day)
    if version is None:
        return []
    prefixes = [version.path[:i] for i in range(Unit.steplen, len(version.path) + 1, Unit.steplen)]
    return list(
        UnitVersion.objects.as_of(day).filter(path__in=prefixes).select_related("unit").order_by("depth")
    )


# --- the tree pages and the dashboard -------------------------------------------------------------------------


def _root_of(units: list[Unit]):
    """An expression naming, for each row, which of ``units`` (none inside another) its subtree belongs to."""
    from django.db.models import Case, CharField, Value, When

    return Case(*[When(path__subtree=u.path, then=Value(u.path)) for u in units], output_field=CharField())


def subtree_breakdown(units: list[Unit]) -> dict[int, dict]:
    """For each unit (none inside another), its active subtree in numbers — one query whatever their number:
    ``totals`` (grassroots, members, workers, direct_workers, units), ``levels`` [(level, label, n)] and
    ``sectors`` [(sector, label, n)] of the grassroots unions."""
    from thidua.core.scoping import subtree_q

    from .models import Sector

    if not units:
        return {}
    rows = (
        Unit.objects.filter(subtree_q("path", [u.path for u in units]))
        .active()
        .annotate(root=_root_of(units))
        .values("root", "level", "sector")
        .annotate(
            n=Count("pk"),
            members=Sum("member_count"),
            workers=Sum("worker_count"),
            direct_workers=Sum("direct_worker_count"),
        )  # fmt: skip
        .order_by()
    )
    result: dict[str, dict[str, Any]] = {
        u.path: {
            "totals": dict.fromkeys(("grassroots", "members", "workers", "direct_workers", "units"), 0),
            "levels": {},
            "sectors": {},
        }  # fmt: skip
        for u in units
    }
    for row in rows:
        entry = result[row["root"]]
        totals = entry["totals"]
        totals["units"] += row["n"]
        totals["members"] += row["members"] or 0
        totals["workers"] += row["workers"] or 0
        totals["direct_workers"] += row["direct_workers"] or 0
        entry["levels"][row["level"]] = entry["levels"].get(row["level"], 0) + row["n"]
        if row["level"] == Level.GRASSROOTS:
            totals["grassroots"] += row["n"]
            sector = row["sector"] or Sector.OTHER
            entry["sectors"][sector] = entry["sectors"].get(sector, 0) + row["n"]
    for entry in result.values():
        entry["levels"] = [
            (v, label, entry["levels"][v]) for v, label in Level.choices if v in entry["levels"]
        ]
        entry["sectors"] = [
            (v, label, entry["sectors"][v]) for v, label in Sector.choices if v in entry["sectors"]
        ]
    return {u.pk: result[u.path] for u in units}


def _version_totals(
    versions: list[UnitVersion], day: datetime.date, user: User | AnonymousUser, prefix
) -> None:
    """Annotate versions (none inside another) with their subtree as it stood on ``day``: ``total_units``,
    ``total_grassroots`` and ``total_members`` (members by the memberships open that day) — one query."""
    from thidua.core.scoping import subtree_q

    member_on_day = (
        Q(unit__memberships__joined_on__lte=day)
        & (Q(unit__memberships__left_on__isnull=True) | Q(unit__memberships__left_on__gt=day))
        & Q(unit__memberships__is_member=True)
    )
    rows = (
        UnitVersion.objects.as_of(day)
        .filter(subtree_q("path", [v.path for v in versions]))
        .visible_to(user)
        .annotate(prefix=prefix)
        .values("prefix")
        .annotate(
            units=Count("pk", distinct=True),
            grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS), distinct=True),
            members=Count("unit__memberships", filter=member_on_day),
        )
        .order_by()
    )
    totals = {row["prefix"]: row for row in rows}
    for version in versions:
        row = totals.get(version.path, {})
        version.total_units = row.get("units") or 0
        version.total_grassroots = row.get("grassroots") or 0
        version.total_members = row.get("members") or 0


def children_as_of(unit: Unit, day: datetime.date, user: User | AnonymousUser) -> list[UnitVersion]:
    """The unit's children on ``day`` that the user may see (names and places of that day), each with its subtree's
    totals on that day — two queries whatever the number of children."""
    children = list(
        UnitVersion.objects.as_of(day).filter(parent=unit).visible_to(user).select_related("unit")
        .order_by("sort_key", "path")
    )  # fmt: skip
    if children:
        width = len(children[0].path)
        _version_totals(children, day, user, Substr("path", 1, width))
    return children


def roots_as_of(units: list[Unit], day: datetime.date, user: User | AnonymousUser) -> list[UnitVersion]:
    """The versions on ``day`` of these units (none inside another), with their subtree totals of that day."""
    roots = list(
        UnitVersion.objects.as_of(day).filter(unit__in=units).select_related("unit").order_by("path")
    )
    if roots:
        from django.db.models import Case, CharField, Value, When

        prefix = Case(
            *[When(path__subtree=v.path, then=Value(v.path)) for v in roots], output_field=CharField()
        )
        _version_totals(roots, day, user, prefix)
    return roots


# --- choosing a unit in the restructuring forms ---------------------------------------------------------------


def parent_candidates(unit: Unit, user: User | AnonymousUser):
    """Where the user may move ``unit``: active units they manage (not those they only see), of a higher level,
    outside its subtree and other than its present parent."""
    from .actions import LEVEL_RANK
    from .permissions import MANAGE_UNITS

    rank = LEVEL_RANK[Level(unit.level)]
    levels = [level for level, r in LEVEL_RANK.items() if r < rank]
    qs = (
        Unit.objects.visible_to(user, MANAGE_UNITS)
        .active()
        .filter(level__in=levels)
        .exclude(path__subtree=unit.path)
    )
    if unit.depth > 1:
        qs = qs.exclude(path=unit.path[: -Unit.steplen])
    return qs


def merge_candidates(unit: Unit, user: User | AnonymousUser):
    """Units that may merge with ``unit`` (into it or it into them): active, of the same level, managed by the
    user."""
    from .permissions import MANAGE_UNITS

    return Unit.objects.visible_to(user, MANAGE_UNITS).active().filter(level=unit.level).exclude(pk=unit.pk)


def search_units(candidates, text: str, limit: int = 20) -> list[Unit]:
    """Candidates whose name, short name or code contains ``text``, ignoring case and diacritics
    (the first ``limit`` in Vietnamese order, shown in tree order), each with ``parent_name``. The search runs in the
    database (``foldcontains``)."""
    found = search_folded(candidates, text, "name", "short_name", "code").vietnamese_order()[:limit]
    units = in_tree_order(found)  # parents before their units, siblings in Vietnamese order
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    parents = (
        dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "name")) if parent_paths else {}
    )
    for u in units:
        u.parent_name = parents.get(u.path[: -Unit.steplen], "")
    return units


# --- history: who carries on an ended unit's records ------------------------------------------------------------
#
# A unit that ended leaves its records to the units that took over its units (decision 0011): the unit it merged or
# consolidated into, and, for a dissolution, every unit that received its units on the day it was dissolved (the
# area unions that took over a district federation's grassroots unions in 2025). These are its *successors*; it is
# their *predecessor*. A unit that moved keeps its own records (they follow its path) and its *former parents* are
# the units it stood under before. Every query below is set-based: a queryset the caller nests in its own query
# (no round trip of its own), over a bounded number of generations.

HISTORY_GENERATIONS = 3  # a predecessor's predecessor's predecessor; the 2025 restructuring needs one


def _links():
    """The restructuring events that hand an ended unit's units to another unit, each with ``ended`` and
    ``successor``: a move on the day the unit it left was dissolved (``from_parent`` → ``to_parent``), and a merger or
    consolidation (``unit`` → ``merged_into``)."""
    from django.db.models.functions import Coalesce

    moved_out = Q(kind=UnitEvent.Kind.MOVED, from_parent__dissolved_on=F("effective_on"))
    ended = Q(kind__in=[UnitEvent.Kind.MERGED, UnitEvent.Kind.CONSOLIDATED], merged_into__isnull=False)
    return UnitEvent.objects.filter(moved_out | ended).annotate(
        ended=Coalesce("from_parent", "unit"), successor=Coalesce("merged_into", "to_parent")
    )


def _generations(from_field: str, to_field: str, start_ids: QuerySet) -> QuerySet:
    """Follow the links from ``from_field`` to ``to_field`` (``successor`` → ``ended`` for predecessors),
    ``HISTORY_GENERATIONS`` times from ``start_ids`` (a subquery of ids): a subquery of ids as deep as the
    generations, each level naming ``start_ids`` once."""
    found = _links().filter(**{f"{from_field}__in": start_ids}).values(to_field)
    for _generation in range(HISTORY_GENERATIONS - 1):
        found = (
            _links()
            .filter(Q(**{f"{from_field}__in": start_ids}) | Q(**{f"{from_field}__in": found}))
            .values(to_field)
        )
    return found


def predecessors_of(units: QuerySet) -> QuerySet:
    """The predecessors of ``units`` (a queryset of units, e.g. those a user sees), over ``HISTORY_GENERATIONS``
    generations: a subquery of ids, nested by the caller into its own query."""
    return _generations("successor", "ended", units.values("pk"))


def predecessors(unit: Unit) -> QuerySet:
    """The units whose records ``unit`` carries on (see above), every generation up to ``HISTORY_GENERATIONS``."""
    ids = predecessors_of(Unit.objects.filter(pk=unit.pk))
    return Unit.objects.filter(pk__in=ids).exclude(pk=unit.pk).order_by("dissolved_on", "sort_key", "path")


def successors(unit: Unit) -> QuerySet:
    """The units that carry on ``unit``'s records: the ones that took over its units when it ended, and theirs
    when they ended in turn (up to ``HISTORY_GENERATIONS``)."""
    ids = _generations("ended", "successor", Unit.objects.filter(pk=unit.pk).values("pk"))
    return Unit.objects.filter(pk__in=ids).exclude(pk=unit.pk).order_by("sort_key", "path")


def former_parent_versions(units: QuerySet) -> QuerySet:
    """The versions of ``units`` (a queryset) spent under a parent they no longer stand under: one row per period,
    with ``parent`` and [``valid_from``, ``valid_to``). A rename under the same parent is not a former parent."""
    return UnitVersion.objects.filter(
        unit__in=units.values("pk"), valid_to__isnull=False, parent__isnull=False
    ).exclude(unit__path__startswith=F("parent__path"))


def former_parents(unit: Unit) -> list[UnitVersion]:
    """Where ``unit`` stood before: each period under a parent it has left, oldest first (``parent`` loaded)."""
    return list(
        former_parent_versions(Unit.objects.filter(pk=unit.pk))
        .select_related("parent")
        .order_by("valid_from")
    )


def predecessors_q(user: User | AnonymousUser, lookup: str = "unit") -> Q:
    """Rows owned (through ``lookup``, a foreign key to Unit) by the predecessors of the units the user sees: the
    history a successor reads (decision 0011). A condition the caller nests in its own query: no round trip."""
    return Q(**{f"{lookup}__in": predecessors_of(Unit.objects.visible_to(user))})
