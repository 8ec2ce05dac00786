"""Reminds the units whose phase report is missing (for cron, once a day): for every published form whose due
date falls within ``--days-before`` days from the date, or passed at most ``--days-after`` days ago, the form's
issuer reminds the units of its subtree whose report is not started, being drafted or sent back. Idempotent per day:
running it twice tells nobody twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.reports.actions.rollup_reminders import due_for_reminder, remind_missing
from thidua.reports.models import FormStatus, ReportForm


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo kết quả đợt thi đua, trước và sau hạn gửi (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--days-before", type=int, default=7,
                            help="Bắt đầu nhắc từ bao nhiêu ngày trước hạn gửi (mặc định 7)")  # fmt: skip
        parser.add_argument("--days-after", type=int, default=30,
                            help="Còn nhắc đến bao nhiêu ngày sau hạn gửi (mặc định 30)")  # fmt: skip
        parser.add_argument("--form", type=int, help="Chỉ nhắc theo mẫu báo cáo có id này")

    def handle(self, *args, date=None, days_before=7, days_after=30, form=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{date}” không hợp lệ: nhập theo dạng YYYY-MM-DD.") from exc
        if days_before < 0 or days_after < 0:
            raise CommandError("--days-before và --days-after phải là số không âm.")
        forms = ReportForm.objects.filter(status=FormStatus.PUBLISHED, archived_at__isnull=True)
        if form is not None:
            forms = forms.filter(pk=form)
            if not forms.exists():
                raise CommandError(f"Không có mẫu báo cáo đang thực hiện có id {form}.")
        total = 0
        for each in forms.select_related("phase__plan__issuer").order_by("due_on", "pk"):
            if not due_for_reminder(each, today, days_before=days_before, days_after=days_after):
                continue
            told = remind_missing(each, each.phase.plan.issuer, by=None, today=today)
            total += told
            if told:
                self.stdout.write(f"{each.title}: nhắc {told} đơn vị.")
        self.stdout.write(self.style.SUCCESS(f"Đã nhắc {total} đơn vị chưa gửi báo cáo."))
