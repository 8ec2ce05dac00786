"""Daily job: mail each user the notices that came for them and their units since their last digest and are still
unread (those already mailed at once left out). Running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from thidua.notices.actions import send_notice_digests


class Command(BaseCommand):
    help = "Gửi thư tổng hợp các thông báo mới chưa đọc cho từng người dùng (chạy hằng ngày)."

    def handle(self, *args, **options):
        sent = send_notice_digests()
        self.stdout.write(f"Đã gửi thư tổng hợp thông báo cho {sent} người dùng.")
