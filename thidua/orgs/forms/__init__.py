"""Forms of the orgs app: they validate input; the views then call one action.

base.py      the dd/mm/yyyy date field and the Vietnamese form base every form builds on
people.py    a person's facts and membership, transfer, leaving, archiving
units.py     founding and editing units, the dated restructurings, archiving
accounts.py  giving a user a role on a unit
transfers.py asking another branch for a person, and deciding on such a request
"""

from .accounts import ACCOUNT_EXISTING, ACCOUNT_NEW, RoleGrantForm
from .base import VN_DATE_FORMATS, VietnameseDateField, _VietnameseForm
from .people import (
    LEAVE_REASON_CHOICES,
    MEMBER_STATUS_CHOICES,
    MIN_WORKING_AGE,
    ArchivePersonForm,
    EndMembershipForm,
    MembershipFieldsForm,
    PersonCreateForm,
    PersonFactsForm,
    PersonTransferForm,
    PersonUpdateForm,
)
from .transfers import DECISION_ACCEPT, DECISION_REFUSE, TransferDecisionForm, TransferRequestForm
from .units import (
    GRASSROOTS_LEVELS,
    MERGE_INTO_OTHER,
    MERGE_INTO_THIS,
    UnitArchiveForm,
    UnitCreateForm,
    UnitDissolveForm,
    UnitFactsForm,
    UnitMergeForm,
    UnitMoveForm,
    UnitRenameForm,
    UnitUpdateForm,
)

__all__ = [
    "DECISION_ACCEPT",
    "DECISION_REFUSE",
    "TransferDecisionForm",
    "TransferRequestForm",
    "ACCOUNT_EXISTING",
    "ACCOUNT_NEW",
    "GRASSROOTS_LEVELS",
    "LEAVE_REASON_CHOICES",
    "MEMBER_STATUS_CHOICES",
    "MERGE_INTO_OTHER",
    "MERGE_INTO_THIS",
    "MIN_WORKING_AGE",
    "VN_DATE_FORMATS",
    "ArchivePersonForm",
    "EndMembershipForm",
    "MembershipFieldsForm",
    "PersonCreateForm",
    "PersonFactsForm",
    "PersonTransferForm",
    "PersonUpdateForm",
    "RoleGrantForm",
    "UnitArchiveForm",
    "UnitCreateForm",
    "UnitDissolveForm",
    "UnitFactsForm",
    "UnitMergeForm",
    "UnitMoveForm",
    "UnitRenameForm",
    "UnitUpdateForm",
    "VietnameseDateField",
    "_VietnameseForm",
]
