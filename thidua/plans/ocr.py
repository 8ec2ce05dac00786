"""Reading a scanned PDF (no text layer): each page drawn as an image by Poppler's ``pdftoppm`` and read by
Tesseract with its Vietnamese model (Debian's ``poppler-utils``, ``tesseract-ocr``, ``tesseract-ocr-vie``, which
``scripts/ensure-ocr.sh`` installs). It runs as a task (``core/tasks.py``): at most ``MAX_PAGES`` pages, each in at
most ``PAGE_SECONDS`` seconds; a page that cannot be read is named, the others are kept. The text goes on to the
import preview like a text the officer pasted, with a warning that it came from OCR.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.tasks import Progress, TaskError

MAX_PAGES = 10  # a plan is a few pages; more is not a plan, or a scan of several documents
PAGE_SECONDS = 60  # drawing one page, or reading it
DPI = 300  # what Tesseract reads best
MIN_PAGE_CHARS = 20  # a page read with fewer letters than this was not read


@dataclass
class OcrResult:
    text: str = ""
    pages: int = 0  # pages of the file
    read: list[int] = field(default_factory=list)  # the pages read, from 1
    unreadable: list[int] = field(default_factory=list)
    skipped: int = 0  # pages past MAX_PAGES


def ocr_missing() -> str | None:
    """What the server lacks to read scans, in Vietnamese (None when nothing is missing)."""
    missing = []
    if not shutil.which("pdftoppm"):
        missing.append("poppler-utils")
    if not shutil.which("tesseract"):
        missing += ["tesseract-ocr", "tesseract-ocr-vie"]
    elif "vie" not in _languages():
        missing.append("tesseract-ocr-vie")
    if not missing:
        return None
    return _(
        "Tệp PDF này là bản quét (không có lớp chữ) và máy chủ chưa cài phần nhận dạng chữ (thiếu gói %(packages)s): "
        "chưa đọc được. Hãy báo quản trị hệ thống cài đặt (scripts/ensure-ocr.sh), hoặc dán nội dung văn bản vào tệp .txt rồi "
        "tải lên."
    ) % {"packages": ", ".join(missing)}


def _languages() -> set[str]:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=PAGE_SECONDS,
                             check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {line.strip() for line in (out.stdout + out.stderr).splitlines()[1:]}


def page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def ocr_pdf(data: bytes, *, progress: Progress | None = None) -> OcrResult:
    """The text of a scanned PDF, page by page (see the module's note)."""
    result = OcrResult(pages=page_count(data))
    last = min(result.pages, MAX_PAGES)
    result.skipped = result.pages - last
    texts = []
    with tempfile.TemporaryDirectory(prefix="thidua-ocr-") as work:
        source = Path(work) / "scan.pdf"
        source.write_bytes(data)
        for number in range(1, last + 1):
            if progress:
                progress(
                    number - 1, last, _("Đang nhận dạng trang %(n)s/%(total)s") % {"n": number, "total": last}
                )
            text = _page(source, number, Path(work))
            if len(text.strip()) < MIN_PAGE_CHARS:
                result.unreadable.append(number)
                continue
            result.read.append(number)
            texts.append(text.strip())
        if progress:
            progress(last, last, _("Đã nhận dạng xong"))
    result.text = "\n\n".join(texts)
    return result


def _page(source: Path, number: int, work: Path) -> str:
    """One page drawn and read; "" when either step fails or takes too long."""
    image = work / f"page-{number}"
    try:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), "-gray", "-png",
                        "-singlefile", str(source), str(image)],
                       capture_output=True, timeout=PAGE_SECONDS, check=True)  # fmt: skip
        out = subprocess.run(["tesseract", f"{image}.png", "stdout", "-l", "vie", "--psm", "4"],
                             capture_output=True, text=True, timeout=PAGE_SECONDS, check=True)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    finally:
        Path(f"{image}.png").unlink(missing_ok=True)
    return out.stdout


def run_ocr_task(
    path: str, filename: str, *, progress: Progress, issuer: int | None = None
) -> dict[str, Any]:
    """The task behind the import of a scan: the text of its pages, for the preview (``issuer``: the unit the
    officer imports for, kept with the task for the preview). The staged file is the task's (removed when it
    ends)."""
    data = Path(path).read_bytes()
    result = ocr_pdf(data, progress=progress)
    if not result.read:
        raise TaskError(
            _(
                "Không nhận dạng được chữ trên trang nào của “%(name)s”: bản quét quá mờ, nghiêng hoặc không phải "
                "văn bản. Hãy quét lại rõ hơn (300 dpi, trang thẳng) hoặc dán nội dung vào tệp .txt."
            )
            % {"name": filename}
        )
    summary = [_("Đã nhận dạng %(n)s/%(total)s trang của “%(name)s”.")
               % {"n": len(result.read), "total": result.pages, "name": filename}]  # fmt: skip
    if result.unreadable:
        summary.append(
            _("Không đọc được trang %(pages)s (quá mờ hoặc không có chữ): hãy đối chiếu với bản giấy.")
            % {"pages": ", ".join(map(str, result.unreadable))}
        )
    if result.skipped:
        summary.append(
            _("Chỉ nhận dạng %(max)s trang đầu; %(n)s trang sau không được đọc.")
            % {"max": MAX_PAGES, "n": result.skipped}
        )
    return {"summary": summary, "text": result.text, "filename": filename, "unreadable": result.unreadable,
            "skipped": result.skipped}  # fmt: skip
