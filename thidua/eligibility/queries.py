"""Reads of eligibility used by the pages and the API: the nominee a user may see (404 outside), the awards that
can be judged for a year, the verdicts of a unit's year filtered and the overrides listed for the council."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.core.scoping import get_for_user
from thidua.orgs.models import Person, Unit
from thidua.registrations.queries import catalog_on

from .engine import Verdict, judge_many, judged_on
from .models import Override

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def nominee_for_user(user: User | AnonymousUser, kind: str, pk: int) -> Person | Unit:
    """The person (``kind`` "person") or collective ("unit") the user may see; 404 otherwise."""
    if kind == "person":
        return get_for_user(Person.objects.select_related("unit"), user, pk=pk)
    if kind == "unit":
        return get_for_user(Unit, user, pk=pk)
    raise Http404


def proposing_unit_for(user: User | AnonymousUser, nominee: Person | Unit, unit_id: int | None) -> Unit:
    """The proposing unit asked for (visible to the user, the nominee in its subtree), else the nominee's own."""
    own = nominee if isinstance(nominee, Unit) else nominee.unit
    if unit_id is None:
        if own is None:
            raise Http404
        return own
    unit = get_for_user(Unit, user, pk=unit_id)
    if own is None or not own.path.startswith(unit.path):
        raise ValidationError({"unit": _("Người, tập thể được đề nghị không thuộc đơn vị đề nghị.")})
    return unit


def awards_for(year: int, unit: Unit | None, collective: bool | None = None) -> list[tuple[str, str]]:
    """(code, name) of the titles and forms in force at the end of ``year`` in ``unit``'s federation."""
    entries = catalog_on(judged_on(year), unit).entries
    if collective is not None:
        entries = [e for e in entries if (e.award.for_collectives if collective else e.award.for_individuals)]
    return [(e.code, e.name) for e in entries]


def unit_verdicts(unit: Unit, year: int, code: str, outcome: str = "") -> list[Verdict]:
    verdicts = judge_many(unit, year, code)
    return [v for v in verdicts if v.outcome == outcome] if outcome else verdicts


def overrides_for_list(user: User | AnonymousUser, *, unit: Unit | None = None, year: int | None = None,
                       withdrawn: bool = False):  # fmt: skip
    overrides = Override.objects.visible_to(user).select_related(
        "person", "subject_unit", "unit", "award", "by"
    )
    overrides = overrides.filter(archived_at__isnull=not withdrawn)
    if unit is not None:
        overrides = overrides.filter(unit__path__startswith=unit.path)
    if year is not None:
        overrides = overrides.filter(year=year)
    return overrides.order_by("-year", "unit__path", "-at", "-id")
