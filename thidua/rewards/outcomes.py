"""The rewards' answer to the registrations' "what became of this registered title" (``registrations.outcomes``):
per (person, award, year) or (unit, award, year), conferred by which decision, revoked, or nothing yet. One query
for all the keys of a panel; a standing record wins over a revoked one."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.registrations.outcomes import Key, Outcome

from .models import AwardRecord


def _awarded(row: dict[str, Any]) -> Outcome:
    number, day = row["decision_number"], row["decided_on"]
    if number and day:
        text = _("Đã được tặng theo Quyết định số %(number)s ngày %(date)s") % {
            "number": number, "date": format_date(day),
        }  # fmt: skip
    elif number:
        text = _("Đã được tặng theo Quyết định số %(number)s") % {"number": number}
    else:
        text = _("Đã được tặng")
    return Outcome(text=text, state="awarded")


def resolve(user: Any, people: list[Key], units: list[Key]) -> dict[tuple[str, Key], Outcome]:
    q = Q(pk__in=[])
    if people:
        q |= Q(person_id__in={k[0] for k in people}, award_id__in={k[1] for k in people},
               year__in={k[2] for k in people})  # fmt: skip
    if units:
        q |= Q(
            unit_id__in={k[0] for k in units},
            award_id__in={k[1] for k in units},
            year__in={k[2] for k in units},
        )
    wanted = {("person", k) for k in people} | {("unit", k) for k in units}
    found: dict[tuple[str, Key], Outcome] = {}
    rows = AwardRecord.objects.visible_to(user).filter(q).order_by("revoked_id", "-decided_on", "id").values(
        "person_id", "unit_id", "award_id", "year", "decided_on", "decision_number", "revoked_id"
    )  # fmt: skip
    for row in rows:
        kind, owner = ("person", row["person_id"]) if row["person_id"] else ("unit", row["unit_id"])
        key = (kind, (owner, row["award_id"], row["year"]))
        if key not in wanted:
            continue
        if row["revoked_id"] is None:
            if key not in found or found[key].state != "awarded":
                found[key] = _awarded(row)
        elif key not in found:
            found[key] = Outcome(text=_("Đã bị thu hồi"), state="revoked")
    return found
