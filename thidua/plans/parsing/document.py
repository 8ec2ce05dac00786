"""A whole document: runs the steps in order and assembles the structure the command prints and the UI previews."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from django.utils.translation import gettext

from .bases import bases_block, parse_legal_bases
from .body import Body, parse_body
from .commemorations import find_commemorations
from .context import ParseContext
from .extract import extract_text
from .free import free_sections
from .header import described_document, drop_preamble, parse_header, split_header_lines
from .movements import parse_movements
from .normalize import normalize_text
from .phases import INLINE_PHASE, parse_phases
from .recipients import HEADING, ON_BEHALF, parse_recipients
from .result import ParsedPlan
from .signer import parse_signer


def parse_plan_file(source: str | Path | bytes | IO[bytes], filename: str | None = None) -> ParsedPlan:
    """The structure of a plan read from a path, the file's bytes, or an open binary file (an upload). A file that
    cannot be read as what it is raises ``extract.UnreadableFile`` (its message in Vietnamese)."""
    ctx = ParseContext()
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        filename = filename or getattr(source, "name", None)
    else:
        path = Path(source)
        data = path.read_bytes()
        filename = filename or path.name
    text = extract_text(data, filename, ctx)
    return _parse(text, ctx, source_text=text)


def parse_plan_text(text: str) -> ParsedPlan:
    """The structure of a plan given as text."""
    return _parse(text, ParseContext(), source_text=text)


def parse_plan(source: str | Path | bytes | IO[bytes], filename: str | None = None) -> ParsedPlan:
    """The one entry point: a file (path, bytes, upload) read into a ``ParsedPlan``."""
    return parse_plan_file(source, filename)


def _lines(text: str, ctx: ParseContext) -> list[str]:
    lines = split_header_lines(drop_preamble(normalize_text(text, ctx), ctx))
    out: list[str] = []
    for line in lines:
        out.extend(part.strip() for part in INLINE_PHASE.split(line) if part.strip())
    return out


def _parse(text: str, ctx: ParseContext, *, source_text: str = "") -> ParsedPlan:
    with ctx.reading("file"):
        lines = _lines(text, ctx)
    if not lines:
        ctx.warn(gettext("Văn bản trống: không có nội dung nào để đọc."), part="file")
        return _result(None, [], [], [], [], [], None, Body(), ctx, source_text)
    with ctx.reading("header"):
        header = parse_header(lines, ctx)
        described_document(lines, header, ctx)
    with ctx.reading("legal_bases"):
        bases_text, bases_end = bases_block(lines, header.body_start)
        legal_bases = parse_legal_bases(bases_text, ctx)

    heading = next(
        (i for i in range(len(lines) - 1, header.body_start - 1, -1) if HEADING.match(lines[i])), None
    )
    recipients: list[dict] = []
    body_end = len(lines)
    signer = None
    with ctx.reading("signer"):
        if heading is not None:
            recipients, signer_pieces, after = parse_recipients(lines, heading)
            body_end = heading
            signer = parse_signer(signer_pieces + lines[after:])
            if signer is None:  # the signature before "Nơi nhận"
                before = max(bases_end, heading - 8)
                start = next((i for i in range(before, heading) if _signer_start(lines[i])), None)
                if start is not None:
                    signer = parse_signer(lines[start:heading])
                    body_end = start
        else:
            tail = max(bases_end, len(lines) - 10)
            start = next((i for i in range(tail, len(lines)) if _signer_start(lines[i])), None)
            if start is not None:
                signer = parse_signer(lines[start:])
                body_end = start

    with ctx.reading("movements"):
        movements = parse_movements(lines, bases_end, body_end, ctx)
    with ctx.reading("phases"):
        phases, phase_lines = parse_phases(lines, bases_end, body_end, ctx, body_start=header.body_start)
        # outside the phases: in the opening sentence (a Công văn says it all there) and the body, then the title
        loose = []
        texts = [lines[index] for index in range(header.body_start, body_end) if index not in phase_lines]
        texts += [header.title] if header.title else []  # after the body, whose wording has the dates
        in_phases = {(c["ordinal"], c["base_date"]) for phase in phases for c in phase["commemorations"]}
        for text in texts:
            for item in find_commemorations(text, ctx, need_trigger=True):
                _add_once(loose, item, in_phases)
    with ctx.reading("body"):
        body = parse_body(lines, header.body_start, bases_end, body_end, phase_lines, bases_text, ctx)
        placed = {"opening": [bases_text, body.introduction or ""], "purposes": [*body.purposes, *body.requirements],
                  "contents": [m["text"] for m in movements],
                  "measures": [t for g in body.measures for t in [g["heading"] or "", *g["paragraphs"]]],
                  "phases": [body.phase_review or ""], "closing": [body.closing or ""],
                  "reporting": [d["text"] for d in body.reporting]}  # fmt: skip
        body.free_sections = free_sections(lines, header.body_start, body_end, phase_lines, placed, ctx)
    _warn_missing(header, legal_bases, movements, phases, recipients, signer, heading, ctx)
    return _result(header, legal_bases, movements, phases, loose, recipients, signer, body, ctx, source_text)


def _add_once(loose: list[dict], item: dict, in_phases: set) -> None:
    """Add an anniversary met outside the phases unless it is already there; of two wordings of one anniversary
    the one that writes its dates is kept."""
    key = (item["ordinal"], item["base_date"])
    if item["ordinal"] is None:
        loose.append(item)
        return
    if key in in_phases:
        return
    same = next((i for i, c in enumerate(loose) if (c["ordinal"], c["base_date"]) == key), None)
    if same is None:
        loose.append(item)
    elif re.search(r"\d/\d", item["text"]) and not re.search(r"\d/\d", loose[same]["text"]):
        loose[same] = item


def _signer_start(line: str) -> bool:
    return bool(ON_BEHALF.match(line)) or bool(re.fullmatch(r"(?:PHÓ\s+)?CHỦ\s+TỊCH", line))


def _warn_missing(
    header, legal_bases, movements, phases, recipients, signer, heading, ctx: ParseContext
) -> None:
    if header.kind is None:
        ctx.warn(
            gettext("Không xác định được loại văn bản (Kế hoạch, Hướng dẫn, Công văn...)."), part="header"
        )
    if header.number is None and not header.number_unreadable:
        ctx.warn(gettext("Không tìm thấy số, ký hiệu của văn bản (dòng “Số: ...”)."), part="header")
    if header.date is None and header.place is None and ctx.year is None:
        ctx.warn(gettext("Không tìm thấy địa danh và ngày ban hành của văn bản."), part="header")
    if header.title is None:
        ctx.warn(gettext("Không tìm thấy trích yếu (tên) của văn bản."), part="header")
    if not legal_bases and header.kind != "Công văn":
        ctx.warn(gettext("Không tìm thấy căn cứ ban hành (đoạn “Căn cứ ...”)."), part="legal_bases")
    if header.kind == "Kế hoạch":
        if not movements:
            ctx.warn(gettext("Không tìm thấy phong trào thi đua nào trong phần nội dung."), part="movements")
        if not phases:
            ctx.warn(
                gettext("Không tìm thấy đợt thi đua nào (“Đợt 1: ...” hoặc “Giai đoạn 1 ...”)."),
                part="phases",
            )
    if heading is None:
        ctx.warn(gettext("Không tìm thấy phần “Nơi nhận”."), part="recipients")
    elif not recipients:
        ctx.warn(gettext("Phần “Nơi nhận” không có nơi nhận nào."), part="recipients")
    if signer is None:
        ctx.warn(
            gettext("Không tìm thấy phần chữ ký (thẩm quyền ký, chức vụ, họ tên người ký)."), part="signer"
        )
    elif signer["name"] is None:
        ctx.warn(gettext("Không tìm thấy họ tên người ký."), part="signer")


def _paragraphs(text: str | None) -> list[str]:
    return [p for p in (text or "").split("\n\n") if p.strip()]


def _result(
    header,
    legal_bases,
    movements,
    phases,
    loose,
    recipients,
    signer,
    body: Body,
    ctx: ParseContext,
    source_text: str = "",
) -> ParsedPlan:
    """The issue's keys in its order, then the long texts of the body, then the warnings."""
    parsed = ParsedPlan.from_dict({
        "kind": header.kind if header else None,
        "number": header.number if header else None,
        "place": header.place if header else None,
        "date": header.date if header else None,
        "issuer": header.issuer if header else None,
        "title": header.title if header else None,
        "legal_bases": legal_bases,
        "movements": movements,
        "phases": phases,
        "commemorations": loose,
        "recipients": recipients,
        "signer": signer,
        "introduction": _paragraphs(body.introduction),
        "purposes": body.purposes,
        "requirements": body.requirements,
        "measures": body.measures,
        "phase_review": _paragraphs(body.phase_review),
        "reporting": body.reporting,
        "closing": _paragraphs(body.closing),
        "free_sections": body.free_sections,
        "warnings": list(ctx.warnings),
    })  # fmt: skip
    parsed.text = source_text
    return parsed
