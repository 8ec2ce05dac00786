"""The write-path check itself (tests/write_path.py): it catches every kind of write made by thidua code outside an
action, and trips on nothing that is not a write."""

import datetime

import pytest
from django import forms

from tests import write_path
from thidua.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def run_as(module: str, source: str, **names):
    """Run ``source`` (defining ``run()``) as if it were code of ``module``."""
    namespace = {"__name__": module, **names}
    exec(compile(source, f"/fake/{module.replace('.', '/')}.py", "exec"), namespace)  # noqa: S102
    return namespace["run"]()


def kinds_found() -> list[str]:
    return [f"{v.kind} {v.model}" for v in write_path.take()]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def run():\n    Unit.objects.filter(code='MAY').update(address='x')", "UPDATE of orgs.Unit"),
        (
            "def run():\n    u = Unit.objects.get(code='MAY')\n    u.address = 'x'\n    u.save()",
            "UPDATE of orgs.Unit",
        ),
        (
            "def run():\n    Person.objects.create(full_name='A', unit=Unit.objects.get(code='MAY'))",
            "INSERT into orgs.Person",
        ),
        (
            "def run():\n    Person.objects.bulk_create([Person(full_name='B', unit=Unit.objects.get(code='MAY'))])",
            "INSERT into orgs.Person",
        ),
    ],
    ids=["update", "save", "create", "bulk_create"],
)
def test_a_write_from_a_view_is_caught_with_its_file_and_line(tree, source, expected):
    run_as("thidua.orgs.views.fake", source, Unit=Unit, Person=Person)
    found = write_path.take()
    assert [f"{v.kind} {v.model}" for v in found] == [expected]
    assert found[0].where.startswith("/fake/thidua/orgs/views/fake.py:")


def test_a_delete_from_a_view_is_caught(tree):
    Person.objects.create(full_name="Người để xoá", unit=tree.MAY)
    run_as("thidua.orgs.views.fake", "def run():\n    Person.objects.filter(full_name='Người để xoá').delete()",
           Person=Person)  # fmt: skip
    found = kinds_found()
    assert "DELETE from orgs.Person" in found
    assert all(kind.startswith("DELETE from ") for kind in found)


def test_the_same_write_inside_an_action_is_allowed(tree):
    run_as(
        "thidua.orgs.actions.fake",
        "def run():\n    Unit.objects.filter(code='MAY').update(address='x')",
        Unit=Unit,
    )
    assert kinds_found() == []


def test_dict_update_and_a_form_that_writes_nothing_are_not_writes(tree):
    class NoteForm(forms.Form):
        note = forms.CharField()

        def save(self):
            return self.cleaned_data["note"]

    source = (
        "def run():\n"
        "    values = {'a': 1}\n"
        "    values.update(b=2)\n"
        "    form = NoteForm({'note': 'ghi chú'})\n"
        "    assert form.is_valid()\n"
        "    return form.save(), Unit.objects.filter(code='MAY').count()\n"
    )
    assert run_as("thidua.orgs.views.fake", source, NoteForm=NoteForm, Unit=Unit) == ("ghi chú", 1)
    assert kinds_found() == []


def test_a_test_arranging_data_directly_is_not_concerned(tree):
    Unit.objects.filter(code="MAY").update(founded_on=datetime.date(2016, 1, 1))
    assert kinds_found() == []


def test_the_real_actions_pass_the_check(tree):
    from thidua.orgs import actions

    actions.update_unit(tree.MAY, by=None, address="Ấp 3")
    actions.create_person(by=None, unit=tree.MAY, full_name="Lý Văn Tâm")
    assert kinds_found() == []
