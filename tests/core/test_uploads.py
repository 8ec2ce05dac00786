"""thidua.core.uploads: one staged-upload mechanism for every import — bounded, under the upload directory, bound to
the session and to the kind of import, used once."""

import os
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from thidua.core import uploads
from thidua.core.uploads import UploadExpired, drop_upload, peek_upload, stage_upload, take_upload

pytestmark = pytest.mark.django_db
EXPIRED = "Tệp đã tải lên không còn hoặc đã hết hạn (hoặc đã được nhập): hãy tải tệp lên lại."


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"


def request_with_session(session=None):
    request = RequestFactory().post("/")
    request.session = session if session is not None else SessionStore()
    return request


def upload(content=b"noi dung", name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, content)


def test_a_staged_upload_is_peeked_then_taken_once(settings):
    request = request_with_session()
    token, path = stage_upload(request, upload(), kind="orgs.import_people", issuer=7)
    assert path.parent == settings.IMPORT_UPLOAD_DIR and path.read_bytes() == b"noi dung"
    peeked = peek_upload(request, token, "orgs.import_people")
    assert (peeked.filename, peeked.meta, peeked.path, peeked.read_bytes()) == (
        "danh-sach.xlsx", {"issuer": 7}, path, b"noi dung",
    )  # fmt: skip
    taken = take_upload(request, token, "orgs.import_people")
    assert taken.path == path and path.exists()  # the file is now the caller's (its task removes it)
    with pytest.raises(UploadExpired) as refused:
        take_upload(request, token, "orgs.import_people")
    assert refused.value.message == EXPIRED


def test_a_token_of_one_import_is_refused_by_another(settings):
    request = request_with_session()
    token, _path = stage_upload(request, upload(), kind="orgs.import_people")
    with pytest.raises(UploadExpired):
        peek_upload(request, token, "plans.import")
    with pytest.raises(UploadExpired):
        take_upload(request, token, "orgs.import_units")
    assert peek_upload(request, token, "orgs.import_people").token == token  # still there for its own import


def test_a_token_of_another_session_is_refused():
    token, _path = stage_upload(request_with_session(), upload(), kind="plans.import")
    with pytest.raises(UploadExpired):
        take_upload(request_with_session(), token, "plans.import")


def test_an_unknown_or_hostile_token_is_refused():
    request = request_with_session()
    for token in ("", "../../etc/passwd", "x" * 32, None):
        with pytest.raises(UploadExpired):
            peek_upload(request, token, "plans.import")


def test_a_staged_upload_expires_and_its_file_goes(settings):
    settings.TASK_UPLOAD_MAX_AGE_HOURS = 1
    request = request_with_session()
    token, path = stage_upload(request, upload(), kind="plans.import")
    staged = request.session[uploads.SESSION_KEY]
    staged[token]["at"] = time.time() - 2 * 3600
    request.session[uploads.SESSION_KEY] = staged
    with pytest.raises(UploadExpired):
        peek_upload(request, token, "plans.import")
    assert not path.exists()


def test_a_staged_upload_whose_file_is_gone_is_expired():
    request = request_with_session()
    token, path = stage_upload(request, upload(), kind="plans.import")
    path.unlink()
    with pytest.raises(UploadExpired):
        take_upload(request, token, "plans.import")


def test_drop_forgets_the_token_and_removes_the_file():
    request = request_with_session()
    token, path = stage_upload(request, upload(), kind="plans.import")
    drop_upload(request, token, "orgs.import_people")  # another kind: nothing happens
    assert path.exists()
    drop_upload(request, token, "plans.import")
    assert not path.exists()
    with pytest.raises(UploadExpired):
        peek_upload(request, token, "plans.import")


def test_a_file_larger_than_the_cap_is_not_staged(settings):
    settings.UPLOAD_MAX_BYTES = 10
    request = request_with_session()
    with pytest.raises(uploads.UploadTooLarge) as refused:
        stage_upload(request, upload(b"x" * 11), kind="plans.import")
    assert refused.value.message == "Tệp lớn hơn 10\xa0byte; hãy chia thành nhiều tệp nhỏ hơn."
    assert request.session.get(uploads.SESSION_KEY, {}) == {}
    assert not settings.IMPORT_UPLOAD_DIR.exists() or list(settings.IMPORT_UPLOAD_DIR.iterdir()) == []


def test_old_files_are_swept_on_the_next_upload(settings):
    settings.TASK_UPLOAD_MAX_AGE_HOURS = 1
    request = request_with_session()
    _token, old = stage_upload(request, upload(), kind="plans.import")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    _token, new = stage_upload(request, upload(), kind="plans.import")
    assert not old.exists() and new.exists()


def test_staged_files_are_the_tasks_to_remove(settings):
    request = request_with_session()
    _token, path = stage_upload(request, upload(), kind="plans.import")
    assert uploads.is_staged_file(str(path))
    assert not uploads.is_staged_file("/etc/passwd") and not uploads.is_staged_file("plain text")
