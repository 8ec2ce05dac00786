"""Every change to registrations goes through these functions, one module a subject: the catalog of titles and rules
(``catalog``); emulation registration, initiatives, research topics and congress works each add their module.

Each takes the acting user as ``by``, runs in one transaction and writes the audit trail (``thidua.core.audit``).
"""

from .catalog import (
    REGULATION_EDITABLE,
    RULE_EDITABLE,
    archive_rule,
    create_award,
    create_regulation,
    create_rule,
    load_catalog,
    period_text,
    update_regulation,
    update_rule,
)
from .emulation import (
    acknowledge_registration,
    amend_registration,
    grant_late_consent,
    open_registration,
    registration_url,
    return_registration,
    save_registration,
    set_deadline,
    submit_registration,
)
from .initiatives import (
    AuthorInput,
    MemberInput,
    apply_initiative,
    archive_initiative,
    decide_duplicate_check,
    recognise_initiative,
    record_review,
    register_initiative,
    reject_initiative,
    update_initiative,
)

__all__ = [
    "AuthorInput",
    "MemberInput",
    "apply_initiative",
    "archive_initiative",
    "decide_duplicate_check",
    "record_review",
    "recognise_initiative",
    "register_initiative",
    "reject_initiative",
    "update_initiative",
    "acknowledge_registration",
    "amend_registration",
    "grant_late_consent",
    "open_registration",
    "registration_url",
    "return_registration",
    "save_registration",
    "set_deadline",
    "submit_registration",
    "REGULATION_EDITABLE",
    "RULE_EDITABLE",
    "archive_rule",
    "create_award",
    "create_regulation",
    "create_rule",
    "load_catalog",
    "period_text",
    "update_regulation",
    "update_rule",
]
