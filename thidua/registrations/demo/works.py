"""Demo research topics and congress works of the Bến Tre grassroots unions (2017–2018): dozens of each, at every
stage, written through the actions (audited, with their events). Deterministic; idempotent (nothing is written when
the demo's topics are there). The grassroots unions keep their records across the 2025 restructuring: they are
read today under the merged Vĩnh Long federation."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from thidua.congresses.models import Congress
from thidua.orgs.models import Level, Person, Unit

from .. import actions
from ..models import CongressWork, CongressWorkEvent, ResearchTopic, ResearchTopicEvent

SEED = "thidua-demo-works-2017"
D = datetime.date
# When each step of a record happened, by (record id, action): the actions stamp the events with the time the demo
# is loaded; the demo dates them along the season instead.
Moments = dict[tuple[int, str], datetime.datetime]

TOPIC_SUBJECTS = [
    ("Giải pháp nâng cao hiệu quả tuyên truyền, phổ biến pháp luật lao động cho công nhân", "Pháp luật lao động"),
    ("Nâng cao chất lượng thương lượng, ký kết và thực hiện thỏa ước lao động tập thể", "Quan hệ lao động"),
    ("Giải pháp phát triển đoàn viên, thành lập công đoàn cơ sở trong doanh nghiệp ngoài nhà nước",
     "Xây dựng tổ chức công đoàn"),
    ("Ứng dụng công nghệ thông tin trong quản lý đoàn viên và thu, chi tài chính công đoàn",
     "Công nghệ thông tin"),
    ("Thực trạng đời sống, việc làm của công nhân lao động và giải pháp chăm lo của công đoàn", "Xã hội"),
    ("Xây dựng mô hình bữa ăn ca bảo đảm dinh dưỡng, an toàn thực phẩm cho công nhân", "An toàn thực phẩm"),
    ("Giải pháp giảm tai nạn lao động và bệnh nghề nghiệp tại nơi làm việc", "An toàn, vệ sinh lao động"),
    ("Cải tiến quy trình sản xuất nhằm tiết kiệm năng lượng và nguyên liệu", "Kỹ thuật sản xuất"),
    ("Đổi mới phương pháp dạy học theo định hướng phát triển năng lực người học", "Giáo dục"),
    ("Nâng cao chất lượng chăm sóc người bệnh và sự hài lòng của người dân", "Y tế"),
    ("Vai trò của công đoàn cơ sở trong việc thực hiện quy chế dân chủ ở cơ sở", "Dân chủ cơ sở"),
    ("Giải pháp nâng cao hiệu quả phong trào thi đua “Lao động giỏi, lao động sáng tạo”", "Thi đua, khen thưởng"),
]  # fmt: skip
OUTSIDE_LEADS = ["TS. Nguyễn Văn Khải", "ThS. Lê Thị Ngọc Hân", "TS. Trần Quốc Việt", "ThS. Phan Thanh Bình"]
# Who accepts a topic: the unit's own council for a grassroots topic, a provincial body for a provincial one.
GRASSROOTS_BODY = ("Hội đồng khoa học, sáng kiến của cơ quan, đơn vị", "QĐ-CĐCS")
PROVINCE_BODIES = [
    ("Hội đồng Khoa học Liên đoàn Lao động tỉnh Bến Tre", "QĐ-LĐLĐ"),
    ("Sở Khoa học và Công nghệ tỉnh Bến Tre", "QĐ-SKHCN"),
]
WORK_SUBJECTS = [
    ("Nhà “Mái ấm Công đoàn” cho đoàn viên có hoàn cảnh khó khăn", "welfare", (40_000_000, 60_000_000)),
    ("Sửa chữa, nâng cấp nhà văn hóa công nhân", "construction", (150_000_000, 600_000_000)),
    ("Tủ sách pháp luật tại nơi làm việc", "welfare", (10_000_000, 30_000_000)),
    ("Cải tiến dây chuyền sản xuất nâng cao năng suất", "technical", (80_000_000, 900_000_000)),
    ("Sản phẩm đạt chất lượng cao mang thương hiệu của đơn vị", "product", (200_000_000, 2_000_000_000)),
    ("Khu vui chơi, thể dục thể thao cho công nhân lao động", "construction", (120_000_000, 450_000_000)),
    ("Hệ thống nước sạch cho khu nhà trọ công nhân", "welfare", (60_000_000, 250_000_000)),
    ("Phòng y tế, phòng vắt trữ sữa cho lao động nữ", "construction", (50_000_000, 150_000_000)),
    ("Phần mềm quản lý đoàn viên và hoạt động công đoàn", "technical", (30_000_000, 120_000_000)),
]  # fmt: skip
PROVINCE_CONGRESS = ("Đại hội Công đoàn tỉnh Bến Tre", "2018 – 2023")
NATIONAL_CONGRESS = ("Đại hội XII Công đoàn Việt Nam", "2018 – 2023")


def _grassroots(rng: random.Random) -> list[Unit]:
    """Active grassroots unions that were Bến Tre's in 2017, in a fixed order."""
    units = [u for u in Unit.objects.filter(code__startswith="BTR-", level=Level.GRASSROOTS).order_by("code")
             if u.is_active]  # fmt: skip
    rng.shuffle(units)
    return units


