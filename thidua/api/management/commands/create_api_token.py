"""python manage.py create_api_token USERNAME [--name NAME]: a new API token for that user, printed once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.api import actions


class Command(BaseCommand):
    help = gettext_lazy(
        "Tạo khóa API cho một người dùng và in khóa ra đầu ra chuẩn (chỉ một lần; hệ thống chỉ lưu mã băm của khóa)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help=gettext_lazy("Tên đăng nhập của người dùng"))
        parser.add_argument("--name", default="", help=gettext_lazy("Tên khóa (mặc định: “Dòng lệnh”)"))

    def handle(self, *args, username: str, name: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username}) from exc
        if not user.is_active:
            raise CommandError(
                _("Tài khoản “%(username)s” đã bị khóa; không thể tạo khóa API.") % {"username": username}
            )
        try:
            token, secret = actions.create_api_token(user, by=None, name=name or _("Dòng lệnh"))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(
            _("Đã tạo khóa API “%(name)s” cho %(username)s. Khóa chỉ được in một lần:")
            % {"name": token.name, "username": user.username}
        )
        self.stdout.write(secret)
