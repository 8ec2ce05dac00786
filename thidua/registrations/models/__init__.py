"""The registrations app's models, one module a subject: the catalog of titles and rules by period (``catalog``);
emulation registration, initiatives, research topics and congress works each add their own module here and export
their names below."""

from .catalog import (
    LAYER_ORDER,
    LEVEL_ORDER,
    MARK_STRENGTH,
    RULE_VALUE_FIELDS,
    Award,
    AwardKind,
    BaseSalary,
    CatalogLoad,
    ConferringLevel,
    Layer,
    Mark,
    Recipient,
    Regulation,
    Rule,
    VoteBase,
    weakest,
)
from .emulation import (
    DEFAULT_DEADLINE,
    CollectiveTarget,
    IndividualEntry,
    LateConsent,
    Registration,
    RegistrationDeadline,
    RegistrationEvent,
    RegistrationStatus,
)

__all__ = [
    "DEFAULT_DEADLINE",
    "CollectiveTarget",
    "IndividualEntry",
    "LateConsent",
    "Registration",
    "RegistrationDeadline",
    "RegistrationEvent",
    "RegistrationStatus",
    "LAYER_ORDER",
    "LEVEL_ORDER",
    "MARK_STRENGTH",
    "RULE_VALUE_FIELDS",
    "Award",
    "AwardKind",
    "BaseSalary",
    "CatalogLoad",
    "ConferringLevel",
    "Layer",
    "Mark",
    "Recipient",
    "Regulation",
    "Rule",
    "VoteBase",
    "weakest",
]
