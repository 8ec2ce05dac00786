"""Pages of research topics and congress works: lists (filters, scope, query counts), the .xlsx exports, one
record with its steps and files, the forms, the congress list as .xlsx, DOCX and PDF, the panels."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.budgets import UNIT_PAGE_QUERY_BUDGET
from thidua.core.models import Attachment
from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import CongressWork, ResearchTopic

from .works_builders import accepted_topic, topic, work

D = datetime.date
pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def test_topic_list_shows_the_subtree_and_filters(client_for, tree, users):
    topic(tree.MAY, title="Đề tài An toàn lao động")
    accepted_topic(tree.DUA, title="Đề tài Chế biến dừa", year=2018)
    topic(tree.GIAY, title="Đề tài Giày Trà Vinh")
    client = client_for(users.province_officer)
    url = reverse("works:topic-list")
    assert [t.title for t in client.get(url).context["topics"]] == [
        "Đề tài Chế biến dừa",
        "Đề tài An toàn lao động",
    ]
    assert [t.title for t in client.get(url, {"q": "che bien dua"}).context["topics"]] == [
        "Đề tài Chế biến dừa"
    ]
    assert [t.title for t in client.get(url, {"status": "accepted"}).context["topics"]] == [
        "Đề tài Chế biến dừa"
    ]
    assert [t.title for t in client.get(url, {"unit": tree.CT.pk}).context["topics"]] == [
        "Đề tài An toàn lao động"
    ]
    assert [t.title for t in client.get(url, {"year": "2017"}).context["topics"]] == [
        "Đề tài An toàn lao động"
    ]
    assert client.get(url, {"unit": tree.LD.pk}).status_code == 404  # a unit outside the scope
    district = client_for(users.district_leader).get(url)
    assert [t.title for t in district.context["topics"]] == ["Đề tài An toàn lao động"]


def _many_topics(unit, n):
    for i in range(n):
        topic(unit, title=f"Đề tài số {i}", members=[actions.TeamMemberInput(name=f"Thành viên {i}")])


@pytest.mark.parametrize("count", [1, 30])
def test_topic_list_query_count_does_not_grow_with_rows(
    client_for, tree, users, count, django_assert_num_queries
):
    _many_topics(tree.MAY, count)
    client = client_for(users.province_officer)
    url = reverse("works:topic-list")
    client.get(url)
    # session, user, scope (roles, units merged into them), count, page of topics, their members, units for
    # "can create", unread notices
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["topics"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_work_list_query_count_does_not_grow_with_rows(
    client_for, tree, users, count, django_assert_num_queries
):
    for i in range(count):
        work(tree.MAY, name=f"Công trình số {i}")
    client = client_for(users.province_officer)
    url = reverse("works:work-list")
    client.get(url)
    # session, user, scope (roles, units merged into them), count, page of works, totals, congresses, units for
    # "can create", unread notices
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["works"]) == count


def test_topic_export_has_the_lists_rows_in_vietnamese(client_for, tree, users, people):
    accepted_topic(
        tree.MAY, lead_id=people.tran_hao.pk, members=[actions.TeamMemberInput(name="Ông Bảy", role="thư ký")]
    )
    topic(tree.GIAY, title="Đề tài Giày Trà Vinh")
    response = client_for(users.province_officer).get(reverse("works:topic-export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    rows = rows_of(response)
    assert rows[0][0] == "Danh sách đề tài nghiên cứu khoa học"
    assert rows[2][:4] == ("STT", "Tên đề tài", "Lĩnh vực", "Cấp đề tài")
    assert rows[3][:8] == (1, "Giải pháp giảm tai nạn lao động trong ngành may", "An toàn, vệ sinh lao động",
                           "Cấp cơ sở", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", "Trần Trung Hào",
                           "Ông Bảy (thư ký)", 2017)  # fmt: skip
    assert rows[3][10:14] == (45_000_000, "Đã nghiệm thu", datetime.datetime(2018, 1, 15), "Xuất sắc")
    assert len(rows) == 4  # Trà Vinh's topic is not there


def test_topic_page_shows_details_steps_and_files(client_for, tree, users, people):
    t = topic(tree.MAY, lead_id=people.tran_hao.pk)
    officer = client_for(users.grassroots_officer)
    response = officer.get(reverse("works:topic-detail", args=[t.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("orgs:person-detail", args=[people.tran_hao.pk]) in page
    assert [s["name"] for s in response.context["steps"]] == ["start", "stop"]  # accept is a leader's step
    assert 'data-testid="attachment-form"' in page
    officer.post(reverse("core:attachment-add", args=[_type_id(t), t.pk]),
                 {"file": SimpleUploadedFile("Thuyết minh đề tài.pdf", b"%PDF-1.4\n%%EOF\n")})  # fmt: skip
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["Thuyết minh đề tài.pdf"]
    assert (
        "Thuyết minh đề tài.pdf" in officer.get(reverse("works:topic-detail", args=[t.pk])).content.decode()
    )
    assert client_for(users.outsider).get(reverse("works:topic-detail", args=[t.pk])).status_code == 404


def _type_id(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_registering_a_topic_through_the_form_links_people_by_name(client_for, tree, users, people):
    client = client_for(users.grassroots_officer)
    response = client.post(reverse("works:topic-create"), {
        "unit": tree.MAY.pk, "title": "Cải tiến quy trình cắt vải", "level": "grassroots", "lead_name": "tran trung hao",
        "team": "Nguyễn Thị Đào – thư ký\nÔng Tư Bến Tre - cố vấn\nTrần Trung Hào", "start_on": "01/03/2017",
        "end_on": "31/12/2017", "budget_vnd": "45.000.000",
    })  # fmt: skip
    t = ResearchTopic.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("works:topic-detail", args=[t.pk])
    assert (t.lead, t.lead_name, t.budget_vnd) == (people.tran_hao, "Trần Trung Hào", 45_000_000)
    assert [(m.full_name, m.person, m.role) for m in t.members.all()] == [
        ("Nguyễn Thị Đào", people.nguyen_dao, "thư ký"), ("Ông Tư Bến Tre", None, "cố vấn"),
    ]  # fmt: skip


def test_a_bad_form_shows_vietnamese_errors_and_writes_nothing(client_for, tree, users):
    response = client_for(users.grassroots_officer).post(reverse("works:topic-create"), {
        "unit": tree.MAY.pk, "title": "Đề tài", "level": "grassroots", "lead_name": "Ông A",
        "start_on": "01/03/2017", "end_on": "01/01/2017", "budget_vnd": "bốn mươi triệu",
    })  # fmt: skip
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["budget_vnd"] == ["Nhập số đồng, chỉ gồm chữ số, ví dụ 150.000.000."]
    assert ResearchTopic.objects.count() == 0


def test_the_accept_step_page_records_the_acceptance(client_for, tree, users):
    t = actions.start_research_topic(topic(tree.MAY), by=None)
    url = reverse("works:topic-step", args=[t.pk, "accept"])
    assert client_for(users.grassroots_officer).get(url).status_code == 403
    leader = client_for(users.district_leader)
    assert leader.get(url).status_code == 200
    response = leader.post(url, {"accepted_on": "15/01/2018", "rating": "good", "accepting_body": "Hội đồng cơ sở",
                                 "decision_number": "7/QĐ-CĐCS", "decision_date": "20/01/2018"})  # fmt: skip
    assert response.status_code == 302
    t.refresh_from_db()
    assert (t.status, t.rating, t.decision_number) == ("accepted", "good", "7/QĐ-CĐCS")
    assert leader.get(reverse("works:topic-step", args=[t.pk, "launch"])).status_code == 404


def test_a_work_is_registered_and_completed_through_the_pages(client_for, tree, users):
    client = client_for(users.grassroots_officer)
    client.post(reverse("works:work-create"), {
        "unit": tree.MAY.pk, "name": "Nhà Mái ấm Công đoàn", "kind": "welfare", "value_vnd": "50.000.000",
        "congress_name": "Đại hội Công đoàn tỉnh Bến Tre", "congress_term": "2018 - 2023", "planned_on": "30/06/2018",
    })  # fmt: skip
    w = CongressWork.objects.get()
    assert (w.value_vnd, w.congress_term) == (50_000_000, "2018 – 2023")
    response = client.post(
        reverse("works:work-step", args=[w.pk, "complete"]), {"completed_on": "02/05/2018"}
    )
    assert response.status_code == 302
    w.refresh_from_db()
    assert (w.status, w.completed_on, w.value_vnd) == ("completed", D(2018, 5, 2), 50_000_000)
    archive = reverse("works:work-archive", args=[w.pk])
    assert client.get(archive).status_code == 403  # a completed work is archived by a leader
    client_for(users.district_leader).post(archive, {"reason": "Trùng với công trình khác"})
    w.refresh_from_db()
    assert w.archived_at is not None


def _congress_works(tree):
    work(tree.MAY, name="Nhà Mái ấm Công đoàn số 1", value_vnd=50_000_000)
    w = work(tree.DUA, name="Sản phẩm kẹo dừa chất lượng cao", kind="product", value_vnd=300_000_000)
    actions.complete_congress_work(w, by=None, completed_on=D(2018, 7, 1))
    work(tree.MAY, name="Công trình chào Đại hội XII", congress_name="Đại hội XII Công đoàn Việt Nam")
    work(tree.GIAY, name="Công trình Giày Trà Vinh")


def test_congress_list_counts_works_per_congress(client_for, tree, users):
    _congress_works(tree)
    response = client_for(users.province_officer).get(reverse("works:congress-list"))
    assert [(c["congress_name"], c["works"], c["completed"], c["value"]) for c in response.context["congresses"]] == [
        ("Đại hội Công đoàn tỉnh Bến Tre", 2, 1, 350_000_000), ("Đại hội XII Công đoàn Việt Nam", 1, 0, 50_000_000),
    ]  # fmt: skip


def test_the_list_for_a_congress_as_xlsx(client_for, tree, users):
    _congress_works(tree)
    url = reverse("works:congress-document", args=["xlsx"])
    response = client_for(users.province_officer).get(url, {"congress": "Đại hội Công đoàn tỉnh Bến Tre",
                                                             "term": "2018 – 2023"})  # fmt: skip
    rows = rows_of(response)
    assert rows[0][0] == "Công trình, sản phẩm chào mừng Đại hội Công đoàn tỉnh Bến Tre, nhiệm kỳ 2018 – 2023"
    assert [r[1] for r in rows[3:]] == ["Nhà Mái ấm Công đoàn số 1", "Sản phẩm kẹo dừa chất lượng cao"]


def test_the_list_for_a_congress_as_docx_and_pdf(client_for, tree, users):
    import docx

    _congress_works(tree)
    client = client_for(users.district_leader)
    params = {"congress": "Đại hội Công đoàn tỉnh Bến Tre", "term": "2018 – 2023"}
    response = client.get(reverse("works:congress-document", args=["docx"]), params)
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = docx.Document(io.BytesIO(response.content))
    table = document.tables[-2]  # the list; the last table is the foot (recipients, signature)
    assert [c.text for c in table.rows[0].cells] == ["TT", "Tên công trình, sản phẩm", "Đơn vị thực hiện", "Loại",
                                                     "Giá trị (đồng)", "Hoàn thành", "Tình trạng"]  # fmt: skip
    assert [c.text for c in table.rows[1].cells] == ["1", "Nhà Mái ấm Công đoàn số 1", "CĐCS May Việt Tiến",
                                                     "Công trình phúc lợi, xã hội", "50.000.000", "30/06/2018",
                                                     "Đã đăng ký"]  # fmt: skip
    assert [c.text for c in table.rows[-1].cells][:5] == [
        "",
        "Tổng cộng",
        "1 công trình, sản phẩm",
        "",
        "50.000.000",
    ]
    assert "DANH SÁCH" in "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "HUYỆN CHÂU THÀNH" in header  # the district leader's list: issued by the district federation
    assert "BẾN TRE" in header.split("HUYỆN CHÂU THÀNH")[0]  # the body above it first
    pdf = client.get(reverse("works:congress-document", args=["pdf"]), params)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_congress_document_without_a_congress_goes_back_to_the_list(client_for, users):
    response = client_for(users.province_officer).get(reverse("works:congress-document", args=["docx"]))
    assert response.status_code == 302 and response["Location"] == reverse("works:congress-list")


# --- panels on the unit's and the person's pages -----------------------------------------------------------


def test_unit_page_shows_the_units_topics_and_works(client_for, tree, users):
    accepted_topic(tree.MAY, title="Đề tài của May Việt Tiến")
    work(tree.MAY, name="Công trình của May Việt Tiến")
    page = (
        client_for(users.district_leader)
        .get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
        .content.decode()
    )
    assert "Đề tài của May Việt Tiến" in page and "Công trình của May Việt Tiến" in page
    assert "1 đề tài của đơn vị" in page and "Xuất sắc" in page


def test_person_page_shows_the_topics_they_led_or_worked_on_across_transfers(client_for, tree, users, people):
    topic(tree.MAY, title="Đề tài do anh Hào chủ nhiệm", lead_id=people.tran_hao.pk)
    topic(
        tree.MAY,
        title="Đề tài anh Hào tham gia",
        members=[actions.TeamMemberInput(person_id=people.tran_hao.pk)],
    )
    org_actions.transfer_person(people.tran_hao, tree.DUA, by=None, on=D(2019, 1, 1))
    page = client_for(users.province_officer).get(reverse("orgs:person-detail", args=[people.tran_hao.pk]))
    text = page.content.decode()
    assert "Đề tài do anh Hào chủ nhiệm</a> · chủ nhiệm" in text
    assert "Đề tài anh Hào tham gia</a> · thành viên" in text


def test_unit_page_takes_the_same_queries_for_one_topic_and_work_and_many(client_for, tree, users,
                                                                          django_assert_num_queries, django_assert_max_num_queries):  # fmt: skip
    topic(tree.MAY)
    work(tree.MAY)
    client = client_for(users.district_leader)
    url = reverse("orgs:unit-detail", args=[tree.MAY.pk])
    client.get(url)
    # the page with every app's panel (this one: both numbers, topics, works), within the unit page's budget, and
    # no more with many topics and works
    with django_assert_max_num_queries(UNIT_PAGE_QUERY_BUDGET) as one:
        client.get(url)
    own = [
        q["sql"]
        for q in one.captured_queries
        if 'FROM "registrations_researchtopic"' in q["sql"] or 'FROM "registrations_congresswork"' in q["sql"]
    ]
    assert len(own) == 3, own
    for i in range(11):
        topic(tree.MAY, title=f"Đề tài {i}")
        work(tree.MAY, name=f"Công trình {i}")
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "12 đề tài của đơn vị" in page
    assert (
        len(re.findall(r'href="/de-tai-cong-trinh/de-tai/\d+/"', page)) == 5
    )  # the latest five, then a link


def test_the_works_form_links_a_congress_of_the_unit_or_above_and_refuses_another(client_for, tree, users):
    from thidua.congresses.models import Congress

    own = Congress.objects.create(unit=tree.MAY, term_start=2017, term_end=2022)
    above = Congress.objects.create(unit=tree.CT, term_start=2018, term_end=2023)
    sibling = Congress.objects.create(
        unit=tree.THPT, term_start=2017, term_end=2022
    )  # visible, not above MAY
    outside = Congress.objects.create(unit=tree.DUA, term_start=2017, term_end=2022)  # not visible to CT
    client = client_for(users.district_leader)
    post = {"unit": tree.MAY.pk, "name": "Nhà Mái ấm Công đoàn", "kind": "welfare", "value_vnd": "50.000.000",
            "congress_name": "Đại hội CĐCS May", "congress_term": "2017 - 2022", "planned_on": "30/06/2017"}  # fmt: skip
    refused = client.post(reverse("works:work-create"), {**post, "congress_record": sibling.pk})
    assert refused.status_code == 400 and not CongressWork.objects.exists()
    assert "Đại hội trong hệ thống: chỉ chọn Đại hội của đơn vị" in refused.content.decode()
    unseen = client.post(reverse("works:work-create"), {**post, "congress_record": outside.pk})
    assert unseen.status_code == 400 and "congress_record" in unseen.context["form"].errors
    assert client.post(reverse("works:work-create"), {**post, "congress_record": own.pk}).status_code == 302
    w = CongressWork.objects.get()
    assert w.congress_record == own
    form = client.get(reverse("works:work-update", args=[w.pk])).context["form"]
    assert set(form.fields["congress_record"].queryset) == {own, above}
    page = client.get(own.get_absolute_url()).content.decode()
    assert 'data-testid="congress-works"' in page and w.name in page