def _people_of(units: list[Unit]) -> dict[int, list[Person]]:
    people: dict[int, list[Person]] = {u.pk: [] for u in units}
    for person in Person.objects.filter(unit__in=units, archived_at__isnull=True).order_by(
        "unit_id", "sort_key", "id"
    ):
        if len(people[person.unit_id]) < 8:
            people[person.unit_id].append(person)
    return people


def build(*, log=None, topics: int = 40, works: int = 60, **_options) -> dict[str, int]:
    """Research topics and congress works of the demo province; nothing when they are there already."""
    if not Unit.objects.filter(code="BTR").exists():
        return {}
    rng = random.Random(SEED)
    result = load_demo_works(_grassroots(rng), topics=topics, works=works)
    if log and result.get("topics"):
        log(
            f"Đề tài, công trình minh họa: {result['topics']} đề tài nghiên cứu khoa học, {result['works']} công trình."
        )
    return result


@transaction.atomic
def load_demo_works(units: list[Unit], *, topics: int = 40, works: int = 60) -> dict[str, int]:
    """``topics`` research topics and ``works`` congress works spread over ``units`` (grassroots unions), at every
    stage; nothing when those units have topics already."""
    if not units or ResearchTopic.objects.filter(unit__in=units).exists():
        return {"topics": 0, "works": 0}
    rng = random.Random(SEED)
    people = _people_of(units)
    topic_moments: Moments = {}
    work_moments: Moments = {}
    made_topics = sum(_topic(rng, units[i % len(units)], people, i, topic_moments) for i in range(topics))
    made_works = sum(_work(rng, units[(i * 7) % len(units)], i, work_moments) for i in range(works))
    _date_events(ResearchTopic, ResearchTopicEvent, "topic_id", topic_moments)
    _date_events(CongressWork, CongressWorkEvent, "work_id", work_moments)
    return {"topics": made_topics, "works": made_works}


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _date_events(model, event_model, owner: str, moments: Moments) -> None:
    """Each event at the moment of its step; each record created when it was registered."""
    owners = {pk for pk, _action in moments}
    events = list(event_model.objects.filter(**{f"{owner}__in": owners}))
    for event in events:
        event.at = moments.get((getattr(event, owner), event.action), event.at)
    event_model.objects.bulk_update(events, ["at"], batch_size=500)
    records = list(model.objects.filter(pk__in=owners))
    for record in records:
        record.created_at = record.updated_at = moments[(record.pk, "register")]
    model.objects.bulk_update(records, ["created_at", "updated_at"], batch_size=500)


