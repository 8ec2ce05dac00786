"""Phone numbers are personal data: shown in full only to those who manage the person's union, masked elsewhere
(page, API, export, audit trail) like national ID numbers."""

import pytest
from django.urls import reverse

from thidua.orgs import actions

from .test_exports import sheet_rows

pytestmark = pytest.mark.django_db

PHONE = "0912345678"
MASKED = "•••••••678"


@pytest.fixture
def hao(people):
    actions.update_person(people.tran_hao, by=None, phone=PHONE)
    return people.tran_hao


@pytest.mark.parametrize("username", ["council_member"])
def test_person_page_masks_the_phone_for_those_who_do_not_manage_the_person(hao, client_for, users, username):
    text = client_for(getattr(users, username)).get(reverse("orgs:person-detail", args=[hao.pk])).text
    assert PHONE not in text
    assert MASKED in text


def test_a_viewer_role_sees_the_phone_masked(hao, client_for, tree, django_user_model):
    viewer = django_user_model.objects.create_user("may_viewer", password="x")
    actions.grant_role(viewer, tree.MAY, "viewer", by=None)
    text = client_for(viewer).get(reverse("orgs:person-detail", args=[hao.pk])).text
    assert PHONE not in text
    assert MASKED in text


@pytest.mark.parametrize("username", ["grassroots_officer", "district_leader", "province_officer"])
def test_person_page_shows_the_phone_to_those_who_manage_the_person(hao, client_for, users, username):
    text = client_for(getattr(users, username)).get(reverse("orgs:person-detail", args=[hao.pk])).text
    assert f'href="tel:{PHONE}"' in text


def test_api_masks_the_phone(hao, client_for, users):
    assert client_for(users.council_member).get(f"/api/v1/people/{hao.pk}/").json()["phone"] == MASKED
    assert client_for(users.grassroots_officer).get(f"/api/v1/people/{hao.pk}/").json()["phone"] == PHONE


def test_export_masks_the_phone(hao, client_for, users):
    _sheet, rows = sheet_rows(client_for(users.council_member).get(reverse("orgs:person-export")))
    cells = [str(c) for row in rows for c in row]
    assert PHONE not in cells
    assert MASKED in cells
    _sheet, rows = sheet_rows(client_for(users.province_officer).get(reverse("orgs:person-export")))
    assert PHONE in [str(c) for row in rows for c in row]


def test_audit_trail_masks_the_phone(hao, client_for, users):
    text = client_for(users.council_member).get(reverse("orgs:person-detail", args=[hao.pk])).text
    assert PHONE not in text
