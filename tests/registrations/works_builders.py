"""Research topics and congress works for the tests, through the actions."""

from __future__ import annotations

import datetime

from thidua.registrations import actions

D = datetime.date


def topic(unit, *, by=None, **values):
    data = {
        "title": "Giải pháp giảm tai nạn lao động trong ngành may", "field": "An toàn, vệ sinh lao động",
        "level": "grassroots", "lead_name": "TS. Nguyễn Văn Khải", "start_on": D(2017, 3, 1),
        "end_on": D(2017, 12, 31), "budget_vnd": 45_000_000, "funding_source": "Kinh phí công đoàn cơ sở",
    }  # fmt: skip
    data.update(values)
    return actions.register_research_topic(unit, by=by, **data)


def accepted_topic(unit, *, by=None, **values):
    t = actions.start_research_topic(topic(unit, by=by, **values), by=by)
    return actions.accept_research_topic(
        t, by=by, accepted_on=D(2018, 1, 15), rating="excellent", decision_number="12/QĐ-LĐLĐ",
        decision_date=D(2018, 1, 20), accepting_body="Hội đồng Khoa học Liên đoàn Lao động tỉnh Bến Tre",
    )  # fmt: skip


def work(unit, *, by=None, **values):
    data = {
        "name": "Nhà “Mái ấm Công đoàn” cho đoàn viên Nguyễn Thị Đào", "kind": "welfare", "value_vnd": 50_000_000,
        "location": "xã Tân Thạch, huyện Châu Thành", "congress_name": "Đại hội Công đoàn tỉnh Bến Tre",
        "congress_term": "2018 – 2023", "planned_on": D(2018, 6, 30),
    }  # fmt: skip
    data.update(values)
    return actions.register_congress_work(unit, by=by, **data)
