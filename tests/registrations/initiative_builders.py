"""Helpers for the initiatives' tests: an initiative at each stage of its path, through the real actions."""

from __future__ import annotations

import datetime

from thidua.registrations import actions
from thidua.registrations.actions import AuthorInput, MemberInput

D = datetime.date
TITLE = "Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may"
PROBLEM = "Bàn ủi hơi nước cũ tiêu tốn nhiều điện năng, nhiệt độ không ổn định làm hỏng vải mỏng."
SOLUTION = "Lắp bộ điều khiển nhiệt độ tự động và vỏ cách nhiệt cho nồi hơi, hẹn giờ tắt khi chuyền nghỉ."


def initiative(unit, *, by=None, title=TITLE, problem=PROBLEM, solution=SOLUTION, authors=None,
               registered_on=None, field="technical", seen_matches=(), **values):  # fmt: skip
    """A registered initiative of ``unit``: by default one outside author holding 100 %."""
    registered_on = registered_on or D(2017, 3, 1)
    if authors is None:
        authors = [AuthorInput(share=100, name="Nguyễn Văn Tác Giả", workplace="Tổ kỹ thuật")]
    return actions.register_initiative(unit, by=by, title=title, field=field, problem=problem, solution=solution,
                                       authors=authors, registered_on=registered_on, seen_matches=seen_matches,
                                       **values)  # fmt: skip


def applied(obj, *, by=None):
    return actions.apply_initiative(obj, by=by, applied_where="Chuyền may số 3, Phân xưởng 2",
                                    applied_since=D(2017, 4, 1), benefit_vnd=120_000_000,
                                    benefit_text="Giảm hàng lỗi, an toàn hơn cho công nhân.")  # fmt: skip


def members(mode="scores"):
    if mode == "scores":
        return [MemberInput(name="Lê Văn Chủ Tịch", role="Chủ tịch hội đồng", score=85),
                MemberInput(name="Trần Thị Thư Ký", role="Thư ký", score=80),
                MemberInput(name="Phan Văn Ủy Viên", role="Ủy viên", score=90)]  # fmt: skip
    return [MemberInput(name="Lê Văn Chủ Tịch", vote="for"), MemberInput(name="Trần Thị Thư Ký", vote="for"),
            MemberInput(name="Phan Văn Ủy Viên", vote="against")]  # fmt: skip


def reviewed(obj, *, by=None, mode="scores"):
    return actions.record_review(applied(obj), by=by, council="Hội đồng sáng kiến Công ty TNHH May Việt Tiến",
                                 held_on=D(2017, 10, 5), mode=mode, minutes="Hội đồng thống nhất đề nghị công nhận.",
                                 members=members(mode))  # fmt: skip


def recognised(obj, *, by=None):
    return actions.recognise_initiative(reviewed(obj), by=by, decision_number="125/QĐ-MVT",
                                        decision_date=D(2017, 10, 20),
                                        recognising_body="Giám đốc Công ty TNHH May Việt Tiến Bến Tre",
                                        effect_scope="grassroots")  # fmt: skip
