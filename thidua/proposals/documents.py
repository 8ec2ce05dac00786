"""The proposals' official documents, as plain data for ``thidua.documents.render`` (DOCX, PDF).

- ``achievement_text(nominee)``: the achievement report (báo cáo thành tích) in the prescribed layout — I. brief
  background, II. achievements, III. rewards already received — written as editable text from what the system knows
  (the person's record, the year's registration, recognised initiatives, earlier results); the officer edits it.
- ``achievement_document(nominee)``: that text as a document (the nominee's own report, signed by the nominee or
  the collective's head, confirmed by the proposing unit).
- ``cover_letter_document(proposal, nominees)``: the tờ trình of the whole proposal, with the list of nominees by
  award in one ruled table.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import translation

from thidua.core.dates import format_date
from thidua.documents.parts import OfficialDocument, grid_table, official_document, section, text_paragraphs

NOMINEE_COLUMNS = [
    ("TT", 10, "center"),
    ("Họ và tên / tên tập thể", 50, "left"),
    ("Chức vụ, đơn vị công tác", 60, "left"),
    ("Ghi chú", 45, "left"),
]
ROMAN = ("I", "II", "III", "IV", "V")


def _known_facts(nominee: Any) -> dict[str, list[str]]:
    """What the system holds of the nominee for the report's year: the registration, recognised initiatives,
    earlier nominations that were approved."""
    from thidua.registrations.models import IndividualEntry, Initiative, InitiativeStatus

    from .models import Nominee, NomineeResult

    year = nominee.proposal.year
    facts: dict[str, list[str]] = {"registered": [], "initiatives": [], "awards": []}
    if nominee.person_id:
        for e in IndividualEntry.objects.filter(
            person_id=nominee.person_id, registration__year=year
        ).select_related("award"):
            facts["registered"].append(f"Đăng ký thi đua năm {year}: danh hiệu “{e.award.name}”.")
        initiatives = Initiative.objects.filter(
            authors__person_id=nominee.person_id, status=InitiativeStatus.RECOGNISED, year__lte=year,
            year__gte=year - 2,
        ).distinct()  # fmt: skip
        earlier = Nominee.objects.filter(person_id=nominee.person_id)
    else:
        initiatives = Initiative.objects.filter(
            unit_id=nominee.unit_id, status=InitiativeStatus.RECOGNISED, year=year
        )
        earlier = Nominee.objects.filter(unit_id=nominee.unit_id)
    for i in initiatives.order_by("year", "id")[:20]:
        number = f", Quyết định công nhận số {i.decision_number}" if i.decision_number else ""
        facts["initiatives"].append(f"Sáng kiến “{i.title}” (năm {i.year}{number}).")
    earlier = (
        earlier.filter(result=NomineeResult.APPROVED, archived_at__isnull=True, proposal__year__lt=year)
        .select_related("award", "proposal")
        .order_by("proposal__year", "id")
    )
    for n in earlier[:30]:
        facts["awards"].append(f"Năm {n.proposal.year}: {n.award.name}.")
    return facts


def achievement_text(nominee: Any) -> str:
    """The report's text (Vietnamese whatever the interface language), headings on their own lines."""
    with translation.override("vi"):
        facts = _known_facts(nominee)
        year = nominee.proposal.year
        lines: list[str] = []
        if nominee.person_id:
            p = nominee.person
            lines.append("I. SƠ LƯỢC LÝ LỊCH")
            lines.append(f"- Họ và tên: {p.full_name}.")
            if p.birth_date:
                lines.append(f"- Sinh ngày: {format_date(p.birth_date)}.")
            if p.gender:
                lines.append(f"- Giới tính: {p.get_gender_display()}.")
            lines.append(
                f"- Chức vụ, đơn vị công tác: {nominee.position or (p.unit.name if p.unit else '')}."
            )
            if nominee.service_years:
                lines.append(f"- Số năm công tác công đoàn: {nominee.service_years} năm.")
            lines.append("II. THÀNH TÍCH ĐẠT ĐƯỢC")
            lines.append("1. Quyền hạn, nhiệm vụ được giao:")
            lines.append("2. Thành tích đạt được:")
        else:
            u = nominee.unit
            lines.append("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
            lines.append(f"- Tên tập thể: {u.name}.")
            if u.member_count:
                lines.append(f"- Số đoàn viên: {u.member_count}.")
            lines.append("- Chức năng, nhiệm vụ được giao:")
            lines.append("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        if nominee.summary:
            lines.append(nominee.summary)
        lines.extend(facts["registered"] + facts["initiatives"])
        lines.append("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
        lines.extend(facts["awards"] or ["(Chưa có trong hệ thống.)"])
        lines.append(f"Đề nghị: “{nominee.award.name}” năm {year}.")
        return "\n".join(lines)


def _sections_from_text(text: str) -> list:
    """Lines starting with a Roman numeral are the report's headings; the rest are its paragraphs."""
    sections: list = []
    heading: str | None = None
    paragraphs: list[str] = []
    for line in text_paragraphs(text):
        if line.split(".", 1)[0] in ROMAN and "." in line[:5]:
            if heading or paragraphs:
                sections.append(section(heading, 1 if heading else 0, paragraphs or [""]))
            heading, paragraphs = line, []
        else:
            paragraphs.append(line)
    if heading or paragraphs:
        sections.append(section(heading, 1 if heading else 0, paragraphs or [""]))
    return sections


def achievement_document(nominee: Any) -> OfficialDocument:
    with translation.override("vi"):
        proposal = nominee.proposal
        who = "cá nhân" if nominee.person_id else "tập thể"
        text = nominee.achievement or achievement_text(nominee)
        signer_title = "NGƯỜI BÁO CÁO THÀNH TÍCH" if nominee.person_id else "THỦ TRƯỞNG ĐƠN VỊ"
        return official_document(
            issuer=proposal.unit.name, parent_body=proposal.to_unit.name if not proposal.own_level else "",
            kind="Báo cáo", year=proposal.year,
            title=f"Thành tích đề nghị tặng “{nominee.award.name}” năm {proposal.year} của {who} {nominee.name}",
            sections=_sections_from_text(text),
            recipients=[],
            signer={"on_behalf": "", "title": signer_title,
                    "name": nominee.person.full_name if nominee.person_id else ""},
        )  # fmt: skip


def cover_letter_document(proposal: Any, nominees: list[Any]) -> OfficialDocument:
    """The tờ trình: to the level above (or, for an own-level commendation, to the unit's own standing committee),
    the grounds, the list of nominees by award, the request."""
    with translation.override("vi"):
        by_award: dict[Any, list[Any]] = defaultdict(list)
        for n in nominees:
            by_award[n.award].append(n)
        to = proposal.to_unit.name if not proposal.own_level else f"Ban Thường vụ {proposal.unit.name}"
        intro = (
            f"Căn cứ kết quả thực hiện phong trào thi đua năm {proposal.year}; căn cứ ý kiến của Hội đồng Thi đua – "
            f"Khen thưởng, {proposal.unit.name} kính trình {to} xem xét, "
            f"{'quyết định' if proposal.own_level else 'khen thưởng'} cho {len(nominees)} cá nhân, tập thể "
            f"({proposal.kind.name.lower()}) như sau:"
        )
        if proposal.movement_id:
            intro = f"Thực hiện phong trào {proposal.movement}. " + intro
        sections = [section(None, 0, [intro] + text_paragraphs(proposal.body))]
        for number, (award, group) in enumerate(by_award.items(), start=1):
            rows = [[i, n.name, n.position, "; ".join(_notes(n))] for i, n in enumerate(group, start=1)]
            part = section(f"{number}. {award.name}: {len(group)}", 2, [])
            part["table"] = grid_table(NOMINEE_COLUMNS, rows)
            sections.append(part)
        sections.append(section(None, 0, [f"Kính trình {to} xem xét, quyết định."]))
        return official_document(
            issuer=proposal.unit.name, parent_body=_parent_name(proposal.unit),
            kind="Tờ trình", number=proposal.number or None, year=proposal.year,
            title=proposal.title, sections=sections,
            recipients=[(to, "để xem xét") if not proposal.own_level else (to, "để quyết định"), ("Lưu: VT", None)],
            signer={"on_behalf": "TM. BAN THƯỜNG VỤ" if not proposal.own_level else "TM. BAN CHẤP HÀNH",
                    "title": proposal.signer_title or "CHỦ TỊCH", "name": proposal.signer_name},
        )  # fmt: skip


def _notes(nominee: Any) -> list[str]:
    notes = []
    if nominee.direct_production_worker:
        notes.append("CNTTSX")
    if nominee.woman:
        notes.append("Nữ")
    if nominee.summary:
        notes.append(nominee.summary[:120])
    return notes


def _parent_name(unit: Any) -> str:
    parent = type(unit).objects.get_parent(unit) if unit.depth > 1 else None
    return parent.name if parent else ""
