"""Reads of the councils: thresholds from the catalog rule in force on the session's date, conflicts of interest
worked out from the tree, the tally of an item (integer arithmetic only), and the data of a session's page in a
bounded number of queries.

The threshold of an item: the catalog's ``vote_threshold_percent`` and ``vote_base`` for the item's title or form on
the session's date (the council's federation layer on top); what the regulation says of a recused member and of
absent members' written opinions comes from ``VotingBasis`` (the rule's own row, else its regulation's). Where the
catalog sets no percentage, the council's own default applies (more than ``default_vote_percent`` %). Passed means
``yes × 100 ≥ percent × base`` (``>`` for the council's default "more than half").
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.scoping import sees_everything
from thidua.orgs.models import UnitVersion
from thidua.registrations.models import Mark, VoteBase, weakest
from thidua.registrations.queries import catalog_on

from .models import (
    ROLE_ORDER,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Council,
    CouncilMember,
    Recusal,
    RecusalReason,
    Session,
    SessionStatus,
    VotingBasis,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit


# --- thresholds -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """What an item needs to pass, and on which base, with where it comes from."""

    percent: int
    strict: bool  # "more than" (the council's default, quá nửa) rather than "at least"
    base: str  # VoteBase
    recused_leave_base: bool
    written_opinions_count: bool
    citation: str
    recusal_citation: str
    recusal_wording: str
    mark: str
    from_catalog: bool

    @property
    def base_label(self) -> str:
        return str(VoteBase(self.base).label) if self.base in VoteBase.values else self.base

    def describe(self) -> str:
        """ "ít nhất 90 % tổng số thành viên Hội đồng" / "trên 50 % tổng số thành viên Hội đồng"."""
        words = _("trên %(p)s %%") if self.strict else _("ít nhất %(p)s %%")
        return f"{words % {'p': self.percent}} {self.base_label}"


def _council_default(council: Council) -> Threshold:
    return Threshold(
        percent=council.default_vote_percent, strict=True, base=council.default_vote_base,
        recused_leave_base=council.default_recused_leave_base, written_opinions_count=True,
        citation=council.rules_citation or _("Quy chế hoạt động của Hội đồng (mặc định)"),
        recusal_citation=council.rules_citation or _("Quy chế hoạt động của Hội đồng (mặc định)"),
        recusal_wording=(
            _("Thành viên không tham gia biểu quyết không tính vào mẫu số.")
            if council.default_recused_leave_base
            else _("Thành viên không tham gia biểu quyết vẫn tính vào mẫu số.")
        ),
        mark=Mark.UNVERIFIED, from_catalog=False,
    )  # fmt: skip


def thresholds_for(session: Session, items: Iterable[AgendaItem]) -> dict[int, Threshold]:
    """The threshold of each item (by id): the catalog on the session's date — a few queries for all the items."""
    items = list(items)
    council = session.council
    catalog = catalog_on(session.held_on, council.unit) if any(i.award_id for i in items) else None
    bases = {(b.regulation_id, b.award_id): b for b in VotingBasis.objects.all()}
    found: dict[int, Threshold] = {}
    default = _council_default(council)
    for item in items:
        entry = catalog.get(item.award.code) if catalog is not None and item.award is not None else None
        value = entry.values.get("vote_threshold_percent") if entry is not None else None
        if entry is None or value is None:
            found[item.pk] = default
            continue
        rule = value.rule
        basis = bases.get((rule.regulation_id, item.award_id)) or bases.get((rule.regulation_id, None))
        if basis is not None:
            leave, written = basis.recused_leave_base, basis.written_opinions_count
            wording, recusal_citation, recusal_mark = basis.wording, basis.citation, basis.mark
        else:
            leave, written = False, True
            wording = _("Văn bản không quy định riêng về thành viên không tham gia biểu quyết: mẫu số giữ theo câu "
                        "chữ của quy định.")  # fmt: skip
            recusal_citation, recusal_mark = rule.citation, Mark.UNVERIFIED
        found[item.pk] = Threshold(
            percent=int(value.value), strict=False, base=entry.value("vote_base") or VoteBase.TOTAL,
            recused_leave_base=leave, written_opinions_count=written, citation=rule.citation,
            recusal_citation=recusal_citation, recusal_wording=wording,
            mark=weakest([value.mark, recusal_mark]), from_catalog=True,
        )  # fmt: skip
    return found


