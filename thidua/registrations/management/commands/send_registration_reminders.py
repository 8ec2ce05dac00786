"""Reminds the units that have not sent their emulation registration, in the days before their deadline (for cron,
once a day): each federation (provincial federation, central sector union) reminds the units of its subtree whose
deadline — the federation's for their sector, else 25/01 — falls within ``--days-before`` days from the date.
Idempotent per day: running it twice tells nobody twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.core.dates import format_date
from thidua.orgs.models import Level, Unit
from thidua.registrations.actions.emulation_reminders import remind_unregistered
from thidua.registrations.emulation_rollup import deadline_of, expected_units, sector_deadlines

FEDERATION_LEVELS = (Level.PROVINCE, Level.CENTRAL_SECTOR)


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi đăng ký thi đua trong những ngày trước hạn đăng ký (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--year", type=int, help="Năm đăng ký (mặc định: năm của ngày chạy)")
        parser.add_argument("--days-before", type=int, default=7,
                            help="Bắt đầu nhắc từ bao nhiêu ngày trước hạn (mặc định 7)")  # fmt: skip
        parser.add_argument("--unit", help="Chỉ nhắc trong LĐLĐ, công đoàn ngành có mã này")

    def handle(self, *args, date=None, year=None, days_before=7, unit=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{date}” không hợp lệ: nhập theo dạng YYYY-MM-DD.") from exc
        if days_before < 0:
            raise CommandError("--days-before phải là số không âm.")
        year = year or today.year
        federations = Unit.objects.filter(level__in=FEDERATION_LEVELS).active().order_by("path")
        if unit:
            federations = federations.filter(code=unit)
            if not federations.exists():
                raise CommandError(f"Không có LĐLĐ, công đoàn ngành đang hoạt động mã “{unit}”.")
        federations = list(federations)
        deadlines = sector_deadlines(federations, year)
        total = 0
        for federation in federations:
            by_deadline: dict[datetime.date, list[str]] = {}
            sectors = ["", *(code for code in deadlines[federation.pk] if code)]
            for sector in sectors:
                by_deadline.setdefault(deadline_of(deadlines[federation.pk], sector), []).append(sector)
            for deadline, due_sectors in sorted(by_deadline.items()):
                if not today <= deadline <= today + datetime.timedelta(days=days_before):
                    continue
                units = expected_units(federation)
                if "" in due_sectors:  # the default: every sector without a deadline of its own
                    units = units.exclude(sector__in=[s for s in sectors if s and s not in due_sectors])
                else:
                    units = units.filter(sector__in=due_sectors)
                told = remind_unregistered(
                    federation, year, by=None, today=today, units=units, deadline=deadline
                )
                total += told
                if told:
                    self.stdout.write(f"{federation.name}: nhắc {told} đơn vị (hạn {format_date(deadline)}).")
        self.stdout.write(self.style.SUCCESS(f"Đã nhắc {total} đơn vị chưa đăng ký thi đua năm {year}."))
