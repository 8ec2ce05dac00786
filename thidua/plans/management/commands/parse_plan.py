"""python manage.py parse_plan FILE — print the structure read from a plan's official text as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.plans.parsing import parse_plan_file
from thidua.plans.parsing.extract import UnreadableFile


class Command(BaseCommand):
    help = _(
        "Đọc một kế hoạch (.md, .txt, .docx hoặc PDF có lớp chữ) và in cấu trúc trích xuất được dưới dạng JSON: "
        "số, ngày, căn cứ, phong trào, các đợt, ngày kỷ niệm, nơi nhận, người ký và các cảnh báo."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("đường dẫn tệp văn bản"))

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(path)s”.") % {"path": file})
        try:
            result = parse_plan_file(path)
        except UnreadableFile as error:
            raise CommandError(error.message) from error
        self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
