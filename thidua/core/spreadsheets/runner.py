"""Running an import: read the file, check every row, write in one transaction — or nothing at all."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from thidua.core.db import reading

from .layout import RowCapReached
from .results import CellError, ImportResult
from .workbook import read_sheets

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)


class _Rollback(Exception):
    pass


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _no_progress(*args, **kwargs) -> None:
    return None


def run_import(
    kind: str,
    file,
    body: Callable[..., None],
    *,
    by: User | None,
    progress=None,
    dry_run: bool = False,
    noun: str = "",
) -> ImportResult:
    """Read ``file`` (bounded) and hand its sheets to ``body`` inside one transaction; roll back on any error.

    ``body(sheets, result, by=, progress=, dry_run=)`` checks every row, adding *all* errors to ``result`` in one pass,
    and writes through the app's actions only when there are none and ``dry_run`` is false."""
    result = ImportResult(kind=kind, dry_run=dry_run, noun=noun)
    progress = progress or _no_progress
    progress(0, None, _("Đang đọc tệp"))
    try:
        sheets = read_sheets(file)
    except CellError as exc:
        result.error(None, "", str(exc))
        return result
    try:
        # A dry run only reads: it must not hold SQLite's write lock while it checks every row.
        with reading() if dry_run else transaction.atomic():
            body(sheets, result, by=by, progress=progress, dry_run=dry_run)
            if result.errors or dry_run:
                raise _Rollback
    except (_Rollback, RowCapReached):
        result.written = False
    except ValidationError as exc:
        result.written = False
        messages = [str(m) for m in exc.messages]
        result.error(None, "", _("Không ghi được dữ liệu: %(reason)s") % {"reason": " ".join(messages)})
    except DatabaseError as exc:
        log.exception("import of %s failed while writing", kind)
        result.written = False
        result.error(None, "", _("Không ghi được dữ liệu (lỗi cơ sở dữ liệu: %(reason)s).") % {"reason": exc})
    result.errors.sort(key=lambda error: error.get("row") or 0)  # by row; within a row, as found
    result.add_conversion_notes()
    return result
