"""Bulk writing of generated people and their memberships, streaming in batches (bounded memory at any scale).

Used by ``load_demo`` and by ``bench/generate.py``: the same names, positions, job categories, transfers and
national ID numbers at every size. People are written with ``bulk_create``; name, sort and search fields come from
``actions.name_fields``; the caller recounts the units (``actions.recount_members``) at the end.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from thidua.orgs.actions.names import index_names
from thidua.orgs.models import Gender, JobCategory, Membership, Person, Position

from .catalog import KINDS, job_category
from .names import cached_name_fields, random_full_name

FIRST_TRANSFER = datetime.date(2015, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)  # the generated history ends before the 2025 restructuring
EARLIEST_JOIN = datetime.date(1995, 1, 1)


@dataclass(frozen=True)
class Slot:
    """A grassroots union to fill: ``size`` people of the kind's profile."""

    unit_id: int
    kind: str
    size: int
    founded_on: datetime.date
    pool: str  # people transfer between unions of the same pool (a province)
    id_code: str  # the 3-digit province code that opens national ID numbers ("083" for Bến Tre)
    card_prefix: str  # union card numbers of the province start with it
    khmer: bool = False  # more Khmer family names (Trà Vinh)


@dataclass
class Stats:
    people: int = 0
    memberships: int = 0
    transfers: int = 0
    retired: int = 0
    unit_ids: set[int] = field(default_factory=set)


class NationalIds:
    """Unique 12-digit national ID numbers: province code, gender and century digit, year of birth, 6 digits."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, id_code: str, gender: str, birth: datetime.date) -> str:
        century = 0 if birth.year < 2000 else 2
        prefix = f"{id_code}{century + (1 if gender == Gender.FEMALE else 0)}{birth.year % 100:02d}"
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}{100000 + (n * 7919 + 12345) % 900000:06d}"


def _add_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=days)


def _between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    span = (last - first).days
    return first if span <= 0 else _add_days(first, rng.randrange(span + 1))


def _birthday(birth: datetime.date, years: int) -> datetime.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + years, day=28)


def positions_for(size: int) -> list[str]:
    """One chair; vice chairs, executive committee members and group leaders by the union's size."""
    vice = 0 if size < 10 else 1 if size < 300 else 2
    committee = 0 if size < 5 else 2 if size < 30 else 4 if size < 100 else 6 if size < 500 else 8
    leaders = size // 40
    head = [Position.CHAIR] + [Position.VICE_CHAIR] * vice + [Position.COMMITTEE] * committee
    head += [Position.GROUP_LEADER] * leaders
    return head[:size]


