"""The eligibility engine: a nominee's history and the rules in force → a verdict with its reasons.

``evaluate(history, rules)`` is pure: it reads plain data (``History``: the nominee's awards, ratings, initiatives,
research, memberships, exclusions, registrations; ``Rules``: the catalog entry of the award on the day judged, the
general conditions in force, the changes of the rules inside the period) and answers a ``Verdict``:

- every check gives a ``Reason`` in Vietnamese tied to its rule: citation and mark (VERIFIED / SECONDARY /
  UNVERIFIED) of the catalog value or the general condition it applies;
- the outcome is NOT_ELIGIBLE when a check fails under a rule marked VERIFIED or SECONDARY; NEEDS_JUDGEMENT when a
  check cannot be answered from the records (no rating recorded, the title of the same year not decided yet), when
  it fails under a rule marked UNVERIFIED (the configurable default is applied and shown with its mark, a person
  decides), or when the rules hold no condition a machine can check for that award; ELIGIBLE otherwise;
- an officer's override (recorded reason) replaces the outcome; the computed one stays on the verdict.

``judge`` and ``judge_many`` (``thidua.eligibility.loading``) build the histories from the database, set-based.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import get_language, gettext

from thidua.core.dates import format_date
from thidua.registrations.models import Mark, weakest
from thidua.registrations.prerequisites import DISCIPLINE, RATINGS, SCOPES

from .models import DISCIPLINE_ORDER, RATING_ORDER, DisciplineLevel, ExclusionKind, Outcome

PASS, FAIL, UNKNOWN, INFO = "pass", "fail", "unknown", "info"

# Translations looked up once per language: a verdict says a dozen sentences, a unit's year has thousands of
# verdicts, and Django's gettext costs a context-local lookup per call. ``_language`` is set once per evaluation.
_TRANSLATED: dict[tuple[str | None, str], str] = {}
_language = threading.local()


def _(message: str) -> str:
    key = (getattr(_language, "code", None), message)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = gettext(message)
    return found


SCOPE_ORDER = {"grassroots": 0, "province": 1, "national": 2}
OFFICER_POSITIONS = {"chair", "vice_chair", "committee", "group_leader"}
# A transfer's gap (days between leaving one union and joining the next) still counted as continuous work.
CONTINUITY_GAP_DAYS = 31


# --- the nominee's history --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardFact:
    code: str
    year: int
    level: str = ""  # conferring level (catalog ``ConferringLevel``)
    thematic: bool = False  # chuyên đề or đột xuất: not a comprehensive (công trạng) reward
    decided_on: datetime.date | None = None
    revoked: bool = False
    source: str = ""  # "QĐ 45/QĐ-LĐLĐ ngày …" or "nhập từ Excel"
    unit_id: int | None = None  # the collective holding it (its predecessors' records included)


@dataclass(frozen=True)
class InitiativeFact:
    id: int
    title: str
    year: int
    decided_on: datetime.date | None
    scope: str  # grassroots / province / national
    benefit_vnd: int | None = None


@dataclass(frozen=True)
class ResearchFact:
    id: int
    title: str
    accepted_on: datetime.date


@dataclass(frozen=True)
class MembershipFact:
    unit_id: int
    joined_on: datetime.date
    left_on: datetime.date | None
    position: str = "member"


@dataclass(frozen=True)
class ExclusionFact:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    level: str = ""
    days: int | None = None
    source: str = ""

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return self.starts_on <= end and (self.ends_on is None or self.ends_on >= start)


@dataclass
class MemberFacts:
    """What a collective's criteria read of its members (those in it at the end of the year judged)."""

    total: int = 0
    holding: dict[str, int] = field(default_factory=dict)  # award code -> members holding it that year
    rated: dict[str, int] = field(default_factory=dict)  # rating -> members rated at least that
    disciplined: dict[str, int] = field(
        default_factory=dict
    )  # level -> members disciplined from that level up


@dataclass
class History:
    """Everything the engine reads of one nominee (a person, or a collective: ``is_collective``)."""

    id: int
    name: str
    is_collective: bool = False
    unit_id: int | None = None  # the person's union (the collective itself for a unit)
    awards: list[AwardFact] = field(default_factory=list)
    ratings: dict[int, str] = field(default_factory=dict)  # year -> rating
    initiatives: list[InitiativeFact] = field(default_factory=list)
    research: list[ResearchFact] = field(default_factory=list)
    memberships: list[MembershipFact] = field(default_factory=list)
    exclusions: list[ExclusionFact] = field(default_factory=list)
    registered: dict[int, set[str]] = field(default_factory=dict)  # year -> award codes registered for
    members: MemberFacts | None = None
    # For the same-level check: awards proposed for the same year in other proposals (codes), when known.
    override: OverrideFact | None = None


@dataclass(frozen=True)
class OverrideFact:
    id: int
    outcome: str
    reason: str
    by: str
    at: datetime.datetime | None


# --- the rules in force -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionFact:
    key: str
    name: str
    value: dict
    citation: str
    mark: str
    applies_to: tuple[str, ...] = ()
    source: str = ""

    def applies(self, code: str) -> bool:
        return not self.applies_to or code in self.applies_to


