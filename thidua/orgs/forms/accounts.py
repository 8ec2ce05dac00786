"""Forms for accounts: giving a user a role on a unit (an existing account, or a new one)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm
from thidua.core.text import nfc

from ..models import RoleAssignment, Unit

ACCOUNT_EXISTING = "existing"
ACCOUNT_NEW = "new"
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,150}$")
_PASSWORD_MESSAGES = {
    "password_too_short": _("Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
    "password_too_common": _("Mật khẩu quá phổ biến, dễ bị đoán."),
    "password_entirely_numeric": _("Mật khẩu không được chỉ gồm chữ số."),
    "password_too_similar": _("Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử."),
}


class RoleGrantForm(BaseForm):
    """Give a user a role on a unit: an existing account by its user name, or a new account."""

    role = forms.ChoiceField(
        label=_("Vai trò"), choices=[("", _("— Chọn vai trò —")), *RoleAssignment.Role.choices]
    )
    account = forms.ChoiceField(
        label=_("Tài khoản"),
        widget=forms.RadioSelect,
        initial=ACCOUNT_EXISTING,
        choices=[(ACCOUNT_EXISTING, _("Tài khoản đã có")), (ACCOUNT_NEW, _("Tạo tài khoản mới"))],
    )
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))  # fmt: skip
    full_name = forms.CharField(label=_("Họ và tên"), required=False, max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False,
                             error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@congdoan.vn.")})  # fmt: skip
    password = forms.CharField(label=_("Mật khẩu ban đầu"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số; người dùng nên đổi sau lần đăng nhập đầu."))  # fmt: skip

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["role"].error_messages["invalid_choice"] = _("Vai trò không hợp lệ.")

    def clean_username(self) -> str:
        return nfc(self.cleaned_data["username"])

    def clean_full_name(self) -> str:
        return nfc(self.cleaned_data.get("full_name"))

    def clean(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        username, account = cleaned.get("username"), cleaned.get("account")
        if not username or not account:
            return cleaned
        User = get_user_model()
        existing = User.objects.filter(username__iexact=username).first()
        if account == ACCOUNT_EXISTING:
            if existing is None or not existing.is_active:
                self.add_error(
                    "username",
                    _("Không có tài khoản đang hoạt động nào tên “%(name)s”.") % {"name": username},
                )
                return cleaned
            self.user = existing
            role = cleaned.get("role")
            if role and RoleAssignment.objects.filter(user=existing, unit=self.unit, role=role).exists():
                self.add_error(
                    "role", _("Tài khoản “%(name)s” đã có vai trò này trên đơn vị.") % {"name": username}
                )
            return cleaned
        if existing is not None:
            self.add_error("username", _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
        elif not _USERNAME.match(username):
            self.add_error(
                "username", _("Tên đăng nhập gồm 3–150 ký tự: chữ không dấu, số và các dấu . _ -.")
            )
        if not cleaned.get("full_name"):
            self.add_error("full_name", _("Chưa nhập “Họ và tên” của người dùng mới."))
        password = cleaned.get("password")
        if not password:
            self.add_error("password", _("Chưa nhập “Mật khẩu ban đầu”."))
        else:
            probe = User(
                username=username, email=cleaned.get("email") or "", first_name=cleaned.get("full_name") or ""
            )
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                messages = [_PASSWORD_MESSAGES.get(e.code, e.messages[0]) for e in error.error_list]
                self.add_error("password", messages)
        return cleaned
