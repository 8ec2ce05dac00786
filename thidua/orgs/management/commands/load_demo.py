"""python manage.py load_demo — the demo province (idempotent: a second run only checks the demo accounts)."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.orgs.demo import build, ensure_demo_accounts, load_demo


class Command(BaseCommand):
    help = _(
        "Nạp dữ liệu minh họa: LĐLĐ tỉnh Bến Tre năm 2017, LĐLĐ tỉnh Trà Vinh, Vĩnh Long và việc sắp xếp năm 2025 "
        "(chạy lại không thay đổi gì)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--grassroots", type=int, default=build.DEFAULT_GRASSROOTS,
                            help=_("số công đoàn cơ sở của tỉnh Bến Tre"))  # fmt: skip
        parser.add_argument("--people", type=int, default=build.DEFAULT_PEOPLE,
                            help=_("số người lao động của tỉnh Bến Tre"))  # fmt: skip
        parser.add_argument("--neighbour-grassroots", type=int, default=build.DEFAULT_NEIGHBOUR_GRASSROOTS,
                            help=_("số công đoàn cơ sở của mỗi tỉnh Trà Vinh, Vĩnh Long"))  # fmt: skip

    def handle(self, *args, grassroots, people, neighbour_grassroots, verbosity, **options):
        started = time.monotonic()
        log = self.stdout.write if verbosity > 1 else None
        result = load_demo(
            grassroots=grassroots, people=people, neighbour_grassroots=neighbour_grassroots, log=log
        )
        ensure_demo_accounts()
        plans = self.load_plans()
        seconds = time.monotonic() - started
        if result is None:
            self.stdout.write(
                _("Dữ liệu minh họa đã có sẵn; không thay đổi gì (%(s).1f giây).") % {"s": seconds}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Đã nạp dữ liệu minh họa: %(units)d đơn vị, %(grassroots)d công đoàn cơ sở (%(s).1f giây)."
                    )
                    % {**result, "s": seconds}
                )
            )
        if plans:
            self.stdout.write(
                _("Kế hoạch minh họa: %(issued)d kế hoạch đã ban hành, %(drafts)d dự thảo.")
                % {"issued": plans.get("issued", 0), "drafts": plans.get("drafts", 0)}
            )

    def load_plans(self) -> dict:
        """The reference plan 13/KH-LĐLĐ of the Bến Tre federation and its cascade (idempotent)."""
        from thidua.orgs.models import Unit
        from thidua.plans.demo import load_demo_plans

        bentre = Unit.objects.filter(code="BTR").first()
        return load_demo_plans(bentre, by=None) if bentre else {}
