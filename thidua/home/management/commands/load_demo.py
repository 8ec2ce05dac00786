"""python manage.py load_demo — the demo province, built by each app's demo builder in order
(``thidua.home.demo``); idempotent: a second run only checks the demo accounts."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.home.demo import load_demo
from thidua.orgs.demo import build


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
        results = load_demo(
            grassroots=grassroots, people=people, neighbour_grassroots=neighbour_grassroots, log=log
        )
        seconds = time.monotonic() - started
        tree, plans = results["orgs"], results["plans"]
        if tree is None:
            self.stdout.write(
                _("Dữ liệu minh họa đã có sẵn; không thay đổi gì (%(s).1f giây).") % {"s": seconds}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Đã nạp dữ liệu minh họa: %(units)d đơn vị, %(grassroots)d công đoàn cơ sở (%(s).1f giây)."
                    )
                    % {**tree, "s": seconds}
                )
            )
        if plans:
            self.stdout.write(
                _("Kế hoạch minh họa: %(issued)d kế hoạch đã ban hành, %(drafts)d dự thảo.")
                % {"issued": plans.get("issued", 0), "drafts": plans.get("drafts", 0)}
            )
