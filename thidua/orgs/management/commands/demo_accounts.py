"""python manage.py demo_accounts — prints the demo logins, their roles and units, and the password."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.orgs.demo import DEMO_ACCOUNTS, is_loaded
from thidua.orgs.demo.accounts import unit_of


class Command(BaseCommand):
    help = _("In danh sách tài khoản minh họa (tiếng Việt và tiếng Anh).")

    def handle(self, *args, **options):
        if not is_loaded():
            raise CommandError(_("Chưa có dữ liệu minh họa: hãy chạy “python manage.py load_demo” trước."))
        password = settings.DEMO_PASSWORD
        out = self.stdout
        out.write("")
        out.write(self.style.MIGRATE_HEADING(_("Tài khoản minh họa") + " / Demo accounts"))
        out.write(_("Mật khẩu của mọi tài khoản") + f" / password of every account: {password}")
        out.write("")
        width = max(len(a.username) for a in DEMO_ACCOUNTS) + 2
        for account in DEMO_ACCOUNTS:
            unit = unit_of(account)
            out.write(self.style.SUCCESS(account.username.ljust(width)) + str(account.who))
            out.write(" " * width + f"{account.who_en}")
            out.write(" " * width + _("Đơn vị") + f" / unit: {unit.name}")
        out.write("")
        out.write(
            _("Dữ liệu công đoàn cơ sở và người lao động là hư cấu.") + " / The grassroots data is fictional."
        )
        out.write(
            _(
                "LĐLĐ tỉnh Bến Tre đã hợp nhất vào LĐLĐ tỉnh Vĩnh Long từ 01/7/2025: cán bộ Bến Tre giữ vai trò "
                "trên LĐLĐ tỉnh Vĩnh Long."
            )  # fmt: skip
            + " / Bến Tre merged into Vĩnh Long on 01/7/2025: the Bến Tre staff hold their roles on the merged federation."
        )
        out.write("")
