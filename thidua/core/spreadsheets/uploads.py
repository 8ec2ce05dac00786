"""Uploads: capped while they stream in, then kept for confirmation — the upload → preview → confirm → task flow.

``CappedUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) counts the bytes of each uploaded file as they arrive and
drops the file as soon as it passes ``UPLOAD_MAX_BYTES``: nothing larger is ever written out in full, on disk or in
memory. The view then finds ``upload_refused(request)`` true and says so in Vietnamese.

The flow any app can reuse (the orgs import pages use it):

    token = keep_upload(request, upload, kind="people")   # after a clean dry run: the file waits under a token
    item, path = take_upload(request, token)               # at confirmation: only the session that uploaded it
    start_task(..., run, str(path), ...)                   # the task removes the file when done

Files wait under IMPORT_UPLOAD_DIR (default var/imports); those older than a day are swept on the next upload.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SESSION_KEY = "pending_imports"
STALE_SECONDS = 24 * 3600


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


def upload_refused(request) -> bool:
    return bool(getattr(request, "upload_refused", False))


def too_large_message() -> str:
    return _("Tệp lớn hơn %(size)s; hãy chia thành nhiều tệp nhỏ hơn.") % {
        "size": filesizeformat(max_upload_bytes())
    }


def upload_dir() -> Path:
    path = Path(getattr(settings, "IMPORT_UPLOAD_DIR", None) or settings.VAR_DIR / "imports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def sweep(directory: Path | None = None) -> None:
    """Remove uploads left waiting more than a day (never confirmed, or their task died)."""
    cutoff = time.time() - STALE_SECONDS
    for path in (directory or upload_dir()).glob("*.upload"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def save_upload(upload) -> tuple[str, Path]:
    """Write an uploaded file (already capped) under a fresh random token."""
    directory = upload_dir()
    sweep(directory)
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}.upload"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token, path


def keep_upload(request, token: str, **info: Any) -> None:
    """The saved upload waits for this session's confirmation."""
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {**info, "at": time.time()}
    request.session[SESSION_KEY] = pending


def take_upload(request, token: str) -> tuple[dict[str, Any], Path] | None:
    """What ``keep_upload`` kept under ``token`` for this session, once; None if unknown or gone."""
    pending = request.session.get(SESSION_KEY, {})
    item = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if item is None:
        return None
    path = upload_dir() / f"{token}.upload"  # the token was issued to this session: a plain file name
    if not path.exists():
        return None
    return item, path
