"""The initiatives' pages and API: the list (filters, search without diacritics, Excel, query count), registering
with authors and the matches shown first, the steps of the path, and the duplicate page of the unit above."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.registrations.models import DuplicateCheck, Initiative

from .initiative_builders import PROBLEM, SOLUTION, D, initiative, reviewed

pytestmark = pytest.mark.django_db
NEAR_TITLE = "Cai tien ban ui hoi nuoc tiet kiem dien chuyen may"


def url(name, *args):
    return reverse(f"initiatives:{name}", args=args)


def _many(unit, n, start=0):
    for i in range(start, start + n):
        initiative(unit, title=f"Sáng kiến số {i} về quy trình {'abcdefghijklmnopqrstuvwxyz'[i % 26] * 3} {i * 7919}",
                   problem=f"Vấn đề riêng {i}", solution=f"Giải pháp riêng {i * 31}")  # fmt: skip


def test_list_costs_the_same_queries_for_one_or_many(tree, users, client_for):
    initiative(tree.MAY)
    client = client_for(users.province_officer)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("initiative-list")).status_code == 200
    _many(tree.DUA, 30)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("initiative-list")).content.decode()
    assert page.count('data-testid="initiative-row"') == 31
    assert (
        len(many) == len(one) == 10
    )  # session, user, scope (2), count, own units, checks, bell, rows, authors


def test_search_ignores_diacritics_and_stays_in_scope(tree, users, client_for):
    initiative(tree.MAY)
    initiative(tree.GIAY, title="Bàn ủi hơi nước Trà Vinh")
    page = (
        client_for(users.province_officer).get(url("initiative-list") + "?q=ban ui hoi nuoc").content.decode()
    )
    assert "Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may" in page
    assert "Trà Vinh" not in page.split("<main")[-1]
    page = client_for(users.province_officer).get(url("initiative-list") + "?q=chuyen may&status=recognised")
    assert page.content.decode().count('data-testid="initiative-row"') == 0


def test_export_lists_the_filtered_initiatives(tree, users, client_for):
    reviewed(initiative(tree.MAY, by=users.grassroots_officer))
    initiative(tree.DUA, title="Phần mềm quản lý kho dừa", problem="Kho", solution="Phần mềm")
    response = client_for(users.province_officer).get(url("initiative-export") + "?status=reviewed")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH SÁNG KIẾN"
    assert rows[2][:4] == ("Năm", "Tên sáng kiến", "Đơn vị", "Tác giả (tỷ lệ đóng góp)")
    assert [r[1] for r in rows[3:]] == ["Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may"]
    assert rows[3][3] == "Nguyễn Văn Tác Giả (100 %)"
    assert rows[3][9] == "Hội đồng đã xét"


def _register_data(**extra):
    data = {
        "title": "Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may", "field": "technical",
        "registered_on": "01/03/2017", "problem": PROBLEM, "solution": SOLUTION,
        "benefit_vnd": "120.000.000", "benefit_text": "",
        "authors-TOTAL_FORMS": "5", "authors-INITIAL_FORMS": "0", "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "30",
    }  # fmt: skip
    data.update(extra)
    return data


def test_register_on_the_page_with_a_member_and_an_outsider(tree, users, people, client_for):
    client = client_for(users.grassroots_officer)
    page = client.get(url("initiative-register", tree.MAY.pk)).content.decode()
    assert "Trần Trung Hào" in page and "Phạm Văn Bình" not in page
    response = client.post(url("initiative-register", tree.MAY.pk), _register_data(**{
        "authors-0-person": str(people.tran_hao.pk), "authors-0-share": "70",
        "authors-1-name": "Ngô Văn Ngoài", "authors-1-workplace": "Công ty Cơ khí", "authors-1-share": "30",
    }))  # fmt: skip
    obj = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == url("initiative-detail", obj.pk)
    assert obj.benefit_vnd == 120_000_000
    assert [(a.name, int(a.share)) for a in obj.authors.all()] == [
        ("Trần Trung Hào", 70),
        ("Ngô Văn Ngoài", 30),
    ]


def test_shares_not_adding_up_are_shown_and_nothing_saved(tree, users, client_for):
    response = client_for(users.grassroots_officer).post(url("initiative-register", tree.MAY.pk), _register_data(**{
        "authors-0-name": "A", "authors-0-share": "50"}))  # fmt: skip
    assert response.status_code == 200
    assert "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 % (hiện là 50 %)." in response.content.decode()
    assert not Initiative.objects.exists()


def test_matches_in_scope_are_shown_in_full_and_must_be_confirmed(tree, users, client_for):
    first = initiative(tree.MAY, by=users.grassroots_officer)
    client = client_for(users.grassroots_officer)
    data = _register_data(title=NEAR_TITLE, **{"authors-0-name": "B", "authors-0-share": "100"})
    page = client.post(url("initiative-register", tree.MAY.pk), data).content.decode()
    assert 'data-testid="matches"' in page
    assert first.title in page and f'value="{first.pk}"' in page
    assert Initiative.objects.count() == 1
    response = client.post(url("initiative-register", tree.MAY.pk), {**data, "seen_matches": str(first.pk)})
    assert response.status_code == 302
    assert DuplicateCheck.objects.get().status == "distinct"


def test_a_match_in_another_branch_shows_nothing_of_it(tree, users, client_for):
    other = initiative(tree.DUA, title="Cải tiến bàn ủi hơi nước tiết kiệm điện chuyền may ở Dừa Bến Tre")
    client = client_for(users.grassroots_officer)
    response = client.post(url("initiative-register", tree.MAY.pk), _register_data(
        title=NEAR_TITLE, **{"authors-0-name": "B", "authors-0-share": "100"}), follow=True)  # fmt: skip
    page = response.content.decode()
    assert "đã gửi lên cấp trên kiểm tra" in page
    assert 'data-testid="sent-up"' in page
    assert other.title not in page and "Dừa" not in page
    check = DuplicateCheck.objects.get()
    assert client.get(url("duplicate-detail", check.pk)).status_code == 404
    assert "Dừa" not in client.get(url("duplicate-list")).content.decode()
    # the unit above both reads both and decides
    upper = client_for(users.province_officer)
    assert other.title in upper.get(url("duplicate-list")).content.decode()
    page = upper.get(url("duplicate-detail", check.pk)).content.decode()
    assert other.title in page and NEAR_TITLE in page
    response = upper.post(
        url("duplicate-detail", check.pk), {"verdict": "duplicate", "note": "Cùng giải pháp"}
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.status, check.decided_by) == ("duplicate", users.province_officer)


def test_the_path_on_the_pages(tree, users, client_for):
    obj = initiative(tree.MAY, by=users.grassroots_officer)
    officer = client_for(users.grassroots_officer)
    assert (
        officer.post(
            url("initiative-apply", obj.pk),
            {"applied_where": "Chuyền 3", "applied_since": "01/04/2017", "benefit_vnd": "5.000.000"},
        ).status_code
        == 302
    )
    members = {"members-TOTAL_FORMS": "7", "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0",
               "members-MAX_NUM_FORMS": "40"}  # fmt: skip
    for i, (name, score) in enumerate([("Lê Văn A", "80"), ("Trần Thị B", "90"), ("Phan Văn C", "70")]):
        members |= {f"members-{i}-name": name, f"members-{i}-score": score}
    response = officer.post(url("initiative-review", obj.pk), {
        "council": "Hội đồng sáng kiến Công ty", "held_on": "05/10/2017", "mode": "scores",
        "minutes": "Đề nghị công nhận.", **members})  # fmt: skip
    assert response.status_code == 302
    page = officer.get(url("initiative-detail", obj.pk)).content.decode()
    assert "điểm trung bình" in page and "80,0" in page
    assert 'data-testid="recognise-link"' not in page  # an officer does not record the recognition
    assert officer.get(url("initiative-recognise", obj.pk)).status_code == 403
    leader = client_for(users.district_leader)
    response = leader.post(url("initiative-recognise", obj.pk), {
        "decision_number": "125/QĐ-MVT", "decision_date": "20/10/2017",
        "recognising_body": "Giám đốc Công ty TNHH May Việt Tiến", "effect_scope": "grassroots"})  # fmt: skip
    assert response.status_code == 302
    page = leader.get(url("initiative-detail", obj.pk)).content.decode()
    assert "Số 125/QĐ-MVT ngày 20/10/2017" in page and "Phạm vi cơ sở" in page


def test_reject_asks_for_the_reason(tree, users, client_for):
    obj = reviewed(initiative(tree.MAY))
    leader = client_for(users.district_leader)
    assert leader.post(url("initiative-reject", obj.pk), {"reason": ""}).status_code == 400
    assert leader.post(url("initiative-reject", obj.pk), {"reason": "Không mới"}).status_code == 302
    assert Initiative.objects.get(pk=obj.pk).not_recognised_reason == "Không mới"


# --- API ----------------------------------------------------------------------------------------------------


def test_api_lists_and_reads_with_the_same_scope(tree, users, client_for):
    mine = reviewed(initiative(tree.MAY))
    theirs = initiative(tree.GIAY, title="Máy gò giày")
    client = client_for(users.province_officer)
    body = client.get("/api/v1/initiatives/?q=ban ui").json()
    assert body["count"] == 1 and body["items"][0]["id"] == mine.pk
    assert body["items"][0]["authors"] == [{"name": "Nguyễn Văn Tác Giả", "person_id": None,
                                            "workplace": "Tổ kỹ thuật", "share": "100.00"}]  # fmt: skip
    detail = client.get(f"/api/v1/initiatives/{mine.pk}/").json()
    assert detail["review"]["members"][0] == {"name": "Lê Văn Chủ Tịch", "role": "Chủ tịch hội đồng", "score": 85,
                                              "vote": None}  # fmt: skip
    assert detail["status"] == "reviewed"
    assert client.get(f"/api/v1/initiatives/{theirs.pk}/").status_code == 404
    assert D(2017, 3, 1).isoformat() == detail["registered_on"]


def test_api_list_costs_the_same_queries_for_one_or_many(tree, users, client_for):
    initiative(tree.MAY)
    client = client_for(users.province_officer)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/initiatives/").status_code == 200
    _many(tree.DUA, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/initiatives/").json()["count"] == 13
    assert len(many) == len(one)


# --- panels -------------------------------------------------------------------------------------------------


def test_unit_panel_counts_the_subtree_and_offers_registering(tree, users, client_for):
    reviewed(initiative(tree.MAY))
    initiative(
        tree.THPT, title="Dạy học STEM bằng vật liệu tái chế", problem="Thiếu đồ dùng", solution="Tự làm"
    )
    page = (
        client_for(users.district_leader).get(reverse("orgs:unit-detail", args=[tree.CT.pk])).content.decode()
    )
    panel = page.split('data-testid="unit-initiatives"')[1].split("</section>")[0]
    assert "Hội đồng đã xét: 1" in panel and "Đã đăng ký: 1" in panel
    assert "Dạy học STEM bằng vật liệu tái chế" in panel
    assert url("initiative-register", tree.CT.pk) in panel
    assert f"?unit={tree.CT.pk}" in panel


def test_person_panel_shows_another_branch_only_as_a_count(tree, users, people, client_for):
    from thidua.registrations.actions import AuthorInput

    initiative(tree.MAY, authors=[AuthorInput(share=100, person_id=people.tran_hao.pk)])
    initiative(tree.GIAY, title="Máy gò giày cải tiến", problem="a", solution="b",
               authors=[AuthorInput(share=50, person_id=people.tran_hao.pk), AuthorInput(share=50, name="X")])  # fmt: skip
    page = client_for(users.grassroots_officer).get(reverse("orgs:person-detail", args=[people.tran_hao.pk]))
    panel = page.content.decode().split('data-testid="person-initiatives"')[1].split("</section>")[0]
    assert "Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may" in panel
    assert "Máy gò giày" not in panel and "Giày" not in panel
    assert "Ở đơn vị ngoài phạm vi quản lý: 1 đã đăng ký" in panel


# --- attachments ----------------------------------------------------------------------------------------------


def test_the_decision_is_attached_and_served_only_in_scope(tree, users, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.core import actions as core_actions

    obj = initiative(tree.MAY)
    pdf = SimpleUploadedFile("quyet-dinh-cong-nhan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                             content_type="application/pdf")  # fmt: skip
    attachment = core_actions.attach_file(obj, pdf, by=users.grassroots_officer)
    page = client_for(users.grassroots_officer).get(url("initiative-detail", obj.pk)).content.decode()
    assert "quyet-dinh-cong-nhan.pdf" in page
    download = reverse("core:attachment-download", args=[attachment.pk])
    assert client_for(users.province_officer).get(download).status_code == 200
    assert client_for(users.outsider).get(download).status_code == 404
