"""thidua.core.forms: the text rule every form and API schema applies (NFC, stripped, no control characters)."""

import importlib
import inspect
import pkgutil
import unicodedata

import pytest
from django import forms
from django.urls import reverse
from ninja import Schema
from pydantic import ValidationError as SchemaError

import thidua
from thidua.core.forms import BaseForm, BaseModelForm, CleanText, clean_text
from thidua.orgs.models import Person


class NoteForm(BaseForm):
    name = forms.CharField(label="Họ và tên", max_length=50)
    note = forms.CharField(label="Ghi chú", widget=forms.Textarea, required=False)
    secret = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, required=False, strip=False)
    code = forms.CharField(label="Mã", required=True, error_messages={"required": "Hãy nhập mã."})
    kind = forms.ChoiceField(label="Loại", choices=[("a", "A")])


def bound(**data):
    form = NoteForm(data={"name": "An", "code": "X", "kind": "a", **data})
    form.is_valid()
    return form


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
def test_control_character_is_refused_naming_the_field(char):
    form = bound(name=f"Nguyễn{char} An")
    assert form.errors["name"] == [
        f"“Họ và tên” có ký tự điều khiển không hợp lệ (U+{ord(char):04X}, ở vị trí 7): hãy gõ lại phần đó "
        "hoặc dán dưới dạng văn bản thuần."
    ]
    assert 'aria-invalid="true"' in str(form["name"])


def test_control_character_at_the_edge_is_refused_not_silently_stripped():
    assert list(bound(name="Nguyễn An\x1f").errors) == ["name"]


def test_tab_and_line_breaks_are_kept_and_windows_line_breaks_become_newlines():
    form = bound(note="Dòng 1\r\nDòng\t2\rDòng 3")
    assert form.errors == {}
    assert form.cleaned_data["note"] == "Dòng 1\nDòng\t2\nDòng 3"


def test_text_is_normalised_to_nfc_and_stripped():
    decomposed = unicodedata.normalize("NFD", "  Trần Thị Ánh  ")
    form = bound(name=decomposed)
    assert form.cleaned_data["name"] == "Trần Thị Ánh"
    assert unicodedata.is_normalized("NFC", form.cleaned_data["name"])


def test_password_fields_are_left_as_typed():
    form = bound(secret=" mật\x07khẩu ")
    assert form.errors == {}
    assert form.cleaned_data["secret"] == " mật\x07khẩu "


def test_required_messages_name_the_field_unless_the_form_gave_its_own():
    form = NoteForm(data={})
    assert form.errors == {
        "name": ["Chưa nhập “Họ và tên”."],
        "code": ["Hãy nhập mã."],
        "kind": ["Chưa chọn “Loại”."],
    }


def test_model_form_has_the_same_rule():
    class PersonNameForm(BaseModelForm):
        class Meta:
            model = Person
            fields = ["full_name"]

    form = PersonNameForm(data={"full_name": "Lê\x00 Văn Tám"})
    assert form.errors["full_name"][0].startswith("“Họ và tên” có ký tự điều khiển không hợp lệ (U+0000")


def test_clean_text_without_a_field_name():
    with pytest.raises(ValueError) as error:
        clean_text("a\x01")
    assert str(error.value) == (
        "Có ký tự điều khiển không hợp lệ (U+0001, ở vị trí 2): hãy gõ lại phần đó hoặc dán dưới dạng văn bản thuần."
    )
    assert clean_text(" a\r\nb ", strip=False) == " a\nb "


class Filters(Schema):
    q: CleanText = ""


def test_schema_text_follows_the_same_rule():
    assert Filters(q=unicodedata.normalize("NFD", " Hào ")).q == "Hào"
    with pytest.raises(SchemaError) as error:
        Filters(q="ha\x00o")
    assert error.value.errors()[0]["loc"] == ("q",)
    assert "“q” có ký tự điều khiển không hợp lệ (U+0000, ở vị trí 3)" in error.value.errors()[0]["msg"]


def test_every_form_of_the_project_inherits_the_base():
    forms_found = []
    for module in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if (
            "migrations" in module.name
            or module.name.endswith(("settings", "wsgi"))
            or ".management." in module.name
        ):
            continue
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__.startswith("thidua.")
                and cls.__module__ == loaded.__name__
            ):
                forms_found.append(cls)
    outside = sorted(
        f"{c.__module__}.{c.__name__}"
        for c in forms_found
        if not issubclass(c, BaseForm | BaseModelForm) and not c.__name__.startswith("_")
    )
    assert len(forms_found) > 30
    assert outside == []


def test_person_form_refuses_a_control_character_and_records_nothing(client_for, users, tree):
    count = Person.objects.count()
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:person-create"),
        {"unit": tree.MAY.pk, "full_name": "Đặng Thị\x0b Tuyết", "joined_on": "01/03/2021", "is_member": "1",
         "position": "member", "job_category": "worker"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == [
        "“Họ và tên” có ký tự điều khiển không hợp lệ (U+000B, ở vị trí 9): hãy gõ lại phần đó hoặc dán dưới dạng "
        "văn bản thuần."
    ]
    assert Person.objects.count() == count


def test_api_search_with_a_control_character_answers_422(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/people/", {"q": "tran\x00"})
    assert response.status_code == 422
    assert "“q” có ký tự điều khiển không hợp lệ (U+0000, ở vị trí 5)" in response.text
