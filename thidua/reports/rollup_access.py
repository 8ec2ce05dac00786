"""Which form and unit a roll-up page, file or API answer is about, and who may see it.

A roll-up reads a published form over a unit's subtree. The unit must be in the user's scope (``get_for_user``:
404 outside, the units merged into theirs included) and the form must concern it: issued by the unit or a unit
above it (the province's form seen from a district federation), or by a unit below it. Anything else is 404, never
a hint that it exists. Reminding the missing is an act of the level above: the roles that send (``submit``) on the
unit or above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from thidua.core.permissions import declare_permission
from thidua.core.scoping import get_for_user, has_perm, scope_roots
from thidua.orgs.models import RoleAssignment, Unit

from .models import FormStatus, ReportForm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
REMIND = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="reports")


def ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def published_forms() -> QuerySet[ReportForm]:
    return ReportForm.objects.filter(
        status__in=[FormStatus.PUBLISHED, FormStatus.CLOSED], archived_at__isnull=True
    )


def forms_for_user(user: User | AnonymousUser) -> QuerySet[ReportForm]:
    """The published forms a user may roll up: issued in their scope, or above a unit of their scope."""
    roots = scope_roots(user)
    forms = published_forms().select_related("phase__plan__issuer")
    if roots is None:
        return forms
    if not roots:
        return forms.none()
    condition = Q(pk__in=[])
    above = sorted({p for root in roots for p in ancestor_paths(root)})
    condition |= Q(phase__plan__issuer__path__in=above)
    for root in roots:
        condition |= Q(phase__plan__issuer__path__subtree=root)
    return forms.filter(condition)


def form_concerns(form: ReportForm, unit: Unit) -> bool:
    issuer = form.phase.plan.issuer.path
    return unit.path.startswith(issuer) or issuer.startswith(unit.path)


def _int(raw) -> int:
    raw = str(raw or "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else 0


def form_and_unit(user, form_id, unit_id=None) -> tuple[ReportForm, Unit]:
    """The form (published, concerning the unit) and the unit (in the user's scope; by default the first of the
    user's top units it concerns), else 404."""
    form = published_forms().select_related("phase__plan__issuer").filter(pk=_int(form_id)).first()
    if form is None:
        raise Http404
    if unit_id not in (None, ""):
        unit = get_for_user(Unit, user, pk=_int(unit_id))
    else:
        unit = default_unit(user, form)
    if not form_concerns(form, unit):
        raise Http404
    return form, unit


def default_unit(user, form: ReportForm) -> Unit:
    """The form's issuer when the user sees it, else the first of the user's top units the form concerns."""
    from thidua.orgs.queries import root_units_for

    issuer = form.phase.plan.issuer
    if has_perm(user, "view", issuer.path):
        return issuer
    for unit in root_units_for(user):
        if form_concerns(form, unit):
            return unit
    raise Http404


def can_remind(user, unit: Unit) -> bool:
    return has_perm(user, REMIND, unit.path)
