"""Where each part of what was read comes from: the lines of the source, numbered as in the file.

The officer checks an import against the text it came from. ``source_map`` lays the source's lines (decoded, as
numbered in the file) beside the parts of the ``ParsedPlan`` and says, for each line, which part took it, and for
each part, which lines it came from. A line no part took is ``lost``: the preview points at it, so nothing of the
body goes missing unnoticed.

How a line is matched: each line is cleaned and repaired as the reader reads it, then its words are looked for in
the words of each part (without diacritics, case, marks or punctuation): a line belongs to the part holding most of
its runs of three words (all of its words, for a short line). A line no part holds goes with the line before when
it continues the same paragraph (a PDF's wrap), or with what follows when it is a heading ("I. MỤC ĐÍCH, YÊU
CẦU:", "Nơi nhận:"). The lines above the first line of the body are the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.core.dates import format_date
from thidua.core.text import fold

from .body import top_heading
from .context import ParseContext
from .normalize import cleaned_line, decoded_lines
from .phases import PHASE
from .recipients import HEADING
from .result import ParsedPlan

_MARK = re.compile(r"^(?:[-+•*]\s*|\d{1,2}(?:\.\d{1,2})*\s*[.)\-/]\s*|[a-dđ]\)\s*|[IVX]{1,5}\s*[.)\-/]\s*)+")
_PAGE = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^(?:Trang\s+)?\d{1,3}\s*/\s*\d{1,3}$", re.IGNORECASE)
_MOTTO = "cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc"
_ENOUGH = 0.6  # share of a line's runs of three words the parts must hold
_ALSO = 0.34  # share of a line another part must hold (three runs at least) to name the line too


_PURPOSE = re.compile(r"\s*\([^()]{1,20}\)\s*[;.,]?\s*$")  # "(b/c);" after a recipient


def _words(text: str | None) -> list[str]:
    """The words of a text to compare: folded, without its mark, punctuation or zeros leading a number."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(_MARK.sub("", (text or "").strip()))).split()
    return [w.lstrip("0") or "0" if w.isdigit() else w for w in words]


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


@dataclass
class SourceLine:
    number: int  # from 1, as in the file
    text: str  # decoded, not cleaned: what the file says
    part: str | None = None  # the key of the part that took it (see ``source_map``)
    state: str = "blank"  # "blank", "placed", "ignored" (a page number, a rule) or "lost"
    also: list[str] = field(default_factory=list)  # other parts that took some of it


@dataclass
class SourceMap:
    lines: list[SourceLine] = field(default_factory=list)
    parts: dict[str, list[int]] = field(default_factory=dict)  # key -> line numbers, in order

    @property
    def lost(self) -> list[int]:
        return [line.number for line in self.lines if line.state == "lost"]

    def ranges(self, key: str) -> str:
        """The lines of a part as the preview writes them: "5–9, 12"."""
        return line_ranges(self.parts.get(key, []))


def line_ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = previous = None
    for number in sorted(set(numbers)):
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            out.append(f"{start}–{previous}" if previous != start else str(start))
        start = previous = number
    if start is not None:
        out.append(f"{start}–{previous}" if previous != start else str(start))
    return ", ".join(out)


def _basis_text(basis) -> str:
    date = f"ngày {format_date(basis.date)}" if basis.date else ""
    return " ".join(x for x in (basis.kind, "số", basis.number, date, "của", basis.issuer, basis.title) if x)


