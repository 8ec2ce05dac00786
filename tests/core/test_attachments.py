"""The attachments kit, on a model registered for the test (a unit carries the files): type by content, size limit,
the storage API, the scoped download (404 outside), archive instead of delete, the audit trail and the block."""

from __future__ import annotations

import io
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from thidua.core import actions
from thidua.core import attachments as kit
from thidua.core.audit import history_of
from thidua.core.models import Attachment
from thidua.core.scoping import has_perm
from thidua.orgs.models import Unit
from thidua.plans.permissions import SUBMIT

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def docx_bytes() -> bytes:
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Biên bản nghiệm thu đề tài")
    document.save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def units_carry_attachments(monkeypatch):
    monkeypatch.setitem(kit._registry, Unit, kit.Attachable(
        Unit, readable=lambda user: Unit.objects.visible_to(user),
        can_attach=lambda user, unit: has_perm(user, SUBMIT, unit.path), unit_path=lambda unit: unit.path,
    ))  # fmt: skip


def stored_files() -> list[str]:
    root = kit.storage().location  # type: ignore[attr-defined]
    return [os.path.relpath(os.path.join(d, f), root) for d, _dirs, files in os.walk(root) for f in files]


def test_a_pdf_is_stored_through_the_storage_api_with_its_kind_from_the_content(tree, users):
    attachment = actions.attach_file(tree.MAY, upload("Biên bản.pdf", PDF), by=users.grassroots_officer,
                                     description="  Biên bản   họp  ")  # fmt: skip
    assert (attachment.kind, attachment.mime, attachment.size) == ("pdf", "application/pdf", len(PDF))
    assert attachment.original_name == "Biên bản.pdf"
    assert attachment.description == "Biên bản họp"
    assert attachment.scope_path == tree.MAY.path
    assert attachment.stored_name.startswith("orgs/unit/") and attachment.stored_name.endswith(".pdf")
    assert "Biên bản" not in attachment.stored_name  # never the uploader's name on disk
    assert stored_files() == [attachment.stored_name]
    with kit.storage().open(attachment.stored_name, "rb") as handle:
        assert handle.read() == PDF


def test_docx_and_images_are_accepted(tree, users):
    word = actions.attach_file(tree.MAY, upload("bao-cao.docx", docx_bytes()), by=users.grassroots_officer)
    image = actions.attach_file(tree.MAY, upload("anh.png", PNG), by=users.grassroots_officer)
    assert (word.kind, image.kind, image.mime) == ("docx", "image", "image/png")


def test_a_pdf_of_random_bytes_is_refused_in_vietnamese_and_nothing_is_kept(tree, users):
    with pytest.raises(ValidationError) as error:
        actions.attach_file(tree.MAY, upload("de-tai.pdf", os.urandom(4096)), by=users.grassroots_officer)
    assert error.value.messages == [
        "Tệp “de-tai.pdf” không phải tệp PDF, Word (DOCX), Excel (XLSX) hay ảnh (JPG, PNG) hợp lệ: nội dung của tệp "
        "không đúng định dạng. Chỉ được đính kèm các loại tệp này."
    ]
    assert Attachment.objects.count() == 0
    assert stored_files() == []


def test_a_name_that_contradicts_the_content_is_refused(tree, users):
    with pytest.raises(ValidationError) as error:
        actions.attach_file(tree.MAY, upload("anh.pdf", PNG), by=users.grassroots_officer)
    assert error.value.messages == [
        "Tên tệp “anh.pdf” không khớp với nội dung (nội dung là Ảnh, đuôi tệp phải là .png)."
    ]


def test_a_file_over_the_limit_is_refused(tree, users, settings):
    settings.ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as error:
        actions.attach_file(tree.MAY, upload("lon.pdf", PDF), by=users.grassroots_officer)
    assert error.value.messages == [
        "Tệp “lon.pdf” có dung lượng 77\xa0byte, vượt mức tối đa 50\xa0byte cho một tệp đính kèm."
    ]
    assert stored_files() == []


def test_the_default_limit_is_twenty_megabytes():
    assert kit.max_bytes() == 20 * 1024 * 1024


def test_an_outsider_cannot_attach(tree, users):
    with pytest.raises(PermissionDenied):
        actions.attach_file(tree.MAY, upload("a.pdf", PDF), by=users.outsider)
    assert stored_files() == []


def test_attaching_and_archiving_are_audited_and_archiving_keeps_the_file(tree, users):
    attachment = actions.attach_file(tree.MAY, upload("a.pdf", PDF), by=users.grassroots_officer)
    actions.archive_attachment(attachment, by=users.grassroots_officer, reason="Nhầm tệp")
    attachment.refresh_from_db()
    assert attachment.is_archived and attachment.archived_by == users.grassroots_officer
    assert stored_files() == [attachment.stored_name]
    assert [(e.action, e.note) for e in history_of(attachment)] == [("archive", "Nhầm tệp"), ("create", "")]
    assert [(e.action, e.note) for e in history_of(tree.MAY)][:2] == [
        ("detach", "a.pdf"),
        ("attach", "a.pdf"),
    ]
    with pytest.raises(ValidationError):
        actions.archive_attachment(attachment, by=users.grassroots_officer)


