"""What the parser reads out of a plan's text, as one typed structure: ``ParsedPlan``.

Dates are ``datetime.date`` (None when the text does not give them); every long text is a list of paragraphs;
measures are groups by kind of unit; warnings say which part of the document they concern (and which phase). The
import preview, the action that creates the draft and the document read this one shape. ``to_json()`` is what
``manage.py parse_plan`` prints (dates as ISO text, warnings as their messages); ``as_dict()`` / ``from_dict()`` keep
everything (the warnings' parts too) for the parser's own assembly and the tests.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from thidua.core.dates import from_iso, to_json

# The parts of a document a warning can concern (the import preview links each to its part).
PARTS = ("file", "header", "legal_bases", "movements", "phases", "recipients", "signer", "body")


# What the officer has done about a warning: nothing yet, checked and accepted, or corrected.
WARNING_STATUSES = ("open", "accepted", "corrected")


@dataclass(frozen=True)
class ParseWarning:
    """Something odd the parser found: ``message`` in Vietnamese, the ``part`` of the document and the ``phase`` it
    concerns, a stable ``code`` saying what kind of thing it is ("inferred_year", "unknown_anniversary", ...), the
    ``field`` of the structure it concerns ("date", "phases.1.start", ...) when there is one, and its ``status``
    (one of WARNING_STATUSES): open until the officer accepts or corrects it in the preview."""

    message: str
    part: str = "file"  # one of PARTS
    phase: int | None = None  # the phase it concerns, from 1
    code: str = ""
    field: str = ""
    status: str = "open"

    def __str__(self) -> str:
        return self.message


@dataclass
class ParsedBasis:
    kind: str | None = None
    number: str | None = None
    date: datetime.date | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass
class ParsedMovement:
    order: int | None = None
    names: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class ParsedCommemoration:
    text: str = ""
    ordinal: int | None = None
    base_date: datetime.date | None = None
    date: datetime.date | None = None
    consistent: bool | None = None


@dataclass
class ParsedPhase:
    name: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    commemorations: list[ParsedCommemoration] = field(default_factory=list)
    start_is_open: bool = False
    text: str | None = None
    report_due: datetime.date | None = None


@dataclass
class ParsedRecipient:
    name: str = ""
    purpose: str | None = None  # as the text writes it ("để báo cáo", "lưu")


@dataclass
class ParsedSigner:
    on_behalf: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass
class ParsedMeasureGroup:
    target: str | None = None  # a MeasureTarget value, or None for a kind of unit the model does not know
    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParsedDuty:
    to_whom: str = ""
    due: datetime.date | None = None
    text: str = ""


@dataclass
class ParsedFreeSection:
    """Paragraphs of the body no part of the structure took (kept, never dropped), under their heading if any, and
    the part of the plan they stood after."""

    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    # the part it stood after in the text: "opening", "purposes", "contents", "measures" or "phases"
    after: str = "measures"


@dataclass
class ParsedPlan:
    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: datetime.date | None = None
    issuer: str | None = None
    title: str | None = None
    legal_bases: list[ParsedBasis] = field(default_factory=list)
    movements: list[ParsedMovement] = field(default_factory=list)
    phases: list[ParsedPhase] = field(default_factory=list)
    commemorations: list[ParsedCommemoration] = field(default_factory=list)  # outside the phases
    recipients: list[ParsedRecipient] = field(default_factory=list)
    signer: ParsedSigner | None = None
    introduction: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    measures: list[ParsedMeasureGroup] = field(default_factory=list)
    phase_review: list[str] = field(default_factory=list)
    reporting: list[ParsedDuty] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    free_sections: list[ParsedFreeSection] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # The text the parser read (for the side-by-side preview); not part of the structure.
    text: str = field(default="", repr=False, compare=False)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def messages(self) -> list[str]:
        return [w.message for w in self.warnings]

    # --- serialising ---------------------------------------------------------------------------------------

    def as_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: dates as ISO text, warnings with their part and phase."""
        data = _json(dataclasses.asdict(self))
        del data["text"]
        return data

    def to_json(self) -> dict[str, Any]:
        """What ``manage.py parse_plan`` prints: as ``as_dict`` with the warnings as their messages."""
        data = self.as_dict()
        data["warnings"] = self.messages()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedPlan:
        """The structure again from ``as_dict`` (or ``to_json``: warnings then concern the file)."""
        return _build(cls, data)


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return to_json(value)


_NESTED: dict[str, type] = {
    "legal_bases": ParsedBasis,
    "movements": ParsedMovement,
    "phases": ParsedPhase,
    "commemorations": ParsedCommemoration,
    "recipients": ParsedRecipient,
    "measures": ParsedMeasureGroup,
    "reporting": ParsedDuty,
    "free_sections": ParsedFreeSection,
}
_DATES = {"date", "start", "end", "base_date", "due", "report_due"}


def _warning(value: Any) -> ParseWarning:
    if isinstance(value, ParseWarning):
        return value
    return ParseWarning(value) if isinstance(value, str) else ParseWarning(**value)


def _build(cls: type, data: dict[str, Any]) -> Any:
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}
    for name, value in data.items():
        if name not in names or (cls is ParsedPlan and name == "text"):
            continue
        if name in _DATES:
            value = from_iso(value)
        elif name in _NESTED and isinstance(value, list):
            value = [_build(_NESTED[name], v) for v in value]
        elif name == "signer":
            value = _build(ParsedSigner, value) if value else None
        elif name == "warnings":
            value = [_warning(w) for w in value or []]
        values[name] = value
    return cls(**values)
