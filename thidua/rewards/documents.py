"""A reward decision (quyết định khen thưởng) as plain data for ``thidua.documents.render`` (DOCX, PDF), laid out as
Decree 30/2020/NĐ-CP's model of a decision (Phụ lục III): the national header, the issuer, "Số: 45/QĐ-LĐLĐ", place
and date, QUYẾT ĐỊNH and its title, the authority that decides (centred, bold), the legal bases ("Căn cứ ..."),
"QUYẾT ĐỊNH:" (centred, bold), then

- Điều 1: the titles and forms given, to how many people and collectives, with the list of awardees (name, position
  and unit, title or form, multiplier, money) and its totals — in an appendix after the signature when it has more
  than ``APPENDIX_AFTER`` lines;
- Điều 2: the money, its basis (multiplier × base salary on the decision's date) and the total in words;
- Điều 3: who carries it out, in force from its signature;

the recipients, and the signature (TM. / KT. with the head's title). A draft carries "…" for its number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import translation

from thidua.core.dates import format_date, format_long_date
from thidua.documents.parts import (
    PLACEHOLDER,
    Appendix,
    GridTable,
    OfficialDocument,
    Section,
    appendix,
    centred,
    grid_table,
    official_document,
    section,
)

# Lists longer than this go to an appendix after the signature (Phụ lục "Danh sách khen thưởng kèm theo Quyết định
# số …"), as decisions with many awardees are laid out; shorter ones stay in Điều 1.
APPENDIX_AFTER = 5

# Widths add up to the text width (165 mm).
LINE_COLUMNS = [
    ("TT", 9, "center"),
    ("Họ và tên, tập thể", 36, "left"),
    ("Chức vụ, đơn vị", 38, "left"),
    ("Danh hiệu, hình thức", 41, "left"),
    ("Hệ số", 13, "center"),
    ("Tiền thưởng (đồng)", 28, "right"),
]
KIND_PHRASES = {
    "achievement": "đã có thành tích xuất sắc trong phong trào thi đua năm {years}",
    "thematic": "đã có thành tích xuất sắc trong phong trào thi đua chuyên đề năm {years}",
    "sudden": "đã có thành tích đột xuất năm {years}",
    "service": "đã có quá trình cống hiến cho sự nghiệp xây dựng tổ chức Công đoàn",
    "other": "đã có thành tích năm {years}",
}
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def money(value: int | None) -> str:
    """An amount in đồng with dots between thousands (1.300.000)."""
    return f"{value or 0:,}".replace(",", ".")


def multiplier_text(hundredths: int | None) -> str:
    """30 -> "0,3"; 100 -> "1"; 150 -> "1,5"."""
    if hundredths is None:
        return ""
    whole, cents = divmod(hundredths, 100)
    return f"{whole},{cents:02d}".rstrip("0") if cents else str(whole)


def _three(n: int, full: bool) -> list[str]:
    """Words of 0..999; ``full`` when a higher group precedes (so "không trăm", "linh")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[units])
    return words


def in_words(amount: int) -> str:
    """An amount of đồng in Vietnamese words: 1430000 -> "Một triệu bốn trăm ba mươi nghìn đồng"."""
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    n = amount
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three(group, full=bool(words))
        if SCALES[index]:
            words.append(SCALES[index])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]


def _years(lines: Sequence[Any]) -> str:
    years = sorted({line.year for line in lines})
    return ", ".join(str(y) for y in years) if years else ""


def _article_one(lines: Sequence[Any], kind: str, *, in_appendix: bool = False) -> str:
    by_award: dict[str, list[int]] = {}
    order: list[str] = []
    for line in lines:
        name = line.award.name
        if name not in by_award:
            by_award[name] = [0, 0]
            order.append(name)
        by_award[name][1 if line.unit_id else 0] += 1
    given = []
    for name in order:
        people, units = by_award[name]
        who = " và ".join(p for p in (f"{units:02d} tập thể" if units else "",
                                      f"{people:02d} cá nhân" if people else "") if p)  # fmt: skip
        given.append(f"“{name}” cho {who}")
    phrase = KIND_PHRASES.get(kind, KIND_PHRASES["other"]).format(years=_years(lines))
    where = "có tên tại Phụ lục kèm theo Quyết định này." if in_appendix else "có tên sau:"
    return f"Tặng {'; '.join(given)} {phrase}, {where}"


def _position(line: Any) -> str:
    if line.position_at_time:
        return line.position_at_time
    if line.unit_id:
        return ""
    return line.unit_at_time.name if line.unit_at_time else ""


def decision_document(decision: Any, lines: Sequence[Any]) -> OfficialDocument:
    """The decision (``Decision`` with its register and issuer) and its ``lines`` (with award, unit_at_time)."""
    with translation.override("vi"):
        return _document(decision, list(lines))


