"""The corpus of plans from elsewhere (``texts/``): each text beside a ``.json`` of what a careful reader gets out
of it, and the field-by-field score of the parser against it.

The fields scored are those an officer checks: kind, number and symbol, date, place, issuer, title, each legal basis
(number and date), each phase (start and end), each anniversary (ordinal and base date), the count of recipients,
the signer's name. A value the parser gives where the text has none counts as wrong (an invented value), and so does
every basis, phase or anniversary it finds beyond those expected.
"""

from __future__ import annotations

import json
import pathlib
import re
from dataclasses import dataclass, field

from thidua.plans.parsing import ParsedPlan, parse_plan_file

TEXTS = pathlib.Path(__file__).parent / "texts"
# Texts written after the reader was improved and scored once, blind, before any change was made for them.
HELD_OUT = pathlib.Path(__file__).parent / "heldout"
# A second set written later (a Hướng dẫn of a sector union, a district news article, a school union's plan for a
# school year, an OCR'd text, phases in brackets), scored once, blind, before the gaps it showed were fixed.
HELD_OUT_2 = pathlib.Path(__file__).parent / "heldout2"


@dataclass
class Score:
    name: str
    checks: list[tuple[str, bool, object, object]] = field(
        default_factory=list
    )  # (field, right, expected, got)

    def check(self, name: str, expected, got, right: bool | None = None) -> None:
        self.checks.append((name, expected == got if right is None else right, expected, got))

    @property
    def right(self) -> int:
        return sum(1 for _, ok, _, _ in self.checks if ok)

    @property
    def total(self) -> int:
        return len(self.checks)

    def wrong(self) -> list[str]:
        return [f"{self.name}: {f} expected {e!r}, got {g!r}" for f, ok, e, g in self.checks if not ok]


def texts(folder: pathlib.Path = TEXTS) -> list[pathlib.Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))


def expected(path: pathlib.Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _title(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value.replace("–", "-")).strip(" .:").lower()
    return value or None


def _issuer(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value).strip().upper() if value else None


def anniversaries(parsed: ParsedPlan) -> list[tuple[int, str | None]]:
    """(ordinal, base date) of every anniversary the parser found, in the phases and outside them, once each."""
    items = [c for phase in parsed.phases for c in phase.commemorations] + list(parsed.commemorations)
    out: list[tuple[int, str | None]] = []
    for item in items:
        if item.ordinal is None:
            continue
        key = (item.ordinal, _iso(item.base_date))
        if key not in out:
            out.append(key)
    return out


def score(path: pathlib.Path) -> Score:
    parsed = parse_plan_file(path)
    want = expected(path)
    result = Score(path.stem)
    result.check("kind", want["kind"], parsed.kind)
    result.check("number", want["number"], parsed.number)
    result.check("date", want["date"], _iso(parsed.date))
    result.check("place", want["place"], parsed.place)
    result.check("issuer", _issuer(want["issuer"]), _issuer(parsed.issuer))
    result.check("title", _title(want["title"]), _title(parsed.title))

    bases = [(b.number, _iso(b.date)) for b in parsed.legal_bases]
    for i, basis in enumerate(want["legal_bases"]):
        got = next((b for b in bases if b[0] == basis["number"]), None)
        if got is None and bases and basis["number"] is None:
            got = next((b for b in bases if b[0] is None), None)
        if got is not None:
            bases.remove(got)
        result.check(f"basis {i + 1} number", basis["number"], got[0] if got else "(absent)")
        result.check(f"basis {i + 1} date", basis["date"], got[1] if got else "(absent)")
    for extra in bases:
        result.check("basis (extra)", None, extra, right=False)

    phases = [(_iso(p.start), _iso(p.end)) for p in parsed.phases]
    for i, phase in enumerate(want["phases"]):
        got = phases[i] if i < len(phases) else ("(absent)", "(absent)")
        result.check(f"phase {i + 1} start", phase["start"], got[0])
        result.check(f"phase {i + 1} end", phase["end"], got[1])
    for extra in phases[len(want["phases"]) :]:
        result.check("phase (extra)", None, extra, right=False)

    found = anniversaries(parsed)
    for item in want["anniversaries"]:
        key = (item["ordinal"], item["base_date"])
        got = key if key in found else next((f for f in found if f[0] == item["ordinal"]), None)
        if got is not None:
            found.remove(got)
        result.check(f"anniversary {item['ordinal']} ordinal", item["ordinal"], got[0] if got else "(absent)")
        result.check(f"anniversary {item['ordinal']} base", item["base_date"], got[1] if got else "(absent)")
    for extra in found:
        result.check("anniversary (extra)", None, extra, right=False)

    result.check("recipients", want["recipients"], len(parsed.recipients))
    result.check("signer", want["signer"], parsed.signer.name if parsed.signer else None)
    return result


def score_all(folder: pathlib.Path = TEXTS) -> tuple[list[Score], float]:
    scores = [score(path) for path in texts(folder)]
    right = sum(s.right for s in scores)
    total = sum(s.total for s in scores)
    return scores, right / total
