"""Pages of the fund: the ledger (scope, filters, totals, query counts, .xlsx), the forms, a correction, a grant and
its handover, the report by upper-level union (.xlsx), the houses page, the unit panel; 404 for outsiders."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.union_fund.models import FundEntry, Grant

from .builders import a_ward, contribution, house, officer_of

D = datetime.date
pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def test_ledger_shows_the_subtree_with_totals_and_balance(client_for, tree, users):
    contribution(tree.CT, 60_000_000, name="Ngân hàng Công Thương")
    house(tree.MAY, 50_000_000)
    contribution(tree.GIAY, 9_000_000, name="Công ty Giày Trà Vinh")
    response = client_for(users.district_leader).get(reverse("union_fund:ledger"))
    assert [e.unit.code for e in response.context["entries"]] == ["CT", "MAY"]
    totals = response.context["totals"]
    assert (totals.contributions, totals.grants, totals.balance) == (60_000_000, 50_000_000, 10_000_000)
    assert "Công ty Giày Trà Vinh" not in response.content.decode()


def test_ledger_filters_by_year_kind_and_unit(client_for, tree, users):
    contribution(tree.CT, 1_000_000)
    contribution(tree.MAY, 2_000_000, day=D(2018, 2, 1))
    house(tree.CT)
    client = client_for(users.province_officer)
    url = reverse("union_fund:ledger")
    assert [e.amount for e in client.get(url, {"year": 2018}).context["entries"]] == [2_000_000]
    assert [e.kind for e in client.get(url, {"kind": "grant"}).context["entries"]] == ["grant"]
    assert [e.amount for e in client.get(url, {"unit": tree.MAY.pk}).context["entries"]] == [2_000_000]
    assert client_for(users.grassroots_officer).get(url, {"unit": tree.CT.pk}).status_code == 404


def test_ledger_costs_the_same_queries_for_one_row_and_many(client_for, tree, users):
    client = client_for(users.province_officer)
    url = reverse("union_fund:ledger")
    contribution(tree.CT)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for i in range(12):
        contribution(tree.MAY if i % 2 else tree.CT, 1_000 + i, day=D(2017 + i % 2, 3, 1))
        house(tree.DUA if i % 3 else tree.CT, 5_000 + i)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["entries"]) == 25
    assert len(many.captured_queries) == len(one.captured_queries)


def test_export_writes_the_ledger_with_its_totals(client_for, tree, users):
    contribution(tree.CT, 3_000_000, name="=HYPERLINK(1)", receipt="PT-0001")
    house(tree.CT, 1_000_000)
    rows = rows_of(client_for(users.district_leader).get(reverse("union_fund:ledger-export")))
    header = rows.index(next(r for r in rows if r[0] == "STT"))
    body = rows[header + 1 :]
    assert body[0][1:8] == (datetime.datetime(2017, 3, 1), tree.CT.name, "Ủng hộ quỹ", 3_000_000, None,
                            "'=HYPERLINK(1)", "PT-0001")  # fmt: skip
    assert body[1][4:6] == (None, 1_000_000)
    assert body[-1][2:7] == ("Cộng", None, 3_000_000, 1_000_000, "Số dư: 2.000.000 đồng")


def test_contribution_form_records_through_the_action(client_for, tree, users):
    client = client_for(users.district_leader)
    response = client.post(reverse("union_fund:contribution-create"), {
        "unit": tree.CT.pk, "entry_date": "05/03/2017", "amount": "2.500.000", "contributor_unit": tree.MAY.pk,
        "receipt_number": "PT-2017/0009"})  # fmt: skip
    assert response.status_code == 302
    entry = FundEntry.objects.get()
    assert (entry.amount, entry.contributor_name, entry.entry_date) == (
        2_500_000,
        tree.MAY.name,
        D(2017, 3, 5),
    )


def test_contribution_form_shows_errors_in_vietnamese(client_for, tree, users):
    response = client_for(users.district_leader).post(reverse("union_fund:contribution-create"), {
        "unit": tree.CT.pk, "entry_date": "05/03/2017", "amount": "abc", "receipt_number": "PT-1"})  # fmt: skip
    assert response.status_code == 400
    assert "Nhập số đồng, chỉ gồm chữ số" in response.content.decode()
    assert not FundEntry.objects.exists()


def test_forms_are_refused_to_those_who_keep_no_book(client_for, users):
    client = client_for(users.council_member)
    assert client.get(reverse("union_fund:contribution-create")).status_code == 403
    assert client.get(reverse("union_fund:grant-create")).status_code == 403


def test_grant_form_records_a_house_with_its_place(client_for, tree, users):
    province, ward = a_ward()
    response = client_for(users.district_leader).post(reverse("union_fund:grant-create"), {
        "unit": tree.CT.pk, "kind": "house_new", "beneficiary_name": "Võ Thị Hồng", "beneficiary_unit": tree.MAY.pk,
        "province_code": province, "ward_code": ward, "address": "Ấp 2",
        "approval_number": "45/QĐ-LĐLĐ", "approved_on": "01/04/2017", "amount": "50.000.000",
        "handed_over_on": "20/06/2017"})  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    grant = Grant.objects.get()
    assert (grant.beneficiary_unit_id, grant.ward_code, grant.handed_over_on) == (
        tree.MAY.pk,
        ward,
        D(2017, 6, 20),
    )
    page = client_for(users.district_leader).get(grant.get_absolute_url()).content.decode()
    assert grant.place in page and "50.000.000" in page


def test_correction_page_appends_a_correction(client_for, tree, users):
    entry = contribution(tree.CT, 5_000_000)
    client = client_for(users.district_leader)
    url = reverse("union_fund:entry-correct", args=[entry.pk])
    assert client.get(url).context["current"] == 5_000_000
    response = client.post(url, {"amount": "500.000", "reason": "Thừa một chữ số 0"})
    assert response.status_code == 302
    assert list(FundEntry.objects.order_by("id").values_list("amount", "corrects_id")) == [
        (5_000_000, None),
        (-4_500_000, entry.pk),
    ]


def test_handover_and_archive_pages(client_for, tree, users):
    grant = house(tree.CT, handed=None)
    client = client_for(users.district_leader)
    assert client.post(reverse("union_fund:grant-handover", args=[grant.pk]),
                       {"handed_over_on": "15/07/2017"}).status_code == 302  # fmt: skip
    assert (
        client.post(reverse("union_fund:grant-archive", args=[grant.pk]), {"reason": "Nhầm"}).status_code
        == 302
    )
    grant.refresh_from_db()
    assert grant.handed_over_on == D(2017, 7, 15) and grant.archived_at is not None
    assert client.get(reverse("union_fund:grant-update", args=[grant.pk])).status_code == 403


@pytest.mark.parametrize("name", ["union_fund:grant-detail", "union_fund:grant-update", "union_fund:grant-handover",
                                  "union_fund:grant-archive"])  # fmt: skip
def test_outsider_gets_404_for_a_grant(client_for, tree, users, name):
    grant = house(tree.MAY)
    assert client_for(users.outsider).get(reverse(name, args=[grant.pk])).status_code == 404


def test_outsider_gets_404_for_an_entry(client_for, tree, users):
    entry = contribution(tree.MAY)
    assert (
        client_for(users.outsider).get(reverse("union_fund:entry-correct", args=[entry.pk])).status_code
        == 404
    )


def test_viewer_above_reads_a_grant_but_cannot_change_it(client_for, tree, users):
    grant = house(tree.MAY)
    client = client_for(users.council_member)
    assert client.get(reverse("union_fund:grant-detail", args=[grant.pk])).status_code == 200
    assert client.get(reverse("union_fund:grant-handover", args=[grant.pk])).status_code == 403


def test_report_sums_each_upper_level_union_with_its_grassroots(client_for, tree, users):
    contribution(tree.CT, 10_000_000)
    contribution(tree.MAY, 4_000_000)
    house(tree.MAY, 6_000_000)
    house(tree.THPT, 2_000_000, kind="house_repair")
    contribution(tree.TPBT, 1_000_000)
    contribution(tree.BT, 100_000_000)
    contribution(tree.GIAY, 7_000_000)
    response = client_for(users.province_officer).get(reverse("union_fund:report"), {"year": 2017})
    rows = [(r.unit.code, r.books, r.contributions, r.grants, r.balance, r.houses_new, r.houses_repaired)
            for r in response.context["report"].rows]  # fmt: skip
    assert rows == [("BT", 1, 100_000_000, 0, 100_000_000, 0, 0), ("CT", 3, 14_000_000, 8_000_000, 6_000_000, 1, 1),
                    ("TPBT", 1, 1_000_000, 0, 1_000_000, 0, 0)]  # fmt: skip
    assert response.context["total"].balance == 107_000_000
    export = rows_of(
        client_for(users.province_officer).get(reverse("union_fund:report-export"), {"year": 2017})
    )
    assert export[-1][1:6] == ("Tổng cộng", 5, 115_000_000, 8_000_000, 107_000_000)


def test_report_costs_the_same_queries_for_few_and_many_units(client_for, tree, users):
    client = client_for(users.province_officer)
    contribution(tree.CT)
    client.get(reverse("union_fund:report"), {"year": 2017})
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("union_fund:report"), {"year": 2017})
    for unit in (tree.MAY, tree.THPT, tree.DUA, tree.TPBT, tree.BT):
        contribution(unit)
        house(unit)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("union_fund:report"), {"year": 2017})
    assert len(many.captured_queries) == len(one.captured_queries)


def test_houses_page_lists_the_houses_handed_over_in_the_year_with_their_places(client_for, tree, users):
    shown = house(tree.MAY, name="Võ Thị Hồng", handed=D(2017, 6, 1))
    house(tree.CT, name="Chưa bàn giao", handed=None)
    house(tree.CT, name="Bàn giao năm sau", approved=D(2017, 12, 1), handed=D(2018, 1, 10))
    house(tree.GIAY, name="Phạm Văn Bình")
    response = client_for(users.province_officer).get(reverse("union_fund:houses"), {"year": 2017})
    assert [h.beneficiary_name for h in response.context["houses"]] == ["Võ Thị Hồng"]
    assert shown.place in response.content.decode()
    assert "Phạm Văn Bình" not in response.content.decode()


def test_unit_page_shows_the_fund_panel(client_for, tree, users):
    contribution(tree.CT, 3_000_000)
    house(tree.MAY, 1_000_000)
    page = (
        client_for(users.district_leader).get(reverse("orgs:unit-detail", args=[tree.CT.pk])).content.decode()
    )
    assert 'data-testid="unit-fund"' in page
    assert "số dư 3.000.000 đồng" in page


def test_a_successor_carries_on_the_book_of_a_unit_merged_into_it(client_for, tree, users):
    from thidua.orgs import actions as org_actions

    entry = contribution(tree.THPT, 4_000_000)
    officer = officer_of(tree.DUA, "dua_officer")
    org_actions.merge_units([tree.THPT], tree.DUA, by=None, effective_on=D(2018, 1, 1))
    client = client_for(officer)
    assert [e.pk for e in client.get(reverse("union_fund:ledger")).context["entries"]] == [entry.pk]
    assert client.get(reverse("union_fund:entry-correct", args=[entry.pk])).status_code == 200
    assert list(client_for(users.outsider).get(reverse("union_fund:ledger")).context["entries"]) == []


def test_a_house_s_photos_are_attached_on_its_page_and_shown_to_readers_only(client_for, tree, users, settings,
                                                                              tmp_path):  # fmt: skip
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.test_attachments import PNG
    from thidua.core.models import Attachment

    settings.ATTACHMENTS_DIR = tmp_path
    grant = house(tree.CT)
    url = reverse("core:attachment-add", args=[ContentType.objects.get_for_model(Grant).pk, grant.pk])
    page = client_for(users.district_leader).get(grant.get_absolute_url()).content.decode()
    assert url in page  # the block offers the upload to the book's keeper
    client_for(users.district_leader).post(
        url, {"file": SimpleUploadedFile("nha-ban-giao.png", PNG), "next": "/"}
    )
    photo = Attachment.objects.get()
    assert (photo.original_name, photo.owner_id) == ("nha-ban-giao.png", str(grant.pk))
    assert (
        "nha-ban-giao.png"
        in client_for(users.province_officer).get(grant.get_absolute_url()).content.decode()
    )
    download = reverse("core:attachment-download", args=[photo.pk])
    assert client_for(users.outsider).get(download).status_code == 404
    assert client_for(users.outsider).post(url, {"file": SimpleUploadedFile("x.png", PNG)}).status_code == 404
