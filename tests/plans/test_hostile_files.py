"""Hostile and broken files in the plan import (issue 8): refused as what they are, in Vietnamese, quickly and with
the memory bounded, and no draft created. The files are built small here: a zip whose header declares a huge member,
a highly compressible member past a (lowered) bound, an entity bomb, random bytes under a .docx or .pdf name."""

import io
import struct
import zipfile

import pytest
from django.urls import reverse

from tests.plans.docx_documents import build_docx
from thidua.plans.models import Plan
from thidua.plans.parsing import extract, parse_plan_file
from thidua.plans.parsing.extract import UnreadableFile

pytestmark = pytest.mark.django_db
IMPORT = reverse("plans:plan-import")
RANDOM = bytes((i * 7919 + 13) % 251 for i in range(4096))


def upload(client, tree, data: bytes, name: str) -> str:
    file = io.BytesIO(data)
    file.name = name
    response = client.post(IMPORT, {"issuer": tree.BT.pk, "file": file})
    assert response.status_code == 200
    return response.content.decode()


def field_error(html: str) -> str:
    return html.split('class="invalid-feedback d-block">')[1].split("</div>")[0]


def docx_with(document_xml: bytes) -> bytes:
    """The .docx of the test documents with its main part replaced."""
    source = zipfile.ZipFile(io.BytesIO(build_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with the uncompressed size its central directory declares for ``member`` changed to ``size``."""
    name = member.encode()
    at = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + name_length] == name:
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at = data.index(b"PK\x01\x02", at + 4)


@pytest.fixture
def client(client_for, users):
    return client_for(users.province_officer)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ke-hoach.docx", "Tệp “ke-hoach.docx” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."),
        ("ke-hoach.pdf", "Tệp “ke-hoach.pdf” bị hỏng hoặc không phải tệp PDF: không đọc được."),
    ],
)
def test_random_bytes_under_a_document_name_are_refused_as_corrupt(client, tree, name, message):
    assert field_error(upload(client, tree, RANDOM, name)) == message
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04not a zip", "Tệp “tep.docx” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."),
        (b"%PDF-1.4 broken", "Tệp “tep.pdf” bị hỏng hoặc không phải tệp PDF: không đọc được."),
        (b"", "Tệp “tep.docx” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."),
    ],
)
def test_broken_documents_are_refused_by_the_parser(data, message):
    name = "tep.pdf" if data.startswith(b"%PDF") else "tep.docx"
    with pytest.raises(UnreadableFile) as error:
        parse_plan_file(data, filename=name)
    assert error.value.message == message


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(UnreadableFile) as error:
        parse_plan_file(out.getvalue(), filename="ke-hoach.docx")
    assert error.value.message == (
        "Tệp “ke-hoach.docx” không phải tệp Word (.docx): không có phần nội dung văn bản."
    )


def test_an_entity_bomb_is_refused_in_vietnamese(client, tree):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        b"<w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    html = upload(client, tree, docx_with(bomb), "bom.docx")
    assert field_error(html) == (
        "Tệp “bom.docx” có phần XML hỏng hoặc nguy hiểm (ví dụ thực thể lồng nhau): không đọc được."
    )
    assert Plan.objects.count() == 0


def test_a_member_declaring_hundreds_of_megabytes_is_refused_before_inflating(client, tree):
    data = declare_size(build_docx(), "word/document.xml", 600 * 1024 * 1024)
    html = upload(client, tree, data, "lon.docx")
    assert field_error(html) == (
        "Tệp “lon.docx” quá lớn khi giải nén (hơn 600 MB, tối đa 60 MB): không đọc được."
    )
    assert Plan.objects.count() == 0


def test_a_highly_compressible_member_past_the_bound_is_refused(monkeypatch):
    monkeypatch.setattr(extract, "MAX_MEMBER_BYTES", 1024 * 1024)
    text = b"<w:t>" + b"a" * (2 * 1024 * 1024) + b"</w:t>"  # 2 MB of text in a few kilobytes
    data = docx_with(text)
    assert len(data) < 64 * 1024
    with pytest.raises(UnreadableFile, match=r"quá lớn khi giải nén \(hơn 2 MB"):
        parse_plan_file(data, filename="nen.docx")


def test_a_member_larger_than_it_declares_is_refused_as_corrupt():
    data = docx_with(b"<w:document>" + b" " * 100_000 + b"</w:document>")
    data = declare_size(data, "word/document.xml", 1000)
    with pytest.raises(UnreadableFile) as error:
        parse_plan_file(data, filename="gia.docx")
    assert error.value.message == "Tệp “gia.docx” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."


def test_the_text_read_out_of_a_document_is_capped(monkeypatch, client, tree):
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 1000)
    html = upload(client, tree, build_docx(), "dai.docx")
    assert (
        field_error(html)
        == "Tệp “dai.docx” có nội dung quá dài (hơn 1.000 ký tự): không phải một văn bản kế hoạch."
    )
    html = upload(client, tree, ("Kế hoạch " * 200).encode(), "dai.txt")
    assert field_error(html) == (
        "Tệp “dai.txt” có nội dung quá dài (1.800 ký tự, tối đa 1.000): không phải một văn bản kế hoạch."
    )
    assert Plan.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client, tree):
    html = upload(client, tree, b"a" * (10 * 1024 * 1024 + 1), "lon.txt")
    assert field_error(html) == "Tệp quá lớn (tối đa 10 MB)."
