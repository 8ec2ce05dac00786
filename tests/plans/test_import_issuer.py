"""The issuer of an imported plan (issue 8: a flat list of ~1,100 units with no default): the picker starts on the
user's own unit and searches, ignoring diacritics, among the units the user may draft for — nothing outside."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
IMPORT, SEARCH = reverse("plans:plan-import"), reverse("plans:plan-import-issuers")


def chosen(html: str) -> list[str]:
    block = html.split('class="picker-chosen">')[1].split('<input type="search"')[0]
    return re.findall(r'name="issuer" value="(\d+)"[^>]*checked', block)


def offered(html: str) -> list[str]:
    return re.findall(r'name="issuer" value="(\d+)"', html)


def test_the_picker_starts_on_the_users_own_unit(tree, users, client_for):
    assert chosen(client_for(users.province_officer).get(IMPORT).content.decode()) == [str(tree.BT.pk)]
    assert chosen(client_for(users.district_leader).get(IMPORT).content.decode()) == [str(tree.CT.pk)]


def test_the_picker_searches_its_units_ignoring_diacritics(tree, users, client_for):
    html = client_for(users.province_officer).get(SEARCH, {"q": "chau thanh"}).content.decode()
    assert offered(html) == [str(tree.CT.pk), str(tree.THPT.pk)]
    assert "Châu Thành" in html


def test_the_picker_offers_nothing_outside_the_users_units(tree, users, client_for):
    html = client_for(users.province_officer).get(SEARCH, {"q": "tra vinh"}).content.decode()
    assert offered(html) == []
    assert "Không tìm thấy đơn vị nào phù hợp với “tra vinh”." in html
    outsider = client_for(users.outsider).get(SEARCH, {"q": "tra vinh"}).content.decode()
    assert str(tree.TV.pk) in offered(outsider) and str(tree.BT.pk) not in offered(outsider)


def test_an_issuer_outside_the_users_units_is_refused(tree, users, client_for):
    import io

    upload = io.BytesIO("Số: 1/KH-LĐLĐ\nKế hoạch".encode())
    upload.name = "kh.md"
    html = (
        client_for(users.province_officer)
        .post(IMPORT, {"issuer": tree.TV.pk, "file": upload})
        .content.decode()
    )
    errors = re.findall(r'class="invalid-feedback d-block">([^<]+)<', html)
    assert errors == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