@dataclass
class Rules:
    """The award as the catalog gives it on the day judged, the general conditions in force that day, the award
    catalog's levels and kinds (for chains and same-level checks) and the rule changes inside the period."""

    code: str
    year: int
    on: datetime.date
    entry: Any | None  # registrations.queries.Entry
    conditions: list[ConditionFact] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # award code -> name
    levels: dict[str, str] = field(default_factory=dict)  # award code -> conferring level
    kinds: dict[str, str] = field(default_factory=dict)  # award code -> title / form
    chains: dict[str, str] = field(default_factory=dict)  # award code -> chain
    changes: list[tuple[datetime.date, Any]] = field(default_factory=list)  # versions_within
    # Texts and reasons that many nominees of one run share (by language), built once: see ``_Judgement.memo``.
    memo: dict[str | None, dict] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def chain_codes(self) -> frozenset[str]:
        """The award and those of its chain (who registered for Chiến sĩ thi đua may be Lao động tiên tiến)."""
        chain = self.chains.get(self.code, "")
        return frozenset({code for code, c in self.chains.items() if chain and c == chain} | {self.code})

    @cached_property
    def thematic_excluded(self) -> bool:
        return self.condition("dot-xuat-chuyen-de-khong-lam-can-cu") is not None

    def condition(self, key: str) -> ConditionFact | None:
        """The condition ``key`` in force, when it applies to this award (the first of the key: the latest)."""
        return self._applicable.get(key)

    @cached_property
    def _applicable(self) -> dict[str, ConditionFact]:
        found: dict[str, ConditionFact] = {}
        for c in self.conditions:
            found.setdefault(c.key, c)
        return {key: c for key, c in found.items() if c.applies(self.code)}

    @cached_property
    def period_reasons(self) -> list[Reason]:
        """What the verdict says of the rules used (the same for every nominee of a run)."""
        entry, reasons = self.entry, []
        citations = "; ".join(dict.fromkeys(entry.citations))
        reasons.append(Reason("period", INFO, _("Xét theo quy định có hiệu lực ngày %(day)s: %(citations)s.")
                              % {"day": format_date(self.on), "citations": citations}, entry.citation, entry.mark))  # fmt: skip
        end = judged_on(self.year)
        for day, changed in self.changes:
            now = (
                "; ".join(dict.fromkeys(changed.citations))
                if changed is not None
                else _("không còn quy định")
            )
            reasons.append(Reason("period", INFO, _("Trong năm %(year)s quy định thay đổi từ ngày %(day)s (%(now)s); "
                                  "năm được xét theo quy định hiệu lực ngày %(end)s.")
                                  % {"year": self.year, "day": format_date(day), "now": now, "end": format_date(end)},
                                  changed.citation if changed is not None else "",
                                  changed.mark if changed is not None else ""))  # fmt: skip
        if entry.unverified_fields:
            reasons.append(Reason("period", INFO, _("Quy định này có nội dung chưa xác minh (%(fields)s): giá trị đang "
                                  "dùng là mặc định cấu hình được.") % {"fields": ", ".join(entry.unverified_fields)},
                                  entry.citation, Mark.UNVERIFIED))  # fmt: skip
        return reasons

    @property
    def name(self) -> str:
        return self.entry.name if self.entry is not None else self.names.get(self.code, self.code)


@dataclass
class QuotaState:
    """A percentage cap of the proposing unit's year: the cap, those already holding it, those competing."""

    basis_count: int  # e.g. the unit's Lao động tiên tiến that year
    already: int  # already holding the capped title that year
    competing: int = 0  # nominees found eligible in the same run (judge_many), this one included


# --- the verdict ------------------------------------------------------------------------------------------------


@dataclass
class Reason:
    check: str
    outcome: str  # pass / fail / unknown / info
    text: str
    citation: str = ""
    mark: str = ""

    @property
    def decisive(self) -> bool:
        return self.outcome in (FAIL, UNKNOWN)

    def as_dict(self) -> dict:
        return {"check": self.check, "outcome": self.outcome, "text": self.text, "citation": self.citation,
                "mark": self.mark}  # fmt: skip


@dataclass
class Verdict:
    nominee_id: int
    nominee_name: str
    is_collective: bool
    award_code: str
    award_name: str
    year: int
    judged_on: datetime.date
    computed: str
    reasons: list[Reason]
    override: OverrideFact | None = None

    @property
    def outcome(self) -> str:
        return self.override.outcome if self.override is not None else self.computed

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)

    @property
    def computed_label(self) -> str:
        return str(Outcome(self.computed).label)

    @property
    def failing(self) -> list[Reason]:
        return [r for r in self.reasons if r.outcome == FAIL]

    @property
    def open_questions(self) -> list[Reason]:
        return [r for r in self.reasons if r.outcome == UNKNOWN]

    @property
    def mark(self) -> str:
        return weakest([r.mark for r in self.reasons if r.mark and r.outcome != INFO])

    def as_dict(self) -> dict:
        return {
            "nominee": {"id": self.nominee_id, "name": self.nominee_name,
                        "kind": "unit" if self.is_collective else "person"},
            "award": {"code": self.award_code, "name": self.award_name},
            "year": self.year,
            "judged_on": self.judged_on.isoformat(),
            "outcome": self.outcome,
            "outcome_label": self.outcome_label,
            "computed_label": self.computed_label,
            "computed": self.computed,
            "mark": self.mark,
            "reasons": [r.as_dict() for r in self.reasons],
            "override": None if self.override is None else {
                "outcome": self.override.outcome, "reason": self.override.reason, "by": self.override.by,
                "at": self.override.at.isoformat() if self.override.at else None,
            },
        }  # fmt: skip


def judged_on(year: int) -> datetime.date:
    """The year-end review of ``year`` is judged under the rules in force on 31/12 of that year."""
    return datetime.date(year, 12, 31)


# --- the evaluation ---------------------------------------------------------------------------------------------


