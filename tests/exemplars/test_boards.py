"""The honour board per federation and year, and its opt-in public page: no login, only a published board's
published entries, nothing personal beyond the name, unit, movement, story and photos; unknown or unpublished: 404."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from thidua.exemplars import actions

from .builders import D, exemplar, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(tree, people):
    exemplar(tree.MAY, people.tran_hao, title="Người thợ may sáng tạo", published=True)
    exemplar(tree.DUA, people.vo_hong, title="Chưa công bố", published=False)
    exemplar(tree.MAY, people.nguyen_dao, year=2016, recognised_on=D(2016, 12, 1), published=True)
    exemplar(tree.GIAY, people.pham_binh, published=True)  # another federation
    return actions.create_board(
        tree.BT, by=None, year=2017, introduction="Tôn vinh người lao động tiêu biểu."
    )


def public_url(code, year):
    return reverse("exemplars:public-board", args=[code, year])


def test_board_is_private_until_published(board, tree, client):
    assert board.title == "Bảng vàng tôn vinh điển hình tiên tiến Liên đoàn Lao động tỉnh Bến Tre năm 2017"
    assert client.get(public_url("BT", 2017)).status_code == 404
    assert client.get(public_url("BT", 2016)).status_code == 404  # no board that year
    assert client.get(public_url("KHONGCO", 2017)).status_code == 404  # unknown federation


def test_published_board_shows_only_published_entries_of_its_year_and_subtree(board, tree, people, client):
    actions.update_board(board, by=None, published=True)
    response = client.get(public_url("BT", 2017))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trần Trung Hào" in body and "Người thợ may sáng tạo" in body and tree.MAY.name in body
    assert "Võ Thị Hồng" not in body  # not published
    assert "Nguyễn Thị Đào" not in body  # another year
    assert "Phạm Văn Bình" not in body  # another federation
    for private in (
        "083080000001",
        "01/05/1980",
        "1980-05-01",
        "grassroots_officer",
        "/dien-hinh-tien-tien/",
    ):
        assert private not in body


def test_withdrawing_publication_closes_the_page(board, client):
    actions.update_board(board, by=None, published=True)
    actions.update_board(board, by=None, published=False)
    assert client.get(public_url("BT", 2017)).status_code == 404
    board.refresh_from_db()
    assert board.published_at is None


def test_public_photos_only_of_published_entries(board, tree, people, client):
    actions.update_board(board, by=None, published=True)
    from thidua.exemplars.models import Exemplar

    published = Exemplar.objects.get(person=people.tran_hao)
    hidden = Exemplar.objects.get(person=people.vo_hong)
    other = Exemplar.objects.get(person=people.pham_binh)
    ok = actions.add_photo(published, png(), by=None)
    not_published = actions.add_photo(hidden, png(), by=None)
    elsewhere = actions.add_photo(other, png(), by=None)
    url = lambda pk: reverse("exemplars:public-photo", args=["BT", 2017, pk])  # noqa: E731
    response = client.get(url(ok.pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(url(not_published.pk)).status_code == 404
    assert client.get(url(elsewhere.pk)).status_code == 404
    assert url(ok.pk) in client.get(public_url("BT", 2017)).content.decode()


def test_board_writes_by_relation(tree, users):
    with pytest.raises(PermissionDenied):
        actions.create_board(tree.BT, by=users.grassroots_officer, year=2017)  # a child
    with pytest.raises(PermissionDenied):
        actions.create_board(tree.BT, by=users.outsider, year=2017)
    made = actions.create_board(tree.BT, by=users.province_officer, year=2017)
    with pytest.raises(ValidationError) as error:
        actions.create_board(tree.BT, by=users.province_leader, year=2017)
    assert "year" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        actions.update_board(made, by=users.district_leader, published=True)
    actions.archive_board(made, by=users.province_leader)
    assert actions.create_board(tree.BT, by=users.province_officer, year=2017).pk != made.pk


def test_board_pages_and_export(board, tree, users, client):
    client.force_login(users.province_officer)
    response = client.post(reverse("exemplars:board-update", args=[board.pk]), {
        "title": "Bảng vàng Công đoàn Bến Tre 2017", "introduction": "", "published": "on"})  # fmt: skip
    assert response.status_code == 302
    body = client.get(reverse("exemplars:board-detail", args=[board.pk])).content.decode()
    assert "Võ Thị Hồng" in body and "Trần Trung Hào" in body and public_url("BT", 2017) in body
    book = load_workbook(io.BytesIO(client.get(reverse("exemplars:board-export", args=[board.pk])).content),
                         read_only=True)  # fmt: skip
    names = [r[2] for r in book.active.iter_rows(min_row=3, values_only=True)]
    assert sorted(names) == ["Trần Trung Hào", "Võ Thị Hồng"]
    client.force_login(users.outsider)
    assert client.get(reverse("exemplars:board-detail", args=[board.pk])).status_code == 404
    assert client.get(reverse("exemplars:board-export", args=[board.pk])).status_code == 404
