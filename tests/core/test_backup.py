"""Backup and restore: an archive written from the database and the uploaded files, restored by a fresh process into
an empty database of the same engine, gives the same records and files; a database that already holds records is
refused unless forced.

On PostgreSQL the restore goes into the scratch database ``thidua_hardening_restore`` (created empty, dropped after).
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from thidua.core.backup import BackupError, restore_backup, write_backup

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = "thidua_hardening_restore"
pytestmark = pytest.mark.django_db(transaction=True)


def records() -> list:
    out = io.StringIO()
    call_command("dumpdata", "--all", "--indent", "0", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda r: (r["model"], str(r["pk"])))


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"
    (settings.MEDIA_ROOT / "giay-khen").mkdir(parents=True)
    (settings.MEDIA_ROOT / "giay-khen" / "Trần Trung Hào.pdf").write_bytes(b"%PDF-1.4 giay khen")
    settings.IMPORT_UPLOAD_DIR.mkdir()
    (settings.IMPORT_UPLOAD_DIR / "abc.upload").write_bytes(b"PK\x03\x04")
    return settings


@pytest.fixture
def empty_target(tmp_path):
    """The DATABASE_URL of an empty database of the engine under test, as on a fresh machine."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        cursor.execute(f"CREATE DATABASE {SCRATCH}")
    s = connection.settings_dict
    yield f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{SCRATCH}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")


def manage(*args, database_url, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DEBUG="1", DATABASE_URL=database_url, MEDIA_ROOT=str(tmp_path / "restored-media"),
               IMPORT_UPLOAD_DIR=str(tmp_path / "restored-imports"))  # fmt: skip
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_backup_restored_into_an_empty_database_gives_the_same_records(
    tmp_path, uploads, empty_target, users
):
    archive, manifest = write_backup(tmp_path / "thidua.tar.gz")
    assert manifest.engine == connection.vendor
    assert manifest.tables["orgs_unit"] == 10
    assert manifest.files == 2

    restored = manage("restore", str(archive), database_url=empty_target, tmp_path=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục bản sao lưu ngày" in restored.stdout

    dumped = manage("dumpdata", "--all", "--indent", "0", database_url=empty_target, tmp_path=tmp_path)
    assert dumped.returncode == 0, dumped.stderr
    assert sorted(json.loads(dumped.stdout), key=lambda r: (r["model"], str(r["pk"]))) == records()
    assert (
        tmp_path / "restored-media" / "giay-khen" / "Trần Trung Hào.pdf"
    ).read_bytes() == b"%PDF-1.4 giay khen"
    assert (tmp_path / "restored-imports" / "abc.upload").read_bytes() == b"PK\x03\x04"


def test_restore_refuses_a_database_that_holds_records_unless_forced(tmp_path, uploads, empty_target, users):
    archive, _ = write_backup(tmp_path / "thidua.tar.gz")
    assert manage("restore", str(archive), database_url=empty_target, tmp_path=tmp_path).returncode == 0

    again = manage("restore", str(archive), database_url=empty_target, tmp_path=tmp_path)
    assert again.returncode == 1
    assert "Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống" in again.stderr
    forced = manage("restore", str(archive), "--force", database_url=empty_target, tmp_path=tmp_path)
    assert forced.returncode == 0, forced.stderr


def test_restore_into_the_database_in_use_is_refused(tmp_path, uploads, users):
    archive, _ = write_backup(tmp_path / "thidua.tar.gz")
    with pytest.raises(BackupError) as error:
        restore_backup(archive)
    assert str(error.value).startswith("Cơ sở dữ liệu đích đã có dữ liệu")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, users):
    plain = tmp_path / "not-a-backup.tar.gz"
    with tarfile.open(plain, "w:gz") as archive:
        archive.add(__file__, arcname="other.py")
    with pytest.raises(BackupError) as error:
        restore_backup(plain)
    assert str(error.value) == "Tệp này không phải bản sao lưu của Thidua (thiếu manifest.json)."


def test_backup_command_writes_a_dated_archive_under_var_backups(tmp_path, uploads, users, settings):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("backup", stdout=out)
    [archive] = (tmp_path / "backups").glob("thidua-backup-*.tar.gz")
    assert len(archive.name) == len("thidua-backup-20260101-120000.tar.gz")
    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
    assert {"manifest.json", "media/giay-khen/Trần Trung Hào.pdf", "imports/abc.upload"} <= names
    assert f"vào {archive}" in out.getvalue()


def test_the_core_backup_names_no_app_table():
    """The core knows no app (import-linter checks the imports; this, the table names written as text)."""
    from django.apps import apps

    source = (ROOT / "thidua" / "core" / "backup.py").read_text(encoding="utf-8")
    for config in apps.get_app_configs():
        if config.name.startswith("thidua.") and config.label != "core":
            assert f"{config.label}_" not in source, config.label


def test_restore_goes_into_a_freshly_migrated_database(tmp_path, uploads, empty_target, users):
    """A fresh machine may have run ``migrate`` first: its data migrations' rows are no records to protect."""
    archive, _ = write_backup(tmp_path / "thidua.tar.gz")
    migrated = manage("migrate", "--no-input", database_url=empty_target, tmp_path=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    restored = manage("restore", str(archive), database_url=empty_target, tmp_path=tmp_path)
    assert restored.returncode == 0, restored.stderr
    dumped = manage("dumpdata", "--all", "--indent", "0", database_url=empty_target, tmp_path=tmp_path)
    assert sorted(json.loads(dumped.stdout), key=lambda r: (r["model"], str(r["pk"]))) == records()
