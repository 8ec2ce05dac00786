"""python manage.py import_people FILE [--dry-run] [--user USERNAME]"""

from thidua.orgs.imports import import_people

from .import_units import ImportCommand


class Command(ImportCommand):
    help = "Nhập người lao động, đoàn viên từ tệp Excel; cột theo docs/excel-import.md. Tệp có lỗi thì không ghi gì."
    importer = staticmethod(import_people)
    what = "người lao động"
