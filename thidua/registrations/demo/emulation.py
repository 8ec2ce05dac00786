"""The demo's 2017 emulation registration season in Bến Tre: every unit under the federation as it stood in 2017
(district and sector unions, grassroots unions) registers under Kế hoạch 13/KH-LĐLĐ — most on time and
acknowledged, some late with the level above's consent, a few returned and sent again, a few still waiting or
drafting, and about one in fifteen missing. Schools (public service) register by school year, by 20/10.

Written in bulk (a few thousand registrations, tens of thousands of people) so ``load_demo`` stays fast, but
consistent: each registration's events follow its path through the workflow with their dates, its late consent
exists when it is late, its rows pass the check against the 2017 catalog (titles the unit may aim for, Chiến sĩ
thi đua cơ sở within 15 % of Lao động tiên tiến). Deterministic (one seed). Idempotent: nothing is written when the
federation's 2017 registrations are there.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.core import audit
from thidua.orgs.models import Level, Person, Sector, Unit, UnitVersion
from thidua.plans.models import Plan

from .. import emulation_queries as queries
from ..models import (
    CollectiveTarget,
    IndividualEntry,
    LateConsent,
    Registration,
    RegistrationDeadline,
    RegistrationEvent,
    RegistrationStatus,
)

SEED = "thidua-demo-registrations-2017"
YEAR = 2017
SEASON_DAY = datetime.date(2017, 3, 1)  # the tree as it stood during the season
DEADLINE = (15, 3)  # Bến Tre's 2017 deadline: its plan was issued on 22/02
SCHOOL_DEADLINE = (20, 10)  # schools register by school year
MISSING, DRAFT, WAITING, RETURNED, LATE, RETURNED_THEN_SENT = 0.07, 0.03, 0.04, 0.02, 0.08, 0.04
PEOPLE_SHARE = 0.6  # of a union's people, those who register
PEOPLE_CAP = 40
CSTD_SHARE = 0.12  # of those who aim for Lao động tiên tiến or higher: within the 15 % cap of Decree 91/2017
RETURN_REASONS = [
    "Chưa ghi chỉ tiêu cụ thể theo từng phong trào.",
    "Danh sách cá nhân chưa ghi chức vụ; đề nghị bổ sung.",
    "Số cá nhân đăng ký Chiến sĩ thi đua cơ sở cần rà soát lại theo tỷ lệ quy định.",
]
CONSENT_REASONS = [
    "Đơn vị mới kiện toàn Ban Chấp hành, chậm triển khai kế hoạch.",
    "Doanh nghiệp nghỉ Tết kéo dài, chưa tổ chức hội nghị người lao động.",
    "Cán bộ công đoàn chuyên trách nghỉ thai sản.",
]
TARGET_TEXTS = [
    "100% đoàn viên, người lao động tham gia phong trào; không có tai nạn lao động nghiêm trọng.",
    "Phát triển đoàn viên đạt 100% chỉ tiêu được giao; tổ chức ít nhất 2 hoạt động chăm lo cho đoàn viên.",
    "Có ít nhất 3 sáng kiến, cải tiến kỹ thuật được công nhận; vận động 100% đoàn viên đóng góp quỹ xã hội.",
]


@dataclass
class Season:
    """What the builder writes, gathered before the bulk inserts."""

    registrations: list[Registration] = field(default_factory=list)
    paths: list[list[tuple[str, str, str, datetime.datetime, str]]] = field(default_factory=list)
    targets: list[list[dict[str, Any]]] = field(default_factory=list)
    people: list[list[dict[str, Any]]] = field(default_factory=list)
    consents: list[LateConsent | None] = field(default_factory=list)


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _units_of_2017(federation: Unit) -> list[tuple[Unit, str]]:
    """(unit, its 2017 parent's path) for the upper and grassroots unions below ``federation`` on the season day."""
    valid = Q(valid_from__lte=SEASON_DAY) & (Q(valid_to__isnull=True) | Q(valid_to__gt=SEASON_DAY))
    top = UnitVersion.objects.filter(valid, unit=federation).first()
    root = top.path if top else federation.path
    versions = (
        UnitVersion.objects.filter(valid, path__startswith=root, level__in=[Level.UPPER, Level.GRASSROOTS])
        .exclude(unit=federation).select_related("unit").order_by("path")
    )  # fmt: skip
    return [(v.unit, v.path[: -Unit.steplen]) for v in versions]


def build(*, log=None, **_options) -> dict[str, int]:
    federation = Unit.objects.filter(code="BTR").first()
    plan = (
        Plan.objects.filter(issuer=federation, year=YEAR, number=13, archived_at__isnull=True).first()
        if federation
        else None
    )
    if federation is None or plan is None:
        return {}
    if Registration.objects.filter(year=YEAR, plan=plan).exists():
        return {"registrations": Registration.objects.filter(year=YEAR, plan=plan).count(), "created": 0}
    return load_season(federation, plan, log=log)


@transaction.atomic
def load_season(federation: Unit, plan: Plan, *, log=None) -> dict[str, int]:
    rng = random.Random(SEED)
    _deadlines(federation)
    units = _units_of_2017(federation)
    aimable = {}  # by level: what a unit of that level may aim for in 2017 (the check's own rule)
    for unit, _parent in units:
        if unit.level not in aimable:
            aimable[unit.level] = queries.aimable_awards(unit, YEAR)
    movements = list(plan.movements.order_by("order"))
    people_of = _people_by_unit([u for u, _parent in units])
    season = Season()
    for unit, _parent in units:
        draw = rng.random()
        if draw < MISSING:
            continue
        school = unit.sector == Sector.PUBLIC_SERVICE and unit.level == Level.GRASSROOTS
        deadline = datetime.date(YEAR, *reversed(SCHOOL_DEADLINE if school else DEADLINE))
        fate = _fate(draw - MISSING)
        registration, path, consent = _registration(rng, unit, plan, deadline, fate)
        season.registrations.append(registration)
        season.paths.append(path)
        season.consents.append(consent)
        collective, individual = aimable[unit.level]
        season.targets.append(_targets(rng, unit, movements, collective))
        people = people_of.get(unit.pk, []) if unit.level == Level.GRASSROOTS else []
        season.people.append(_people(rng, people, {a.code: a for a in individual}))
    counts = _write(season)
    if log:
        log(
            f"registrations: {counts['registrations']} đăng ký thi đua năm {YEAR}, {counts['people']} cá nhân"
        )
    return counts


def _deadlines(federation: Unit) -> None:
    if RegistrationDeadline.objects.filter(federation=federation).exists():
        return
    rows = RegistrationDeadline.objects.bulk_create([
        RegistrationDeadline(federation=federation, day=DEADLINE[0], month=DEADLINE[1],
                             note="Kế hoạch 13/KH-LĐLĐ ban hành ngày 22/02/2017: hạn đăng ký 15/3."),
        RegistrationDeadline(federation=federation, sector=Sector.PUBLIC_SERVICE, day=SCHOOL_DEADLINE[0],
                             month=SCHOOL_DEADLINE[1], by_school_year=True,
                             note="Các trường học đăng ký theo năm học."),
    ])  # fmt: skip
    audit.record_many(rows, by=None, action="set_deadline", note="Dữ liệu minh họa")
    merged = Unit.objects.filter(code="VLG").first()  # the federation after 2025: 25/01, schools 20/10
    if merged is not None and not RegistrationDeadline.objects.filter(federation=merged).exists():
        rows = RegistrationDeadline.objects.bulk_create([
            RegistrationDeadline(federation=merged, day=25, month=1),
            RegistrationDeadline(federation=merged, sector=Sector.PUBLIC_SERVICE, day=20, month=10,
                                 by_school_year=True, note="Các trường học đăng ký theo năm học."),
        ])  # fmt: skip
        audit.record_many(rows, by=None, action="set_deadline", note="Dữ liệu minh họa")


def _fate(draw: float) -> str:
    """The registration's path, by a draw below 1 - MISSING."""
    for fate, share in (("draft", DRAFT), ("waiting", WAITING), ("returned", RETURNED), ("late", LATE),
                        ("returned_then_sent", RETURNED_THEN_SENT)):  # fmt: skip
        if draw < share:
            return fate
        draw -= share
    return "on_time"


def _registration(rng: random.Random, unit: Unit, plan: Plan, deadline: datetime.date, fate: str):
    """The registration row and its events ``(action, from, to, at, note)``, dated inside the season."""
    season_start = max(plan.date or SEASON_DAY, deadline - datetime.timedelta(days=40))
    opened = season_start + datetime.timedelta(days=rng.randint(1, 12))
    S = RegistrationStatus
    path = [("open", "", S.DRAFT, _moment(opened, 8), "")]
    registration = Registration(unit=unit, year=YEAR, plan=plan, deadline=deadline, status=S.DRAFT)
    consent = None
    if fate == "draft":
        return registration, path, consent
    if fate == "late":
        asked = deadline + datetime.timedelta(days=rng.randint(1, 5))
        consent = LateConsent(unit=unit, year=YEAR, until=asked + datetime.timedelta(days=14),
                              reason=rng.choice(CONSENT_REASONS))  # fmt: skip
        sent = asked + datetime.timedelta(days=rng.randint(2, 10))
        registration.late = True
    else:
        sent = min(deadline, opened + datetime.timedelta(days=rng.randint(2, 14)))
    registration.submitted_at = _moment(sent, 10)
    path.append(("submit", S.DRAFT, S.SUBMITTED, _moment(sent, 10), ""))
    status = S.SUBMITTED
    if fate in ("returned", "returned_then_sent"):
        back = sent + datetime.timedelta(days=rng.randint(2, 6))
        reason = rng.choice(RETURN_REASONS)
        path.append(("return", S.SUBMITTED, S.RETURNED, _moment(back, 15), reason))
        registration.returned_reason, status = reason, S.RETURNED
        if fate == "returned_then_sent":
            again = back + datetime.timedelta(days=rng.randint(1, 5))
            path.append(("submit", S.RETURNED, S.SUBMITTED, _moment(again, 9), ""))
            registration.returned_reason, status = "", S.SUBMITTED
    if fate in ("on_time", "late", "returned_then_sent"):
        seen = (path[-1][3] + datetime.timedelta(days=rng.randint(2, 12))).date()
        path.append(("acknowledge", S.SUBMITTED, S.ACKNOWLEDGED, _moment(seen, 14), ""))
        registration.acknowledged_at, status = _moment(seen, 14), S.ACKNOWLEDGED
    registration.status = status
    return registration, path, consent


def _targets(rng: random.Random, unit: Unit, movements, collective) -> list[dict[str, Any]]:
    codes = {a.code: a for a in collective}
    wanted = ["cdcs-vung-manh"] if unit.level == Level.GRASSROOTS else ["co-thi-dua-ldld"]
    if rng.random() < 0.25:
        wanted.append("bang-khen-ldld")
    rows = []
    for index, code in enumerate(c for c in wanted if c in codes):
        movement = movements[index % len(movements)] if movements and rng.random() < 0.6 else None
        rows.append({"award": codes[code], "movement": movement, "targets": rng.choice(TARGET_TEXTS)})
    return rows


def _people_by_unit(units: list[Unit]) -> dict[int, list[Person]]:
    found: dict[int, list[Person]] = {}
    for person in Person.objects.filter(unit__in=units, archived_at__isnull=True).order_by(
        "unit_id", "sort_key"
    ):
        found.setdefault(person.unit_id, []).append(person)
    return found


def _people(rng: random.Random, people: list[Person], awards: dict[str, Any]) -> list[dict[str, Any]]:
    ldtt, cstd = awards.get("lao-dong-tien-tien"), awards.get("cstd-co-so")
    if ldtt is None or not people:
        return []
    chosen = rng.sample(people, min(PEOPLE_CAP, max(1, round(len(people) * PEOPLE_SHARE))))
    top = int(len(chosen) * CSTD_SHARE) if cstd is not None else 0
    return [
        {"person": p, "award": cstd if i < top else ldtt,
         "position": "Tổ trưởng sản xuất" if i < top else rng.choice(["Công nhân", "Nhân viên", "Tổ phó", ""])}
        for i, p in enumerate(chosen)
    ]  # fmt: skip


def _write(season: Season) -> dict[str, int]:
    consents = [c for c in season.consents if c is not None]
    LateConsent.objects.bulk_create(consents)
    for registration, consent in zip(season.registrations, season.consents, strict=True):
        registration.late_consent = consent
    Registration.objects.bulk_create(season.registrations)
    # auto_now_add fields are stamped on insert: put the season's dates back
    for registration, path in zip(season.registrations, season.paths, strict=True):
        registration.created_at = path[0][3]
    Registration.objects.bulk_update(season.registrations, ["created_at"], batch_size=500)
    for consent in consents:
        consent.at = _moment(consent.until - datetime.timedelta(days=14), 11)
    LateConsent.objects.bulk_update(consents, ["at"], batch_size=500)
    events = [
        RegistrationEvent(registration=r, action=a, from_status=f, to_status=t, at=at, note=note)
        for r, path in zip(season.registrations, season.paths, strict=True)
        for a, f, t, at, note in path
    ]
    RegistrationEvent.objects.bulk_create(events, batch_size=2000)
    for event, (_r, _a, _f, _t, at, _n) in zip(events, _flat(season), strict=True):
        event.at = at
    RegistrationEvent.objects.bulk_update(events, ["at"], batch_size=2000)
    targets = [
        CollectiveTarget(registration=r, award=row["award"], movement=row["movement"], targets=row["targets"],
                         order=i)
        for r, rows in zip(season.registrations, season.targets, strict=True)
        for i, row in enumerate(rows, start=1)
    ]  # fmt: skip
    CollectiveTarget.objects.bulk_create(targets, batch_size=2000)
    entries = [
        IndividualEntry(registration=r, person=row["person"], award=row["award"], position=row["position"], order=i)
        for r, rows in zip(season.registrations, season.people, strict=True)
        for i, row in enumerate(rows, start=1)
    ]  # fmt: skip
    IndividualEntry.objects.bulk_create(entries, batch_size=5000)
    audit.record_many(season.registrations, by=None, action="open", note="Dữ liệu minh họa: mùa đăng ký 2017")
    return {"registrations": len(season.registrations), "people": len(entries), "late": len(consents),
            "created": 1}  # fmt: skip


def _flat(season: Season):
    for registration, path in zip(season.registrations, season.paths, strict=True):
        for step in path:
            yield (registration, *step)