def _parts(parsed: ParsedPlan) -> list[tuple[str, list[str]]]:
    """The parts in the order of an official text, each with the texts it holds. Keys: ``header``,
    ``legal_bases``, ``introduction``, ``purposes``, ``requirements``, ``movements``, ``measures.N``, ``phases.N``,
    ``commemorations``, ``phase_review``, ``reporting``, ``closing``, ``free.N``, ``recipients``, ``signer``."""
    date = parsed.date
    header = [parsed.kind, parsed.number, parsed.place, parsed.issuer, parsed.title, _MOTTO]
    if date:
        header.append(
            f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year} ngày {date.day} tháng {date.month}"
        )
    parts: list[tuple[str, list[str]]] = [
        ("header", [t for t in header if t]),
        ("legal_bases", [_basis_text(b) for b in parsed.legal_bases]),
        ("introduction", parsed.introduction),
        ("purposes", parsed.purposes),
        ("requirements", parsed.requirements),
        ("movements", [m.text or " ".join(m.names) for m in parsed.movements]),
    ]
    for i, group in enumerate(parsed.measures, start=1):
        parts.append((f"measures.{i}", [group.heading or "", *group.paragraphs]))
    for i, phase in enumerate(parsed.phases, start=1):
        dates = " ".join(
            f"{side} ngày {format_date(d)}" for side, d in (("từ", phase.start), ("đến", phase.end)) if d
        )
        texts = [phase.name, dates, phase.text or "", *(c.text for c in phase.commemorations)]
        parts.append((f"phases.{i}", texts))
    parts += [
        ("commemorations", [c.text for c in parsed.commemorations]),
        ("phase_review", parsed.phase_review),
        ("reporting", [d.text for d in parsed.reporting]),
        ("closing", parsed.closing),
    ]
    for i, section in enumerate(parsed.free_sections, start=1):
        parts.append((f"free.{i}", [section.heading or "", *section.paragraphs]))
    parts.append(
        ("recipients", [f"Lưu {r.name}" if fold(r.purpose) == "luu" else r.name for r in parsed.recipients])
    )
    signer = parsed.signer
    parts.append(
        ("signer", [x for x in (signer.on_behalf, signer.title, signer.name) if x] if signer else [])
    )
    return [(key, texts) for key, texts in parts if any(t and t.strip() for t in texts)]


def source_map(parsed: ParsedPlan) -> SourceMap:
    """The source's lines with the part each went to, and each part's lines (see the module's note)."""
    raw = decoded_lines(parsed.text, ParseContext()) if parsed.text else []
    parts = _parts(parsed)
    order = {key: i for i, (key, _) in enumerate(parts)}
    held = {key: set().union(*(_runs(_words(t)) for t in texts)) for key, texts in parts}
    blobs = {key: " " + " ".join(" ".join(_words(t)) for t in texts) + " " for key, texts in parts}
    lines: list[SourceLine] = []
    cleaned: list[str] = []
    previous: str | None = None
    for number, text in enumerate(raw, start=1):
        clean = cleaned_line(text)
        cleaned.append(clean)
        entry = SourceLine(number, text.rstrip())
        lines.append(entry)
        if not clean or re.fullmatch(r"[-_=*.~ ]{3,}", clean):
            continue
        if _PAGE.match(clean):
            entry.state = "ignored"
            continue
        words = _words(_PURPOSE.sub("", clean))
        entry.state = "lost"
        if not words:
            entry.state = "ignored"
            continue
        if _heading(clean, text) or (clean.endswith(":") and len(words) <= 8):
            continue  # it goes with what it heads (``_headings``)
        key, also = _best(words, held, blobs, order, previous)
        if key is not None:
            entry.part, entry.also, entry.state = key, also, "placed"
            previous = key
    _phase_sentences(lines, cleaned, parsed)
    _continuations(lines, cleaned)
    _headings(lines, cleaned)
    for line, text in zip(lines, cleaned, strict=True):
        if line.state == "lost":  # a heading with nothing placed after it: by its words
            key, _also = _best(_words(text), held, blobs, order, None)
            if key is not None:
                line.part, line.state = key, "placed"
    _header(lines)
    result = SourceMap(lines=lines)
    for line in lines:
        for key in [line.part, *line.also] if line.part is not None else []:
            result.parts.setdefault(key, []).append(line.number)
    return result


