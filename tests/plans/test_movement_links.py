"""Movements typed by hand into a draft are recognised as an import recognises them (their quoted names) and
matched with the movements of the upper plan the draft cites; the officer confirms the link (issue 9)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.plans import actions
from thidua.plans.models import Movement
from thidua.plans.movement_matches import movement_matches, similarity

from .builders import D, issued_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def upper(tree, users):
    return issued_plan(tree.BT, by=users.province_leader)


def lower_draft(upper, unit, by, movements):
    """A grassroots draft that cites the upper plan, its movements typed by hand."""
    basis = {"kind": "plan", "number": upper.number_display, "date": upper.date, "issuer": upper.issuer.name,
             "title": upper.title, "cited_plan": upper}  # fmt: skip
    return actions.create_plan(unit, by=by, title="Kế hoạch thi đua năm 2017", year=2017, number=3,
                               symbol="KH-CĐCS", date=D(2017, 3, 10), place="Bến Tre",
                               parts={"legal_bases": [basis], "movements": movements})  # fmt: skip


def test_a_movement_typed_with_quotes_gets_its_names_as_an_import_reads_them(upper, tree, users):
    draft = lower_draft(upper, tree.MAY, users.grassroots_officer,
                        [{"names": [], "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong đoàn viên."}])  # fmt: skip
    assert draft.movements.get().names == ["Lao động giỏi, Lao động sáng tạo"]


def test_typed_movements_are_matched_without_diacritics_or_case(upper, tree, users):
    names = [m.names[0] for m in upper.movements.order_by("order")]
    draft = lower_draft(upper, tree.MAY, users.grassroots_officer, [
        {"names": [], "text": "Thi đua lao dong gioi, LAO DONG SANG TAO tại doanh nghiệp"},
        {"names": [], "text": "Tổ chức giải bóng đá công nhân mừng Xuân"},
    ])  # fmt: skip
    matches = movement_matches(draft)
    assert [(m.movement.text[:20], m.upper.names[0]) for m in matches] == [("Thi đua lao dong gio", names[0])]
    assert matches[0].score >= 88


def test_similarity_does_not_match_different_movements(upper):
    mine = Movement(names=["Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao động"])
    theirs = Movement(names=["Lao động giỏi, Lao động sáng tạo"])
    assert similarity(mine, theirs) < 88


def test_the_officer_confirms_a_match_and_the_movement_is_linked_and_audited(upper, tree, users, client_for):
    draft = lower_draft(upper, tree.MAY, users.grassroots_officer,
                        [{"names": [], "text": "Thi đua lao dong gioi, lao dong sang tao"}])  # fmt: skip
    client = client_for(users.grassroots_officer)
    page = client.get(reverse("plans:plan-detail", args=[draft.pk])).content.decode()
    assert 'data-testid="movement-match"' in page and "Xác nhận là cùng phong trào" in page
    match = movement_matches(draft)[0]
    response = client.post(reverse("plans:movement-link", args=[draft.pk, match.movement.pk]),
                           {"upper": match.upper.pk})  # fmt: skip
    assert response.status_code == 302
    movement = draft.movements.get()
    assert movement.upper_movement == match.upper and movement.names == match.upper.names
    assert history_of(movement).filter(action="update").exists()
    page = client.get(reverse("plans:plan-detail", args=[draft.pk])).content.decode()
    assert 'data-testid="movement-match"' not in page and 'data-testid="upper-movement"' in page


def test_a_movement_of_a_plan_not_cited_is_refused(upper, tree, users, client_for):
    draft = lower_draft(upper, tree.MAY, users.grassroots_officer, [{"names": ["Lao động giỏi"], "text": ""}])
    other = issued_plan(tree.BT, by=users.province_leader, number=20)
    stranger = other.movements.first()
    with pytest.raises(ValidationError):
        actions.link_movement(draft.movements.get(), stranger, by=users.grassroots_officer)
    client = client_for(users.grassroots_officer)
    url = reverse("plans:movement-link", args=[draft.pk, draft.movements.get().pk])
    client.post(url, {"upper": stranger.pk})
    assert draft.movements.get().upper_movement is None


def test_another_branch_may_not_link(upper, tree, users, client_for):
    draft = lower_draft(upper, tree.MAY, users.grassroots_officer,
                        [{"names": [], "text": "lao dong gioi lao dong sang tao"}])  # fmt: skip
    match = movement_matches(draft)[0]
    url = reverse("plans:movement-link", args=[draft.pk, match.movement.pk])
    assert client_for(users.outsider).post(url, {"upper": match.upper.pk}).status_code == 404
    assert draft.movements.get().upper_movement is None


def test_a_plan_built_from_the_upper_plan_links_its_movements(upper, tree, users):
    built = actions.build_plan_from(upper, tree.MAY, by=users.grassroots_officer)
    assert [m.upper_movement_id for m in built.movements.order_by("order")] == list(
        upper.movements.order_by("order").values_list("pk", flat=True)
    )
    assert movement_matches(built) == []
