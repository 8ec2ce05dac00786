"""Who may remind the units below to register, and upload a unit's registration from a spreadsheet: the officers
and leaders who prepare and send (``submit``, the roles adding up with the other apps' in the registry), on the
unit concerned or any unit above it. Reading the roll-up is reading the unit (``view``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.orgs.models import RoleAssignment

Role = RoleAssignment.Role
REMIND_PERMISSION = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="registrations",
                                       label=_("Soạn, gửi"))  # fmt: skip
