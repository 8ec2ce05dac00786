"""Daily job: tell the units concerned that a phase opens or closes today, or that its report is due soon.

Phases open and close by their dates without it (their status is computed); this only sends the notices, once per
unit and event, so running it twice a day (or again after a failure) sends nothing twice.
"""

from django.core.management.base import BaseCommand, CommandError

from thidua.core.dates import parse_date
from thidua.plans.actions import notify_phase_changes


class Command(BaseCommand):
    help = "Thông báo các đợt thi đua bắt đầu, kết thúc hôm nay và các hạn báo cáo sắp đến (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--ngay", dest="day", help="Ngày xét, dạng dd/mm/yyyy (mặc định: hôm nay)")

    def handle(self, *args, day=None, **options):
        on = None
        if day:
            try:
                on = parse_date(day)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        counts = notify_phase_changes(on)
        self.stdout.write(
            f"Bắt đầu đợt: {counts['phase_opens']} đơn vị; kết thúc đợt: {counts['phase_closes']} đơn vị; "
            f"sắp đến hạn báo cáo: {counts['report_due']} đơn vị."
        )
