"""The demo's initiatives: a few hundred registered in 2017 by the Bến Tre grassroots unions, at every stage of the
path (registered, applied, reviewed, recognised with the employer's or a State body's decision, not recognised), with
their authors (people of the union, sometimes an engineer from outside), the council's sitting, the events — and some
near-duplicates across unions: the same idea registered again in another branch, sent up to the unit above both.

Written in bulk (``core.bulk.insert_rows``: synthetic data, like the other demo builders), deterministic (one seed),
idempotent (nothing is written when the demo province already has initiatives).
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from thidua.core.bulk import insert_rows
from thidua.core.text import fold
from thidua.orgs.models import Level, Person, Unit

from .. import duplicates
from ..models import (
    CheckStatus,
    DuplicateCheck,
    Initiative,
    InitiativeAuthor,
    InitiativeEvent,
    InitiativeReview,
    InitiativeStatus,
    ReviewMember,
)

SEED = 2017
PREFIX = "BTR-"  # the demo province's grassroots unions
ANCHOR = "BTR-MAYBT"  # Công ty TNHH May mặc Bến Tre, the grassroots union of a demo login
UNIQUE = 300
NEAR_DUPLICATES = 24
YEAR = 2017
S = InitiativeStatus

# (the thing, its field, the problem with it)
OBJECTS = [
    (
        "máy may công nghiệp",
        "technical",
        "máy chạy không ổn định, đứt chỉ nhiều, công nhân phải dừng chuyền để sửa",
    ),
    ("bàn ủi hơi nước", "technical", "tiêu tốn nhiều điện, nhiệt độ không ổn định làm hỏng vải mỏng"),
    ("máy cắt vải tự động", "technical", "lưỡi cắt mòn nhanh, sai lệch kích thước bán thành phẩm"),
    ("dây chuyền đóng gói thành phẩm", "technical", "đóng gói thủ công chậm, thùng hàng hay sai số lượng"),
    ("kho nguyên phụ liệu", "management", "tìm kiếm nguyên liệu mất thời gian, hàng tồn không được theo dõi"),
    ("lò hơi đốt củi", "technical", "hiệu suất đốt thấp, khói bụi ảnh hưởng khu dân cư"),
    ("máy ép nước cốt dừa", "technical", "tỷ lệ thu hồi nước cốt thấp, bã dừa còn nhiều dầu"),
    ("máy sấy cơm dừa", "technical", "sấy không đều, sản phẩm bị cháy cạnh, tốn nhiên liệu"),
    ("hệ thống xử lý nước thải", "technical", "nước thải sau xử lý chưa đạt chuẩn, chi phí hóa chất cao"),
    ("xe nâng hàng trong kho", "management", "xe nâng chạy chồng chéo, mất an toàn, lãng phí thời gian chờ"),
    ("máy nén khí", "technical", "rò rỉ khí nén trên đường ống, máy chạy quá tải"),
    ("hệ thống chiếu sáng nhà xưởng", "technical", "đèn cũ tốn điện, độ sáng không đủ ở khu vực kiểm hàng"),
    ("máy gò mũi giày", "technical", "gò lệch mũi giày, tỷ lệ hàng phải sửa cao"),
    ("máy dán đế giày", "technical", "keo dán không đều, đế bong sau thời gian ngắn"),
    ("khuôn ép nhựa", "technical", "khuôn nhanh nóng, sản phẩm bị co ngót, phế phẩm nhiều"),
    (
        "băng tải vận chuyển bán thành phẩm",
        "technical",
        "băng tải hay kẹt, công nhân phải khuân vác thủ công",
    ),
    ("kho lạnh bảo quản thủy sản", "technical", "nhiệt độ kho dao động, hao hụt hàng, tốn điện"),
    ("máy cấp đông tôm", "technical", "thời gian cấp đông kéo dài, tôm bị mất nước"),
    ("dây chuyền phi lê cá tra", "technical", "định mức phi lê thấp, công nhân mỏi tay do thao tác lặp lại"),
    ("máy xay xát lúa", "agriculture", "tỷ lệ gạo gãy cao, máy tiêu hao nhiều điện"),
    ("vườn ươm cây giống dừa", "agriculture", "cây giống chậm lớn, tỷ lệ hao hụt khi xuất vườn cao"),
    ("ao nuôi tôm thẻ chân trắng", "agriculture", "môi trường ao biến động, tôm chết rải rác"),
    (
        "giáo án điện tử môn Toán",
        "education",
        "học sinh khó hình dung hình học không gian, tiết học kém sinh động",
    ),
    ("phòng thí nghiệm Hóa học", "education", "thiếu dụng cụ, hóa chất bảo quản chưa an toàn"),
    ("thư viện trường học", "education", "học sinh ít đến thư viện, tra cứu sách chậm"),
    (
        "công tác chủ nhiệm lớp",
        "education",
        "phối hợp với phụ huynh chưa thường xuyên, học sinh bỏ học giữa chừng",
    ),
    ("ôn thi tốt nghiệp trung học phổ thông", "education", "học sinh yếu môn Tiếng Anh, tỷ lệ đỗ chưa cao"),
    ("dạy học STEM", "education", "học sinh ít được thực hành, thiết bị dạy học đắt tiền"),
    ("quản lý học sinh bán trú", "education", "theo dõi bữa ăn, giấc ngủ của học sinh bằng sổ tay, dễ sót"),
    (
        "quy trình tiếp nhận người bệnh",
        "health",
        "người bệnh chờ lâu ở khâu đăng ký khám, quá tải giờ cao điểm",
    ),
    ("quản lý thuốc tại khoa dược", "health", "thuốc cận hạn không được phát hiện kịp, hao hụt"),
    ("chăm sóc người bệnh sau phẫu thuật", "health", "biến chứng nhiễm trùng vết mổ, thời gian nằm viện dài"),
    ("phòng chống nhiễm khuẩn bệnh viện", "health", "tuân thủ vệ sinh tay chưa tốt, nguy cơ lây nhiễm chéo"),
    ("hồ sơ bệnh án", "health", "hồ sơ giấy thất lạc, tra cứu tiền sử bệnh chậm"),
    (
        "tiếp nhận hồ sơ một cửa",
        "administration",
        "người dân phải đi lại nhiều lần, hồ sơ bị trả vì thiếu giấy tờ",
    ),
    ("lưu trữ văn bản", "administration", "văn bản lưu trữ phân tán, tìm lại văn bản cũ mất nhiều ngày"),
    (
        "quản lý tài sản công",
        "administration",
        "tài sản không được kiểm kê định kỳ, sổ sách không khớp thực tế",
    ),
    ("tiếp công dân", "administration", "đơn thư trùng lặp, theo dõi kết quả giải quyết thủ công"),
    ("quản lý đoàn viên công đoàn", "union", "danh sách đoàn viên không cập nhật, biến động lao động lớn"),
    ("thu, nộp đoàn phí", "union", "thu đoàn phí tiền mặt chậm, sai sót khi đối chiếu"),
    ("bữa ăn giữa ca", "union", "chất lượng bữa ăn chưa được giám sát, công nhân phản ánh nhiều"),
    (
        "quỹ Mái ấm Công đoàn",
        "union",
        "vận động quỹ chưa đều, chưa xác định đúng đoàn viên khó khăn về nhà ở",
    ),
    ("đối thoại tại nơi làm việc", "union", "đối thoại hình thức, ý kiến của công nhân chưa được tổng hợp"),
    ("tổ chức thi tay nghề", "union", "cách chấm thi chưa khách quan, ít công nhân tham gia"),
    ("an toàn vệ sinh lao động tại phân xưởng", "management", "tai nạn lao động nhỏ xảy ra thường xuyên"),
]

# (title template, solution template): {o} the thing, {p} its problem
APPROACHES = [
    (
        "Cải tiến {o}",
        "Thiết kế lại bộ phận chính của {o}; chạy thử trên một tổ trước khi nhân rộng. Khắc phục tình "
        "trạng {p}.",
    ),
    (
        "Ứng dụng công nghệ thông tin trong quản lý {o}",
        "Xây dựng phần mềm theo dõi {o} trên máy tính và điện thoại, "
        "nhập liệu tại chỗ, báo cáo tự động hằng tuần cho lãnh đạo.",
    ),
    (
        "Giải pháp tiết kiệm năng lượng cho {o}",
        "Lắp bộ điều khiển và đồng hồ đo điện năng riêng cho {o}, hẹn giờ "
        "tắt khi không sử dụng, thay linh kiện cũ bằng loại tiết kiệm điện.",
    ),
    (
        "Hợp lý hóa quy trình vận hành {o}",
        "Chuẩn hóa các bước vận hành {o} thành bảng hướng dẫn treo tại vị trí làm "
        "việc, bỏ các khâu trùng lặp, phân công lại nhân lực theo ca.",
    ),
    (
        "Nâng cao an toàn lao động khi sử dụng {o}",
        "Lắp che chắn, cảm biến dừng khẩn cấp và biển cảnh báo cho {o}; "
        "huấn luyện lại người lao động theo tình huống thực tế.",
    ),
    (
        "Tự chế dụng cụ hỗ trợ {o}",
        "Tận dụng vật tư sẵn có tự chế dụng cụ gá lắp, giúp thao tác với {o} nhanh và "
        "chính xác hơn, giảm sức lao động.",
    ),
    (
        "Giảm chi phí bảo trì {o}",
        "Lập lịch bảo dưỡng phòng ngừa cho {o}, theo dõi giờ chạy, dự trữ phụ tùng thay thế "
        "theo mức tiêu hao thực tế.",
    ),
]

ENGINEERS = ["Kỹ sư Ngô Văn Thành", "Thạc sĩ Lê Thị Kim Loan", "Kỹ sư Đặng Quốc Việt", "Bác sĩ Trần Minh Tâm"]
COUNCIL = [("Chủ tịch hội đồng", "Nguyễn Văn An"), ("Phó Chủ tịch", "Lê Thị Bích"), ("Thư ký", "Trần Văn Cường"),
           ("Ủy viên", "Phạm Thị Dung"), ("Ủy viên", "Huỳnh Văn Em")]  # fmt: skip
BODIES = {
    "province": ["Chủ tịch Ủy ban nhân dân tỉnh Bến Tre", "Giám đốc Sở Khoa học và Công nghệ tỉnh Bến Tre"],
    "national": ["Bộ trưởng Bộ Khoa học và Công nghệ", "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam"],
}
REJECTIONS = [
    "Giải pháp đã được áp dụng phổ biến trong ngành, không có tính mới.",
    "Chưa có số liệu chứng minh hiệu quả sau thời gian áp dụng.",
    "Hội đồng đánh giá dưới mức điểm tối thiểu để công nhận.",
]
# of the unique initiatives: the share at each stage
STAGES = [
    (S.REGISTERED, 0.22),
    (S.APPLIED, 0.2),
    (S.REVIEWED, 0.13),
    (S.RECOGNISED, 0.35),
    (S.NOT_RECOGNISED, 0.1),
]


def _employer(unit: Unit) -> str:
    name = unit.name.removeprefix("Công đoàn cơ sở ").strip()
    if name.startswith("Trường"):
        return f"Hiệu trưởng {name}"
    if name.startswith(("Bệnh viện", "Trung tâm")):
        return f"Giám đốc {name}"
    if name.startswith(("Công ty", "Doanh nghiệp", "Hợp tác xã", "Nhà máy")):
        return f"Giám đốc {name}"
    return f"Thủ trưởng {name}"


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _lowest_common(path_a: str, path_b: str) -> str:
    step, common = Unit.steplen, 0
    while (
        common + step <= min(len(path_a), len(path_b))
        and path_a[common : common + step] == path_b[common : common + step]
    ):
        common += step
    return path_a[: max(common, step)]


def build(*, log=None, **_options) -> dict[str, int]:
    units = list(Unit.objects.filter(code__startswith=PREFIX, level=Level.GRASSROOTS, archived_at__isnull=True)
                 .order_by("code"))  # fmt: skip
    if not units:
        return {}
    if Initiative.objects.filter(unit__code__startswith=PREFIX).exists():
        return {"initiatives": Initiative.objects.filter(unit__code__startswith=PREFIX).count(), "created": 0}
    started = timezone.now()
    with transaction.atomic():
        result = _build(units)
    if log:
        log(f"Sáng kiến minh họa: {result['initiatives']} sáng kiến, {result['checks']} trường hợp kiểm tra trùng "
            f"({(timezone.now() - started).total_seconds():.1f} giây).")  # fmt: skip
    return result


def _build(units: list[Unit]) -> dict[str, int]:
    rng = random.Random(SEED)
    chosen = rng.sample(units, min(len(units), 160))
    # the union of the demo login "cdcs-maybentre" registers some too
    anchor = next((u for u in units if u.code == ANCHOR), None)
    if anchor is not None and anchor not in chosen:
        chosen[0] = anchor
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, pk, name in (Person.objects.filter(unit__in=chosen, archived_at__isnull=True)
                              .order_by("unit_id", "id").values_list("unit_id", "id", "full_name")):  # fmt: skip
        if len(people[unit_id]) < 40:
            people[unit_id].append((pk, name))
    combos = [(o, a) for o in range(len(OBJECTS)) for a in range(len(APPROACHES))]
    rng.shuffle(combos)
    plan: list[dict[str, Any]] = []
    for index, (o, a) in enumerate(combos[:UNIQUE]):
        plan.append({"unit": chosen[index % len(chosen)], "object": o, "approach": a, "variant": ""})
    # Near-duplicates: the same idea registered later by a union of another branch, in its own words.
    for index in range(NEAR_DUPLICATES):
        original = plan[index * 7]
        other = next(
            u
            for u in chosen[(index * 13 + 5) % len(chosen) :] + chosen
            if u.path[: 2 * Unit.steplen + Unit.steplen] != original["unit"].path[: 3 * Unit.steplen]
        )
        plan.append({**original, "unit": other, "variant": rng.choice([" tại đơn vị", " (áp dụng thử)", ""]),
                     "copy_of": index * 7})  # fmt: skip

    stage_of: list[InitiativeStatus] = []
    for status, share in STAGES:
        stage_of += [status] * round(share * UNIQUE)
    stage_of += [S.REGISTERED] * (len(plan) - len(stage_of))
    rng.shuffle(stage_of)

    rows, authors, events, reviews = [], [], [], []
    for index, item in enumerate(plan):
        thing, field, problem = OBJECTS[item["object"]]
        title_t, solution_t = APPROACHES[item["approach"]]
        title = title_t.format(o=thing) + item["variant"]
        solution = solution_t.format(o=thing, p=problem)
        problem_text = f"Tại đơn vị, {problem}."
        unit = item["unit"]
        status = stage_of[index] if "copy_of" not in item else rng.choice([S.REGISTERED, S.APPLIED])
        registered = datetime.date(YEAR, 1, 10) + datetime.timedelta(days=rng.randrange(80) + (20 if "copy_of" in item
                                                                                                else 0))  # fmt: skip
        applied = (
            registered + datetime.timedelta(days=15 + rng.randrange(45)) if status != S.REGISTERED else None
        )
        benefit = (
            rng.choice([None, 15, 30, 45, 60, 120, 250, 480]) if field not in ("education", "union") else None
        )
        row: dict[str, Any] = {
            "unit_id": unit.pk, "year": YEAR, "title": title, "field": field, "problem": problem_text,
            "solution": solution, "applied_where": "", "applied_since": applied, "status": status,
            "registered_on": registered, "benefit_vnd": benefit * 1_000_000 if benefit and applied else None,
            "benefit_text": "", "decision_number": "", "decision_date": None, "recognising_body": "",
            "effect_scope": "", "not_recognised_reason": "", "folded_title": fold(title)[:300],
            "folded_text": duplicates.folded_text(problem_text, solution),
        }  # fmt: skip
        if applied:
            row["applied_where"] = unit.name.removeprefix("Công đoàn cơ sở ")
            row["benefit_text"] = "Giảm sức lao động, nâng cao chất lượng công việc."
        held = datetime.date(YEAR, 9, 5) + datetime.timedelta(days=rng.randrange(60))
        if status in (S.REVIEWED, S.RECOGNISED, S.NOT_RECOGNISED):
            reviews.append((index, held, rng.random() < 0.6))
        if status == S.RECOGNISED:
            scope = rng.choices(["grassroots", "province", "national"], weights=[80, 17, 3])[0]
            row.update(decision_number=f"{rng.randrange(10, 300)}/QĐ-{unit.code.removeprefix(PREFIX)[:8]}",
                       decision_date=held + datetime.timedelta(days=5 + rng.randrange(20)), effect_scope=scope,
                       recognising_body=_employer(unit) if scope == "grassroots" else rng.choice(BODIES[scope]))  # fmt: skip
        if status == S.NOT_RECOGNISED:
            row["not_recognised_reason"] = rng.choice(REJECTIONS)
        rows.append(row)
        # authors: one to three people of the union, sometimes an engineer from outside; shares adding to 100
        staff = people.get(unit.pk) or []
        count = min(len(staff), rng.choice([1, 1, 2, 2, 3])) or 1
        picked = rng.sample(staff, count) if staff else []
        names = [(pk, name) for pk, name in picked] or [(None, rng.choice(ENGINEERS))]
        if staff and rng.random() < 0.12:
            names.append((None, rng.choice(ENGINEERS)))
        shares = _shares(len(names), rng)
        authors.append(
            [
                (pk, name, "" if pk else "Ngoài đơn vị", share)
                for (pk, name), share in zip(names, shares, strict=True)
            ]
        )

    fields = list(rows[0])
    pks = insert_rows(Initiative, fields, [tuple(r[f] for f in fields) for r in rows], returning_pk=True)
    insert_rows(InitiativeAuthor, ["initiative_id", "person_id", "name", "workplace", "share", "order"],
                [(pk, person, name, workplace, share, order)
                 for pk, group in zip(pks, authors, strict=True)
                 for order, (person, name, workplace, share) in enumerate(group, start=1)])  # fmt: skip
    review_pks = insert_rows(InitiativeReview, ["initiative_id", "council", "held_on", "mode", "minutes"], [
        (pks[i], f"Hội đồng sáng kiến {rows[i]['applied_where'] or 'cơ sở'}"[:300], held,
         "scores" if scored else "votes", "Hội đồng đã nghe tác giả trình bày, thảo luận và thống nhất kết quả.")
        for i, held, scored in reviews], returning_pk=True)  # fmt: skip
    members = []
    for review_pk, (i, _held, scored) in zip(review_pks, reviews, strict=True):
        passed = rows[i]["status"] != S.NOT_RECOGNISED
        for order, (role, name) in enumerate(COUNCIL[: 3 + (i % 3)], start=1):
            score = rng.randrange(70, 96) if passed else rng.randrange(40, 65)
            vote = ("for" if passed or order == 1 else "against") if not scored else ""
            members.append((review_pk, name, role, score if scored else None, vote, order))
    insert_rows(ReviewMember, ["review_id", "name", "role", "score", "vote", "order"], members)
    for pk, row in zip(pks, rows, strict=True):
        steps = [("register", "", S.REGISTERED, row["registered_on"], "")]
        status = row["status"]
        if row["applied_since"]:
            steps.append(("apply", S.REGISTERED, S.APPLIED, row["applied_since"], ""))
        if status in (S.REVIEWED, S.RECOGNISED, S.NOT_RECOGNISED):
            steps.append(("review", S.APPLIED, S.REVIEWED, datetime.date(YEAR, 11, 10), ""))
        if status == S.RECOGNISED:
            steps.append(("recognise", S.REVIEWED, S.RECOGNISED, row["decision_date"], ""))
        if status == S.NOT_RECOGNISED:
            steps.append(("reject", S.REVIEWED, S.NOT_RECOGNISED, datetime.date(YEAR, 11, 20),
                          row["not_recognised_reason"]))  # fmt: skip
        events += [(pk, action, src, dst, _at(day), note) for action, src, dst, day, note in steps]
    insert_rows(
        InitiativeEvent, ["initiative_id", "action", "from_status", "to_status", "at", "note"], events
    )

    checks = []
    paths = {u.pk: u.path for u in chosen}
    reviewer_ids = dict(
        Unit.objects.filter(
            path__in={
                _lowest_common(paths[plan[i]["unit"].pk], paths[plan[plan[i]["copy_of"]]["unit"].pk])
                for i in range(UNIQUE, len(plan))
            }
        ).values_list("path", "id")
    )
    for i in range(UNIQUE, len(plan)):
        j = plan[i]["copy_of"]
        a, b = rows[i], rows[j]
        score = duplicates.similarity(
            a["folded_title"], a["folded_text"], b["folded_title"], b["folded_text"]
        )
        reviewer = reviewer_ids[_lowest_common(paths[plan[i]["unit"].pk], paths[plan[j]["unit"].pk])]
        status = [CheckStatus.PENDING, CheckStatus.PENDING, CheckStatus.DUPLICATE, CheckStatus.DISTINCT][
            i % 4
        ]
        checks.append((pks[i], pks[j], score, reviewer, True, status,
                       "" if status == CheckStatus.PENDING else "Đã đối chiếu hồ sơ hai đơn vị."))  # fmt: skip
    insert_rows(DuplicateCheck, ["initiative_id", "match_id", "score", "reviewer_unit_id", "sent_up", "status", "note"],
                checks)  # fmt: skip
    return {"initiatives": len(rows), "checks": len(checks), "created": len(rows)}


def _shares(n: int, rng: random.Random) -> list[Decimal]:
    if n == 1:
        return [Decimal(100)]
    cuts = sorted(rng.sample(range(10, 91, 5), n - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    if min(parts) <= 0:
        parts = [100 // n] * (n - 1) + [100 - (100 // n) * (n - 1)]
    return [Decimal(p) for p in parts]
