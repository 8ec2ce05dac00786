"""Recording the facts the engine reads (exclusions, task ratings): permission, checks in Vietnamese, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.eligibility import actions
from thidua.eligibility.models import Exclusion, TaskRating

D = datetime.date
pytestmark = pytest.mark.django_db


def test_officer_records_a_discipline_with_its_period(users, people):
    exclusion = actions.record_exclusion(people.tran_hao, by=users.grassroots_officer, kind="discipline",
                                         level="warning", starts_on=D(2026, 3, 1), ends_on=D(2027, 2, 28),
                                         source="Quyết định 12/QĐ-CTY ngày 01/3/2026")  # fmt: skip
    assert (exclusion.unit, exclusion.level) == (people.tran_hao.unit, "warning")
    assert AuditEvent.objects.filter(action="create", object_id=str(exclusion.pk)).exists()


def test_outsider_and_reader_may_not_record(users, people):
    for user in (users.outsider, users.council_member):
        with pytest.raises(PermissionDenied):
            actions.record_exclusion(people.tran_hao, by=user, kind="investigation", starts_on=D(2026, 3, 1),
                                     source="Thông báo 1/TB")  # fmt: skip
    assert not Exclusion.objects.exists()


def test_bad_facts_are_refused_naming_the_field(users, people):
    with pytest.raises(ValidationError) as error:
        actions.record_exclusion(people.tran_hao, by=users.grassroots_officer, kind="absence", starts_on=D(2026, 3, 5),
                                 ends_on=D(2026, 3, 1), source="")  # fmt: skip
    assert set(error.value.message_dict) == {"ends_on", "days", "source"}
    with pytest.raises(ValidationError) as error:
        actions.record_exclusion(people.tran_hao, by=users.grassroots_officer, kind="discipline",
                                 starts_on=D(2026, 3, 5), source="QĐ 1")  # fmt: skip
    assert "level" in error.value.message_dict


def test_a_new_rating_of_the_year_replaces_the_earlier_one(users, people):
    actions.record_rating(people.nguyen_dao, by=users.grassroots_officer, year=2026, rating="good")
    actions.record_rating(people.nguyen_dao, by=users.grassroots_officer, year=2026, rating="excellent")
    assert list(TaskRating.objects.current().values_list("rating", flat=True)) == ["excellent"]
    assert TaskRating.objects.filter(archived_at__isnull=False).count() == 1
