"""The demo accounts, one or more per level, (re)set idempotently with settings.DEMO_PASSWORD.

After 1 July 2025 the Bến Tre federation is merged into the Liên đoàn Lao động tỉnh Vĩnh Long and its grassroots
unions sit under Vĩnh Long's path. So the former Bến Tre staff (``bentre``, ``bentre-leader``) hold their roles on
the merged Vĩnh Long federation: they see the Bến Tre grassroots unions today (and Trà Vinh's and Vĩnh Long's, as the
merged federation's staff do). ``chauthanh`` works for the area union that took over the Châu Thành district
federation's grassroots unions: as its successor it reads the district federation's plans and what it received
(decision 0011), read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.orgs import actions
from thidua.orgs.models import RoleAssignment, Unit

from .build import ANCHOR, MARKER_CODE

ROOT = "@root"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    unit_code: str  # ROOT: the national root the demo hangs under
    role: str
    who: object  # Vietnamese (gettext) description
    who_en: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", ROOT, RoleAssignment.Role.ADMIN, _("Quản trị hệ thống"), "system administrator"),
    DemoAccount("bentre", MARKER_CODE, RoleAssignment.Role.OFFICER,
                _("Cán bộ Ban Chính sách – Pháp luật, LĐLĐ tỉnh Bến Tre cũ, nay thuộc LĐLĐ tỉnh Vĩnh Long "
                  "(soạn dự thảo quyết định khen thưởng)"),
                "officer of the former Bến Tre federation, now in the merged Vĩnh Long federation"),
    DemoAccount("bentre-leader", MARKER_CODE, RoleAssignment.Role.LEADER,
                _("Lãnh đạo LĐLĐ tỉnh Bến Tre cũ, nay thuộc LĐLĐ tỉnh Vĩnh Long (duyệt, ký ban hành, thu hồi "
                  "quyết định khen thưởng)"),
                "leader of the former Bến Tre federation, now in the merged Vĩnh Long federation"),
    DemoAccount("chauthanh", "VLG-KVCT", RoleAssignment.Role.OFFICER,
                _("Cán bộ Công đoàn khu vực Châu Thành (tiếp nhận các CĐCS của LĐLĐ huyện Châu Thành)"),
                "officer of the Châu Thành area union (successor of the Châu Thành district federation)"),
    DemoAccount("kcn", "VLG-KCN", RoleAssignment.Role.OFFICER,
                _("Cán bộ Công đoàn các Khu công nghiệp tỉnh Vĩnh Long (gồm các KCN của Bến Tre)"),
                "officer of the industrial-zone union (Bến Tre's zones included)"),
    DemoAccount("giaoduc", "VLG-GD", RoleAssignment.Role.OFFICER,
                _("Cán bộ Công đoàn ngành Giáo dục tỉnh Vĩnh Long"), "officer of the provincial education union"),
    DemoAccount("cdcs-maybentre", ANCHOR["code"], RoleAssignment.Role.OFFICER,
                _("Cán bộ công đoàn cơ sở Công ty TNHH May mặc Bến Tre"), "officer of a grassroots union (FDI factory)"),
    DemoAccount("hoidong", MARKER_CODE, RoleAssignment.Role.COUNCIL,
                _("Thành viên Hội đồng thi đua – khen thưởng LĐLĐ tỉnh Vĩnh Long"), "member of the emulation council"),
    DemoAccount("xem", MARKER_CODE, RoleAssignment.Role.VIEWER,
                _("Chỉ xem, LĐLĐ tỉnh Vĩnh Long"), "viewer of the provincial federation"),
]  # fmt: skip


def demo_root() -> Unit:
    return Unit.objects.get(path=Unit.objects.get(code=MARKER_CODE).path[: Unit.steplen])


def unit_of(account: DemoAccount) -> Unit:
    return demo_root() if account.unit_code == ROOT else Unit.objects.get(code=account.unit_code)


@transaction.atomic
def ensure_demo_accounts(password: str | None = None) -> list[tuple[DemoAccount, Unit]]:
    """Create the accounts or set them back: the demo password, active, the role on their unit. Touches nothing that
    is already right (a second run writes nothing)."""
    password = password or settings.DEMO_PASSWORD
    User = get_user_model()
    result = []
    for account in DEMO_ACCOUNTS:
        unit = unit_of(account)
        user, created = User.objects.get_or_create(username=account.username)
        if created or not user.check_password(password) or not user.is_active:
            user.set_password(password)
            user.is_active = True
            user.save()
        if not RoleAssignment.objects.filter(user=user, unit=unit, role=account.role).exists():
            actions.grant_role(user, unit, account.role, by=None)
        result.append((account, unit))
    return result
