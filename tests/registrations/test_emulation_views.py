"""The pages of emulation registration: the list (filters, scope, query count) and one registration."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from thidua.registrations import actions
from thidua.registrations.models import Registration

from .builders import filled_registration, open_registration, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db


def _list(client, **params):
    return client.get(reverse("emulation:registration-list"), params)


def test_list_shows_the_subtrees_registrations(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])
    filled_registration(tree.DUA, [people.vo_hong])
    response = _list(client_for(users.district_leader))
    assert response.status_code == 200
    rows = [r.unit.code for r in response.context["registrations"]]
    assert rows == ["MAY"]  # DUA is under TP Bến Tre, not Châu Thành


def test_list_filters_by_year_status_and_unit(client_for, tree, users, people):
    submitted_registration(tree.MAY, [people.tran_hao])
    filled_registration(tree.DUA, [people.vo_hong])
    client = client_for(users.province_officer)
    assert [r.unit.code for r in _list(client).context["registrations"]] == ["MAY", "DUA"]
    assert [r.unit.code for r in _list(client, status="draft").context["registrations"]] == ["DUA"]
    assert [r.unit.code for r in _list(client, unit=tree.CT.pk).context["registrations"]] == ["MAY"]
    assert [r.unit.code for r in _list(client, year=2018).context["registrations"]] == []
    # a unit outside the user's scope is no filter at all (not a hint): the whole scope is listed
    assert _list(client, unit=tree.LD.pk).context["unit"] is None


def test_list_counts_each_registrations_targets_and_people(client_for, tree, users, people):
    filled_registration(tree.MAY, [people.tran_hao, people.nguyen_dao])  # one collective target, two people
    open_registration(tree.DUA)  # nothing yet
    rows = _list(client_for(users.province_officer)).context["registrations"]
    assert [(r.unit.code, r.target_count, r.people_count) for r in rows] == [("MAY", 1, 2), ("DUA", 0, 0)]


def _many(n: int) -> None:
    """``n`` grassroots unions under Châu Thành, each with an open registration."""
    from thidua.orgs import actions as org_actions

    for i in range(n):
        unit = org_actions.create_unit(tree_ct(), by=None, code=f"N{i}", name=f"Công đoàn cơ sở Công ty số {i}",
                                       level="grassroots", sector="private")  # fmt: skip
        actions.open_registration(unit, by=None, year=2017, today=D(2017, 1, 10))


def tree_ct():
    from thidua.orgs.models import Unit

    return Unit.objects.get(code="CT")


@pytest.mark.parametrize("count", [1, 12])
def test_list_query_count_does_not_grow_with_rows(client_for, users, count, django_assert_num_queries):
    _many(count)
    client = client_for(users.province_officer)
    client.get(reverse("emulation:registration-list"))  # warm the session
    with django_assert_num_queries(12):
        response = _list(client)
    assert len(response.context["registrations"]) == count


def test_detail_shows_rows_and_history(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    response = client_for(users.district_leader).get(
        reverse("emulation:registration-detail", args=[registration.pk])
    )
    text = response.content.decode()
    assert "Trần Trung Hào" in text and "Lao động tiên tiến" in text and "Công đoàn cơ sở vững mạnh" in text
    assert [e.action for e in response.context["registration"].events.all()] == ["open", "submit"]


def test_detail_of_another_branch_is_404(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    assert client_for(users.outsider).get(
        reverse("emulation:registration-detail", args=[registration.pk])).status_code == 404  # fmt: skip


# --- opening, filling in, the workflow through the pages -----------------------------------------------------


def _post_rows(
    client, registration, *, targets, people, extra=None, url_name="emulation:registration-update"
):
    data = {
        "targets-TOTAL_FORMS": str(len(targets)), "targets-INITIAL_FORMS": "0",
        "people-TOTAL_FORMS": str(len(people)), "people-INITIAL_FORMS": "0", "note": "",
        **(extra or {}),
    }  # fmt: skip
    for i, row in enumerate(targets):
        data.update({f"targets-{i}-{k}": v for k, v in row.items()})
    for i, row in enumerate(people):
        data.update({f"people-{i}-{k}": v for k, v in row.items()})
    return client.post(reverse(url_name, args=[registration.pk]), data)


def test_open_page_offers_the_windows_of_the_plans_above(client_for, tree, users, settings):
    from .builders import registration_plan

    plan = registration_plan()
    client = client_for(users.grassroots_officer)
    response = client.get(reverse("emulation:registration-create"), {"unit": tree.MAY.pk, "year": 2017})
    labels = [label for _value, label, _open in response.context["windows"]]
    assert labels[0].startswith(
        "Cả năm 2017, theo Kế hoạch 13/KH-LĐLĐ của Liên đoàn Lao động tỉnh Bến Tre — hạn "
    )
    assert labels[1].startswith("Đợt 1 (")
    assert len(labels) == 2 and plan.phases.count() == 2  # Đợt 2 opens no registration


def test_open_then_fill_in_through_the_pages(client_for, tree, users, people):
    from thidua.registrations.models import Award

    actions.set_deadline(tree.BT, by=None, day=31, month=12)  # the window of this year is open until 31/12
    client = client_for(users.grassroots_officer)
    response = client.post(reverse("emulation:registration-create"),
                           {"unit": tree.MAY.pk, "year": D.today().year, "window": "0:0"})  # fmt: skip
    registration = Registration.objects.get(unit=tree.MAY)
    assert response.status_code == 302 and response["Location"] == f"/dang-ky-thi-dua/{registration.pk}/sua/"
    form = client.get(response["Location"])
    assert form.status_code == 200
    ldtt, cdcs = Award.objects.get(code="lao-dong-tien-tien"), Award.objects.get(code="cdcs-vung-manh")
    response = _post_rows(client, registration,
                          targets=[{"award": cdcs.pk, "movement": "", "targets": "100% đoàn viên tham gia"}],
                          people=[{"person": people.tran_hao.pk, "award": ldtt.pk, "position": "Tổ trưởng"}])  # fmt: skip
    assert response.status_code == 302
    assert [(e.person.full_name, e.award.code, e.position) for e in registration.people.all()] == [
        ("Trần Trung Hào", "lao-dong-tien-tien", "Tổ trưởng")]  # fmt: skip


def test_page_shows_the_refusal_naming_the_row(client_for, tree, users, people):
    from thidua.registrations.models import Award

    registration = filled_registration(tree.MAY, [people.tran_hao])
    # a collective title is not even offered for a person: the form refuses the choice
    response = _post_rows(client_for(users.grassroots_officer), registration, targets=[],
                          people=[{"person": people.tran_hao.pk,
                                   "award": Award.objects.get(code="cdcs-vung-manh").pk}])  # fmt: skip
    assert response.status_code == 400
    assert registration.people.get().award.code == "lao-dong-tien-tien"  # unchanged


def test_person_search_finds_people_of_the_unit_without_diacritics(client_for, tree, users, people):
    registration = filled_registration(tree.MAY, [])
    client = client_for(users.grassroots_officer)
    url = reverse("emulation:person-search", args=[registration.pk])
    text = client.get(url, {"field": "people-0-person", "q": "nguyen thi dao"}).content.decode()
    assert "Nguyễn Thị Đào" in text and 'data-field="people-0-person"' in text
    assert (
        "Võ Thị Hồng"
        not in client.get(url, {"field": "people-0-person", "q": "vo thi hong"}).content.decode()
    )
    assert client.get(url, {"field": "bad", "q": "dao"}).status_code == 404


def test_acknowledgement_through_the_page(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    client = client_for(users.district_leader)
    detail = client.get(reverse("emulation:registration-detail", args=[registration.pk]))
    # Châu Thành's leader may fill in its unions' drafts (a role covers the subtree), not a sent registration
    assert detail.context["can"] == {"submit": False, "acknowledge": True, "return": True, "amend": False,
                                     "edit": False}  # fmt: skip
    url = reverse("emulation:registration-acknowledge", args=[registration.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "Đã xem"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "acknowledged"


def test_the_unit_has_no_acknowledge_button_and_gets_403(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    client = client_for(users.grassroots_officer)
    detail = client.get(reverse("emulation:registration-detail", args=[registration.pk]))
    assert detail.context["can"]["acknowledge"] is False
    assert b'data-testid="acknowledge"' not in detail.content
    assert (
        client.post(reverse("emulation:registration-acknowledge", args=[registration.pk])).status_code == 403
    )


def test_return_through_the_page_needs_a_reason(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    client = client_for(users.province_officer)
    url = reverse("emulation:registration-return", args=[registration.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Thiếu chỉ tiêu"}).status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.returned_reason) == ("returned", "Thiếu chỉ tiêu")


def test_acknowledged_registration_has_no_edit_page(client_for, tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    actions.acknowledge_registration(registration, by=users.district_leader)
    client = client_for(users.grassroots_officer)
    response = client.get(reverse("emulation:registration-update", args=[registration.pk]))
    assert response.status_code == 302 and response["Location"] == f"/dang-ky-thi-dua/{registration.pk}/"
    assert client.get(reverse("emulation:registration-amend", args=[registration.pk])).status_code == 403


def test_amend_through_the_page(client_for, tree, users, people):
    from thidua.registrations.models import Award

    registration = submitted_registration(tree.MAY, [people.tran_hao])
    actions.acknowledge_registration(registration, by=users.district_leader)
    ldtt, cdcs = Award.objects.get(code="lao-dong-tien-tien"), Award.objects.get(code="cdcs-vung-manh")
    response = _post_rows(client_for(users.district_leader), registration, url_name="emulation:registration-amend",
                          targets=[{"award": cdcs.pk, "movement": "", "targets": "Đạt danh hiệu CĐCS vững mạnh"}],
                          people=[{"person": people.tran_hao.pk, "award": ldtt.pk, "position": "Công nhân"},
                                  {"person": people.nguyen_dao.pk, "award": ldtt.pk, "position": "Công nhân"}],
                          extra={"reason": "Bổ sung chị Đào"})  # fmt: skip
    assert response.status_code == 302
    assert registration.people.count() == 2
    assert registration.events.get(action="amend").note == "Bổ sung chị Đào"


def test_late_consent_page_lists_only_units_below(client_for, tree, users):
    client = client_for(users.district_leader)
    response = client.get(reverse("emulation:late-consent"))
    assert [u.code for u in response.context["form"].fields["unit"].queryset] == ["MAY", "THPT"]
    assert client_for(users.grassroots_officer).get(reverse("emulation:late-consent")).status_code == 403


def test_deadline_page_sets_the_federations_deadline(client_for, tree, users):
    client = client_for(users.province_officer)
    response = client.post(reverse("emulation:deadline-list"), {"federation": tree.BT.pk, "sector": "public_service",
                                                                 "day": 20, "month": 10, "by_school_year": "on"})  # fmt: skip
    assert response.status_code == 302
    text = client.get(reverse("emulation:deadline-list")).content.decode()
    assert "20/10" in text and "Đơn vị sự nghiệp công lập" in text


def test_export_lists_registrations_targets_and_people(client_for, tree, users, people):
    import io

    from openpyxl import load_workbook

    submitted_registration(tree.MAY, [people.tran_hao, people.nguyen_dao])
    response = client_for(users.province_officer).get(
        reverse("emulation:registration-export"), {"year": 2017}
    )
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Đăng ký", "Tập thể", "Cá nhân"]
    people_rows = [r for r in book["Cá nhân"].iter_rows(values_only=True)][-2:]
    assert [(r[1], r[4], r[6]) for r in people_rows] == [("MAY", "Trần Trung Hào", "Lao động tiên tiến"),
                                                         ("MAY", "Nguyễn Thị Đào", "Lao động tiên tiến")]  # fmt: skip