# --- the tally --------------------------------------------------------------------------------------------------


def _percent_text(part: int, whole: int) -> str:
    """``part / whole`` as a percentage with one decimal, rounded down, in integers: 6/7 → "85,7 %"."""
    if whole <= 0:
        return "—"
    tenths = part * 1000 // whole
    whole_part, decimal = divmod(tenths, 10)
    return f"{whole_part} %" if decimal == 0 else f"{whole_part},{decimal} %"


@dataclass
class Tally:
    threshold: Threshold
    members: int  # serving on the session's date
    present: int
    recused: int
    recused_present: int
    yes: int = 0
    no: int = 0
    invalid: int = 0
    written_yes: int = 0
    written_no: int = 0

    @property
    def written_counted(self) -> bool:
        return self.threshold.written_opinions_count and self.threshold.base == VoteBase.TOTAL

    @property
    def base(self) -> int:
        if self.threshold.base == VoteBase.PRESENT:
            return self.present - (self.recused_present if self.threshold.recused_leave_base else 0)
        return self.members - (self.recused if self.threshold.recused_leave_base else 0)

    @property
    def counted_yes(self) -> int:
        return self.yes + (self.written_yes if self.written_counted else 0)

    @property
    def counted_no(self) -> int:
        return self.no + (self.written_no if self.written_counted else 0)

    @property
    def passed(self) -> bool:
        base, need = self.base, self.threshold.percent
        if base <= 0:
            return False
        if self.threshold.strict:
            return self.counted_yes * 100 > need * base
        return self.counted_yes * 100 >= need * base

    def explanation(self) -> str:
        t = self.threshold
        if self.threshold.base == VoteBase.PRESENT:
            base_words = _("%(n)s thành viên dự họp") % {"n": self.present}
            leaving = self.recused_present
        else:
            base_words = _("%(n)s thành viên Hội đồng") % {"n": self.members}
            leaving = self.recused
        if leaving and t.recused_leave_base:
            base_words += _(", trừ %(r)s thành viên không tham gia biểu quyết, còn %(b)s") % {
                "r": leaving,
                "b": self.base,
            }
        elif leaving:
            base_words += _(" (%(r)s thành viên không tham gia biểu quyết vẫn tính vào mẫu số)") % {
                "r": leaving
            }
        written = ""
        if self.written_yes or self.written_no:
            words = _("ý kiến bằng văn bản của thành viên vắng mặt: %(y)s đồng ý, %(n)s không đồng ý") % {
                "y": self.written_yes, "n": self.written_no}  # fmt: skip
            if self.written_counted:
                written = _(" (tính cả %(w)s)") % {"w": words}
            else:
                written = _(" (%(w)s, không tính theo quy định)") % {"w": words}
        verdict = _("Đạt") if self.passed else _("Không đạt")
        return _(
            "%(verdict)s: %(yes)s phiếu đồng ý%(written)s trên %(base)s, đạt %(share)s; yêu cầu %(need)s "
            "(%(base_words)s) theo %(citation)s. %(recusal)s"
        ) % {
            "verdict": verdict, "yes": self.counted_yes, "written": written, "base": self.base,
            "share": _percent_text(self.counted_yes, self.base), "need": t.describe(), "base_words": base_words,
            "citation": t.citation, "recusal": t.recusal_wording,
        }  # fmt: skip


# --- conflicts of interest --------------------------------------------------------------------------------------


def paths_on(day: datetime.date, unit_ids: Iterable[int]) -> dict[int, str]:
    """Each unit's place in the tree on ``day`` (its version then, ``orgs.UnitVersion``): a 2017 session is judged
    on the 2017 tree, before the 2025 mergers moved the unions. Units without a version keep their current path."""
    ids = {i for i in unit_ids if i is not None}
    if not ids:
        return {}
    return dict(UnitVersion.objects.as_of(day).filter(unit_id__in=ids).values_list("unit_id", "path"))


