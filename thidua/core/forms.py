"""What every input of the project shares: the form base every form inherits, the dd/mm/yyyy date field, and the
same text rule for API schemas.

Text rule (issue 8: a control character in a name broke every export of the row): in every text field, line breaks
become "\\n", the text is normalised to Unicode NFC, surrounding white space is stripped, and a control character
(U+0000–U+001F except tab and line break, and U+007F) is refused with a Vietnamese message naming the field.

    class PersonForm(BaseForm): ...           # a form
    class UnitForm(BaseModelForm): ...        # a model form
    class PersonFilters(Schema):
        q: CleanText = Field("")               # an API schema (pydantic): the same rule, 422 otherwise

``BaseForm`` also names the field in "required" messages, puts Bootstrap classes on the widgets, marks invalid fields
for screen readers and puts an action's ``ValidationError`` on the fields it names (``apply_errors``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import BeforeValidator, ValidationInfo

from . import dates

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n?")


def clean_text(value: str, *, field: str = "", strip: bool = True) -> str:
    """The text rule on one value: line breaks as "\\n", NFC, stripped (unless ``strip=False``).

    Raises ``ValueError`` with a Vietnamese message naming ``field`` when the text holds a control character."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value))
    found = _CONTROL.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        if field:
            message = gettext(
                "“%(field)s” có ký tự điều khiển không hợp lệ (%(code)s, ở vị trí %(position)s): hãy gõ lại "
                "phần đó hoặc dán dưới dạng văn bản thuần."
            ) % {"field": field, "code": code, "position": found.start() + 1}
        else:
            message = gettext(
                "Có ký tự điều khiển không hợp lệ (%(code)s, ở vị trí %(position)s): hãy gõ lại phần đó hoặc dán "
                "dưới dạng văn bản thuần."
            ) % {"code": code, "position": found.start() + 1}
        raise ValueError(message)
    return text.strip() if strip else text


def _clean_schema_text(value: Any, info: ValidationInfo) -> Any:
    return clean_text(value, field=info.field_name or "") if isinstance(value, str) else value


CleanText = Annotated[str, BeforeValidator(_clean_schema_text)]
"""A text field of an API schema under the text rule (a control character answers 422 naming the field)."""


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the way every form in the federation writes it), never in the future."""

    default_error_messages = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020.")}

    def __init__(self, *, allow_future: bool = False, **kwargs):
        self.allow_future = allow_future
        kwargs.setdefault("input_formats", dates.DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format=dates.DATE_FORMAT,
                attrs={"placeholder": dates.PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off"},
            ),
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value.year < 1900:
            raise forms.ValidationError(_("Năm phải từ 1900 trở đi."), code="too_old")
        today = timezone.localdate()
        if not self.allow_future and value > today:
            raise forms.ValidationError(
                _("Ngày không được sau ngày hôm nay (%(today)s).") % {"today": dates.format_date(today)},
                code="future",
            )


def _text_rule(field: forms.CharField, label: str):
    """``field.to_python`` with the text rule first (the field's own conversion strips and converts after)."""
    original = field.to_python

    def to_python(value):
        if isinstance(value, str):
            try:
                value = clean_text(value, field=label, strip=False)
            except ValueError as error:
                raise forms.ValidationError(str(error), code="control_character") from None
        return original(value)

    return to_python


def _has_default_required_message(field: forms.Field) -> bool:
    """Whether the field kept Django's "required" message (a message the form gave it stays)."""
    defaults: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return field.error_messages.get("required") is defaults.get("required")


class _InputRules:
    """The behaviour ``BaseForm`` and ``BaseModelForm`` share."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = capfirst(field.label) if field.label else name
            if _has_default_required_message(field):
                if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                    field.error_messages["required"] = _("Chưa chọn “%(field)s”.") % {"field": label}
                else:
                    field.error_messages["required"] = _("Chưa nhập “%(field)s”.") % {"field": label}
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                field.to_python = _text_rule(field, str(label))  # type: ignore[method-assign]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_error(self, field, error) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    def apply_errors(self, error: forms.ValidationError, aliases: dict[str, str] | None = None) -> None:
        """Put an action's ValidationError on the fields it names (or on the form)."""
        aliases = aliases or {}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = aliases.get(key, key)
            self.add_error(name if name in self.fields else None, messages)


class BaseForm(_InputRules, forms.Form):
    """The base of every form of the project."""


class BaseModelForm(_InputRules, forms.ModelForm):
    """The base of every model form of the project."""