def _authority(decision: Any) -> tuple[str, str]:
    """The deciding authority's line and the signature's "TM." / "KT." line."""
    issuer, sign_mode, sign_for = decision.issuer, decision.sign_mode, decision.sign_for
    if sign_mode == "tm":
        authority = f"{sign_for} {issuer.name}"
        on_behalf = f"TM. {sign_for}"
    elif sign_mode == "kt":
        authority = f"{sign_for} {issuer.name}"
        on_behalf = f"KT. {sign_for}"
    else:
        authority = f"{decision.signer_position or 'Chủ tịch'} {issuer.name}"
        on_behalf = ""
    return authority, on_behalf


def _opening(decision: Any, authority: str) -> list[Section]:
    """The deciding authority, the legal bases in italics and "QUYẾT ĐỊNH:"."""
    bases = decision.legal_bases_list
    sections = [section(None, 0, [centred(authority.upper())])]
    if bases:
        texts = [b.rstrip(".;,") + (";" if i < len(bases) - 1 else ".") for i, b in enumerate(bases)]
        sections.append(section(None, 0, [{"runs": [{"text": t, "italic": True}]} for t in texts]))
    sections.append(section(None, 0, [centred("QUYẾT ĐỊNH:")]))
    return sections


def _appendix(decision: Any, authority: str, title: str, table: GridTable) -> Appendix:
    """The list as the decision's appendix: "Phụ lục", its name, "(Kèm theo Quyết định số 45/QĐ-LĐLĐ ngày 28
    tháng 12 năm 2017 của Ban Thường vụ Liên đoàn Lao động tỉnh Bến Tre)"."""
    number = f"{decision.number or PLACEHOLDER}/{decision.register.symbol}"
    caption = f"(Kèm theo Quyết định số {number} {format_long_date(decision.decided_on)} của {authority})"
    return appendix(title, caption, table)


def _official(decision: Any, sections: list[Section], on_behalf: str,
              appendices: Sequence[Appendix] = ()) -> OfficialDocument:  # fmt: skip
    issuer, register = decision.issuer, decision.register
    # The manager's get_parent (treebeard deprecates the node method); a root has none.
    parent = type(issuer).objects.get_parent(issuer) if getattr(issuer, "depth", 1) > 1 else None
    reference = (
        f"{decision.number}/{register.symbol}" if decision.number else f"{PLACEHOLDER}/{register.symbol}"
    )
    return official_document(
        issuer=issuer.name, parent_body=parent.name if parent else "", motto_style="national", kind="Quyết định",
        number=reference, place=register.place or "", date=decision.decided_on, title=decision.title,
        sections=sections, recipients=[("Như Điều 3", None), ("Lưu: VT", None)],
        signer={"on_behalf": on_behalf, "title": decision.signer_position, "name": decision.signer_name},
        end_body=True, appendices=appendices,
    )  # fmt: skip


def _document(decision: Any, lines: list[Any]) -> OfficialDocument:
    issuer = decision.issuer
    total = sum(line.amount for line in lines)
    people = sum(1 for line in lines if line.person_id)
    collectives = len(lines) - people
    authority, on_behalf = _authority(decision)
    sections = _opening(decision, authority)

    rows: list[list[Any]] = []
    for number, line in enumerate(lines, start=1):
        name = line.name_at_time or str(line.person or line.unit)
        rows.append([number, name, _position(line), f"{line.award.name} năm {line.year}",
                     multiplier_text(line.multiplier), money(line.amount) if line.amount else "—"])  # fmt: skip
    counted = ", ".join(p for p in (f"{people} cá nhân" if people else "",
                                    f"{collectives} tập thể" if collectives else "") if p)  # fmt: skip
    rows.append(["", "Tổng cộng", counted, "", "", money(total)])
    in_appendix = len(lines) > APPENDIX_AFTER
    article_one = section(None, 0, [{"runs": [
        {"text": "Điều 1. ", "bold": True}, {"text": _article_one(lines, decision.kind, in_appendix=in_appendix)},
    ]}])  # fmt: skip
    table = grid_table(LINE_COLUMNS, rows, bold_rows=[len(rows) - 1])
    appendices = [_appendix(decision, authority, "Danh sách khen thưởng", table)] if in_appendix else []
    if not in_appendix:
        article_one["table"] = table
    sections.append(article_one)

    salaries = sorted({line.base_salary for line in lines if line.base_salary})
    if total:
        basis = (
            f" (hệ số của từng danh hiệu, hình thức × mức lương cơ sở {money(salaries[0])} đồng áp dụng ngày "
            f"{format_date(decision.decided_on)}, làm tròn lên bội số của 10.000 đồng)"
            if len(salaries) == 1
            else ""
        )
        money_text = (
            f"Kèm theo danh hiệu, hình thức khen thưởng là tiền thưởng theo quy định{basis}. Tổng số tiền thưởng: "
            f"{money(total)} đồng ({in_words(total)}), trích từ quỹ thi đua, khen thưởng của {issuer.name}."
        )
    else:
        money_text = "Danh hiệu, hình thức khen thưởng tại Điều 1 không kèm theo tiền thưởng."
    sections.append(section(None, 0, [{"runs": [{"text": "Điều 2. ", "bold": True}, {"text": money_text}]}]))
    sections.append(section(None, 0, [{"runs": [
        {"text": "Điều 3. ", "bold": True},
        {"text": f"Văn phòng, các ban của {issuer.name}, các đơn vị có liên quan và các cá nhân, tập thể có tên "
                 "tại Điều 1 chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký."},
    ]}]))  # fmt: skip
    return _official(decision, sections, on_behalf, appendices)


