from django.contrib.auth.hashers import Argon2PasswordHasher

from tests.conftest import PASSWORD
from thidua import settings as configured


def test_passwords_are_hashed_with_argon2_outside_tests():
    # Tests switch to a fast hasher (conftest); the configured first hasher is argon2.
    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode("x", Argon2PasswordHasher().salt()).startswith("argon2$argon2id$")


def test_login_with_the_right_password_goes_to_the_dashboard(client, users):
    response = client.post("/dang-nhap/", {"username": "province_officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_five_failed_logins_lock_the_account_for_a_while(client, users, settings):
    settings.AXES_ENABLED = True
    for _ in range(5):
        response = client.post("/dang-nhap/", {"username": "province_officer", "password": "sai"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    locked = client.post("/dang-nhap/", {"username": "province_officer", "password": PASSWORD})
    assert locked.status_code == 429


def test_pages_require_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_logout_ends_the_session(client_for, users):
    client = client_for(users.province_officer)
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_keeps_the_user_signed_in(client_for, users):
    client = client_for(users.grassroots_officer)
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-Mat-Khau-Moi-2026",
            "new_password2": "Mot-Mat-Khau-Moi-2026",
        },
    )
    assert response.status_code == 302
    users.grassroots_officer.refresh_from_db()
    assert users.grassroots_officer.check_password("Mot-Mat-Khau-Moi-2026")
    assert client.get("/").status_code == 200


def test_django_admin_is_for_system_administrators_only(client_for, users):
    assert client_for(users.admin).get("/quan-tri/").status_code == 200
    officer = client_for(users.province_leader).get("/quan-tri/")
    assert officer.status_code == 302
    assert "/quan-tri/login/" in officer["Location"]
