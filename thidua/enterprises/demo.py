"""The enterprises' part of ``load_demo`` (after orgs' tree): for the demo province (Bến Tre, 2017), a registry of a
few hundred enterprises followed by its district federations and its industrial-zone union, with fictional names and
valid tax codes (Bến Tre's prefix 13); the 2017 path from survey to union for some of them, unions founded that year
through the pipeline (orgs' founding action), a handful scaled on the demo's size, each with the chair of its
provisional executive committee (orgs' action for people, as a member holding the chair); where a federation was dissolved in the 2025 reform, the unions it
founded move to its successor and its enterprises are handed over. Then officers per area for today's upper-level
unions and a few inspections with open, overdue and closed recommendations. Everything through the actions;
idempotent (a second run finds the registry there and writes nothing)."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from typing import Any

from django.db import transaction

from thidua.orgs import actions as org_actions
from thidua.orgs.demo.names import random_full_name
from thidua.orgs.models import Gender, JobCategory, Level, Position, RoleAssignment, Unit, UnitVersion

from . import actions, taxcode
from .models import OWNERSHIPS, AreaAssignment, Enterprise, Inspection, Stage

D = datetime.date
SEED = "thidua-enterprises-2017"
TAX_PREFIX = "13"  # the tax codes of enterprises registered in Bến Tre
ENTERPRISE_OWNERSHIPS = {value for value, _label in OWNERSHIPS}
DEFAULT_COUNT = 300
UNIONS_PER_GRASSROOTS = 40  # one union founded in 2017 for every 40 grassroots unions of the demo province
MIN_UNIONS = 3
FORMS = [("Công ty TNHH", "private", 40), ("Công ty Cổ phần", "private", 22), ("Doanh nghiệp tư nhân", "private", 12),
         ("Công ty TNHH MTV", "state_enterprise", 4), ("Hợp tác xã", "cooperative", 10),
         ("Công ty TNHH", "fdi", 12)]  # fmt: skip
TRADES = [
    ("Chế biến Dừa", "Chế biến sản phẩm từ dừa"), ("Kẹo dừa", "Sản xuất bánh kẹo"), ("May mặc", "May trang phục"),
    ("Thủy sản", "Chế biến, bảo quản thủy sản"), ("Cơ khí", "Gia công cơ khí"), ("Xây dựng", "Xây dựng công trình"),
    ("Vận tải", "Vận tải hàng hóa đường bộ"), ("Dược phẩm", "Sản xuất thuốc"), ("Bao bì", "Sản xuất bao bì giấy"),
    ("Thực phẩm", "Chế biến thực phẩm"), ("Nông sản", "Thu mua, chế biến nông sản"), ("Giày da", "Sản xuất giày dép"),
    ("Cây giống", "Sản xuất cây giống"), ("Thương mại Dịch vụ", "Bán buôn tổng hợp"), ("Điện máy", "Bán lẻ điện máy"),
    ("Gạch ngói", "Sản xuất vật liệu xây dựng"), ("Chỉ xơ dừa", "Sản xuất sợi, thảm xơ dừa"),
]  # fmt: skip
BRANDS = ["Hưng Phát", "Thành Công", "Phú Lợi", "Minh Tâm", "Tân Tiến", "Đồng Khởi", "Mỹ Lồng", "Phước Thạnh",
          "Lương Quới", "Hàm Luông", "Ba Tri", "Cồn Phụng", "Bình Minh", "An Khánh", "Thanh Tân", "Việt Thắng",
          "Hoàng Long", "Ngọc Sương", "Sông Tiền", "Chợ Lách", "Tiên Thủy", "Giao Long", "An Hiệp", "Quới Sơn"]  # fmt: skip
FOREIGN = ["Kwang Jin Việt Nam", "Shinsung Vina", "Everich Việt Nam", "Alliance Textile Việt Nam", "Fuyuan Việt Nam",
           "Coco Global Việt Nam", "Hansol Bến Tre", "Tainan Việt Nam"]  # fmt: skip
OFFICERS = ["Nguyễn Văn Tâm", "Lê Thị Hạnh", "Trần Minh Đức", "Võ Thị Thu", "Huỳnh Văn Lợi", "Phan Thị Ngọc"]


def unions_to_found(grassroots: int | None) -> int:
    """How many unions the 2017 mobilisation founds for a demo of ``grassroots`` grassroots unions (the size knob of
    ``load_demo``): a realistic handful, 3 on the small test size, 25 on the default 1,000."""
    return max(MIN_UNIONS, (grassroots or 0) // UNIONS_PER_GRASSROOTS)


def build_demo(*, log=None, enterprises: int | None = None, grassroots: int | None = None,
               **_options) -> dict[str, int]:  # fmt: skip
    province = Unit.objects.filter(code="BTR").first()
    if province is None:
        return {}
    return load_registry(
        province, count=enterprises or DEFAULT_COUNT, unions=unions_to_found(grassroots), log=log
    )


def _say(log, text: str) -> None:
    if log:
        log(text)


def followers_2017(province: Unit) -> list[Unit]:
    """The upper-level unions below the province in 2017 (as the tree stood then) that had grassroots unions in
    enterprises."""
    day = D(2017, 6, 30)
    then = UnitVersion.objects.as_of(day)
    root = then.filter(unit=province).first()
    if root is None:
        return []
    upper_ids = list(
        then.filter(path__startswith=root.path, level=Level.UPPER).values_list("unit_id", flat=True)
    )
    with_enterprises = set(
        then.filter(parent_id__in=upper_ids, unit__sector__in=ENTERPRISE_OWNERSHIPS).values_list("parent_id", flat=True)
    )  # fmt: skip
    uppers = Unit.objects.filter(pk__in=with_enterprises).order_by("code")
    return [u for u in uppers if (u.founded_on or day) <= D(2017, 1, 1)
            and (u.dissolved_on is None or u.dissolved_on > D(2017, 12, 31))]  # fmt: skip


def successor_of(upper: Unit) -> Unit | None:
    """Today's parent of most of the unions that stood under ``upper`` in 2017 (the federation's successor)."""
    if upper.is_active:
        return upper
    children = (
        UnitVersion.objects.as_of(D(2017, 6, 30)).filter(parent=upper).values_list("unit__path", flat=True)
    )
    parents = Counter(path[: -Unit.steplen] for path in children)
    for path, _n in parents.most_common():
        unit = Unit.objects.filter(path=path, level=Level.UPPER).first()
        if unit is not None and unit.is_active:
            return unit
    return None


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    seen: set[str] = set()
    rows = []
    forms = [f for f in FORMS for _ in range(f[2])]
    while len(rows) < count:
        form, ownership, _w = rng.choice(forms)
        trade, industry = rng.choice(TRADES)
        if ownership == "fdi":
            name = f"{form} {rng.choice(FOREIGN)}"
            name = name if name not in seen else f"{name} {rng.choice(BRANDS)}"
        elif form == "Hợp tác xã":
            name = f"{form} {trade} {rng.choice(BRANDS)}"
        else:
            name = f"{form} {trade} {rng.choice(BRANDS)}"
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, ownership, industry))
    return rows


def _codes(count: int) -> list[str]:
    codes, sequence = [], 40_000
    while len(codes) < count:
        sequence += 37
        code = taxcode.make(TAX_PREFIX, sequence)
        if code:
            codes.append(code)
    return codes


def found_2017(*, province: Unit, grassroots: int | None = None, log=None, **_others) -> None:
    """Hooked into orgs' demo before its 2025 reform (``BEFORE_RESTRUCTURING``, see apps.py): the registry and its
    2017 path in the tree as it stood, so the reform moves the unions founded here like every other."""
    register_2017(province, count=DEFAULT_COUNT, unions=unions_to_found(grassroots), log=log)


@transaction.atomic
def register_2017(province: Unit, *, count: int = DEFAULT_COUNT, unions: int | None = None, log=None) -> bool:
    """The registry of ``count`` enterprises and their 2017 path; at most ``unions`` of them (all that get there when
    None) found a union that year. False when the province had no upper-level union following enterprises."""
    codes = _codes(count)
    if Enterprise.objects.filter(tax_code=codes[0]).exists():
        return True
    uppers = followers_2017(province)
    if not uppers:
        return False
    rng = random.Random(SEED)
    registered: list[Enterprise] = []
    for (name, ownership, industry), code in zip(_names(rng, count), codes, strict=True):
        upper = uppers[rng.randrange(len(uppers))]
        registered.append(actions.register_enterprise(
            by=None, upper_unit=upper, tax_code=code, name=name, ownership=ownership, industry=industry,
            workforce=rng.choice([25, 40, 60, 85, 120, 180, 250, 400, 650, 1200]), today=D(2017, 1, 3),
            province_code=upper.province_code, address=upper.address,
        ))  # fmt: skip
    _say(log, f"{len(registered)} doanh nghiệp trong danh sách theo dõi.")
    founded = _path_2017(registered, rng, unions)
    _say(log, f"{founded} công đoàn cơ sở thành lập năm 2017 qua vận động.")
    return True


@transaction.atomic
def load_registry(province: Unit, *, count: int = DEFAULT_COUNT, unions: int | None = None,
                  log=None) -> dict[str, int]:  # fmt: skip
    """The registry and its 2017 path (``register_2017``, already done when orgs' demo ran the hook), then today:
    enterprises of dissolved federations handed over, officers per area, inspections. Idempotent."""
    codes = _codes(count)
    if not register_2017(province, count=count, unions=unions, log=log):
        return {}
    rows = Enterprise.objects.filter(tax_code__in=codes)
    if (
        AreaAssignment.objects.filter(enterprise__in=rows).exists()
        or Inspection.objects.filter(subject_enterprise__in=rows).exists()
    ):
        return _counts(codes)
    uppers = followers_2017(province)
    _hand_over(uppers)
    _officers(province)
    _inspections(province, random.Random(f"{SEED}-today"))
    return _counts(codes)


def _path_2017(registered: list[Enterprise], rng: random.Random, unions: int | None) -> int:
    founded = 0
    chairs = random.Random(f"{SEED}-chairs")  # its own draws: the path of the others does not depend on them
    for number, firm in enumerate(registered):
        roll = rng.random()
        if roll < 0.55:
            continue  # not surveyed in 2017
        survey_day = D(2017, 2, 1) + datetime.timedelta(days=rng.randrange(0, 200))
        actions.record_survey(firm, by=None, visited_on=survey_day, officers=", ".join(rng.sample(OFFICERS, 2)),
                              attitude=rng.choice(["supportive", "undecided", "reluctant", "reluctant", "opposed"]),
                              workforce=firm.workforce, findings=_finding(rng))  # fmt: skip
        if roll < 0.75:
            continue  # surveyed, nothing since
        if roll < 0.78:
            actions.pause_case(firm, by=None, reason="Doanh nghiệp tạm ngừng sản xuất.",
                               on=survey_day + datetime.timedelta(days=30))  # fmt: skip
            continue
        adopted = survey_day + datetime.timedelta(days=rng.randrange(10, 40))
        target = max(5, (firm.workforce or 30) // 2)
        plan = actions.adopt_recruitment_plan(firm, by=None, adopted_on=adopted, target_members=target,
                                              target_on=adopted + datetime.timedelta(days=150),
                                              measures="Tuyên truyền Luật Công đoàn; gặp gỡ người sử dụng lao động; "
                                                       "vận động công nhân tự nguyện gia nhập.")  # fmt: skip
        recruited = 0
        day = adopted
        for _ in range(rng.randrange(1, 4)):
            day += datetime.timedelta(days=rng.randrange(15, 45))
            step = rng.randrange(3, max(4, target // 2))
            actions.record_progress(plan, by=None, recorded_on=min(day, D(2017, 12, 20)), recruited=step)
            recruited += step
        if roll > 0.88 and recruited >= 5 and (unions is None or founded < unions):
            on = min(day + datetime.timedelta(days=20), D(2017, 12, 28))
            union = actions.found_union(firm, by=None, code=f"BTR-DN{number + 1:03d}", name=f"Công đoàn cơ sở {firm.name}",
                                        founded_on=on, decision=f"{100 + number}/QĐ-LĐLĐ ngày {on.day:02d}/{on.month:02d}/{on.year}")  # fmt: skip
            _appoint_chair(union, number, chairs)
            founded += 1
    return founded


def _appoint_chair(union: Unit, number: int, rng: random.Random) -> None:
    """The founding decision appoints a provisional executive committee: its chair, a worker of the enterprise who
    joins the union that day with a card."""
    gender = rng.choice([Gender.FEMALE, Gender.MALE])
    founded = union.founded_on or D(2017, 12, 28)
    org_actions.create_person(
        by=None, unit=union, full_name=random_full_name(rng, gender), joined_on=founded, gender=gender,
        birth_date=D(rng.randrange(1975, 1992), rng.randrange(1, 13), rng.randrange(1, 29)),
        membership={"position": Position.CHAIR, "is_member": True, "card_number": f"83{90_000_000 + number + 1:08d}",
                    "job_category": JobCategory.WORKER},
    )  # fmt: skip


def _finding(rng: random.Random) -> str:
    return rng.choice([
        "Doanh nghiệp sản xuất ổn định; người lao động chưa hiểu quyền lợi khi gia nhập công đoàn.",
        "Chủ doanh nghiệp e ngại chi phí kinh phí công đoàn; lao động phần lớn là thời vụ.",
        "Người lao động có nguyện vọng thành lập công đoàn; đã có nhóm nòng cốt 5 người.",
        "Doanh nghiệp mới đi vào hoạt động, đang tuyển dụng thêm lao động.",
    ])  # fmt: skip


def _hand_over(uppers: list[Unit]) -> None:
    """A federation dissolved in the 2025 reform: the unions founded through the pipeline move to its successor (on
    the day it was dissolved) and its enterprises are handed over."""
    for upper in uppers:
        upper.refresh_from_db()
        if upper.is_active:
            continue
        successor = successor_of(upper)
        if successor is None:
            continue
        firms = list(Enterprise.objects.filter(upper_unit=upper).select_related("union_unit"))
        for firm in firms:
            if firm.union_unit is not None and firm.union_unit.path.startswith(upper.path):
                org_actions.move_unit(firm.union_unit, successor, by=None, effective_on=upper.dissolved_on,
                                      note="Sắp xếp tổ chức công đoàn theo địa giới mới")  # fmt: skip
            actions.update_enterprise(Enterprise.objects.get(pk=firm.pk), by=None, upper_unit=successor)


def _officers(province: Unit) -> None:
    """Each officer of a union that follows enterprises today takes some of its grassroots unions and enterprises."""
    uppers = Unit.objects.filter(pk__in=Enterprise.objects.values("upper_unit")).filter(
        level=Level.UPPER, dissolved_on__isnull=True)  # fmt: skip
    for upper in uppers:
        officers = list(
            RoleAssignment.objects.filter(unit=upper, role__in=["officer", "leader"]).select_related("user")
            .order_by("user__username")
        )  # fmt: skip
        if not officers:
            continue
        start = max(upper.founded_on or D(2017, 1, 1), D(2017, 1, 15))
        unions = list(
            Unit.objects.active().grassroots().filter(path__subtree=upper.path).order_by("sort_key")[:12]
        )
        firms = list(Enterprise.objects.current().filter(upper_unit=upper).order_by("sort_key")[:12])
        for index, subject in enumerate([*unions, *firms]):
            officer = officers[index % len(officers)].user
            kwargs: dict[str, Any] = (
                {"unit": subject} if isinstance(subject, Unit) else {"enterprise": subject}
            )
            if AreaAssignment.objects.open().filter(**kwargs).exists():
                continue
            actions.assign_officer(by=None, upper_unit=upper, officer=officer, started_on=start, **kwargs)


def _inspections(province: Unit, rng: random.Random) -> None:
    uppers = list(Unit.objects.filter(pk__in=Enterprise.objects.values("upper_unit")).filter(
        level=Level.UPPER, dissolved_on__isnull=True).order_by("path")[:3])  # fmt: skip
    for upper in uppers:
        founded = max(upper.founded_on or D(2017, 1, 1), D(2017, 1, 1))
        held = max(founded + datetime.timedelta(days=60), D(2017, 5, 10))
        firm = Enterprise.objects.current().filter(upper_unit=upper).order_by("sort_key").first()
        union = (
            Unit.objects.active().grassroots().filter(path__subtree=upper.path).order_by("sort_key").first()
        )
        if firm is not None:
            inspection = actions.record_inspection(
                by=None, upper_unit=upper, subject_enterprise=firm, kind="joint", held_on=held,
                topics="Việc thực hiện pháp luật lao động, Luật Công đoàn, chế độ bảo hiểm xã hội đối với người lao động",
                team="Trưởng đoàn: Phó Chủ tịch công đoàn cấp trên\nThành viên: cán bộ phụ trách địa bàn; thanh tra viên",
                state_bodies="Sở Nội vụ; Bảo hiểm xã hội tỉnh", findings="Doanh nghiệp chưa đóng đủ bảo hiểm xã hội cho "
                "12 lao động; chưa xây dựng thang lương, bảng lương; chưa có tổ chức công đoàn.",
                recommendations=[
                    {"content": "Đóng đủ bảo hiểm xã hội cho 12 lao động còn thiếu.", "responsible": "Giám đốc doanh nghiệp",
                     "deadline": held + datetime.timedelta(days=60)},
                    {"content": "Xây dựng, công bố thang lương, bảng lương theo quy định.",
                     "responsible": "Phòng Hành chính – Nhân sự", "deadline": held + datetime.timedelta(days=90)},
                ],
            )  # fmt: skip
            first = inspection.recommendations.order_by("deadline").first()
            if first is not None:
                actions.record_follow_up(first, by=None, recorded_on=held + datetime.timedelta(days=45),
                                         content="Doanh nghiệp đã đóng bổ sung cho 12 lao động.")  # fmt: skip
                actions.close_recommendation(first, by=None, closed_on=held + datetime.timedelta(days=50))
        if union is not None:
            actions.record_inspection(
                by=None, upper_unit=upper, subject_unit=union, kind="supervision", held_on=held + datetime.timedelta(days=20),
                topics="Việc thực hiện quy chế dân chủ cơ sở và thỏa ước lao động tập thể",
                team="Ban Chính sách – Pháp luật và cán bộ phụ trách địa bàn",
                findings="Thỏa ước lao động tập thể hết hạn chưa được thương lượng lại.",
                recommendations=[{"content": "Tổ chức thương lượng, ký lại thỏa ước lao động tập thể.",
                                  "responsible": "Ban Chấp hành công đoàn cơ sở",
                                  "deadline": held + datetime.timedelta(days=120 + rng.randrange(0, 30))}],
            )  # fmt: skip


def _counts(codes: list[str]) -> dict[str, int]:
    rows = Enterprise.objects.filter(tax_code__in=codes)
    return {"enterprises": rows.count(), "founded": rows.filter(stage=Stage.FOUNDED).count(),
            "assignments": AreaAssignment.objects.filter(enterprise__in=rows).count()}  # fmt: skip