def conflict_reason(
    member: CouncilMember, item: AgendaItem, paths: Mapping[int, str] | None = None
) -> str | None:
    """Why ``member`` must not vote on ``item``: the nominee themself, or a member working in the nominee's unit
    or in a unit below it (its subtree), on the tree of the session's date (``paths``, from ``paths_on``). A
    member from a unit above, beside or elsewhere has no conflict: the council of a federation sits above every
    nominee."""
    if item.person_id is not None and member.person_id == item.person_id:
        return RecusalReason.NOMINEE
    paths = paths or {}
    member_path = paths.get(member.unit_id) or member.unit.path
    item_path = paths.get(item.unit_id) or item.unit.path
    if member_path.startswith(item_path):
        return RecusalReason.OWN_UNIT
    return None


def conflicts_of(members: Iterable[CouncilMember], items: Iterable[AgendaItem],
                 day: datetime.date) -> dict[int, dict[int, str]]:  # fmt: skip
    """item id -> {member id: reason} (members and items with their units loaded): one query for the tree."""
    members, items = list(members), list(items)
    paths = paths_on(day, [m.unit_id for m in members] + [i.unit_id for i in items])
    found: dict[int, dict[int, str]] = defaultdict(dict)
    for item in items:
        for member in members:
            reason = conflict_reason(member, item, paths)
            if reason:
                found[item.pk][member.pk] = reason
    return found


# --- the session --------------------------------------------------------------------------------------------------


def member_sort_key(member: CouncilMember) -> tuple:
    return (ROLE_ORDER.get(member.role, 9), not member.is_secretary, member.person.sort_key, member.pk)


def members_on(council: Council, day: datetime.date) -> list[CouncilMember]:
    members = CouncilMember.objects.on(day).filter(council=council).select_related("person", "unit", "user")
    return sorted(members, key=member_sort_key)


@dataclass
class ItemView:
    item: AgendaItem
    threshold: Threshold
    recused: dict[int, str]  # member id -> reason (recorded or, before the vote opens, worked out)
    conflicts: dict[int, str]
    casts: int
    tally: Tally | None = None


