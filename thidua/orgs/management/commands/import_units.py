"""python manage.py import_units FILE [--dry-run] [--user USERNAME]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from thidua.orgs.imports import import_units


class ImportCommand(BaseCommand):
    """Shared by import_units and import_people: a progress bar, the summary, the errors, exit 1 on bad input."""

    importer = staticmethod(import_units)
    what = "đơn vị"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp Excel (.xlsx; .xls và .ods cũng đọc được).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra tệp, không ghi gì.")
        parser.add_argument(
            "--user",
            help="Tên đăng nhập của người thực hiện: ghi vào nhật ký và chỉ nhập trong phạm vi của người đó "
            "(mặc định: hệ thống, không giới hạn phạm vi).",
        )

    def handle(self, *args, file: str, dry_run: bool, user: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        by = None
        if user:
            try:
                by = get_user_model().objects.get(username=user, is_active=True)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"Không có người dùng “{user}”.") from exc
        stream = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(
            total=0, unit=" dòng", file=stream, disable=options.get("verbosity", 1) == 0, leave=False
        ) as bar:

            def progress(done: int, total: int | None = None, message: str = "") -> None:
                if total is not None and total != bar.total:
                    bar.total = total
                bar.n = done
                if message:
                    bar.set_description(message, refresh=False)
                bar.refresh()

            result = self.importer(str(path), by=by, progress=progress, dry_run=dry_run)
        for line in result.summary():
            self.stdout.write(line)
        if not result.ok:
            for line in result.error_lines():
                self.stderr.write(line)
            raise CommandError(
                f"Không nhập được {self.what}: tệp có {len(result.errors)} lỗi, không có gì được ghi."
            )
        if dry_run:
            self.stdout.write("Chạy thử (--dry-run): không có gì được ghi.")


class Command(ImportCommand):
    help = "Nhập đơn vị (tổ chức công đoàn) từ tệp Excel; cột theo docs/excel-import.md. Tệp có lỗi thì không ghi gì."
