"""``python manage.py restore FILE [--force]``: bring a backup back into an empty database (same engine)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (tệp .tar.gz của lệnh backup) vào cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="tệp sao lưu")
        parser.add_argument(
            "--force", action="store_true", help="ghi đè cả khi cơ sở dữ liệu đích đã có dữ liệu"
        )

    def handle(self, *args, file, force=False, **options):
        try:
            manifest = restore_backup(file, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Đã khôi phục bản sao lưu ngày %(date)s: %(rows)d dòng của %(tables)d bảng và %(files)d tệp.")
            % {"date": manifest.created_at[:19].replace("T", " "), "rows": sum(manifest.tables.values()),
               "tables": len(manifest.tables), "files": manifest.files}
        )  # fmt: skip
