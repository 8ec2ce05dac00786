"""Reloads the catalog of titles, forms and rules from its data file (idempotent: an unchanged file changes
nothing). Federations' own layers are never touched."""

from django.core.management.base import BaseCommand, CommandError

from thidua.registrations import actions, loading


class Command(BaseCommand):
    help = "Nạp lại danh mục danh hiệu, hình thức khen thưởng và quy định theo thời kỳ từ tệp dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Tệp JSON (mặc định: tệp kèm theo phần mềm)")

    def handle(self, *args, path=None, **options):
        try:
            load = actions.load_catalog(path=path, by=None)
        except (loading.CatalogError, OSError) as exc:
            raise CommandError(f"Không nạp được danh mục:\n{exc}") from exc
        if load is None:
            self.stdout.write("Danh mục đã đúng với tệp, không có gì thay đổi.")
            return
        for key, label in (("added", "Thêm"), ("changed", "Sửa"), ("archived", "Lưu trữ")):
            for item in load.summary[key]:
                fields = ", ".join(sorted(item["changes"])) if key == "changed" else ""
                self.stdout.write(f"{label} {item['kind']} {item['key']}" + (f": {fields}" if fields else ""))
        counts = {key: len(load.summary[key]) for key in ("added", "changed", "archived")}
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp phiên bản {load.version}: thêm {counts['added']}, sửa {counts['changed']}, "
                f"lưu trữ {counts['archived']}."
            )
        )
