"""The minutes of a council session (Biên bản họp Hội đồng thi đua – khen thưởng) as an official document, plain
data for ``thidua.documents.render`` (DOCX, PDF); and the rows of the results summary (.xlsx).

I. Who attended (members present, absent with a written opinion, absent; chair and secretary; the quorum).
II. What was considered and how the vote was taken (secret ballot in the system or on paper).
III. The result of each item (table), with each threshold explained and the members who took no part.
The number is left for the office to fill in.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from thidua.core.dates import format_date
from thidua.documents.parts import OfficialDocument, grid_table, official_document, section
from thidua.orgs.models import Unit

from .models import AttendanceStatus, ItemResult, MemberRole, RecusalReason, VotingMode
from .queries import SessionView, _percent_text

RESULT_COLUMNS = [
    ("TT", 9, "center"),
    ("Người, tập thể được đề nghị", 44, "left"),
    ("Danh hiệu, hình thức", 34, "left"),
    ("Đồng ý", 14, "center"),
    ("Không đồng ý", 14, "center"),
    ("Tỷ lệ", 16, "center"),
    ("Yêu cầu", 20, "center"),
    ("Kết quả", 14, "center"),
]  # 165 mm


def _nominee(item) -> str:
    nominee = item.person or item.collective
    if nominee is None:
        return item.label
    if item.person is not None:
        return f"{item.person.full_name} ({item.unit.name})"
    return item.collective.name


def _member_line(member) -> str:
    role = member.get_role_display()
    extra = ", Thư ký Hội đồng" if member.is_secretary and member.role != MemberRole.CHAIR else ""
    position = f", {member.position}" if member.position else ""
    return f"{member.person.full_name}{position} – {role}{extra}"


def minutes_document(view: SessionView, *, place: str = "") -> OfficialDocument:
    with translation.override("vi"):
        return _minutes(view, place)


def _minutes(view: SessionView, place: str) -> OfficialDocument:
    session = view.session
    council = session.council
    unit = council.unit
    members = view.members
    by_status: dict[str, list] = {s: [] for s in AttendanceStatus.values}
    for member in members:
        by_status[view.attendance.get(member.pk, AttendanceStatus.ABSENT)].append(member)
    chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in members if m.is_secretary), None)
    names = {m.pk: m.person.full_name for m in members}
    sections = []
    sections.append(section(None, 0, [
        f"Hôm nay, ngày {format_date(session.held_on)}"
        + (f", tại {session.place}" if session.place else "")
        + f", {council.name} họp phiên số {session.number} để xét, bỏ phiếu đề nghị khen thưởng"
        + (f" (Hội đồng được thành lập theo Quyết định số {council.decision_number}"
           + (f" ngày {format_date(council.decision_date)}" if council.decision_date else "") + ")"
           if council.decision_number else "")
        + ".",
    ]))  # fmt: skip
    present, written, absent = (by_status[AttendanceStatus.PRESENT], by_status[AttendanceStatus.WRITTEN],
                                by_status[AttendanceStatus.ABSENT])  # fmt: skip
    attendance = [
        f"Tổng số thành viên Hội đồng: {len(members)}; có mặt: {len(present)}; vắng mặt có phiếu ý kiến bằng văn bản: "
        f"{len(written)}; vắng mặt: {len(absent)}. Số thành viên dự họp tối thiểu theo quy chế: {view.quorum_needed} "
        f"({council.quorum_numerator}/{council.quorum_denominator} tổng số thành viên): "
        + ("phiên họp đủ điều kiện tiến hành." if view.has_quorum else "phiên họp không đủ số thành viên dự họp."),
    ]  # fmt: skip
    if chair:
        attendance.append(f"Chủ trì: {chair.person.full_name}, {chair.get_role_display()}.")
    if secretary:
        attendance.append(f"Thư ký: {secretary.person.full_name}.")
    attendance.append("Thành viên có mặt:")
    attendance += [f"- {_member_line(m)};" for m in present]
    if written:
        attendance.append("Thành viên vắng mặt, có phiếu ý kiến bằng văn bản:")
        attendance += [f"- {_member_line(m)};" for m in written]
    if absent:
        attendance.append("Thành viên vắng mặt:")
        attendance += [f"- {_member_line(m)};" for m in absent]
    sections.append(section("I. THÀNH PHẦN THAM DỰ", 1, attendance))

    mode = (
        "bỏ phiếu kín trên hệ thống (mỗi thành viên tự bỏ phiếu; phiếu không gắn với người bỏ phiếu, mỗi thành viên "
        "nhận mã biên nhận để kiểm tra phiếu của mình đã được kiểm)"
        if session.voting_mode == VotingMode.ELECTRONIC
        else "bỏ phiếu kín bằng phiếu giấy; Ban kiểm phiếu kiểm phiếu, thư ký ghi kết quả"
    )
    sections.append(section("II. NỘI DUNG", 1, [
        f"Hội đồng xem xét {len(view.items)} trường hợp đề nghị khen thưởng; hình thức biểu quyết: {mode}.",
        "Thành viên Hội đồng là người được đề nghị, hoặc công tác tại đơn vị được đề nghị hay đơn vị trực thuộc đơn "
        "vị đó, không tham gia biểu quyết trường hợp liên quan.",
    ]))  # fmt: skip

    rows = []
    explanations = []
    for n, item_view in enumerate(view.items, start=1):
        item = item_view.item
        award = item.award.name if item.award else ""
        closed = item.result != ItemResult.PENDING
        yes = item.yes_count + (item.written_yes if closed and item_view.tally and item_view.tally.written_counted
                                 else 0)  # fmt: skip
        rows.append([
            str(n), _nominee(item), award, str(yes) if closed else "", str(item.no_count) if closed else "",
            _percent_text(yes, item.base_count) if closed else "", item_view.threshold.describe(),
            item.get_result_display() if closed else "",
        ])  # fmt: skip
        line = f"{n}. {_nominee(item)}" + (f" – {award}" if award else "") + ": "
        line += item.result_note if closed else "chưa có kết quả."
        explanations.append(line)
        recused = [f"{names.get(mid, '')} ({RecusalReason(reason).label.lower()})"
                   for mid, reason in item_view.recused.items() if mid in names]  # fmt: skip
        if recused:
            explanations.append("Không tham gia biểu quyết: " + "; ".join(recused) + ".")
    results = section("III. KẾT QUẢ BỎ PHIẾU", 1, [])
    results["table"] = grid_table(RESULT_COLUMNS, rows)
    sections.append(results)
    sections.append(section("Giải trình kết quả từng trường hợp", 2, explanations))
    passed = sum(1 for v in view.items if v.item.result == ItemResult.PASSED)
    sections.append(section("IV. KẾT LUẬN", 1, [
        f"Có {passed}/{len(view.items)} trường hợp đạt tỷ lệ phiếu đồng ý theo quy định; Hội đồng thống nhất đề nghị "
        "cấp có thẩm quyền xem xét, khen thưởng các trường hợp đạt.",
        "Biên bản được thông qua tại phiên họp.",
    ]))  # fmt: skip
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
    return official_document(
        issuer=unit.name, parent_body=parent.name if parent is not None else "", kind="Biên bản",
        place=place, date=session.held_on,
        title=f"Họp {council.name} (phiên số {session.number})", sections=sections,
        recipients=[("Thành viên Hội đồng", None), ("Lưu: VT, Hội đồng TĐKT", None)], end_body=False,
        signer={"on_behalf": "TM. HỘI ĐỒNG", "title": "CHỦ TỊCH", "name": chair.person.full_name if chair else ""},
    )  # fmt: skip


RESULT_HEADERS = [
    ("TT", 6), ("Nội dung", 40), ("Cá nhân, tập thể được đề nghị", 30), ("Đơn vị", 30), ("Danh hiệu, hình thức", 30),
    ("Phiếu đồng ý", 10), ("Phiếu không đồng ý", 10), ("Phiếu không hợp lệ", 10), ("Ý kiến văn bản đồng ý", 10),
    ("Ý kiến văn bản không đồng ý", 10), ("Không tham gia biểu quyết", 10), ("Mẫu số", 10), ("Tỷ lệ yêu cầu (%)", 10),
    ("Tính trên", 20), ("Kết quả", 12), ("Căn cứ", 36), ("Giải trình", 80),
]  # fmt: skip


def result_rows(view: SessionView) -> list[list[Any]]:
    rows = []
    for n, item_view in enumerate(view.items, start=1):
        item = item_view.item
        nominee = item.person.full_name if item.person else (item.collective.name if item.collective else "")
        rows.append([
            n, item.label, nominee, item.unit.name, item.award.name if item.award else "", item.yes_count,
            item.no_count, item.invalid_count, item.written_yes, item.written_no, item.recused_count, item.base_count,
            item.threshold_percent, item.get_vote_base_display(), item.get_result_display(), item.threshold_citation,
            item.result_note,
        ])  # fmt: skip
    return rows
