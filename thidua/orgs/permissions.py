"""Who may do what in the orgs app: plain functions over the role map in thidua.core.scoping."""

from __future__ import annotations

from thidua.core.scoping import MANAGE_ACCOUNTS, MANAGE_PEOPLE, MANAGE_UNITS, VIEW, has_perm

from .models import Person, TransferRequest, Unit


def can_view_unit(user, unit: Unit) -> bool:
    return has_perm(user, VIEW, unit.path)


def can_manage_unit(user, unit: Unit) -> bool:
    """Edit a unit's facts, found units under it, restructure it (a role on it or above it)."""
    return has_perm(user, MANAGE_UNITS, unit.path)


def can_manage_people(user, unit: Unit) -> bool:
    """Add, edit, transfer and import people of this unit's subtree."""
    return has_perm(user, MANAGE_PEOPLE, unit.path)


def can_manage_accounts(user, unit: Unit) -> bool:
    return has_perm(user, MANAGE_ACCOUNTS, unit.path)


def can_manage_person(user, person: Person) -> bool:
    """Edit, transfer, end the membership of, archive or restore a person: manage the union that holds them."""
    return person.unit is not None and has_perm(user, MANAGE_PEOPLE, person.unit.path)


def can_see_personal_data(user, person: Person) -> bool:
    """National ID numbers and birth dates in full: only for those who manage the person's union."""
    return person.unit is not None and has_perm(user, MANAGE_PEOPLE, person.unit.path)


def can_see_phone(user, person: Person) -> bool:
    """Phone numbers in full: like national IDs, only for those who manage the person's union."""
    return can_see_personal_data(user, person)


def can_request_transfer(user, to_unit: Unit) -> bool:
    """Ask another branch to let a person transfer into ``to_unit``: manage people there."""
    return has_perm(user, MANAGE_PEOPLE, to_unit.path)


def can_decide_transfer(user, request: TransferRequest) -> bool:
    """Accept or refuse: manage people of the person's current union (or a level above it, the common one too)."""
    return request.is_pending and has_perm(user, MANAGE_PEOPLE, request.from_unit.path)


def can_see_transfer_person(user, request: TransferRequest) -> bool:
    """The person's record behind a request: seen from the current union's side, or by anyone once accepted."""
    return has_perm(user, VIEW, request.from_unit.path) or request.status == TransferRequest.Status.ACCEPTED
