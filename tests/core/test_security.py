"""Hardening: no caching of what a logged-in user sees, the Content-Security-Policy header, idle and absolute
session timeouts, the password change throttled like the login and ending the API tokens, Vietnamese validators."""

import time

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import validate_password

from tests.conftest import PASSWORD
from thidua.api import actions as api_actions
from thidua.api.models import ApiToken
from thidua.core.middleware import SessionTimeoutMiddleware
from thidua.core.models import AuditEvent

NEW_PASSWORD = "Mot-Mat-Khau-Moi-2026"


# --- caching --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/don-vi/nguoi-lao-dong/", "/don-vi/nguoi-lao-dong/xuat-excel/", "/ke-hoach/"]
)
def test_logged_in_pages_and_exports_are_never_stored(client_for, users, url):
    response = client_for(users.province_officer).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_api_answers_are_never_stored(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/units/")
    assert "no-store" in response["Cache-Control"]


# --- content security policy ----------------------------------------------------------------------------------


def test_pages_carry_a_content_security_policy_without_inline_script(client_for, users):
    policy = client_for(users.province_officer).get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["style-src-elem"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] + directives["style-src"]


# --- session timeouts -----------------------------------------------------------------------------------------


def _age_session(client, *, idle: int = 0, since_login: int = 0):
    session = client.session
    now = int(time.time())
    session[SessionTimeoutMiddleware.STARTED] = now - since_login
    session[SessionTimeoutMiddleware.SEEN] = now - idle
    session.save()


def test_a_session_idle_longer_than_the_limit_ends_with_a_message(client_for, users, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client = client_for(users.province_officer)
    assert client.get("/").status_code == 200
    _age_session(client, idle=31 * 60, since_login=31 * 60)
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/dang-nhap/")
    assert "Phiên làm việc đã kết thúc vì không thao tác trong 30 phút. Vui lòng đăng nhập lại." in (
        response.content.decode()
    )
    assert client.get("/").status_code == 302


def test_activity_within_the_idle_limit_keeps_the_session(client_for, users, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client = client_for(users.province_officer)
    client.get("/")
    _age_session(client, idle=29 * 60, since_login=2 * 3600)
    assert client.get("/").status_code == 200
    assert client.session[SessionTimeoutMiddleware.SEEN] >= int(time.time()) - 5  # the activity was noted


def test_the_idle_limit_is_configurable(client_for, users, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    client = client_for(users.province_officer)
    client.get("/")
    _age_session(client, idle=6 * 60, since_login=6 * 60)
    assert client.get("/").status_code == 302


def test_an_active_session_still_ends_at_the_absolute_limit(client_for, users, settings):
    settings.SESSION_COOKIE_AGE = 12 * 3600
    client = client_for(users.province_officer)
    client.get("/")
    _age_session(client, idle=10, since_login=12 * 3600 + 1)
    response = client.get("/", follow=True)
    assert "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại." in response.content.decode()
    assert client.get("/").status_code == 302


def test_the_api_with_an_idle_session_answers_401(client_for, users):
    client = client_for(users.province_officer)
    client.get("/")
    _age_session(client, idle=3 * 3600, since_login=3 * 3600)
    assert client.get("/api/v1/units/").status_code == 401


# --- the password change --------------------------------------------------------------------------------------


def _change(client, old=PASSWORD, new=NEW_PASSWORD):
    return client.post("/doi-mat-khau/", {"old_password": old, "new_password1": new, "new_password2": new})


def test_wrong_current_passwords_lock_the_password_change_like_the_login(client_for, users, settings):
    settings.AXES_ENABLED = True
    client = client_for(users.grassroots_officer)
    for _ in range(4):
        assert _change(client, old="sai").status_code == 200
    locked = _change(client, old="sai")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert _change(client).status_code == 429  # even with the right password now
    users.grassroots_officer.refresh_from_db()
    assert users.grassroots_officer.check_password(PASSWORD)


def test_a_few_wrong_current_passwords_then_the_right_one_change_it(client_for, users, settings):
    settings.AXES_ENABLED = True
    client = client_for(users.grassroots_officer)
    assert _change(client, old="sai").status_code == 200
    assert _change(client).status_code == 302
    users.grassroots_officer.refresh_from_db()
    assert users.grassroots_officer.check_password(NEW_PASSWORD)


def test_changing_the_password_revokes_the_api_tokens_and_says_so(client_for, users):
    user = users.grassroots_officer
    first, secret = api_actions.create_api_token(user, by=user, name="Báo cáo")
    api_actions.create_api_token(user, by=user, name="Đồng bộ")
    other, _ = api_actions.create_api_token(users.province_officer, by=users.province_officer, name="Khác")
    client = client_for(user)
    response = _change(client)
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "Mật khẩu đã được đổi. 2 khóa API của bạn đã bị thu hồi" in done
    assert ApiToken.objects.active().of(user).count() == 0
    assert ApiToken.objects.get(pk=other.pk).revoked_at is None
    revoked = AuditEvent.objects.get(action="revoke", object_id=str(first.pk))
    assert revoked.note == "Thu hồi vì mật khẩu đã được đổi"
    assert (
        client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    )  # the session
    from django.test import Client

    assert Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_password_set_elsewhere_also_revokes_the_tokens(users):
    user = users.outsider
    api_actions.create_api_token(user, by=user, name="Báo cáo")
    user.set_password("Mat-Khau-Do-Quan-Tri-Dat")
    user.save()
    assert ApiToken.objects.active().of(user).count() == 0


def test_saving_a_user_without_a_new_password_keeps_the_tokens(users):
    user = users.outsider
    api_actions.create_api_token(user, by=user, name="Báo cáo")
    user.first_name = "Tên mới"
    user.save()
    assert ApiToken.objects.active().of(user).count() == 1


def test_no_tokens_no_message(client_for, users):
    client = client_for(users.grassroots_officer)
    response = _change(client)
    assert "khóa API" not in client.get(response["Location"]).content.decode()


# --- password validators --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("abc", ["Mật khẩu quá ngắn: cần ít nhất 8 ký tự.", "Mật khẩu này quá phổ biến, dễ bị đoán."]),
        ("12345678", ["Mật khẩu này quá phổ biến, dễ bị đoán.", "Mật khẩu này chỉ gồm chữ số."]),
        ("84736291058", ["Mật khẩu này chỉ gồm chữ số."]),
        ("grassroots_officer1", ["Mật khẩu quá giống Tên đăng nhập."]),
    ],
)
def test_every_password_validator_speaks_vietnamese(users, password, messages):
    with pytest.raises(Exception) as error:
        validate_password(password, users.grassroots_officer)
    assert error.value.messages == messages


def test_password_rules_shown_on_the_form_are_vietnamese(client_for, users):
    help_texts = password_validation.password_validators_help_texts()
    assert help_texts == [
        "Mật khẩu không được quá giống các thông tin cá nhân khác của bạn.",
        "Mật khẩu phải có ít nhất 8 ký tự.",
        "Mật khẩu không được là mật khẩu phổ biến, dễ đoán.",
        "Mật khẩu không được chỉ gồm chữ số.",
    ]