class _Judgement:
    def __init__(self, history: History, rules: Rules, quota: QuotaState | None):
        self.h, self.rules, self.quota = history, rules, quota
        self.year = rules.year
        self.start, self.end = datetime.date(rules.year, 1, 1), judged_on(rules.year)
        self.reasons: list[Reason] = []
        self.substantive = False  # a check that is about this award (not only the general exclusions) ran
        # What depends only on the rules and a few facts (a rating, "no initiative", the quota) is said the same way
        # to thousands of nominees of a run: built once per run and language.
        self.memo: dict = rules.memo.setdefault(getattr(_language, "code", None), {})

    # helpers
    def add(self, check: str, outcome: str, text: str, citation: str = "", mark: str = "") -> Reason:
        reason = Reason(check, outcome, text, citation, mark)
        self.reasons.append(reason)
        return reason

    def award_name(self, code: str) -> str:
        return f"“{self.rules.names.get(code, code)}”"

    def held(self, code: str) -> dict[int, AwardFact]:
        """Years the nominee holds ``code`` (not revoked), comprehensive rewards only when the rules say that
        thematic and sudden rewards do not count."""
        thematic_excluded = self.rules.thematic_excluded
        years = {}
        for award in self.h.awards:
            if award.code == code and not award.revoked and not (thematic_excluded and award.thematic):
                years.setdefault(award.year, award)
        return years

    # the steps
    def run(self) -> Verdict:
        entry = self.rules.entry
        if entry is None:
            self.add("catalog", UNKNOWN, _("Không có quy định về %(name)s có hiệu lực ngày %(day)s trong danh mục: "
                                           "không xét tự động được.")
                     % {"name": self.award_name(self.rules.code), "day": format_date(self.rules.on)},
                     mark=Mark.UNVERIFIED)  # fmt: skip
            return self.verdict()
        self.period()
        self.recipient()
        if not self.reasons or self.reasons[-1].outcome != FAIL:
            self.registration()
            self.prerequisites()
            self.award_conditions()
            self.quotas()
            self.exclusions()
            self.twice()
            self.same_level()
        return self.verdict()

    def period(self) -> None:
        self.reasons.extend(self.rules.period_reasons)

    def recipient(self) -> None:
        award = self.rules.entry.award
        ok = award.for_collectives if self.h.is_collective else award.for_individuals
        if not ok:
            who = _("tập thể") if self.h.is_collective else _("cá nhân")
            self.add("recipient", FAIL, _("%(name)s không xét tặng cho %(who)s.")
                     % {"name": self.award_name(self.rules.code), "who": who}, self.rules.entry.citation,
                     self.rules.entry.mark)  # fmt: skip

    def registration(self) -> None:
        cond = self.rules.condition("dang-ky-thi-dua")
        if cond is None or self.rules.kinds.get(self.rules.code) not in cond.value.get("kinds", ["title"]):
            return
        registered = self.h.registered.get(self.year, set())
        key = ("registration", frozenset(registered))
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._registration(cond, registered)
        self.reasons.append(found)

    def _registration(self, cond: ConditionFact, registered: set[str]) -> Reason:
        if registered & self.rules.chain_codes:
            return Reason(cond.key, PASS, _("Đã đăng ký thi đua năm %(year)s.") % {"year": self.year}, cond.citation,
                          cond.mark)  # fmt: skip
        if registered:
            return Reason(cond.key, self._fail_or_ask(cond.mark), _("Đăng ký thi đua năm %(year)s không có %(name)s "
                     "(đã đăng ký: %(names)s).") % {"year": self.year, "name": self.award_name(self.rules.code),
                     "names": ", ".join(sorted(self.rules.names.get(c, c) for c in registered))},
                     cond.citation, cond.mark)  # fmt: skip
        return Reason(cond.key, self._fail_or_ask(cond.mark), _("Không đăng ký thi đua đầu năm %(year)s.")
                      % {"year": self.year}, cond.citation, cond.mark)  # fmt: skip

    @staticmethod
    def _fail_or_ask(mark: str) -> str:
        """A failed check decides only under a rule read in a primary or secondary text."""
        return UNKNOWN if mark == Mark.UNVERIFIED else FAIL

    # prerequisites of the catalog
    def prerequisites(self) -> None:
        entry = self.rules.entry
        items = entry.prerequisites
        fact = entry.fact("prerequisites")
        if not items:
            return
        citation = fact.citation if fact is not None else entry.citation
        mark = fact.mark if fact is not None else entry.mark
        window = max([i.get("years", 1) for i in items if i.get("kind") == "rating"] + [1])
        for item in items:
            outcome, text = self.item(item, window)
            self.substantive = True
            if outcome == FAIL:
                outcome = self._fail_or_ask(mark)
                if outcome == UNKNOWN:
                    text += " " + _("(Điều kiện chưa xác minh: áp dụng mặc định, cần người xét quyết định.)")
            self.add(f"prerequisite:{item.get('kind')}", outcome, text, citation, mark)

    def item(self, item: dict, window: int) -> tuple[str, str]:
        kind = item.get("kind")
        return getattr(self, f"item_{kind}", self.item_unknown)(item, window)

    def item_unknown(self, item: dict, window: int) -> tuple[str, str]:
        return UNKNOWN, _("Điều kiện loại “%(kind)s” chưa kiểm tra tự động được.") % {
            "kind": item.get("kind")
        }

    def item_award(self, item: dict, window: int) -> tuple[str, str]:
        code, years = item["award"], item.get("years", 1)
        last = self.year - 1 if item.get("window") == "before" else self.year
        held = self.held(code)
        name = self.award_name(code)
        if years == 1:
            if last in held:
                return PASS, _("Đạt %(name)s năm %(y)s (%(source)s).") % {
                    "name": name,
                    "y": last,
                    "source": held[last].source or "—",
                }
            if last == self.year:
                return UNKNOWN, _(
                    "Chưa có quyết định công nhận %(name)s năm %(y)s trong hồ sơ: cần xét cùng đợt "
                    "(điều kiện: đạt %(name)s năm %(y)s)."
                ) % {"name": name, "y": last}
            return FAIL, _("Không đạt %(name)s năm %(y)s (điều kiện: đạt năm liền trước).") % {
                "name": name,
                "y": last,
            }
        if item.get("consecutive"):
            wanted = list(range(last - years + 1, last + 1))
            missing = [y for y in wanted if y not in held]
            described = _("%(n)s năm liên tục đạt %(name)s (%(a)s–%(b)s)") % {
                "n": f"{years:02d}",
                "name": name,
                "a": wanted[0],
                "b": wanted[-1],
            }
            if not missing:
                return PASS, _("Đạt %(what)s.") % {"what": described}
            if missing == [self.year]:
                return UNKNOWN, _(
                    "Cần %(what)s: các năm trước đã đạt, năm %(y)s chưa có quyết định trong hồ sơ."
                ) % {"what": described, "y": self.year}
            return FAIL, _("Không đủ %(what)s: thiếu năm %(years)s.") % {
                "what": described,
                "years": ", ".join(str(y) for y in missing),
            }
        count = len([y for y in held if y <= last])
        if count >= years:
            return PASS, _("Đã %(n)s lần đạt %(name)s (cần %(k)s).") % {"n": count, "name": name, "k": years}
        return FAIL, _("Mới %(n)s lần đạt %(name)s (cần %(k)s).") % {"n": count, "name": name, "k": years}

    def _years(self, window: int) -> range:
        return range(self.year - window + 1, self.year + 1)

    def item_initiative(self, item: dict, window: int) -> tuple[str, str]:
        scope, count = item.get("scope", "grassroots"), item["count"]
        years = self._years(window)
        found = [
            i for i in self.h.initiatives
            if SCOPE_ORDER.get(i.scope, -1) >= SCOPE_ORDER[scope]
            and (i.decided_on.year if i.decided_on else i.year) in years
        ]  # fmt: skip
        if not found:
            key = ("no-initiative", scope, count, window)
            if key not in self.memo:
                self.memo[key] = self._initiatives(found, scope, count, years, window)
            return self.memo[key]
        return self._initiatives(found, scope, count, years, window)

    def _initiatives(self, found: list, scope: str, count: int, years: range, window: int) -> tuple[str, str]:
        span = str(self.year) if window == 1 else f"{years[0]}–{years[-1]}"
        if len(found) >= count:
            titles = "; ".join(f"“{i.title}”" for i in found[:3])
            return PASS, _(
                "Có %(n)s sáng kiến được công nhận, phạm vi ảnh hưởng %(scope)s trở lên, năm %(span)s: "
                "%(titles)s."
            ) % {"n": len(found), "scope": SCOPES[scope], "span": span, "titles": titles}
        return FAIL, _(
            "Cần %(k)s sáng kiến được công nhận, phạm vi ảnh hưởng %(scope)s trở lên, năm %(span)s; "
            "hồ sơ có %(n)s."
        ) % {"k": count, "scope": SCOPES[scope], "span": span, "n": len(found)}

    def item_research(self, item: dict, window: int) -> tuple[str, str]:
        years = self._years(window)
        found = [r for r in self.h.research if r.accepted_on.year in years]
        if not found:
            key = ("no-research", item["count"], window)
            if key not in self.memo:
                self.memo[key] = self._research(found, item["count"])
            return self.memo[key]
        return self._research(found, item["count"])

    def _research(self, found: list, count: int) -> tuple[str, str]:
        if len(found) >= count:
            return PASS, _("Có %(n)s đề tài nghiên cứu khoa học đã nghiệm thu: %(titles)s.") % {
                "n": len(found),
                "titles": "; ".join(f"“{r.title}”" for r in found[:3]),
            }
        return FAIL, _(
            "Cần %(k)s đề tài nghiên cứu khoa học đã nghiệm thu trong năm %(y)s; hồ sơ có %(n)s."
        ) % {"k": count, "y": self.year, "n": len(found)}

    def item_rating(self, item: dict, window: int) -> tuple[str, str]:
        wanted, years = item["rating"], item.get("years", 1)
        key = (
            "rating",
            wanted,
            years,
            *(self.h.ratings.get(y) for y in range(self.year - years + 1, self.year + 1)),
        )
        if key not in self.memo:
            self.memo[key] = self._rating(wanted, years)
        return self.memo[key]

    def _rating(self, wanted: str, years: int) -> tuple[str, str]:
        span = list(range(self.year - years + 1, self.year + 1))
        lows, missing = [], []
        for y in span:
            got = self.h.ratings.get(y)
            if got is None:
                missing.append(y)
            elif RATING_ORDER.get(got, -1) < RATING_ORDER[wanted]:
                lows.append(y)
        need = RATINGS[wanted]
        if lows:
            return FAIL, _("Cần xếp loại %(need)s các năm %(span)s; năm %(years)s thấp hơn.") % {
                "need": need,
                "span": ", ".join(map(str, span)),
                "years": ", ".join(map(str, lows)),
            }
        if missing:
            return UNKNOWN, _("Chưa có xếp loại mức độ hoàn thành nhiệm vụ năm %(years)s (cần %(need)s).") % {
                "years": ", ".join(map(str, missing)),
                "need": need,
            }
        return PASS, _("Xếp loại %(need)s trở lên năm %(span)s.") % {
            "need": need,
            "span": ", ".join(map(str, span)),
        }

    def item_member_share(self, item: dict, window: int) -> tuple[str, str]:
        members = self.h.members
        if members is None or not members.total:
            return UNKNOWN, _("Chưa có danh sách thành viên của tập thể cuối năm %(y)s.") % {"y": self.year}
        if item.get("award"):
            n, what = members.holding.get(item["award"], 0), self.award_name(item["award"])
        else:
            n, what = members.rated.get(item.get("rating", ""), 0), RATINGS.get(item.get("rating", ""), "")
        # in integers: n / total > p % ⇔ 100 n > p total
        ok = (
            100 * n > item["min_percent"] * members.total
            if item.get("strict")
            else (100 * n >= item["min_percent"] * members.total)
        )
        share = f"{n}/{members.total}"
        text = _("%(share)s thành viên đạt %(what)s (cần %(cmp)s %(p)s %%).") % {
            "share": share,
            "what": what,
            "cmp": _("trên") if item.get("strict") else _("từ"),
            "p": item["min_percent"],
        }
        if not ok and item.get("award") and not members.holding:
            return UNKNOWN, text + " " + _("Danh hiệu của thành viên năm nay chưa có quyết định.")
        return (PASS if ok else FAIL), text

    def item_member_count(self, item: dict, window: int) -> tuple[str, str]:
        members = self.h.members
        n = members.holding.get(item["award"], 0) if members is not None else 0
        text = _("%(n)s thành viên đạt %(name)s (cần ít nhất %(k)s).") % {
            "n": n,
            "name": self.award_name(item["award"]),
            "k": item["min_count"],
        }
        return (PASS if n >= item["min_count"] else FAIL), text

    def item_no_discipline(self, item: dict, window: int) -> tuple[str, str]:
        level = item["from"]
        label = DISCIPLINE.get(level, level)
        if item.get("among") == "members":
            members = self.h.members
            n = members.disciplined.get(level, 0) if members is not None else 0
            if n:
                return FAIL, _("%(n)s thành viên bị kỷ luật từ hình thức %(level)s trở lên năm %(y)s.") % {
                    "n": n,
                    "level": label,
                    "y": self.year,
                }
            return PASS, _("Không thành viên nào bị kỷ luật từ hình thức %(level)s trở lên năm %(y)s.") % {
                "level": label,
                "y": self.year,
            }
        found = self._disciplines(level)
        if found:
            d = found[0]
            return FAIL, _("Bị kỷ luật %(level)s (%(source)s, từ %(a)s) trong năm %(y)s.") % {
                "level": DisciplineLevel(d.level).label.lower(),
                "source": d.source,
                "a": format_date(d.starts_on),
                "y": self.year,
            }
        return PASS, _("Không bị kỷ luật từ hình thức %(level)s trở lên năm %(y)s.") % {
            "level": label,
            "y": self.year,
        }

    def _disciplines(self, from_level: str) -> list[ExclusionFact]:
        floor = DISCIPLINE_ORDER.get(from_level, 0)
        return [
            e for e in self.h.exclusions
            if e.kind == ExclusionKind.DISCIPLINE and DISCIPLINE_ORDER.get(e.level, 0) >= floor
            and e.overlaps(self.start, self.end)
        ]  # fmt: skip

    def item_service_years(self, item: dict, window: int) -> tuple[str, str]:
        days = 0
        for m in self.h.memberships:
            if m.position in OFFICER_POSITIONS:
                days += ((min(m.left_on or self.end, self.end)) - m.joined_on).days + 1
        years = days // 365
        if days == 0:
            return UNKNOWN, _("Hệ thống chưa có quá trình làm công tác công đoàn (cần %(n)s năm).") % {
                "n": item["min_years"]
            }
        text = _("%(y)s năm làm công tác công đoàn theo hồ sơ (cần %(n)s năm).") % {
            "y": years,
            "n": item["min_years"],
        }
        return (PASS if years >= item["min_years"] else UNKNOWN), text

    def tenure_start(self) -> tuple[datetime.date | None, str]:
        """When the nominee's continuous work began: the recorded tenure start, else the first of the memberships
        following one another without a gap (transfers and restructurings do not break it)."""
        explicit = [e for e in self.h.exclusions if e.kind == ExclusionKind.TENURE_START]
        if explicit:
            first = max(explicit, key=lambda e: e.starts_on)
            return first.starts_on, first.source
        spans = sorted((m for m in self.h.memberships if m.joined_on <= self.end), key=lambda m: m.joined_on)
        if not spans:
            return None, ""
        start = spans[-1].joined_on
        for previous in reversed(spans[:-1]):
            if previous.left_on is None or (start - previous.left_on).days <= CONTINUITY_GAP_DAYS:
                start = min(start, previous.joined_on)
            else:
                break
        return start, _("quá trình sinh hoạt công đoàn")

    def months_worked(self) -> tuple[int | None, str]:
        start, source = self.tenure_start()
        if start is None:
            return None, source
        months = (self.end.year - start.year) * 12 + (self.end.month - start.month) + (1 if self.end.day >= start.day
                                                                                       else 0)  # fmt: skip
        return max(months, 0), source

    def item_tenure_months(self, item: dict, window: int) -> tuple[str, str]:
        months, source = self.months_worked()
        if months is None:
            return UNKNOWN, _("Chưa có ngày bắt đầu công tác trong hồ sơ (cần từ %(n)s tháng).") % {
                "n": item["min_months"]
            }
        text = _("Đã công tác %(m)s tháng tính đến %(end)s (theo %(source)s; cần từ %(n)s tháng).") % {
            "m": months,
            "end": format_date(self.end),
            "source": source,
            "n": item["min_months"],
        }
        return (PASS if months >= item["min_months"] else FAIL), text

    def absence_days(self) -> int:
        return sum(e.days or 0 for e in self.h.exclusions
                   if e.kind == ExclusionKind.ABSENCE and e.overlaps(self.start, self.end))  # fmt: skip

    def item_absence_days(self, item: dict, window: int) -> tuple[str, str]:
        days = self.absence_days()
        text = _("Nghỉ %(d)s ngày làm việc năm %(y)s, không kể nghỉ thai sản (tối đa %(n)s ngày).") % {
            "d": days,
            "y": self.year,
            "n": item["max_days"],
        }
        return (PASS if days <= item["max_days"] else FAIL), text

    def item_any_of(self, item: dict, window: int) -> tuple[str, str]:
        results = tuple(self.item(i, window) for i in item["items"])
        key = ("any_of", results)
        if key not in self.memo:
            self.memo[key] = self._any_of(results)
        return self.memo[key]

    @staticmethod
    def _any_of(results: tuple[tuple[str, str], ...]) -> tuple[str, str]:
        texts = " ".join(t for _o, t in results)
        outcomes = {o for o, _t in results}
        if PASS in outcomes:
            return PASS, _("Đạt một trong các điều kiện: %(texts)s") % {"texts": texts}
        if UNKNOWN in outcomes:
            return UNKNOWN, _("Chưa xác định được điều kiện nào trong số: %(texts)s") % {"texts": texts}
        return FAIL, _("Không đạt điều kiện nào trong số: %(texts)s") % {"texts": texts}

    # general conditions that name this award (time in the unit, absence, value of benefit)
    def award_conditions(self) -> None:
        for key, kind in (("thoi-gian-cong-tac", "tenure_months"), ("ngay-nghi", "absence_days")):
            cond = self.rules.condition(key)
            if cond is None or self.h.is_collective:
                continue
            outcome, text = self.item({"kind": kind, **cond.value}, 1)
            self.substantive = True
            self.add(cond.key, self._fail_or_ask(cond.mark) if outcome == FAIL else outcome, text, cond.citation,
                     cond.mark)  # fmt: skip
        cond = self.rules.condition("gia-tri-lam-loi")
        if cond is not None:
            self.substantive = True
            self._benefit(cond)

    def _benefit(self, cond: ConditionFact) -> None:
        """The Bằng Lao động sáng tạo's value of benefit: the total of the solutions recognised in the year (QĐ
        1564/QĐ-TLĐ Điều 16 k1: "có từ 1 giải pháp trở lên với tổng giá trị làm lợi từ …"), against the threshold of
        each kind of member — the records do not say a member's schooling or whether they manage, so below the
        highest threshold a person decides; the criterion of research (k2) stays open below the lowest."""
        value, vnd = cond.value, (lambda amount: f"{amount:,}".replace(",", "."))
        threshold = value.get("min_benefit_vnd")
        if threshold is None:
            self.add(
                cond.key,
                UNKNOWN,
                _("Chưa có ngưỡng giá trị làm lợi: cần người xét."),
                cond.citation,
                cond.mark,
            )
            return
        by_year: dict[int, int] = {}
        for i in self.h.initiatives:
            year = i.decided_on.year if i.decided_on else i.year
            by_year[year] = by_year.get(year, 0) + (i.benefit_vnd or 0)
        total = sum(by_year.get(y, 0) for y in self._years(value.get("years", 1)))
        highest = max(threshold, value.get("graduate_vnd") or 0, value.get("leader_vnd") or 0)
        span = value.get("consecutive_years")
        run = self._years(span) if span else range(0)
        run_total = sum(by_year.get(y, 0) for y in run)
        run_ok = (
            bool(span)
            and all(by_year.get(y) for y in run)
            and run_total >= value.get("consecutive_total_vnd", 0)
        )
        if total >= highest:
            self.add(cond.key, PASS, _("Các giải pháp được công nhận trong năm làm lợi %(v)s đồng (ngưỡng cao nhất "
                     "%(t)s đồng).") % {"v": vnd(total), "t": vnd(highest)}, cond.citation, cond.mark)  # fmt: skip
        elif total >= threshold or run_ok:
            reached = (_("làm lợi %(v)s đồng trong năm") % {"v": vnd(total)} if total >= threshold else
                       _("%(n)s năm liên tục có giải pháp, tổng làm lợi %(v)s đồng")
                       % {"n": span, "v": vnd(run_total)})  # fmt: skip
            tiers = _(
                "đoàn viên có trình độ đại học trở lên cần %(g)s đồng, cán bộ lãnh đạo quản lý cần %(l)s đồng"
            )
            self.add(cond.key, UNKNOWN, _("Đạt ngưỡng của công nhân, lao động trình độ cao đẳng trở xuống không giữ "
                     "chức vụ lãnh đạo (%(reached)s); %(tiers)s: cần xác định đối tượng.")
                     % {"reached": reached, "tiers": tiers % {"g": vnd(value.get("graduate_vnd") or highest),
                                                               "l": vnd(highest)}},
                     cond.citation, cond.mark)  # fmt: skip
        else:
            self.add(cond.key, UNKNOWN, _("Các giải pháp được công nhận trong năm làm lợi %(v)s đồng, dưới ngưỡng "
                     "%(t)s đồng; còn có thể xét theo tiêu chuẩn đề tài khoa học: cần người xét.")
                     % {"v": vnd(total), "t": vnd(threshold)}, cond.citation, cond.mark)  # fmt: skip

    def quotas(self) -> None:
        """The same for every nominee of a run (the proposing unit's cap and counts): said once."""
        q = self.quota
        key = ("quota", None if q is None else (q.basis_count, q.already, q.competing))
        if key not in self.memo:
            start = len(self.reasons)
            self._quotas()
            self.memo[key] = self.reasons[start:]
        else:
            self.reasons.extend(self.memo[key])

    def _quotas(self) -> None:
        entry = self.rules.entry
        fact = entry.fact("quotas")
        percent_caps = [q for q in entry.quotas if "percent" in q and q.get("of")]
        if not percent_caps:
            if fact is not None and fact.value is None:  # a marked absence ("no cap under NĐ 98")
                self.add("quota", PASS, _("Không áp dụng tỷ lệ khống chế theo quy định hiệu lực ngày %(day)s.")
                         % {"day": format_date(self.rules.on)}, fact.citation, fact.mark)  # fmt: skip
            return
        cap_rule = percent_caps[0]
        citation, mark = fact.citation, fact.mark
        if self.quota is None:
            self.add("quota", UNKNOWN, _("Tỷ lệ khống chế không quá %(p)s %% số đạt %(of)s của đơn vị đề nghị: chưa "
                     "rõ đơn vị đề nghị.") % {"p": cap_rule["percent"], "of": self.award_name(cap_rule["of"])},
                     citation, mark)  # fmt: skip
            return
        cap = cap_rule["percent"] * self.quota.basis_count // 100
        left = cap - self.quota.already
        base = _("Không quá %(p)s %% số đạt %(of)s của đơn vị đề nghị năm %(y)s: %(n)s người → tối đa %(cap)s; đã "
                 "công nhận %(a)s.") % {"p": cap_rule["percent"], "of": self.award_name(cap_rule["of"]), "y": self.year,
                                        "n": self.quota.basis_count, "cap": cap, "a": self.quota.already}  # fmt: skip
        if left <= 0:
            self.add("quota", self._fail_or_ask(mark), base + " " + _("Đã hết chỉ tiêu."), citation, mark)
        elif self.quota.competing > left:
            self.add("quota", UNKNOWN, base + " " + _("%(c)s người đủ điều kiện cho %(left)s suất còn lại: Hội đồng "
                     "chọn theo thứ tự ưu tiên.") % {"c": self.quota.competing, "left": left}, citation, mark)  # fmt: skip
        else:
            self.add("quota", PASS, base + " " + _("Còn %(left)s suất.") % {"left": left}, citation, mark)

    def exclusions(self) -> None:
        cond = self.rules.condition("khong-khen-khi-dang-xem-xet")
        if cond is not None:
            open_cases = [e for e in self.h.exclusions
                          if e.kind in (ExclusionKind.INVESTIGATION, ExclusionKind.COMPLAINT)
                          and e.starts_on <= self.end and (e.ends_on is None or e.ends_on >= self.end)]  # fmt: skip
            for case in open_cases:
                self.add(cond.key, self._fail_or_ask(cond.mark), _("%(kind)s (%(source)s, từ %(a)s): chưa xét khen "
                         "thưởng cho đến khi có kết luận.") % {"kind": ExclusionKind(case.kind).label,
                         "source": case.source, "a": format_date(case.starts_on)}, cond.citation, cond.mark)  # fmt: skip
        cond = self.rules.condition("ky-luat")
        if cond is not None:
            for d in self._disciplines(cond.value.get("from", "reprimand")):
                until = format_date(d.ends_on) if d.ends_on else _("chưa hết thời hạn")
                self.add(cond.key, self._fail_or_ask(cond.mark), _("Bị kỷ luật %(level)s (%(source)s, từ %(a)s đến "
                         "%(b)s): thành tích chỉ được tính từ khi hết thời hạn kỷ luật.") % {
                         "level": DisciplineLevel(d.level).label.lower(), "source": d.source,
                         "a": format_date(d.starts_on), "b": until}, cond.citation, cond.mark)  # fmt: skip
        cond = self.rules.condition("thai-san")
        if cond is not None:
            leaves = [e for e in self.h.exclusions
                      if e.kind == ExclusionKind.MATERNITY and e.overlaps(self.start, self.end)]  # fmt: skip
            for leave in leaves:
                self.add(cond.key, INFO, _("Nghỉ thai sản từ %(a)s đến %(b)s: được tính là thời gian công tác, không "
                         "tính vào số ngày nghỉ.") % {"a": format_date(leave.starts_on), "b": format_date(leave.ends_on)},
                         cond.citation, cond.mark)  # fmt: skip
        cond = self.rules.condition("chuyen-cong-tac")
        if cond is not None and not self.h.is_collective:
            months = cond.value.get("min_months", 6)
            for m in self.h.memberships:
                if m.left_on and self.start <= m.left_on <= self.end and m.unit_id != self.h.unit_id:
                    spent = (m.left_on - max(m.joined_on, self.start)).days
                    if spent >= months * 30:
                        self.add(cond.key, INFO, _("Chuyển công tác trong năm (ở đơn vị cũ đến %(b)s, từ %(n)s tháng "
                                 "trở lên): đơn vị mới xét, cần ý kiến của đơn vị cũ.") % {
                                 "b": format_date(m.left_on), "n": months}, cond.citation, cond.mark)  # fmt: skip

    def twice(self) -> None:
        cond = self.rules.condition("mot-thanh-tich-mot-lan")
        if cond is None:
            return
        same = [
            a for a in self.h.awards if a.code == self.rules.code and a.year == self.year and not a.revoked
        ]
        if not same:
            return
        values = {"name": self.award_name(self.rules.code), "y": self.year, "source": same[0].source or "—"}
        if self.rules.kinds.get(self.rules.code) == "title":  # a title is the year's: once a year
            self.add(cond.key, self._fail_or_ask(cond.mark), _("Đã được %(name)s năm %(y)s (%(source)s): một thành "
                     "tích không khen hai lần.") % values, cond.citation, cond.mark)  # fmt: skip
        else:  # a form may be given again for another achievement of the same year (a theme, a sudden deed)
            self.add(cond.key, UNKNOWN, _("Đã được %(name)s năm %(y)s (%(source)s): chỉ khen lần nữa cho một thành "
                     "tích khác — cần xem xét.") % values, cond.citation, cond.mark)  # fmt: skip

    def same_level(self) -> None:
        cond = self.rules.condition("toan-dien-chuyen-de")
        if cond is None:
            return
        thematic_codes = set(cond.value.get("thematic", []))
        level = self.rules.levels.get(self.rules.code)
        proposing_thematic = self.rules.code in thematic_codes
        for a in self.h.awards:
            if a.year != self.year or a.revoked or a.code == self.rules.code:
                continue
            other_level = a.level or self.rules.levels.get(a.code)
            other_thematic = a.thematic or a.code in thematic_codes
            if other_level == level and other_thematic != proposing_thematic:
                self.add(cond.key, self._fail_or_ask(cond.mark), _("Năm %(y)s đã được %(name)s cùng cấp quyết định "
                         "(%(source)s): cùng một cấp không vừa khen toàn diện vừa khen chuyên đề.") % {
                         "y": self.year, "name": self.award_name(a.code), "source": a.source or "—"},
                         cond.citation, cond.mark)  # fmt: skip

    def verdict(self) -> Verdict:
        if not self.substantive and self.rules.entry is not None:
            entry = self.rules.entry
            criteria = entry.value("criteria") or ""
            self.add("criteria", UNKNOWN, (_("Quy định không có điều kiện kiểm tra tự động được; tiêu chuẩn cần đối "
                     "chiếu: %(criteria)s") % {"criteria": criteria}) if criteria else _("Quy định không có tiêu chuẩn "
                     "kiểm tra tự động được: cần người xét."), entry.citation, entry.mark)  # fmt: skip
        outcomes = {r.outcome for r in self.reasons}
        computed = (
            Outcome.NOT_ELIGIBLE if FAIL in outcomes else Outcome.NEEDS_JUDGEMENT if UNKNOWN in outcomes
            else Outcome.ELIGIBLE
        )  # fmt: skip
        return Verdict(
            nominee_id=self.h.id, nominee_name=self.h.name, is_collective=self.h.is_collective,
            award_code=self.rules.code, award_name=self.rules.name, year=self.year, judged_on=self.rules.on,
            computed=str(computed), reasons=self.reasons, override=self.h.override,
        )  # fmt: skip


