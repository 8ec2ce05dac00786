"""The database keeps the invariants of registers, decisions, lines and records."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from thidua.registrations.models import Award
from thidua.rewards.models import AwardRecord, Decision, DecisionLine, DecisionRegister

D = datetime.date


@pytest.fixture
def register(tree):
    return DecisionRegister.objects.create(issuer=tree.BT, year=2017, symbol="QĐ-LĐLĐ")


def _decision(register, **kw):
    fields = {"issuer": register.issuer, "decided_on": D(2017, 12, 20), "title": "Về việc khen thưởng"} | kw
    return Decision.objects.create(register=register, **fields)


def test_one_register_per_issuer_year_and_symbol(register, tree):
    DecisionRegister.objects.create(issuer=tree.BT, year=2018, symbol="QĐ-LĐLĐ")
    DecisionRegister.objects.create(issuer=tree.CT, year=2017, symbol="QĐ-LĐLĐ")
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRegister.objects.create(issuer=tree.BT, year=2017, symbol="QĐ-LĐLĐ")


def test_a_number_is_used_once_in_a_register(register):
    now = datetime.datetime(2017, 12, 20, tzinfo=datetime.UTC)
    _decision(register, number=45, status="issued", issued_at=now)
    _decision(register)  # drafts have no number
    _decision(register)
    with pytest.raises(IntegrityError), transaction.atomic():
        _decision(register, number=45, status="issued", issued_at=now)


def test_an_issued_decision_has_a_number_and_a_draft_none(register):
    with pytest.raises(IntegrityError), transaction.atomic():
        _decision(register, status="issued")
    with pytest.raises(IntegrityError), transaction.atomic():
        _decision(register, number=3)


def test_a_line_names_a_person_or_a_unit_never_both(register, tree, people):
    decision = _decision(register)
    award = Award.objects.get(code="lao-dong-tien-tien")
    DecisionLine.objects.create(decision=decision, person=people.tran_hao, award=award, year=2017)
    DecisionLine.objects.create(decision=decision, unit=tree.MAY, award=award, year=2017)
    for who in ({}, {"person": people.tran_hao, "unit": tree.MAY}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DecisionLine.objects.create(decision=decision, award=award, year=2017, **who)


def test_a_record_from_a_decision_names_its_line_and_imported_history_none(register, people):
    award = Award.objects.get(code="lao-dong-tien-tien")
    AwardRecord.objects.create(person=people.tran_hao, award=award, year=2015, source="imported",
                               decision_number="12/QĐ-CĐ", issuer_name="Công ty May")  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecord.objects.create(person=people.tran_hao, award=award, year=2017, source="decision")


def test_reference_reads_number_and_symbol(register):
    now = datetime.datetime(2017, 12, 20, tzinfo=datetime.UTC)
    assert _decision(register, number=45, status="issued", issued_at=now).reference == "45/QĐ-LĐLĐ"
    assert _decision(register).reference == "…/QĐ-LĐLĐ (dự thảo)"