# --- the scoped views ---------------------------------------------------------------------------------------


def add_url(unit) -> str:
    return reverse("core:attachment-add", args=[ContentType.objects.get_for_model(Unit).pk, unit.pk])


def test_the_upload_page_attaches_and_refuses_random_bytes_with_the_message(tree, users, client_for):
    client = client_for(users.grassroots_officer)
    response = client.post(add_url(tree.MAY), {"file": upload("de-tai.pdf", os.urandom(2048)), "next": "/"},
                           follow=True)  # fmt: skip
    assert (
        "không phải tệp PDF, Word (DOCX), Excel (XLSX) hay ảnh (JPG, PNG) hợp lệ" in response.content.decode()
    )
    client.post(add_url(tree.MAY), {"file": upload("Quyết định.pdf", PDF), "next": "/"})
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["Quyết định.pdf"]


def test_download_is_served_to_the_owners_readers_only(tree, users, client_for):
    attachment = actions.attach_file(tree.MAY, upload("Quyết định.pdf", PDF), by=users.grassroots_officer)
    url = reverse("core:attachment-download", args=[attachment.pk])
    for name in ("grassroots_officer", "district_leader", "province_officer"):
        response = client_for(getattr(users, name)).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(users.outsider).get(url).status_code == 404
    assert (
        client_for(users.outsider)
        .get(reverse("core:attachment-download", args=[attachment.pk + 99]))
        .status_code
        == 404
    )


def test_outsiders_get_404_on_upload_and_archive_readers_without_the_right_get_403(tree, users, client_for,
                                                                                    django_user_model):  # fmt: skip
    attachment = actions.attach_file(tree.MAY, upload("a.pdf", PDF), by=users.grassroots_officer)
    outsider = client_for(users.outsider)
    assert outsider.post(add_url(tree.MAY), {"file": upload("b.pdf", PDF)}).status_code == 404
    assert outsider.post(reverse("core:attachment-archive", args=[attachment.pk])).status_code == 404
    from thidua.orgs import actions as org_actions

    viewer = django_user_model.objects.create_user("may_viewer", password="x")
    org_actions.grant_role(viewer, tree.MAY, "viewer", by=None)
    reader = client_for(viewer)
    assert reader.get(reverse("core:attachment-download", args=[attachment.pk])).status_code == 200
    assert reader.post(add_url(tree.MAY), {"file": upload("b.pdf", PDF)}).status_code == 403
    assert reader.post(reverse("core:attachment-archive", args=[attachment.pk])).status_code == 403
    assert Attachment.objects.active().count() == 1


def test_an_unregistered_model_cannot_carry_files(tree, users, client_for):
    from thidua.orgs.models import Person

    url = reverse("core:attachment-add", args=[ContentType.objects.get_for_model(Person).pk, 1])
    assert client_for(users.admin).post(url, {"file": upload("a.pdf", PDF)}).status_code == 404


def render_block(unit, user) -> str:
    request = RequestFactory().get("/don-vi/")
    request.user = user
    return Template("{% load attachments %}{% attachments_block unit %}").render(
        Context({"request": request, "unit": unit})
    )


def test_the_block_lists_files_and_offers_the_form_to_those_who_may_attach(
    tree, users, django_assert_num_queries
):
    kept = actions.attach_file(tree.MAY, upload("Biên bản.pdf", PDF), by=users.grassroots_officer)
    gone = actions.attach_file(tree.MAY, upload("Cũ.pdf", PDF), by=users.grassroots_officer)
    actions.archive_attachment(gone, by=users.grassroots_officer)
    ContentType.objects.get_for_model(Unit)  # cached, as on any page after the first read
    with django_assert_num_queries(2):  # active files with their uploaders, archived files (scope read above)
        html = render_block(tree.MAY, users.grassroots_officer)
    assert "Biên bản.pdf" in html and reverse("core:attachment-download", args=[kept.pk]) in html
    assert 'data-testid="attachment-form"' in html
    assert "1 tệp đã lưu trữ" in html
    from thidua.orgs import actions as org_actions

    reader = type(users.admin).objects.create_user("may_reader", password="x")
    org_actions.grant_role(reader, tree.MAY, "viewer", by=None)
    html = render_block(tree.MAY, reader)
    assert "Biên bản.pdf" in html and "attachment-form" not in html and "Cũ.pdf" not in html
