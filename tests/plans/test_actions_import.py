import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.plans import actions, queries
from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.models import Plan
from thidua.plans.parsing import ParsedPlan, parse_plan_text
from thidua.plans.parsing.result import ParsedPhase

from .builders import issued_plan

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def parsed():
    return parse_plan_text(REFERENCE_PLAN.read_text(encoding="utf-8"))


def test_reference_plan_is_created_from_its_parsed_text(tree, users, parsed):
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, source_text="…")
    assert (plan.kind, plan.number_display, plan.year, plan.place, plan.date, plan.status) == (
        "plan", "13/KH-LĐLĐ", 2017, "Bến Tre", D(2017, 2, 22), "draft")  # fmt: skip
    assert (plan.signer_on_behalf, plan.signer_title, plan.signer_name) == (
        "TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Trần Trung Hào")  # fmt: skip
    assert list(plan.legal_bases.values_list("kind", "number", "date")) == [
        ("plan", "02/KH-TLĐ", D(2017, 2, 10)), ("directive", "01/CT-UBND", D(2017, 1, 6))]  # fmt: skip
    assert plan.movements.count() == 4
    phases = list(plan.phases.order_by("order"))
    assert [(p.name, p.start, p.end, p.start_is_open) for p in phases] == [
        ("Đợt 1", D(2017, 1, 1), D(2017, 8, 31), True), ("Đợt 2", D(2017, 9, 1), D(2017, 12, 31), False)]  # fmt: skip
    first = phases[0].commemorations.order_by("order")
    assert [(c.ordinal, c.commemoration.base_date if c.commemoration else None) for c in first] == [
        (87, D(1930, 2, 3)), (42, D(1975, 4, 30)), (127, D(1890, 5, 19)), (None, D(1886, 5, 1)),
        (69, D(1948, 6, 11)), (88, D(1929, 7, 28))]  # fmt: skip
    assert queries.ordinal_mismatches(plan) == []
    recipients = list(plan.recipients.order_by("order"))
    assert [str(r) for r in recipients] == [
        "Ban CSKT-XH&TKT TLĐ (để báo cáo)", "Ban TKT Sở nội vụ (để báo cáo)", "Thường trực LĐLĐ",
        "Các Ban LĐLĐ tỉnh", "CĐ các cấp trực thuộc (để thực hiện)", "Lưu: VP, Ban CSPL"]  # fmt: skip
    assert [r.to_subordinates for r in recipients] == [False, False, False, False, True, False]
    assert list(plan.events.values_list("action", flat=True)) == ["import"]


def test_imported_legal_basis_links_the_upper_plan_in_the_system(tree, users, parsed):
    upper = issued_plan(tree.TLD, number=2)
    Plan.objects.filter(pk=upper.pk).update(symbol="KH-TLĐ", date=D(2017, 2, 10))
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    assert [b.cited_plan for b in plan.legal_bases.order_by("order")] == [upper, None]


def test_imported_plan_with_a_taken_number_is_refused_and_writes_nothing(tree, users, parsed):
    actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    with pytest.raises(ValidationError) as error:
        actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    assert list(error.value.message_dict) == ["number"]
    assert Plan.objects.count() == 1
    corrected = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, number=14)
    assert corrected.number_display == "14/KH-LĐLĐ"


def test_parsed_plan_with_an_inconsistent_ordinal_is_flagged(tree, users, parsed):
    parsed.phases[0].commemorations[0].ordinal = 86
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    assert [(c.ordinal, c.expected_ordinal) for c in queries.ordinal_mismatches(plan)] == [(86, 87)]


def test_parsed_plan_without_number_or_dates_gets_defaults(tree, users):
    parsed = ParsedPlan(kind="Hướng dẫn", title="Hướng dẫn thi đua",
                        phases=[ParsedPhase(name="Giai đoạn 1", end=D(2018, 6, 30))])  # fmt: skip
    plan = actions.create_plan_from_parsed(parsed, tree.CT, by=users.district_leader)
    assert (plan.kind, plan.number_display, plan.year) == (
        "guidance",
        "01/HD-LĐLĐ",
        2018,
    )  # the decree's leading zero
    assert list(plan.phases.values_list("start", "end", "start_is_open")) == [
        (D(2018, 1, 1), D(2018, 6, 30), True)
    ]


def test_reference_plan_keeps_its_long_texts(tree, users, parsed):
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    assert plan.introduction.startswith("Liên đoàn Lao động tỉnh xây dựng Kế hoạch phát động phong trào")
    assert plan.purposes.split("\n\n") == parsed.purposes  # two paragraphs, kept apart
    assert plan.requirements == ""
    assert plan.phase_review.startswith("Sau mỗi đợt thi đua các cấp Công đoàn tổ chức sơ kết")
    assert plan.closing.endswith("báo cáo kết quả về LĐLĐ tỉnh (qua ban CS-PL) để theo dõi, tổng hợp./.")
    counts = {t: plan.measures.filter(target=t).count() for t in ("grassroots_business", "grassroots_admin",
                                                                  "upper", "general")}  # fmt: skip
    assert counts == {"grassroots_business": 4, "grassroots_admin": 2, "upper": 7, "general": 3}
    first = plan.measures.get(target="upper", order=1)
    assert first.text.startswith("Căn cứ chức năng, nhiệm vụ và mục tiêu phát triển kinh tế-xã hội")
    assert list(plan.reporting_duties.values_list("to_whom", "due", "phase")) == [
        ("LĐLĐ tỉnh (qua ban CS-PL)", None, None)
    ]


def test_measures_for_an_unknown_kind_of_unit_are_kept_with_their_heading(tree, users):
    from tests.plans.test_parsing_documents import DOCUMENTS
    from thidua.plans.parsing import parse_plan_file

    parsed = parse_plan_file(DOCUMENTS / "ke-hoach-31-binh-duong-2022.txt")
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer)
    assert list(plan.measures.values_list("target", "text")) == [  # the model's order: by target, then order
        ("general", "Ban Chính sách - Pháp luật LĐLĐ tỉnh: Tham mưu Ban Thường vụ hướng dẫn, theo dõi, tổng hợp kết "
                    "quả phong trào thi đua."),
        ("grassroots_admin", "Phát động thi đua cải cách hành chính, xây dựng văn hóa công sở."),
        ("grassroots_business", "Phối hợp với người sử dụng lao động phát động thi đua tăng năng suất lao động."),
        ("upper", "Xây dựng kế hoạch phát động thi đua phù hợp với đơn vị."),
        ("upper", parsed.measures[1].paragraphs[1]),
    ]  # fmt: skip
    assert (plan.purposes, plan.requirements) == (
        "- Động viên công nhân, viên chức, lao động thi đua hoàn thành nhiệm vụ năm 2022, phục hồi sản xuất sau "
        "dịch bệnh.\n\n- Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.",
        "Phong trào thi đua phải thiết thực, tránh hình thức; việc khen thưởng kịp thời, đúng người, đúng thành tích.",
    )
    duties = plan.reporting_duties.order_by("order")
    assert [(d.phase.name if d.phase else None, d.due) for d in duties] == [
        ("Đợt 1", D(2022, 7, 10)), (None, D(2022, 12, 5))]  # fmt: skip
