"""``python manage.py backup [--output FILE]``: the database and the uploaded files in one dated archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp .tar.gz có ghi ngày giờ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", type=Path, help="tệp sao lưu (mặc định var/backups/thidua-backup-…)"
        )

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = write_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.tables.values())
        self.stdout.write(
            _("Đã sao lưu %(rows)d dòng của %(tables)d bảng và %(files)d tệp vào %(path)s")
            % {"rows": rows, "tables": len(manifest.tables), "files": manifest.files, "path": path}
        )
