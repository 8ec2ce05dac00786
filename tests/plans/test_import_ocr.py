"""A scanned PDF (no text layer) is read by OCR in a task, bounded in pages and time; the text goes to the import
preview with a warning; a page that cannot be read is named; a server without Tesseract refuses in Vietnamese and
names what is missing (issue 9)."""

import io

import pytest
from django.urls import reverse

from thidua.core.models import Task
from thidua.core.text import fold
from thidua.plans import ocr

from .scans import blank, page, scanned_pdf

IMPORT = reverse("plans:plan-import")
LINES = [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
    "Số: 15/KH-LĐLĐ",
    "Bến Tre, ngày 20 tháng 02 năm 2019",
    "KẾ HOẠCH",
    "Phát động phong trào thi đua năm 2019",
    "Căn cứ Kế hoạch số 05/KH-TLĐ ngày 12/01/2019 của Tổng Liên đoàn Lao động Việt Nam;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Động viên đoàn viên, người lao động thi đua lao động sản xuất.",
    "Đợt 1: Từ ngày 01/01/2019 đến ngày 30/6/2019.",
    "Đợt 2: Từ ngày 01/7/2019 đến ngày 31/12/2019.",
]
needs_tesseract = pytest.mark.skipif(ocr.ocr_missing() is not None, reason="scripts/ensure-ocr.sh not run")


@needs_tesseract
def test_a_scanned_page_is_read_and_a_blank_one_named():
    result = ocr.ocr_pdf(scanned_pdf(page(LINES), blank()))
    assert (result.pages, result.read, result.unreadable, result.skipped) == (2, [1], [2], 0)
    text = fold(result.text)
    assert "15/kh-ldld" in text.replace(" ", "") and "ke hoach" in text and "dot 2" in text


@needs_tesseract
def test_pages_past_the_bound_are_not_read(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    result = ocr.ocr_pdf(scanned_pdf(page(LINES), page(LINES)))
    assert (result.read, result.skipped) == ([1], 1)


@needs_tesseract
def test_a_page_taking_too_long_is_named_not_waited_for(monkeypatch):
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.001)
    result = ocr.ocr_pdf(scanned_pdf(page(LINES)))
    assert (result.read, result.unreadable) == ([], [1])


def upload(data: bytes, name: str = "ban-quet.pdf"):
    file = io.BytesIO(data)
    file.name = name
    return file


@needs_tesseract
@pytest.mark.django_db
def test_the_officer_imports_a_scan_through_the_ocr_task(client_for, users, tree):
    client = client_for(users.province_officer)
    response = client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload(scanned_pdf(page(LINES), blank()))})
    task = Task.objects.get(kind="plans.import_ocr")
    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:plan-import-ocr", args=[task.pk]
    )
    assert task.status == "done" and task.kwargs["issuer"] == tree.BT.pk
    status = client.get(response["Location"]).content.decode()
    assert "Đã nhận dạng 1/2 trang" in status and "Không đọc được trang 2" in status
    assert 'data-testid="ocr-preview"' in status
    html = client.post(response["Location"]).content.decode()
    assert "Văn bản được nhận dạng từ bản quét (OCR)" in html and "Không đọc được trang 2" in html
    assert 'data-testid="import-structure"' in html
    assert 'name="number" value="15"' in html
    assert client_for(users.outsider).get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_without_tesseract_the_scan_is_refused_naming_what_is_missing(client_for, users, tree, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    client = client_for(users.province_officer)
    html = client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload(scanned_pdf(blank()))}).content.decode()
    assert "là bản quét (không có lớp chữ) và máy chủ chưa cài phần nhận dạng chữ" in html
    assert "poppler-utils, tesseract-ocr, tesseract-ocr-vie" in html
    assert not Task.objects.filter(kind="plans.import_ocr").exists()


@needs_tesseract
@pytest.mark.django_db
def test_a_scan_with_nothing_readable_fails_with_a_clear_message(client_for, users, tree):
    client = client_for(users.province_officer)
    response = client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload(scanned_pdf(blank()))})
    task = Task.objects.get(kind="plans.import_ocr")
    assert task.status == "failed"
    status = client.get(response["Location"]).content.decode()
    assert "Không nhận dạng được chữ trên trang nào của “ban-quet.pdf”" in status
    assert 'data-testid="ocr-preview"' not in status
