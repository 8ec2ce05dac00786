"""Daily: notify the recommendations of inspections past their deadline and still open (once each)."""

from django.core.management.base import BaseCommand

from thidua.enterprises.actions import notify_overdue_recommendations


class Command(BaseCommand):
    help = "Thông báo các kiến nghị kiểm tra, giám sát quá hạn chưa thực hiện xong (mỗi kiến nghị một lần)."

    def handle(self, *args, **options):
        count = notify_overdue_recommendations()
        self.stdout.write(f"{count} kiến nghị quá hạn đã được thông báo.")