def evaluate(history: History, rules: Rules, quota: QuotaState | None = None) -> Verdict:
    """The verdict for one nominee (pure: reads only its arguments)."""
    _language.code = get_language()
    return _Judgement(history, rules, quota).run()


def evaluate_many(
    histories: Iterable[History], rules: Rules, quota: QuotaState | None = None
) -> list[Verdict]:
    """Verdicts for many nominees of one proposing unit: a percentage cap is shared — when more nominees are
    eligible than places are left, each of them needs the council's choice."""
    histories = list(histories)
    _language.code = get_language()
    verdicts = [_Judgement(h, rules, quota).run() for h in histories]
    if quota is None:
        return verdicts
    eligible = [i for i, v in enumerate(verdicts) if v.computed == Outcome.ELIGIBLE]
    left = rules.entry and quota_cap_left(rules, quota)
    if left is not None and len(eligible) > max(left, 0) > 0:
        # Only the quota's reason depends on how many compete: the same one for all, in place of the first.
        competing = _Judgement(histories[eligible[0]], rules, QuotaState(quota.basis_count, quota.already,
                                                                          competing=len(eligible)))  # fmt: skip
        competing.quotas()
        for i in eligible:
            judged = _Judgement(histories[i], rules, quota)
            judged.substantive = True
            judged.reasons = [r for r in verdicts[i].reasons if r.check != "quota"]
            at = next(n for n, r in enumerate(verdicts[i].reasons) if r.check == "quota")
            judged.reasons[at:at] = competing.reasons
            verdicts[i] = judged.verdict()
    return verdicts


