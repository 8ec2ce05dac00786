"""The secret ballot: nothing links a ballot to its voter — no field, no audit row, no order."""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import models

from thidua.core.models import AuditEvent
from thidua.councils import actions
from thidua.councils.models import AgendaItem, Ballot, Choice, VoteCast

from .builders import award, council_of, session_of


def test_ballot_has_no_field_that_names_a_voter_or_a_time():
    names = {f.name for f in Ballot._meta.get_fields()}
    assert names == {"id", "item", "choice", "receipt_hash"}
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    for field in Ballot._meta.get_fields():
        assert not isinstance(field, models.DateField | models.DateTimeField)
        if field.is_relation:
            assert field.related_model is AgendaItem


def test_vote_cast_says_who_voted_never_how():
    names = {f.name for f in VoteCast._meta.get_fields()}
    assert names == {"id", "item", "member"}


def test_audit_rows_of_a_vote_say_who_voted_on_which_item_and_nothing_else(tree, people, caplog):
    caplog.set_level(logging.DEBUG)  # every logger at every level: the logs keep no ballot either
    council, members = council_of(tree.BT, 3)
    session, (item,) = session_of(
        council, members, items=[{"person": people.vo_hong, "award": award("cstd-co-so")}]
    )
    actions.open_voting(session, by=None)
    code = actions.cast_ballots(session, by=members[0].user, choices={item.pk: Choice.DISAGREE})
    rows = AuditEvent.objects.filter(action="cast_vote")
    assert [(r.actor_id, r.content_type, r.object_id, r.changes, r.note) for r in rows] == [
        (members[0].user_id, ContentType.objects.get_for_model(AgendaItem), str(item.pk), {}, "")]  # fmt: skip
    ballot = Ballot.objects.get()
    for row in AuditEvent.objects.all():
        text = f"{row.changes} {row.note} {row.object_repr}"
        assert "disagree" not in text and str(ballot.pk) not in text and ballot.receipt_hash not in text
        assert code not in text
        assert row.content_type.model not in ("ballot", "votecast")
    assert code not in caplog.text and ballot.receipt_hash not in caplog.text


def test_ballots_are_reinserted_in_a_random_order_with_new_ids_when_voting_closes(tree, people):
    council, members = council_of(tree.BT, 9)
    session, (item,) = session_of(
        council, members, items=[{"person": people.vo_hong, "award": award("cstd-co-so")}]
    )
    actions.open_voting(session, by=None)
    for i, m in enumerate(members):
        actions.cast_ballots(
            session, by=m.user, choices={item.pk: Choice.AGREE if i % 2 else Choice.DISAGREE}
        )
    cast_ids = list(Ballot.objects.values_list("id", flat=True))
    hashes = set(Ballot.objects.values_list("receipt_hash", flat=True))
    orders = set()
    for _round in range(3):  # the shuffle itself, run again: at least one differs from the cast order
        actions._shuffle_ballots(session)
        orders.add(tuple(Ballot.objects.order_by("id").values_list("receipt_hash", flat=True)))
    actions.close_voting(session, by=None)
    assert not set(Ballot.objects.values_list("id", flat=True)) & set(cast_ids)  # new random ids
    assert set(Ballot.objects.values_list("receipt_hash", flat=True)) == hashes  # same ballots
    assert len(orders) > 1
    item.refresh_from_db()
    assert (item.yes_count, item.no_count) == (4, 5)


def test_receipt_code_finds_the_voters_own_ballots_only(tree, people):
    council, members = council_of(tree.BT, 3)
    session, items = session_of(
        council, members, items=[{"person": people.vo_hong}, {"person": people.huynh_mai}]
    )
    actions.open_voting(session, by=None)
    code = actions.cast_ballots(session, by=members[0].user, choices={i.pk: Choice.AGREE for i in items})
    other = actions.cast_ballots(session, by=members[1].user, choices={items[0].pk: Choice.DISAGREE})
    mine = Ballot.objects.filter(receipt_hash__in=[actions.receipt_hash(code.lower().replace("-", " "), i.pk)
                                                   for i in items])  # fmt: skip
    assert sorted(mine.values_list("choice", flat=True)) == ["agree", "agree"]
    assert (
        Ballot.objects.filter(receipt_hash=actions.receipt_hash(other, items[0].pk)).get().choice
        == "disagree"
    )
