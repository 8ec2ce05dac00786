"""Staged uploads: the one upload → preview → confirm mechanism every import uses.

An upload is capped while it streams in: ``CappedUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) counts the bytes of
each file as they arrive and drops the file once it passes ``UPLOAD_MAX_BYTES``, so nothing larger is ever written out
in full; the view then finds ``upload_refused(request)`` true and shows ``too_large_message()``.

A file that passed its check waits for confirmation under a random token bound to the uploader's session and to the
*kind* of import (``"orgs.import_people"``, ``"plans.import"``): a token of one import cannot be used in another, nor by another
session::

    token, path = stage_upload(request, upload, kind=KIND, filename=upload.name, issuer=unit.pk)
    staged = peek_upload(request, token, KIND)   # read it again (a preview re-shown), still staged
    staged = take_upload(request, token, KIND)   # at confirmation: consumed; the file is the caller's to remove
    drop_upload(request, token, KIND)            # abandoned: forgotten and removed

``peek_upload`` and ``take_upload`` raise ``UploadExpired`` (a Vietnamese message) for a token unknown to the session,
of another kind, older than ``TASK_UPLOAD_MAX_AGE_HOURS`` or whose file is gone. Files wait under
``IMPORT_UPLOAD_DIR`` (default ``var/imports``, kept by ``backup``); those older than the same age are swept on the
next upload and by the task workers (``core.tasks.reap``). A task given a staged file's path removes it when it ends.
"""

from __future__ import annotations

import datetime
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_AGE_HOURS = 24.0
SESSION_KEY = "staged_uploads"
SUFFIX = ".upload"


class UploadExpired(Exception):
    """The staged upload is unknown to this session, of another import, too old or gone."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _(
            "Tệp đã tải lên không còn hoặc đã hết hạn (hoặc đã được nhập): hãy tải tệp lên lại."
        )
        super().__init__(self.message)


class UploadTooLarge(Exception):
    def __init__(self) -> None:
        self.message = too_large_message()
        super().__init__(self.message)


@dataclass(frozen=True)
class StagedUpload:
    token: str
    kind: str
    filename: str
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


# --- the cap ----------------------------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


class CappedUploadHandler(FileUploadHandler):
    """Passes each chunk on to the next handler until the file passes the cap, then skips the file."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > max_upload_bytes():
            self.request.upload_refused = True  # type: ignore[union-attr]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def upload_refused(request: HttpRequest) -> bool:
    """Did the cap drop a file of this request?"""
    return bool(getattr(request, "upload_refused", False))


def too_large_message() -> str:
    return _("Tệp lớn hơn %(size)s; hãy chia thành nhiều tệp nhỏ hơn.") % {
        "size": filesizeformat(max_upload_bytes())
    }


# --- the directory ----------------------------------------------------------------------------------------------


def upload_dir() -> Path:
    """Where staged files wait (created on first use)."""
    return Path(getattr(settings, "IMPORT_UPLOAD_DIR", None) or Path(settings.VAR_DIR) / "imports")


def max_age_seconds() -> float:
    return float(getattr(settings, "TASK_UPLOAD_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS)) * 3600


def is_staged_file(value: Any) -> bool:
    """Is ``value`` the path of a file in the upload directory (a task's argument it then owns)?"""
    if not isinstance(value, str | Path) or os.sep not in str(value):
        return False
    try:
        return Path(value).resolve().parent == upload_dir().resolve()
    except (OSError, ValueError):
        return False


def sweep_uploads(*, now: datetime.datetime | None = None) -> int:
    """Remove files left in the upload directory longer than ``TASK_UPLOAD_MAX_AGE_HOURS`` (never confirmed, or left
    by a task that died). Returns how many."""
    directory = upload_dir()
    if not directory.is_dir():
        return 0
    cutoff = (now.timestamp() if now is not None else time.time()) - max_age_seconds()
    removed = 0
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed


# --- staging ----------------------------------------------------------------------------------------------------


def stage_upload(
    request: HttpRequest, upload: Any, *, kind: str, filename: str | None = None, **meta: Any
) -> tuple[str, Path]:
    """Write the uploaded file under a fresh random token bound to this session and to ``kind``; ``meta`` (plain
    JSON values) is kept with it. Raises ``UploadTooLarge`` past ``UPLOAD_MAX_BYTES`` (in case no handler capped it)."""
    if (getattr(upload, "size", 0) or 0) > max_upload_bytes():
        raise UploadTooLarge
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    sweep_uploads()
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}{SUFFIX}"
    written = 0
    with path.open("wb") as out:
        for chunk in upload.chunks():
            written += len(chunk)
            if written > max_upload_bytes():
                out.close()
                path.unlink(missing_ok=True)
                raise UploadTooLarge
            out.write(chunk)
    staged = _staged(request)
    staged[token] = {
        "kind": kind,
        "filename": filename if filename is not None else str(getattr(upload, "name", "") or ""),
        "meta": meta,
        "at": time.time(),
    }
    _save(request, staged)
    return token, path


def peek_upload(request: HttpRequest, token: str, kind: str) -> StagedUpload:
    """The staged upload under ``token``, left staged. Raises ``UploadExpired``."""
    return _find(request, token, kind, consume=False)


def take_upload(request: HttpRequest, token: str, kind: str) -> StagedUpload:
    """The staged upload under ``token``, consumed: the token works once; the file is now the caller's (hand its path
    to a task, which removes it, or remove it). Raises ``UploadExpired``."""
    return _find(request, token, kind, consume=True)


def drop_upload(request: HttpRequest, token: str, kind: str) -> None:
    """Forget a staged upload of this session and remove its file (nothing happens for an unknown token)."""
    staged = _staged(request)
    item = staged.get(token)
    if item is None or item.get("kind") != kind:
        return
    del staged[token]
    _save(request, staged)
    (upload_dir() / f"{token}{SUFFIX}").unlink(missing_ok=True)


def _staged(request: HttpRequest) -> dict[str, dict[str, Any]]:
    return dict(request.session.get(SESSION_KEY, {}))


def _save(request: HttpRequest, staged: dict[str, dict[str, Any]]) -> None:
    cutoff = time.time() - max_age_seconds()
    request.session[SESSION_KEY] = {t: item for t, item in staged.items() if item.get("at", 0) >= cutoff}


def _find(request: HttpRequest, token: str, kind: str, *, consume: bool) -> StagedUpload:
    staged = _staged(request)
    item = staged.get(token) if isinstance(token, str) else None
    if item is None or item.get("kind") != kind:
        raise UploadExpired
    path = upload_dir() / f"{token}{SUFFIX}"  # the token was issued to this session: a plain file name
    if consume:
        del staged[token]
        _save(request, staged)
    if item.get("at", 0) < time.time() - max_age_seconds() or not path.is_file():
        path.unlink(missing_ok=True)
        raise UploadExpired
    return StagedUpload(token=token, kind=kind, filename=item["filename"], path=path, meta=dict(item["meta"]))