def quota_cap_left(rules: Rules, quota: QuotaState) -> int | None:
    caps = [q for q in rules.entry.quotas if "percent" in q and q.get("of")] if rules.entry else []
    if not caps:
        return None
    return caps[0]["percent"] * quota.basis_count // 100 - quota.already


# --- from the database -------------------------------------------------------------------------------------------


def quota_from(histories: list[History], rules: Rules) -> QuotaState | None:
    """The proposing unit's percentage cap, counted over the nominees' own records (no query)."""
    caps = [q for q in rules.entry.quotas if "percent" in q and q.get("of")] if rules.entry else []
    if not caps:
        return None
    basis = caps[0]["of"]

    def holding(code: str) -> int:
        return sum(1 for h in histories if any(a.code == code and a.year == rules.year and not a.revoked
                                               for a in h.awards))  # fmt: skip

    return QuotaState(basis_count=holding(basis), already=holding(rules.code))


def judge(nominee: Any, award_code: str, year: int, proposing_unit: Any = None) -> Verdict:
    """The verdict for one nominee — a ``Person`` or a ``Unit`` (collective) — proposed for the title or form
    ``award_code`` at the year-end review of ``year`` by ``proposing_unit`` (default: the person's union, or the
    collective itself), under the rules in force on 31/12 of ``year`` in the proposing unit's federation."""
    from thidua.orgs.models import Membership, Person, Unit

    from . import loading

    if isinstance(nominee, Unit):
        unit = proposing_unit or nominee
        rules = loading.load_rules(award_code, year, unit)
        history = loading.unit_histories(Unit.objects.filter(pk=nominee.pk).values("pk"), year, award_code)[0]
        return evaluate(history, rules)
    assert isinstance(nominee, Person)
    unit = proposing_unit or nominee.unit
    rules = loading.load_rules(award_code, year, unit)
    history = loading.people_histories(Person.objects.filter(pk=nominee.pk).values("pk"), year, award_code)[0]
    quota = None
    if (
        unit is not None
        and rules.entry is not None
        and any("percent" in q and q.get("of") for q in rules.entry.quotas)
    ):
        peers = (
            Membership.objects.as_of(judged_on(year))
            .filter(unit__path__startswith=unit.path)
            .values("person_id")
        )
        facts = loading.award_facts_of_people(peers, year, year)
        quota = quota_from([History(id=pid, name="", awards=awards) for pid, awards in facts.items()], rules)
    return evaluate(history, rules, quota)