def _best(words, held, blobs, order, previous) -> tuple[str | None, list[str]]:
    """The part that holds most of a line (None when the parts together hold too little of it), and the other
    parts that hold a good share of it (a Công văn's sentence gives a basis, a phase and an anniversary)."""
    if len(words) < 3:
        found = [key for key in held if f" {' '.join(words)} " in blobs[key]]
        shares = dict.fromkeys(found, 1.0)
        also = []
    else:
        runs = _runs(words)
        hits = {key: runs & held[key] for key in held}
        if len(set().union(*hits.values())) < _ENOUGH * len(runs):
            return None, []
        shares = {key: len(h) / len(runs) for key, h in hits.items() if h}
        also = [k for k, h in hits.items() if len(h) >= 3 and len(h) / len(runs) >= _ALSO]
    if not shares:
        return None, []
    top = max(shares.values())
    best = [key for key, share in shares.items() if share >= top - 0.05]
    if previous in best:
        key = previous
    else:
        after = [k for k in best if previous is None or order[k] >= order[previous]]
        key = min(after or best, key=lambda k: order[k])
    return key, [k for k in also if k not in (key, "header") and key != "header"]


def _phase_sentences(lines: list[SourceLine], cleaned: list[str], parsed: ParsedPlan) -> None:
    """A lost sentence that names phases the reader found ("chia làm hai đợt: Đợt 1 từ ... ; Đợt 2 ...") is
    theirs: the phases took their dates from it."""
    names = [
        (f"phases.{i}", " ".join(_words(p.name))) for i, p in enumerate(parsed.phases, start=1) if p.name
    ]
    for line, text in zip(lines, cleaned, strict=True):
        if line.state != "lost" or _heading(text, line.text) or text.endswith(":"):
            continue
        words = f" {' '.join(_words(text))} "
        keys = [key for key, name in names if name and f" {name} " in words]
        if keys:
            line.part, line.also, line.state = keys[0], keys[1:], "placed"


def _continuations(lines: list[SourceLine], cleaned: list[str]) -> None:
    """A lost line that continues the paragraph above it (no blank line between, the line above not ended) goes
    with that paragraph's part."""
    for i, line in enumerate(lines):
        if line.state != "lost" or i == 0:
            continue
        above = lines[i - 1]
        if (
            above.part is not None
            and cleaned[i - 1]
            and not cleaned[i - 1].endswith((".", ";", ":", "!", "?"))
        ) and top_heading(cleaned[i]) is None:
            line.part, line.state = above.part, "placed"


def _heading(text: str, raw: str) -> bool:
    """A line that heads what follows: a section ("II. NỘI DUNG THI ĐUA", "KẾ HOẠCH"), "Nơi nhận:", "Đợt 1:" alone,
    the head row of a table."""
    return (
        top_heading(text) is not None
        or bool(HEADING.fullmatch(text.rstrip(":").strip() + ":"))
        or (bool(PHASE.match(text)) and len(text) <= 30)
        or "\t" in raw.strip()
    )


def _headings(lines: list[SourceLine], cleaned: list[str]) -> None:
    """A heading, or a lost line announcing what follows (ending with a colon), goes with the part of the first
    placed line after it."""
    for i in range(len(lines) - 1, -1, -1):
        line, text = lines[i], cleaned[i]
        if line.state != "lost":
            continue
        if not (_heading(text, line.text) or (text.endswith(":") and len(text) <= 120)):
            continue
        after = next((later for later in lines[i + 1 :] if later.state == "placed"), None)
        if after is not None:
            line.part, line.state = after.part, "placed"


def _header(lines: list[SourceLine]) -> None:
    """The lines above the first line of the body (the superior body, the motto, the kind of document) are the
    header's; so are the header's own lines met later than a stray body line above them."""
    first_body = next(
        (i for i, line in enumerate(lines) if line.part not in (None, "header") and line.state == "placed"),
        len(lines),
    )
    for line in lines[:first_body]:
        if line.state in ("lost", "placed"):
            line.part, line.state = "header", "placed"