# --- a decision of revocation ----------------------------------------------------------------------------------

REVOCATION_COLUMNS = [
    ("TT", 9, "center"),
    ("Họ và tên, tập thể", 38, "left"),
    ("Danh hiệu, hình thức đã tặng", 38, "left"),
    ("Tại quyết định", 46, "left"),
    ("Số tiền thu hồi (đồng)", 34, "right"),
]
REASONS = {"fraud": "do gian dối, khai man thành tích", "error": "do có sai sót trong hồ sơ, thủ tục khen thưởng",
           "other": ""}  # fmt: skip


def revocation_document(decision: Any, revocations: Iterable[Any]) -> OfficialDocument:
    """A decision of revocation (``Decision`` of kind "revocation") and the ``revocations`` it made (``Revocation``
    with their record: person or unit, award, decision number and date, issuer, amount)."""
    with translation.override("vi"):
        return _revocation(decision, list(revocations))


def _revocation(decision: Any, revocations: list[Any]) -> OfficialDocument:
    issuer = decision.issuer
    authority, on_behalf = _authority(decision)
    sections = _opening(decision, authority)
    rows: list[list[Any]] = []
    total = 0
    reasons: list[str] = []
    for number, revocation in enumerate(revocations, start=1):
        for record in revocation.records.all():
            who = str(record.person or record.unit)
            given = (
                f"{record.decision_number} ngày {format_date(record.decided_on)}"
                if record.decided_on
                else (record.decision_number)
            )
            rows.append([number, who, f"{record.award.name} năm {record.year}",
                         f"{given} của {record.issuer_name}".strip(), money(revocation.amount_to_recover)])  # fmt: skip
        total += revocation.amount_to_recover
        reason = ": ".join(
            p for p in (REASONS.get(revocation.reason, ""), revocation.reason_text.strip().rstrip(".")) if p
        )
        if reason and reason not in reasons:
            reasons.append(reason)
    in_appendix = len(rows) > APPENDIX_AFTER
    rows.append(["", "Tổng cộng", "", "", money(total)])
    why = f" ({'; '.join(reasons)})" if reasons else ""
    where = f"có tên tại Phụ lục kèm theo Quyết định này{why}." if in_appendix else f"có tên sau{why}:"
    article_one = section(None, 0, [{"runs": [
        {"text": "Điều 1. ", "bold": True},
        {"text": f"Thu hồi danh hiệu, hình thức khen thưởng đã tặng cho các cá nhân, tập thể {where}"},
    ]}])  # fmt: skip
    table = grid_table(REVOCATION_COLUMNS, rows, bold_rows=[len(rows) - 1])
    appendices = (
        [_appendix(decision, authority, "Danh sách thu hồi khen thưởng", table)] if in_appendix else []
    )
    if not in_appendix:
        article_one["table"] = table
    sections.append(article_one)
    if total:
        money_text = (
            f"Các cá nhân, tập thể có tên tại Điều 1 nộp lại hiện vật và số tiền thưởng đã nhận, tổng cộng "
            f"{money(total)} đồng ({in_words(total)}), vào quỹ thi đua, khen thưởng của {issuer.name}."
        )
    else:
        money_text = (
            "Các cá nhân, tập thể có tên tại Điều 1 nộp lại hiện vật khen thưởng; không phải nộp lại tiền."
        )
    sections.append(section(None, 0, [{"runs": [{"text": "Điều 2. ", "bold": True}, {"text": money_text}]}]))
    sections.append(section(None, 0, [{"runs": [
        {"text": "Điều 3. ", "bold": True},
        {"text": f"Văn phòng, các ban của {issuer.name}, các đơn vị có liên quan và các cá nhân, tập thể có tên "
                 "tại Điều 1 chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký."},
    ]}]))  # fmt: skip
    return _official(decision, sections, on_behalf, appendices)
