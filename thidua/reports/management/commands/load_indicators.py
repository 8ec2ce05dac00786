"""Reloads the default indicator catalog from its data file (idempotent: an unchanged file changes nothing).
Federations' own indicators are never touched."""

from django.core.management.base import BaseCommand, CommandError

from thidua.reports import actions, loading


class Command(BaseCommand):
    help = "Nạp lại danh mục chỉ tiêu mặc định từ tệp dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Tệp JSON (mặc định: tệp kèm theo phần mềm)")

    def handle(self, *args, path=None, **options):
        try:
            summary = actions.load_indicators(path=path, by=None)
        except (loading.IndicatorCatalogError, OSError) as exc:
            raise CommandError(f"Không nạp được danh mục chỉ tiêu:\n{exc}") from exc
        if summary is None:
            self.stdout.write("Danh mục chỉ tiêu đã đúng với tệp, không có gì thay đổi.")
            return
        for key, label in (("added", "Thêm"), ("changed", "Sửa"), ("archived", "Lưu trữ")):
            for item in summary[key]:
                fields = ", ".join(sorted(item["changes"])) if key == "changed" else ""
                self.stdout.write(f"{label} {item['key']}" + (f": {fields}" if fields else ""))
        counts = {key: len(summary[key]) for key in ("added", "changed", "archived")}
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp danh mục chỉ tiêu: thêm {counts['added']}, sửa {counts['changed']}, "
                f"lưu trữ {counts['archived']}."
            )
        )