class PeopleWriter:
    # What a generated person is built as before its batch is written: the model here; a writer that does not go
    # through the ORM (bench/generate.py's COPY) takes a lighter record with the same attributes.
    make_person: Callable[..., Any] = Person

    def __init__(self, seed: str, *, batch_size: int = 5000, transfer_share: float = 0.09,
                 retired_share: float = 0.015, national_id_share: float = 0.45,
                 on_batch: Callable[[Stats], None] | None = None) -> None:  # fmt: skip
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.transfer_share = transfer_share
        self.retired_share = retired_share
        self.national_id_share = national_id_share
        self.on_batch = on_batch
        self.national_ids = NationalIds()
        self.cards: dict[str, int] = {}
        self.pools: dict[str, list[tuple[int, datetime.date]]] = {}
        self.stats = Stats()
        self._people: list[Person] = []
        self._memberships: list[list[dict]] = []

    def add_to_pool(self, slots: Iterable[Slot]) -> None:
        for slot in slots:
            self.pools.setdefault(slot.pool, []).append((slot.unit_id, slot.founded_on))

    def write(self, slots: Iterable[Slot]) -> Stats:
        for slot in slots:
            head = positions_for(slot.size)
            for position in itertools.chain(head, itertools.repeat(Position.MEMBER, slot.size - len(head))):
                self._person(slot, position)
                if len(self._people) >= self.batch_size:
                    self.flush()
            self.stats.unit_ids.add(slot.unit_id)
        self.flush()
        return self.stats

    def flush(self) -> None:
        if not self._people:
            return
        Person.objects.bulk_create(self._people, batch_size=self.batch_size)
        index_names(person.pk for person in self._people)
        rows = [
            Membership(person_id=person.pk, **values)
            for person, memberships in zip(self._people, self._memberships, strict=True)
            for values in memberships
        ]
        Membership.objects.bulk_create(rows, batch_size=self.batch_size)
        self.stats.people += len(self._people)
        self.stats.memberships += len(rows)
        self._people, self._memberships = [], []
        if self.on_batch:
            self.on_batch(self.stats)

    def _card(self, slot: Slot) -> str:
        n = self.cards.get(slot.card_prefix, 0) + 1
        self.cards[slot.card_prefix] = n
        return f"{slot.card_prefix}{n:08d}"

    def _person(self, slot: Slot, position: str) -> None:
        rng, kind = self.rng, KINDS[slot.kind]
        gender = Gender.FEMALE if rng.random() < kind.female_share else Gender.MALE
        retired = position == Position.MEMBER and rng.random() < self.retired_share
        if retired:
            birth = datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randrange(10 * 365))
        elif position in (Position.CHAIR, Position.VICE_CHAIR):
            birth = datetime.date(1967, 1, 1) + datetime.timedelta(days=rng.randrange(23 * 365))
        else:
            birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=rng.randrange(37 * 365))
        if position in (Position.CHAIR, Position.VICE_CHAIR) and rng.random() < 0.5:
            job = JobCategory.MANAGER
        else:
            job = job_category(rng, slot.kind)
        is_member = not (position == Position.MEMBER and rng.random() < kind.non_member_share)
        direct = job == JobCategory.WORKER and rng.random() < kind.direct_share
        national_id = (
            self.national_ids.next(slot.id_code, gender, birth)
            if rng.random() < self.national_id_share
            else ""
        )
        phone = f"0{rng.choice('3789')}{rng.randrange(10**8):08d}" if rng.random() < 0.6 else ""
        person = self.make_person(
            unit_id=slot.unit_id,
            gender=gender,
            birth_date=birth,
            national_id=national_id,
            phone=phone,
            **cached_name_fields(random_full_name(rng, gender, khmer_share=slot.khmer)),
        )
        common = {
            "card_number": self._card(slot) if is_member else "",
            "job_category": job,
            "is_direct_production_worker": direct,
            "is_member": is_member,
        }
        adult = _birthday(birth, 18)
        start = max(slot.founded_on, adult, EARLIEST_JOIN)
        memberships = []
        if rng.random() < self.transfer_share:
            memberships = self._transfer(slot, birth, start, common, position)
        if not memberships:
            joined = _between(rng, start, LAST_DAY) if start <= LAST_DAY else LAST_DAY
            memberships = [{"unit_id": slot.unit_id, "joined_on": joined, "position": position
                            if is_member else Position.NONE, **common}]  # fmt: skip
        if retired:
            last = memberships[-1]
            sixty = _birthday(birth, 60)
            if last["joined_on"] < sixty <= LAST_DAY:
                last["left_on"], last["left_reason"] = sixty, Membership.LeftReason.RETIRED
                self.stats.retired += 1
        self._people.append(person)
        self._memberships.append(memberships)

    def _transfer(self, slot: Slot, birth: datetime.date, start: datetime.date, common: dict,
                  position: str) -> list[dict]:  # fmt: skip
        """A move from another union of the pool between 2015 and 2024: two memberships, the first closed."""
        rng = self.rng
        first_day = max(FIRST_TRANSFER, start, _birthday(birth, 20))
        if first_day > LAST_DAY:
            return []
        on = _between(rng, first_day, LAST_DAY)
        pool = self.pools.get(slot.pool) or []
        for _attempt in range(5):
            unit_id, founded = pool[rng.randrange(len(pool))] if pool else (slot.unit_id, on)
            earliest = max(founded, _birthday(birth, 18), EARLIEST_JOIN)
            if unit_id != slot.unit_id and earliest < _add_days(on, -90):
                joined = _between(rng, earliest, _add_days(on, -90))
                self.stats.transfers += 1
                self.stats.unit_ids.add(unit_id)
                position_now = position if common["is_member"] else Position.NONE
                position_before = Position.MEMBER if common["is_member"] else Position.NONE
                return [
                    {"unit_id": unit_id, "joined_on": joined, "left_on": on,
                     "left_reason": Membership.LeftReason.TRANSFER, "position": position_before, **common},
                    {"unit_id": slot.unit_id, "joined_on": on, "position": position_now, **common},
                ]  # fmt: skip
        return []