def _topic(
    rng: random.Random, unit: Unit, people: dict[int, list[Person]], index: int, moments: Moments
) -> int:
    subject, field = TOPIC_SUBJECTS[index % len(TOPIC_SUBJECTS)]
    staff = people.get(unit.pk) or []
    year = 2017 if index % 5 else 2018
    start = D(year, rng.randint(2, 6), rng.randint(1, 28))
    end = D(year + rng.choice([0, 1]), rng.choice([6, 10, 12]), 28)
    if end <= start:
        end = D(year + 1, 6, 30)
    lead = staff[0] if staff and index % 6 else None
    members: list[Any] = [actions.TeamMemberInput(person_id=p.pk, name=p.full_name, role=role)
                          for p, role in zip(staff[1:3], ["thư ký", "thành viên"], strict=False)]  # fmt: skip
    if index % 4 == 0:
        members.append(actions.TeamMemberInput(name=OUTSIDE_LEADS[(index + 1) % len(OUTSIDE_LEADS)],
                                               role="cố vấn khoa học"))  # fmt: skip
    level = "grassroots" if index % 7 else "province"
    topic = actions.register_research_topic(
        unit, by=None, title=f"{subject} tại {unit.name.replace('Công đoàn cơ sở ', '')}", field=field,
        level=level, lead_id=lead.pk if lead else None,
        lead_name=lead.full_name if lead else OUTSIDE_LEADS[index % len(OUTSIDE_LEADS)], start_on=start, end_on=end,
        budget_vnd=rng.randrange(5, 120) * 1_000_000, funding_source=rng.choice(["Kinh phí công đoàn cơ sở",
        "Quỹ phát triển khoa học và công nghệ của doanh nghiệp", "Ngân sách tỉnh", ""]), year=year,
        summary="Khảo sát thực trạng tại đơn vị, đề xuất giải pháp và tổ chức thực hiện thí điểm.", members=members,
    )  # fmt: skip
    stage = index % 10
    registered = max(start - datetime.timedelta(days=rng.randint(10, 40)), D(year, 1, 10))
    moments[(topic.pk, "register")] = _moment(registered, 9)
    if stage == 0:
        return 1  # registered, not started
    if stage == 9:
        actions.stop_research_topic(
            topic, by=None, reason="Chủ nhiệm đề tài chuyển công tác, đơn vị đề nghị dừng."
        )
        moments[(topic.pk, "stop")] = _moment(start + (end - start) // 2, 15)
        return 1
    actions.start_research_topic(topic, by=None)
    moments[(topic.pk, "start")] = _moment(start, 8)
    if stage in (1, 2):
        return 1  # in progress
    accepted_on = end + datetime.timedelta(days=rng.randint(5, 40))
    body, symbol = GRASSROOTS_BODY if level == "grassroots" else PROVINCE_BODIES[index % len(PROVINCE_BODIES)]
    if stage == 3:
        actions.fail_research_topic(topic, by=None, accepted_on=accepted_on, accepting_body=body,
                                    reason="Kết quả khảo sát chưa đủ cơ sở, giải pháp chưa được thử nghiệm.")  # fmt: skip
        moments[(topic.pk, "fail")] = _moment(accepted_on, 16)
        return 1
    decided = accepted_on + datetime.timedelta(days=rng.randint(3, 20))
    actions.accept_research_topic(
        topic, by=None, accepted_on=accepted_on, rating=["excellent", "good", "good", "pass"][index % 4],
        decision_number=f"{rng.randint(10, 250)}/{symbol}", decision_date=decided, accepting_body=body,
    )  # fmt: skip
    moments[(topic.pk, "accept")] = _moment(decided, 16)  # recorded once the decision is signed
    return 1


def _work(rng: random.Random, unit: Unit, index: int, moments: Moments) -> int:
    subject, kind, (low, high) = WORK_SUBJECTS[index % len(WORK_SUBJECTS)]
    congress = NATIONAL_CONGRESS if index % 5 == 0 else PROVINCE_CONGRESS
    planned = (
        D(2018, rng.randint(3, 9), rng.randint(1, 28)) if congress == PROVINCE_CONGRESS else D(2018, 9, 20)
    )
    value = rng.randrange(low // 1_000_000, high // 1_000_000) * 1_000_000
    # every third work greets the union's own congress of the 2017–2022 term, when the demo has it
    own = Congress.objects.current().filter(unit=unit, term_start=2017).first() if index % 3 == 1 else None
    if own is not None:
        congress, planned = ("", ""), own.planned_on or D(2017, 9, 30)
    work = actions.register_congress_work(
        unit, by=None, name=f"{subject} – {unit.short_name or unit.name}", kind=kind, value_vnd=value,
        location=unit.name.replace("Công đoàn cơ sở ", ""), congress_name=congress[0], congress_term=congress[1],
        planned_on=planned, description="Đăng ký thực hiện chào mừng Đại hội Công đoàn các cấp.", congress_record=own,
    )  # fmt: skip
    stage = index % 8
    # registered in the 2017 season (after the plans of February), started a few weeks later
    registered = D(2017, rng.randint(3, 10), rng.randint(1, 28))
    started = registered + datetime.timedelta(days=rng.randint(10, 60))
    moments[(work.pk, "register")] = _moment(registered, 9)
    if stage == 0:
        return 1
    if stage == 7:
        actions.cancel_congress_work(
            work, by=None, reason="Doanh nghiệp điều chỉnh kế hoạch đầu tư trong năm."
        )
        moments[(work.pk, "cancel")] = _moment(started, 14)
        return 1
    actions.start_congress_work(work, by=None)
    moments[(work.pk, "start")] = _moment(started, 8)
    if stage == 1:
        return 1
    done = max(planned + datetime.timedelta(days=rng.randint(-30, 20)), started + datetime.timedelta(days=30))
    final = value if stage % 2 else value + rng.randrange(1, 10) * 1_000_000
    actions.complete_congress_work(work, by=None, completed_on=done, value_vnd=final)
    moments[(work.pk, "complete")] = _moment(done, 16)
    return 1
