"""Exemplary models: who may recognise them and in whose name, the checks on what is recorded, photos (images
only, bounded), replication, archive (never deleted), audit, the list's queries and its Excel export."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.audit import history_of
from thidua.exemplars import actions
from thidua.exemplars.models import Exemplar, Replication
from thidua.orgs import actions as org_actions

from .builders import D, exemplar, pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def sibling_officer(tree):
    user = get_user_model().objects.create_user("thpt_officer", password="x")
    org_actions.grant_role(user, tree.THPT, "officer", by=None)
    return user


# --- who may recognise in a unit's name ---------------------------------------------------------------------------


@pytest.mark.parametrize("username, allowed", [
    ("grassroots_officer", True),   # own unit
    ("district_leader", True),      # parent
    ("province_officer", True),     # ancestor
    ("council_member", False),      # a role without the permission
    ("outsider", False),            # another branch
])  # fmt: skip
def test_recognising_in_the_name_of_may(username, allowed, tree, people, users):
    if allowed:
        made = exemplar(tree.MAY, people.tran_hao, by=getattr(users, username))
        assert made.unit == tree.MAY and made.name == "Trần Trung Hào"
        assert made.workplace == tree.MAY.name
    else:
        with pytest.raises(PermissionDenied):
            exemplar(tree.MAY, people.tran_hao, by=getattr(users, username))
        assert not Exemplar.objects.exists()


def test_a_sibling_and_a_child_cannot_recognise_in_another_units_name(tree, people, users, sibling_officer):
    with pytest.raises(PermissionDenied):
        exemplar(tree.MAY, people.tran_hao, by=sibling_officer)  # sibling
    with pytest.raises(PermissionDenied):
        exemplar(tree.CT, people.tran_hao, by=users.grassroots_officer)  # child acting for its parent
    assert not Exemplar.objects.exists()


def test_edit_page_answers_by_relation(tree, people, users, client, sibling_officer):
    made = exemplar(tree.MAY, people.tran_hao)
    url = reverse("exemplars:exemplar-update", args=[made.pk])
    expected = {"grassroots_officer": 200, "district_leader": 200, "province_officer": 200, "outsider": 404}
    for username, status in expected.items():
        client.force_login(getattr(users, username))
        assert client.get(url).status_code == status, username
    client.force_login(sibling_officer)
    assert client.get(url).status_code == 404  # a sibling does not see it at all


def test_a_model_recognised_above_is_read_below_but_not_changed(tree, people, users, client):
    made = exemplar(tree.BT, people.vo_hong, title="Nữ công nhân giỏi việc nước, đảm việc nhà")
    client.force_login(users.grassroots_officer)
    page = client.get(reverse("exemplars:exemplar-detail", args=[made.pk]))
    assert page.status_code == 200 and "Nữ công nhân giỏi việc nước" in page.content.decode()
    assert client.get(reverse("exemplars:exemplar-update", args=[made.pk])).status_code == 403
    client.force_login(users.outsider)
    assert client.get(reverse("exemplars:exemplar-detail", args=[made.pk])).status_code == 404


# --- what is recorded ---------------------------------------------------------------------------------------------


def test_a_person_outside_the_recognising_unit_is_refused_naming_the_field(tree, people, users):
    with pytest.raises(ValidationError) as error:
        exemplar(tree.MAY, people.vo_hong, by=users.grassroots_officer)
    assert "person" in error.value.message_dict
    assert not Exemplar.objects.exists()


def test_the_form_shows_the_error_and_writes_nothing(tree, people, users, client):
    client.force_login(users.grassroots_officer)
    response = client.post(reverse("exemplars:exemplar-create", args=[tree.MAY.pk]), {
        "kind": "advanced", "person": people.tran_hao.pk, "story": "", "year": "2017", "recognised_on": "20/12/2017",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Câu chuyện, thành tích" in response.content.decode()
    assert not Exemplar.objects.exists()


def test_creating_through_the_page_and_the_trail(tree, people, users, client):
    client.force_login(users.grassroots_officer)
    response = client.post(reverse("exemplars:exemplar-create", args=[tree.MAY.pk]), {
        "kind": "good_deed", "collective": tree.MAY.pk, "story": "Tổ may số 3 trả lại tài sản nhặt được.",
        "year": "2017", "recognised_on": "28/07/2017", "recognition": "Hội nghị biểu dương ngày 28/7/2017",
        "published": "on",
    })  # fmt: skip
    made = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert made.name == tree.MAY.name and made.workplace == tree.CT.name and made.published
    assert [e.action for e in history_of(made)] == ["create"]


def test_archive_keeps_the_row_and_takes_it_off_the_list(tree, people, users, client):
    made = exemplar(tree.MAY, people.tran_hao, published=True)
    client.force_login(users.grassroots_officer)
    client.post(reverse("exemplars:exemplar-archive", args=[made.pk]), {"reason": "Ghi nhầm"})
    made.refresh_from_db()
    assert made.archived_at is not None and not made.published
    assert "Trần Trung Hào" not in client.get(reverse("exemplars:exemplar-list")).content.decode()
    assert [e.action for e in history_of(made)] == ["archive", "create"]
    with pytest.raises(ValidationError):
        actions.update_exemplar(made, by=users.grassroots_officer, story="Sửa")


# --- photos -------------------------------------------------------------------------------------------------------


def test_photos_are_images_only_and_bounded(tree, people, users, settings):
    made = exemplar(tree.MAY, people.tran_hao)
    photo = actions.add_photo(made, png(), by=users.grassroots_officer, description="Tại xưởng may")
    assert photo.kind == "image"
    with pytest.raises(ValidationError) as error:
        actions.add_photo(made, pdf(), by=users.grassroots_officer)
    assert "không phải ảnh" in str(error.value)
    with pytest.raises(PermissionDenied):
        actions.add_photo(made, png(), by=users.outsider)
    for _ in range(actions.PHOTOS_PER_EXEMPLAR - 1):
        actions.add_photo(made, png(), by=None)
    with pytest.raises(ValidationError) as error:
        actions.add_photo(made, png(), by=None)
    assert "tối đa 12 ảnh" in str(error.value)


def test_photo_upload_page_reports_a_non_image(tree, people, users, client):
    made = exemplar(tree.MAY, people.tran_hao)
    client.force_login(users.grassroots_officer)
    response = client.post(reverse("exemplars:photo-add", args=[made.pk]), {"file": pdf()}, follow=True)
    assert "không phải ảnh" in response.content.decode()
    response = client.post(reverse("exemplars:photo-add", args=[made.pk]), {"file": png()}, follow=True)
    assert "Đã thêm ảnh." in response.content.decode()


# --- replication --------------------------------------------------------------------------------------------------


def test_replication_by_the_adopting_unit_and_its_checks(tree, people, users):
    made = exemplar(tree.CT, people.tran_hao, recognised_on=D(2017, 6, 1))
    rep = actions.record_replication(made, tree.THPT, by=users.district_leader, since=D(2017, 9, 5),
                                     result="Áp dụng tổ tự quản", participants=45, benefit=12_000_000)  # fmt: skip
    assert rep.participants == 45 and rep.benefit == 12_000_000
    with pytest.raises(ValidationError) as error:
        actions.record_replication(made, tree.THPT, by=users.district_leader, since=D(2017, 9, 6))
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.record_replication(made, tree.MAY, by=users.grassroots_officer, since=D(2017, 5, 1))
    assert "since" in error.value.message_dict
    with pytest.raises(PermissionDenied):  # a grassroots officer records only for their own unit
        actions.record_replication(made, tree.THPT, by=users.grassroots_officer, since=D(2017, 9, 6))
    assert Replication.objects.count() == 1
    actions.archive_replication(rep, by=users.district_leader)
    again = actions.record_replication(made, tree.THPT, by=users.district_leader, since=D(2017, 10, 1))
    assert Replication.objects.count() == 2 and again.pk != rep.pk


def test_replications_are_seen_by_the_adopting_and_the_recognising_units(tree, people, users, client):
    made = exemplar(tree.BT, people.tran_hao)
    actions.record_replication(made, tree.MAY, by=None, since=D(2017, 12, 21), result="Kết quả tại May")
    actions.record_replication(made, tree.DUA, by=None, since=D(2017, 12, 22), result="Kết quả tại Dừa")
    client.force_login(users.grassroots_officer)
    body = client.get(reverse("exemplars:exemplar-detail", args=[made.pk])).content.decode()
    assert "Kết quả tại May" in body and "Kết quả tại Dừa" not in body
    client.force_login(users.province_officer)
    body = client.get(reverse("exemplars:exemplar-detail", args=[made.pk])).content.decode()
    assert "Kết quả tại May" in body and "Kết quả tại Dừa" in body


# --- the list -----------------------------------------------------------------------------------------------------


def test_list_queries_do_not_grow_with_rows(tree, people, users, client):
    client.force_login(users.province_officer)
    url = reverse("exemplars:exemplar-list")
    exemplar(tree.MAY, people.tran_hao)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for person, unit in [
        (people.nguyen_dao, tree.MAY),
        (people.huynh_mai, tree.THPT),
        (people.vo_hong, tree.DUA),
    ]:
        made = exemplar(unit, person)
        actions.record_replication(made, tree.MAY, by=None, since=D(2017, 12, 21))
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(one)
    assert all(name in body for name in ("Trần Trung Hào", "Nguyễn Thị Đào", "Huỳnh Thị Mai", "Võ Thị Hồng"))


def test_list_filters_and_search_without_diacritics(tree, people, users, client):
    exemplar(tree.MAY, people.tran_hao, kind="good_deed")
    exemplar(tree.MAY, people.nguyen_dao, year=2016, recognised_on=D(2016, 12, 1))
    client.force_login(users.grassroots_officer)
    body = client.get(reverse("exemplars:exemplar-list") + "?q=tran hao").content.decode()
    assert "Trần Trung Hào" in body and "Nguyễn Thị Đào" not in body
    body = client.get(reverse("exemplars:exemplar-list") + "?year=2016").content.decode()
    assert "Nguyễn Thị Đào" in body and "Trần Trung Hào" not in body


def test_excel_export_of_the_list_and_of_replications(tree, people, users, client):
    made = exemplar(tree.MAY, people.tran_hao, title="Người thợ may sáng tạo")
    actions.record_replication(made, tree.MAY, by=None, since=D(2017, 12, 21), result="Tăng năng suất 8%",
                               participants=30)  # fmt: skip
    exemplar(tree.GIAY, people.pham_binh)
    client.force_login(users.grassroots_officer)
    book = load_workbook(io.BytesIO(client.get(reverse("exemplars:exemplar-export")).content), read_only=True)
    rows = [r for r in book.active.iter_rows(values_only=True)]
    assert rows[1][2] == "Cá nhân, tập thể"
    assert [r[2] for r in rows[2:]] == ["Trần Trung Hào"]
    assert rows[2][5] == "Người thợ may sáng tạo" and rows[2][11] == 1
    book = load_workbook(
        io.BytesIO(client.get(reverse("exemplars:replication-export")).content), read_only=True
    )
    rows = [r for r in book.active.iter_rows(values_only=True)]
    assert rows[2][1:4] == ("Trần Trung Hào", tree.MAY.name, tree.MAY.name) and rows[2][6] == 30
