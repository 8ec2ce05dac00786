"""A year's task ratings from Excel for a unit's people (spreadsheet kit): every error by row and column and nothing
written; re-importing updates (one current rating per person and year) through the audited action; the page, linked
from the unit's year, refused by relation."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.core.models import AuditEvent
from thidua.eligibility.imports import import_ratings
from thidua.eligibility.models import TaskRating

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Họ và tên", "Số CCCD", "Mã CĐCS", "Xếp loại", "Căn cứ"]
GOOD = [
    [1, "Trần Trung Hào", "083080000001", None, "Hoàn thành xuất sắc nhiệm vụ", "Biên bản 20/12/2017"],
    [2, "Nguyễn Thị Đào", None, "MAY", "HTTNV", None],
    [3, "Lê Văn Đức", None, "", "hoàn thành", None],
]  # fmt: skip


def workbook(tmp_path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(["XẾP LOẠI MỨC ĐỘ HOÀN THÀNH NHIỆM VỤ NĂM 2017"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / "xep-loai.xlsx"
    wb.save(path)
    return str(path)


def current(year=2017):
    return dict(TaskRating.objects.current().filter(year=year).values_list("person__full_name", "rating"))


def test_a_good_file_records_and_a_second_one_updates_without_duplicates(tmp_path, users, tree):
    first = import_ratings(workbook(tmp_path, GOOD), unit=tree.MAY, year=2017, by=users.grassroots_officer)
    assert first.written, first.errors
    assert current() == {"Trần Trung Hào": "excellent", "Nguyễn Thị Đào": "good", "Lê Văn Đức": "completed"}
    assert set(TaskRating.objects.values_list("origin", flat=True)) == {"imported"}
    again = [GOOD[0], [2, "Nguyễn Thị Đào", None, "MAY", "Hoàn thành nhiệm vụ", None]]
    second = import_ratings(workbook(tmp_path, again), unit=tree.MAY, year=2017, by=users.grassroots_officer)
    assert (second.written, second.created, second.updated, second.unchanged) == (True, 0, 1, 1)
    assert current()["Nguyễn Thị Đào"] == "completed"
    assert (
        TaskRating.objects.filter(person__full_name="Nguyễn Thị Đào", year=2017).count() == 2
    )  # one archived
    assert TaskRating.objects.current().count() == 3
    ratings = AuditEvent.objects.filter(content_type__model="taskrating")
    assert sorted(ratings.values_list("action", flat=True)) == [
        "archive",
        "create",
        "create",
        "create",
        "create",
    ]


def test_hostile_rows_are_named_by_row_and_column_and_nothing_is_written(tmp_path, users, tree):
    header = [*HEADER, "Năm"]
    bad = [
        [1, "Trần Trung Hào", None, None, "Giỏi", None, 2017],  # rating text not a rating
        [2, "Người Không Có", None, "MAY", "Hoàn thành", None, 2017],  # nobody of that name
        [3, "Huỳnh Thị Mai", None, "THPT", "Hoàn thành", None, 2017],  # a sibling union: outside the page's unit
        [4, "Nguyễn Thị Đào", "083192000099", None, "Hoàn thành", None, 2017],  # unknown ID number
        [5, "Lê Văn Đức", None, None, "Hoàn thành", None, 2016],  # another year
        [6, "Nguyễn Thị Đào", None, None, "Hoàn thành", None, 2017],
        [7, "Nguyễn Thị Đào", None, None, "Hoàn thành tốt", None, 2017],  # twice in the file
    ]  # fmt: skip
    result = import_ratings(
        workbook(tmp_path, bad, header), unit=tree.MAY, year=2017, by=users.grassroots_officer
    )
    assert not result.written
    found = {(e["row"], e["column"]) for e in result.errors}
    assert found == {
        (3, "Xếp loại"),
        (4, "Họ và tên"),
        (5, "Mã CĐCS"),
        (6, "Số CCCD"),
        (7, "Năm"),
        (9, "Họ và tên"),
    }
    by_row = {e["row"]: e["message"] for e in result.errors}
    assert "“Giỏi” không phải giá trị hợp lệ" in by_row[3] and "đã có ở dòng 8" in by_row[9]
    assert not TaskRating.objects.exists()


def test_a_file_without_the_rating_column_is_refused(tmp_path, users, tree):
    header = ["STT", "Họ và tên", "Số CCCD", "Mã CĐCS", "Đánh giá", "Căn cứ"]
    result = import_ratings(
        workbook(tmp_path, GOOD, header), unit=tree.MAY, year=2017, by=users.grassroots_officer
    )
    assert not result.written and "Xếp loại" in " ".join(e["message"] for e in result.errors)
    assert not TaskRating.objects.exists()


def test_the_page_is_linked_from_the_unit_year_previews_then_confirms(client_for, users, tree, tmp_path):
    client = client_for(users.grassroots_officer)
    base = f"/xet-dieu-kien/don-vi/{tree.MAY.pk}/xep-loai/2017/nhap-excel/"
    assert base in client.get(f"/xet-dieu-kien/don-vi/{tree.MAY.pk}/?year=2017").content.decode()
    assert client.get(f"{base}tep-mau/").status_code == 200
    with open(workbook(tmp_path, GOOD), "rb") as f:
        html = client.post(base, {"file": SimpleUploadedFile("xep-loai.xlsx", f.read())}).content.decode()
    assert 'data-testid="import-ok"' in html and "Hoàn thành xuất sắc nhiệm vụ" in html
    assert not TaskRating.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert client.post(f"{base}xac-nhan/", {"token": token}).status_code == 302
    assert len(current()) == 3


@pytest.fixture
def thpt_officer(tree):
    from django.contrib.auth import get_user_model

    from thidua.orgs import actions

    user = get_user_model().objects.create_user(username="thpt_officer", password="x")
    actions.grant_role(user, tree.THPT, "officer", by=None)
    return user


@pytest.mark.parametrize(
    ("who", "page", "status"),
    [
        ("grassroots_officer", "MAY", 302),  # own unit
        ("district_leader", "MAY", 302),  # parent
        ("province_officer", "MAY", 302),  # ancestor
        ("thpt_officer", "MAY", 404),  # sibling
        ("grassroots_officer", "CT", 404),  # child, on its parent's page
        ("outsider", "MAY", 404),
        ("council_member", "MAY", 403),  # a reader of the ancestor
    ],
)
def test_writes_by_relation(client_for, users, tree, thpt_officer, who, page, status):
    user = thpt_officer if who == "thpt_officer" else getattr(users, who)
    url = f"/xet-dieu-kien/don-vi/{getattr(tree, page).pk}/xep-loai/2017/nhap-excel/xac-nhan/"
    assert client_for(user).post(url, {"token": "stale"}).status_code == status
