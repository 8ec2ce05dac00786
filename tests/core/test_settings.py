import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_check_deploy_is_clean_when_configured_for_production():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), DEBUG="0", ALLOWED_HOSTS="thidua.example.vn",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_turned_on():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", SECRET_KEY=secrets.token_urlsafe(50)
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "False"
    development = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", DEBUG="1"
    )
    assert development.stdout.strip().splitlines()[-1] == "True"


def test_without_debug_a_missing_secret_key_refuses_to_start():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off (for development, set DEBUG=1" in result.stderr


def test_database_url_selects_postgresql():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DATABASE_URL="postgres://u:p@db.example:5432/thidua", DEBUG="1",
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql"


def test_default_database_is_sqlite_under_var():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DEBUG="1",
    )
    assert result.stdout.strip().splitlines()[-1] == str(ROOT / "var" / "thidua.sqlite3")
