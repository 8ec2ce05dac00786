"""Who may do what with certificates.

- ``certificate`` (officers and leaders): on the issuer's subtree — a role on the unit that issued the decision or
  on a unit above it — issue the serials of an issued decision, generate and print its certificates.
- ``certificate_layout`` (the unit's administrator and officers): keep the issuer's emblem and its layouts of
  pre-printed blanks (calibration).

Everyone with a role on the issuer or above reads; anyone outside gets 404 (reads go through ``visible_to``). The
public verification page needs no permission and shows only the name, the award, the decision and the issuer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.orgs.models import RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit
    from thidua.rewards.models import Decision

    from .models import BlankLayout

Role = RoleAssignment.Role
CERTIFICATE = declare_permission("certificate", roles=[Role.LEADER, Role.OFFICER], app="certificates",
                                 label=_("In bằng khen, giấy khen"))  # fmt: skip
CERTIFICATE_LAYOUT = declare_permission("certificate_layout", roles=[Role.ADMIN, Role.OFFICER], app="certificates",
                                        label=_("Biểu tượng, mẫu in trên phôi bằng khen"))  # fmt: skip


def can_print_certificates(user: User | AnonymousUser | None, decision: Decision) -> bool:
    """Issue serials, generate and print the certificates of an issued decision of the user's unit (or below)."""
    return decision.is_issued and has_perm(user, CERTIFICATE, decision.issuer.path)


def can_manage_layouts(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Keep the emblem and the blank layouts of ``unit`` (a role holding the permission on it or above it)."""
    return unit.archived_at is None and has_perm(user, CERTIFICATE_LAYOUT, unit.path)


def can_edit_layout(user: User | AnonymousUser | None, layout: BlankLayout) -> bool:
    return layout.archived_at is None and can_manage_layouts(user, layout.issuer)
