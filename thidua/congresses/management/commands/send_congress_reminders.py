"""Reminds the units whose congress is near its planned date, and the units and their schedulers when the date has
passed without the congress being recorded (for cron, once a day). Idempotent: nobody is told twice of the same
planned date."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.congresses.actions import remind_congresses


class Command(BaseCommand):
    help = "Nhắc các đơn vị sắp đến ngày Đại hội và các Đại hội đã quá ngày dự kiến (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--days-before", type=int, default=14,
                            help="Nhắc trước ngày dự kiến bao nhiêu ngày (mặc định 14)")  # fmt: skip

    def handle(self, *args, date=None, days_before=14, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{date}” không hợp lệ: nhập theo dạng YYYY-MM-DD.") from exc
        if days_before < 0:
            raise CommandError("--days-before phải là số không âm.")
        told = remind_congresses(today=today, days_before=days_before)
        self.stdout.write(self.style.SUCCESS(
            f"Đã nhắc {told['due']} đơn vị sắp đến ngày Đại hội, {told['overdue']} đơn vị có Đại hội quá ngày dự kiến."
        ))  # fmt: skip
