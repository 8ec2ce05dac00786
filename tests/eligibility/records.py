"""Rows of other apps' records for the loading tests, written directly (the tests arrange; the engine reads)."""

from __future__ import annotations

import datetime

from thidua.orgs.models import Membership, Person
from thidua.registrations.models import Award
from thidua.registrations.models.emulation import IndividualEntry, Registration
from thidua.registrations.models.initiatives import Initiative, InitiativeAuthor
from thidua.rewards.models import AwardRecord

D = datetime.date


def record(code, year, *, person=None, unit=None, unit_at_time=None, decided_on=None):
    return AwardRecord.objects.create(
        person=person, unit=unit, award=Award.objects.get(code=code), year=year, source="imported",
        decision_number=f"{year % 100}/QĐ-CTY", decided_on=decided_on or D(year, 12, 20), issuer_name="Công ty",
        unit_at_time=unit_at_time or (person.unit if person else None),
    )  # fmt: skip


def registered(unit, year, people, code="lao-dong-tien-tien"):
    registration = Registration.objects.create(
        unit=unit, year=year, status="acknowledged", deadline=D(year, 1, 25)
    )
    for p in people:
        IndividualEntry.objects.create(
            registration=registration, person=p, award=Award.objects.get(code=code)
        )
    return registration


def recognised_initiative(unit, person, year, scope="grassroots", benefit=None):
    initiative = Initiative.objects.create(
        unit=unit, year=year, title=f"Cải tiến chuyền may {year}", field="technical", problem="Vấn đề",
        solution="Giải pháp", status="recognised", registered_on=D(year, 3, 1), decision_number=f"{year}/QĐ-CTY",
        decision_date=D(year, 10, 20), recognising_body="Giám đốc công ty", effect_scope=scope, benefit_vnd=benefit,
    )  # fmt: skip
    InitiativeAuthor.objects.create(initiative=initiative, person=person, name=person.full_name, share=100)
    return initiative


def many_people(unit, n, joined=None):
    """``n`` people of ``unit`` (bulk, with their open membership)."""
    start = Person.objects.count()
    people = Person.objects.bulk_create(
        [Person(full_name=f"Người thử {start + i}", given_name=f"Thử{start + i}", unit=unit,
                sort_key=f"thu {start + i:06d}", search_name=f"nguoi thu {start + i}") for i in range(n)]
    )  # fmt: skip
    Membership.objects.bulk_create(
        [Membership(person=p, unit=unit, joined_on=joined or D(2010, 1, 1)) for p in people]
    )
    return people
