"""Backup and restore: the database and the uploaded files in one dated archive.

An archive is a ``.tar.gz`` holding ``manifest.json`` (when, which engine, the number of rows of every table), the
database (``database.sqlite3``, a consistent copy taken online with SQLite's backup API; or ``database.pgdump``,
``pg_dump``'s custom format) and the files under ``media/`` (``MEDIA_ROOT``), ``imports/`` (uploads awaiting
import) and ``attachments/`` (``ATTACHMENTS_DIR``). ``restore`` brings it back into an empty database of the same engine on a fresh machine and refuses a
database that already holds records unless forced.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
SQLITE, POSTGRESQL = "sqlite", "postgresql"
DB_MEMBER = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}


def record_tables() -> tuple[str, ...]:
    """The tables that say whether a database holds records: the accounts and the audit trail. The core knows no
    app's tables: every record of every app is written by an action that audits it (one write path), so a
    database holding any record holds audit events, while a freshly migrated one (whatever its data migrations
    seeded) has neither."""
    from django.contrib.auth import get_user_model

    from .models import AuditEvent

    return (get_user_model()._meta.db_table, AuditEvent._meta.db_table)


class BackupError(Exception):
    """An expected failure, with a message for the person running the command (Vietnamese)."""


@dataclass
class Manifest:
    created_at: str
    engine: str
    tables: dict[str, int]
    files: int
    format: int = FORMAT

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2, sort_keys=True)


def file_dirs() -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT),
        "imports": Path(settings.IMPORT_UPLOAD_DIR),
        "attachments": Path(
            settings.ATTACHMENTS_DIR
        ),  # files on disk; an S3 store is backed up by its provider
    }


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in (SQLITE, POSTGRESQL):
        raise BackupError(
            _("Chỉ sao lưu được SQLite và PostgreSQL (cơ sở dữ liệu này: %(vendor)s).") % {"vendor": vendor}
        )
    return vendor


def table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def default_name(now: datetime.datetime | None = None) -> str:
    now = timezone.localtime(now)
    return f"thidua-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def default_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


# --- writing --------------------------------------------------------------------------------------------------


def _pg_env(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(_("Không tìm thấy chương trình %(program)s (cài gói postgresql-client).")
                          % {"program": command[0]}) from exc  # fmt: skip
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s báo lỗi: %(error)s") % {"program": command[0], "error": result.stderr.strip()}
        )


def _dump_database(engine: str, target: Path, alias: str) -> None:
    connection = connections[alias]
    if engine == SQLITE:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            with destination:
                connection.connection.backup(destination)  # online and consistent, WAL included
        finally:
            destination.close()
    else:
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(target),
              "--dbname", str(connection.settings_dict["NAME"])], env)  # fmt: skip


def write_backup(output: Path | None = None, *, alias: str = "default") -> tuple[Path, Manifest]:
    """Write the archive (by default ``var/backups/thidua-backup-YYYYMMDD-HHMMSS.tar.gz``) and return its path and
    manifest. The archive is written beside its final name and renamed when complete."""
    engine = engine_of(alias)
    output = Path(output) if output else default_dir() / default_name()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        database = Path(work) / DB_MEMBER[engine]
        counts = table_counts(alias)
        _dump_database(engine, database, alias)
        files = [(name, path, root) for name, root in file_dirs().items() if root.is_dir()
                 for path in sorted(root.rglob("*")) if path.is_file()]  # fmt: skip
        manifest = Manifest(
            created_at=timezone.now().isoformat(), engine=engine, tables=counts, files=len(files)
        )
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            info = tarfile.TarInfo("manifest.json")
            data = manifest.as_json().encode()
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database, arcname=DB_MEMBER[engine])
            for name, path, root in files:
                archive.add(path, arcname=f"{name}/{path.relative_to(root).as_posix()}")
        partial.replace(output)
    return output, manifest


# --- restoring ------------------------------------------------------------------------------------------------


def holds_records(alias: str = "default") -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for table in record_tables():
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
        data = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as exc:
        raise BackupError(_("Tệp này không phải bản sao lưu của Thidua (thiếu manifest.json).")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu có định dạng không đọc được."))
    return Manifest(**{k: data[k] for k in ("created_at", "engine", "tables", "files", "format")})


def restore_backup(path: Path, *, force: bool = False, alias: str = "default") -> Manifest:
    """Bring an archive back: the database (same engine) and the files. Refuses a database that holds records
    unless ``force``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Không có tệp %(path)s.") % {"path": path})
    engine = engine_of(alias)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 -- closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from exc
    with archive, tempfile.TemporaryDirectory(prefix="thidua-restore-") as work:
        manifest = read_manifest(archive)
        if manifest.engine != engine:
            raise BackupError(
                _("Bản sao lưu của %(archived)s không khôi phục được vào %(current)s.")
                % {"archived": manifest.engine, "current": engine}
            )
        if not force and holds_records(alias):
            raise BackupError(
                _("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống (hoặc dùng --force để "
                  "ghi đè toàn bộ).")
            )  # fmt: skip
        archive.extractall(work, filter="data")
        _load_database(engine, Path(work) / DB_MEMBER[engine], alias)
        for name, root in file_dirs().items():
            source = Path(work) / name
            if source.is_dir():
                root.mkdir(parents=True, exist_ok=True)
                shutil.copytree(source, root, dirs_exist_ok=True)
    return manifest


def _load_database(engine: str, source: Path, alias: str) -> None:
    connection = connections[alias]
    if engine == SQLITE:
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)  # replaces every page of the target, in one step
        finally:
            origin.close()
        connection.close()
    else:
        args, env = _pg_env(connection.settings_dict)
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction",
              "--exit-on-error", *args, "--dbname", str(connection.settings_dict["NAME"]), str(source)], env)  # fmt: skip
