"""The minutes as plain data, and the secretary's pages: attendance, written opinions, paper tally."""

from __future__ import annotations

from django.urls import reverse

from thidua.councils import actions
from thidua.councils.documents import minutes_document, result_rows
from thidua.councils.models import AttendanceStatus, Choice, PaperTally, WrittenOpinion
from thidua.councils.queries import session_view

from .builders import award, council_of, session_of


def test_minutes_hold_attendance_results_and_recusals(tree, people):
    council, members = council_of(tree.BT, 4, member_units=[tree.BT, tree.BT, tree.BT, tree.MAY])
    session, items = session_of(council, members, present=members[:3] + [members[3]], items=[
        {"person": people.tran_hao, "award": award("cstd-co-so")}, {"person": people.vo_hong}])  # fmt: skip
    actions.open_voting(session, by=None)
    for m in members[:3]:
        actions.cast_ballots(session, by=m.user, choices={i.pk: Choice.AGREE for i in items})
    actions.close_voting(session, by=None)
    view = session_view(session, with_counts=True)
    doc = minutes_document(view)
    assert doc["kind"] == "Biên bản" and doc["date"] == session.held_on
    assert (
        doc["signer"]["on_behalf"] == "TM. HỘI ĐỒNG" and doc["signer"]["name"] == members[0].person.full_name
    )
    text = "\n".join(run["text"] for s in doc["sections"] for p in s["paragraphs"] for run in p["runs"])
    assert "Tổng số thành viên Hội đồng: 4; có mặt: 4" in text
    assert f"Không tham gia biểu quyết: {members[3].person.full_name}" in text
    table = next(s["table"] for s in doc["sections"] if s.get("table"))
    # Chiến sĩ thi đua cơ sở in 2024: 80 % of the 4 members, the recused one included: 3/4 fails; the council's
    # default (more than half) passes the item without a title.
    assert [row[7] for row in table["rows"]] == ["Không đạt", "Đạt"]
    rows = result_rows(view)
    assert [(r[5], r[10], r[11], r[14]) for r in rows] == [(3, 1, 4, "Không đạt"), (3, 0, 4, "Đạt")]


def test_secretary_pages_attendance_written_opinions_and_paper_tally(client_for, tree, people):
    council, members = council_of(tree.BT, 4)
    session, items = session_of(council, members, mode="paper", present=[],
                                items=[{"collective": tree.DUA, "award": award("co-thi-dua-bo-tinh")}])  # fmt: skip
    secretary = client_for(members[1].user)
    data = {f"status-{m.pk}": AttendanceStatus.PRESENT for m in members[:3]}
    data[f"status-{members[3].pk}"] = AttendanceStatus.WRITTEN
    assert secretary.post(reverse("councils:session-attendance", args=[session.pk]), data).status_code == 302
    page = secretary.get(reverse("councils:session-written-opinions", args=[session.pk]))
    assert members[3].person.full_name in page.content.decode()
    secretary.post(reverse("councils:session-written-opinions", args=[session.pk]),
                   {f"opinion-{members[3].pk}-{items[0].pk}": Choice.AGREE})  # fmt: skip
    assert WrittenOpinion.objects.get().choice == Choice.AGREE
    secretary.post(reverse("councils:session-open", args=[session.pk]))
    too_many = secretary.post(reverse("councils:session-paper-tally", args=[session.pk]),
                              {f"agree-{items[0].pk}": "4", f"disagree-{items[0].pk}": "0"})  # fmt: skip
    assert too_many.status_code == 400 and "vượt số thành viên có mặt" in too_many.content.decode()
    secretary.post(reverse("councils:session-paper-tally", args=[session.pk]),
                   {f"agree-{items[0].pk}": "3", f"disagree-{items[0].pk}": "0"})  # fmt: skip
    assert (PaperTally.objects.get().agree, PaperTally.objects.get().disagree) == (3, 0)
    secretary.post(reverse("councils:session-close", args=[session.pk]))
    items[0].refresh_from_db()
    assert (items[0].result, items[0].yes_count, items[0].written_yes, items[0].base_count) == (
        "passed",
        3,
        1,
        4,
    )
    plain = client_for(members[2].user)  # a plain member: reads, does not run
    assert plain.get(reverse("councils:session-attendance", args=[session.pk])).status_code == 403