@dataclass
class SessionView:
    session: Session
    members: list[CouncilMember]
    attendance: dict[int, str]  # member id -> status
    items: list[ItemView]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def present(self) -> list[CouncilMember]:
        return [m for m in self.members if self.attendance.get(m.pk) == AttendanceStatus.PRESENT]

    @property
    def quorum_needed(self) -> int:
        """The smallest number of members present that meets the council's quorum (ceil of total × n / d)."""
        council = self.session.council
        return -(-len(self.members) * council.quorum_numerator // council.quorum_denominator)

    @property
    def has_quorum(self) -> bool:
        return bool(self.members) and len(self.present) >= self.quorum_needed

    def tally_of(self, view: ItemView) -> Tally:
        """The tally of an item from what is stored now (ballots counted per choice, or the paper tally)."""
        present_ids = {m.pk for m in self.present}
        return Tally(
            threshold=view.threshold, members=len(self.members), present=len(present_ids),
            recused=len(view.recused), recused_present=len(present_ids & set(view.recused)),
            **self.extra.get("counts", {}).get(view.item.pk, {}),
        )  # fmt: skip


def session_view(session: Session, *, with_counts: bool = False) -> SessionView:
    """Everything the session's page shows, in a bounded number of queries whatever the number of members and
    items. ``with_counts`` adds the counts per choice (only once voting has closed: results are never shown while
    ballots are being cast)."""
    from .models import Ballot, WrittenOpinion

    members = members_on(session.council, session.held_on)
    attendance = dict(Attendance.objects.filter(session=session).values_list("member_id", "status"))
    items = list(
        session.items.current()
        .select_related("person", "collective", "unit", "award")
        .annotate(cast_count=Count("casts", distinct=True))
        .prefetch_related(Prefetch("recusals", queryset=Recusal.objects.all()))
        .order_by("position", "id")
    )
    thresholds = thresholds_for(session, items)
    conflicts = conflicts_of(members, items, session.held_on)
    views = []
    for item in items:
        recorded = {r.member_id: r.reason for r in item.recusals.all()}
        recused = dict(recorded)
        if session.status == SessionStatus.PLANNED:
            recused = {**conflicts.get(item.pk, {}), **recorded}
        views.append(ItemView(item=item, threshold=thresholds[item.pk], recused=recused,
                              conflicts=conflicts.get(item.pk, {}), casts=item.cast_count))  # fmt: skip
    view = SessionView(session=session, members=members, attendance=attendance, items=views)
    if with_counts:
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        from .models import Choice, PaperTally, VotingMode

        if session.voting_mode == VotingMode.PAPER:
            for tally in PaperTally.objects.filter(item__session=session):
                counts[tally.item_id].update(yes=tally.agree, no=tally.disagree, invalid=tally.invalid)
        else:
            rows = (
                Ballot.objects.filter(item__session=session)
                .values("item_id", "choice")
                .annotate(n=Count("id"))
            )
            for row in rows.order_by():
                counts[row["item_id"]]["yes" if row["choice"] == Choice.AGREE else "no"] = row["n"]
        written = WrittenOpinion.objects.filter(item__session=session).values("item_id", "choice")
        for row in written.annotate(n=Count("id")).order_by():
            counts[row["item_id"]]["written_yes" if row["choice"] == Choice.AGREE else "written_no"] = row[
                "n"
            ]
        view.extra["counts"] = counts
        for v in views:
            v.tally = view.tally_of(v)
    return view


# --- lists ----------------------------------------------------------------------------------------------------


def councils_of(user: User | AnonymousUser, unit: Unit):
    """The councils of ``unit`` the user sees, newest term first, with their member counts."""
    return (
        Council.objects.visible_to(user)
        .filter(unit=unit)
        .current()
        .annotate(member_count=Count("members", filter=Q(members__archived_at__isnull=True)))
        .order_by("-term_from", "-id")
    )


def _seat_q(user: User | AnonymousUser, prefix: str) -> Q:
    """Rows of councils the user holds a current seat on (the chair and the secretary run sessions through it,
    whatever their roles)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    seats = CouncilMember.objects.current().filter(user=user).values("council_id")
    return Q(**{f"{prefix}__in": seats})


def council_for(user: User | AnonymousUser, pk: int) -> Council:
    """A council the user sees through the tree or through their seat on it (404 otherwise)."""
    councils = Council.objects.select_related("unit").current()
    if not sees_everything(user):
        councils = councils.filter(councils.scope_q(user) | _seat_q(user, "pk"))
    found = councils.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def session_for(user: User | AnonymousUser, pk: int) -> Session:
    """A session the user sees through the tree or through their seat on its council (404 otherwise)."""
    sessions = Session.objects.select_related("council", "council__unit").current()
    if not sees_everything(user):
        sessions = sessions.filter(sessions.scope_q(user) | _seat_q(user, "council_id"))
    found = sessions.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def unit_panel_data(user: User | AnonymousUser, unit: Unit) -> dict[str, Any]:
    """The unit's current council (the latest term) and its next session: two queries."""
    council = (
        Council.objects.visible_to(user)
        .current()
        .filter(unit=unit)
        .annotate(member_count=Count("members", filter=Q(members__archived_at__isnull=True)))
        .order_by("-term_from", "-id")
        .first()
    )
    upcoming = None
    if council is not None:
        upcoming = (
            Session.objects.current()
            .filter(council=council)
            .exclude(status=SessionStatus.CLOSED)
            .order_by("held_on", "number")
            .first()
        )
    return {"council": council, "upcoming": upcoming}


def describe_session(session: Session) -> str:
    return _("Phiên họp số %(n)s, ngày %(d)s") % {"n": session.number, "d": format_date(session.held_on)}