def judge_many(unit: Any, year: int, award_code: str, collective: bool | None = None) -> list[Verdict]:
    """Verdicts for every nominee of ``unit``'s year: its people (those in its subtree at the end of the year) for
    an individual title or form, its collectives (the units below it) for a collective one — ``collective`` chooses
    for forms given to both. A fixed number of queries whatever the number of nominees."""
    from thidua.orgs.models import Membership, Unit

    from . import loading

    rules = loading.load_rules(award_code, year, unit)
    if collective is None:
        award = rules.entry.award if rules.entry is not None else None
        collective = award is not None and not award.for_individuals
    if collective:
        ids = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth, archived_at__isnull=True)
        histories = loading.unit_histories(ids.values("pk"), year, award_code)
        return evaluate_many(histories, rules)
    ids = (
        Membership.objects.as_of(judged_on(year)).filter(unit__path__startswith=unit.path).values("person_id")
    )
    histories = loading.people_histories(ids, year, award_code)
    return evaluate_many(histories, rules, quota_from(histories, rules))


def judge_each(items: Iterable[tuple[Any, str, int, Any]]) -> list[Verdict]:
    """Verdicts for ``(nominee, award_code, year, proposing_unit)`` items of mixed awards, years and units — a
    proposal's nominees, a page of suggestions — in the order given. Grouped by award, year, proposing unit and kind
    of nominee; each group costs a fixed number of queries whatever its size (``proposing_unit`` None: the person's
    union, or the collective itself)."""
    from thidua.orgs.models import Membership, Person, Unit

    from . import loading

    items = list(items)
    groups: dict[tuple, list[int]] = {}
    for index, (nominee, code, year, unit) in enumerate(items):
        is_unit = isinstance(nominee, Unit)
        proposing_id = unit.pk if unit is not None else (nominee.pk if is_unit else nominee.unit_id)
        groups.setdefault((code, year, proposing_id, is_unit), []).append(index)
    # the proposing units in one query (a person's union is not loaded one by one)
    units = Unit.objects.in_bulk({key[2] for key in groups if key[2] is not None})
    verdicts: list[Verdict | None] = [None] * len(items)
    for (code, year, unit_pk, is_unit), indexes in groups.items():
        proposing = units.get(unit_pk) if unit_pk is not None else None
        rules = loading.load_rules(code, year, proposing)
        ids = [items[i][0].pk for i in indexes]
        if is_unit:
            loaded = loading.unit_histories(Unit.objects.filter(pk__in=ids).values("pk"), year, code)
            quota = None
        else:
            loaded = loading.people_histories(Person.objects.filter(pk__in=ids).values("pk"), year, code)
            quota = None
            if (
                proposing is not None
                and rules.entry is not None
                and quota_cap_left(rules, QuotaState(0, 0)) is not None
            ):
                peers = Membership.objects.as_of(judged_on(year)).filter(
                    unit__path__startswith=proposing.path
                )
                facts = loading.award_facts_of_people(peers.values("person_id"), year, year)
                quota = quota_from([History(id=pid, name="", awards=a) for pid, a in facts.items()], rules)
        by_id = {h.id: h for h in loaded}
        group = evaluate_many([by_id[pk] for pk in ids], rules, quota)
        for i, verdict in zip(indexes, group, strict=True):
            verdicts[i] = verdict
    return [v for v in verdicts if v is not None]
