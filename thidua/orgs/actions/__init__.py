"""Every change to the union tree, people, memberships and roles goes through these functions.

Each takes the acting user as ``by``, runs in one transaction and writes the audit trail. Restructuring keeps the
tree's history: the unit's (and its subtree's) UnitVersion rows are closed on the effective date and new ones opened,
so the structure as of any date stays answerable.

One module per idea:

    tree.py      units: found, update, rename, move, dissolve, merge, archive, restore (LEVEL_RANK, UNIT_FIELDS)
    people.py    people and memberships, and the member counters (PERSON_FIELDS, name_fields, recount_members)
    accounts.py  logins and roles
    bulk.py      the bulk forms imports call: create_units, update_units, upsert_people
    names.py     the words of people's names for the ranked search: index_names, rebuild_name_index
    transfers.py transfer requests between branches: request, accept, refuse
    restructuring.py restructuring requests: prepare (officer of the level above), approve / return (its leader),
                 withdraw

Everything is importable from here: ``from thidua.orgs import actions`` then ``actions.create_unit(...)``.
"""

from .accounts import create_account, grant_role, revoke_role
from .bulk import NewUnit, PersonUpsert, create_units, update_units, upsert_people
from .names import index_names, rebuild_name_index
from .people import (
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    archive_person,
    create_person,
    end_membership,
    name_fields,
    recount_members,
    restore_person,
    transfer_person,
    update_person,
)
from .restructuring import (
    approve_restructuring,
    prepare_restructuring,
    return_restructuring,
    withdraw_restructuring,
)
from .restructuring import describe as describe_restructuring
from .restructuring import impact_of as restructuring_impact
from .transfers import accept_transfer, refuse_transfer, request_transfer, withdraw_transfer
from .tree import (
    LEVEL_RANK,
    UNIT_FIELDS,
    archive_unit,
    check_parent_level,
    create_unit,
    dissolve_unit,
    merge_units,
    move_unit,
    rename_unit,
    reopen_unit,
    restore_unit,
    update_unit,
)

__all__ = [
    "index_names",
    "rebuild_name_index",
    "approve_restructuring",
    "describe_restructuring",
    "restructuring_impact",
    "prepare_restructuring",
    "return_restructuring",
    "withdraw_restructuring",
    "reopen_unit",
    "accept_transfer",
    "refuse_transfer",
    "request_transfer",
    "withdraw_transfer",
    "LEVEL_RANK",
    "MEMBERSHIP_FIELDS",
    "NewUnit",
    "PersonUpsert",
    "PERSON_FIELDS",
    "UNIT_FIELDS",
    "archive_person",
    "archive_unit",
    "check_parent_level",
    "create_account",
    "create_person",
    "create_unit",
    "create_units",
    "dissolve_unit",
    "end_membership",
    "grant_role",
    "merge_units",
    "move_unit",
    "name_fields",
    "recount_members",
    "rename_unit",
    "restore_person",
    "restore_unit",
    "revoke_role",
    "transfer_person",
    "update_person",
    "update_unit",
    "update_units",
    "upsert_people",
]
