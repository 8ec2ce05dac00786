"""Who may do what in registrations, one module a subject: the catalog (``catalog``), emulation registration
(``emulation``, with ``EMULATION_WORKFLOW``), initiatives (``initiatives``, with ``INITIATIVE_WORKFLOW``), research
topics and congress works (``works``, with ``RESEARCH_WORKFLOW`` and ``CONGRESS_WORK_WORKFLOW``). The catalog's
functions are re-exported here (``permissions.can_view_catalog``)."""

from . import (
    emulation,  # noqa: F401 - declares emulation registration's permissions and registers its workflow
    emulation_tools,  # noqa: F401 - the roll-up's reminders and the .xlsx upload
    initiatives,  # noqa: F401 - declares the initiatives' permissions and registers their workflow
    works,  # noqa: F401 - research topics and congress works: their workflows
)
from .catalog import (
    can_edit_layer,
    can_edit_regulation,
    can_edit_rule,
    can_view_catalog,
    can_view_layer,
    can_view_regulation,
    can_view_rule,
)

__all__ = [
    "can_edit_layer",
    "can_edit_regulation",
    "can_edit_rule",
    "can_view_catalog",
    "can_view_layer",
    "can_view_regulation",
    "can_view_rule",
]
