"""Plain histories for the engine's tests, and the rules of the shipped catalog for a year."""

from __future__ import annotations

import datetime

from thidua.eligibility.engine import (
    AwardFact,
    ExclusionFact,
    History,
    InitiativeFact,
    MembershipFact,
    ResearchFact,
)
from thidua.eligibility.loading import load_rules

D = datetime.date


def person(year=2017, *, registered=("lao-dong-tien-tien",), joined=None, **values) -> History:
    """A worker of a union since ``joined``, registered for ``registered`` in ``year``."""
    values.setdefault(
        "memberships", [MembershipFact(unit_id=1, joined_on=joined or D(2010, 1, 1), left_on=None)]
    )
    return History(id=1, name="Trần Trung Hào", unit_id=1, registered={year: set(registered)}, **values)


def held(code, year, **values) -> AwardFact:
    return AwardFact(code=code, year=year, source=f"QĐ thử nghiệm {year}", **values)


def initiative(year, scope="grassroots", benefit=None) -> InitiativeFact:
    return InitiativeFact(id=year, title=f"Sáng kiến năm {year}", year=year, decided_on=D(year, 10, 20), scope=scope,
                          benefit_vnd=benefit)  # fmt: skip


def research(year) -> ResearchFact:
    return ResearchFact(id=year, title=f"Đề tài năm {year}", accepted_on=D(year, 11, 1))


def exclusion(kind, start, end=None, **values) -> ExclusionFact:
    return ExclusionFact(kind=kind, starts_on=start, ends_on=end, source="QĐ số 12/QĐ-CTY", **values)


def rules(code, year, unit=None):
    return load_rules(code, year, unit)
