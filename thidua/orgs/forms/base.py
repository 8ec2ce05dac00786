"""What every form of the app shares: the dd/mm/yyyy date field and the Vietnamese form base (required-field
messages that name the field, Bootstrap classes, an action's ValidationError put on the fields it names)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.core import dates
from thidua.core.dates import format_date

VN_DATE_FORMATS = dates.DATE_INPUT_FORMATS


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the way every form in the federation writes it), never in the future."""

    default_error_messages = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020.")}

    def __init__(self, *, allow_future: bool = False, **kwargs):
        self.allow_future = allow_future
        kwargs.setdefault("input_formats", VN_DATE_FORMATS)
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
                _("Ngày không được sau ngày hôm nay (%(today)s).") % {"today": format_date(today)},
                code="future",
            )


class _VietnameseForm(forms.Form):
    """Required-field messages that name the field; Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = capfirst(field.label) if field.label else ""
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["required"] = _("Chưa chọn “%(field)s”.") % {"field": label}
            else:
                field.error_messages["required"] = _("Chưa nhập “%(field)s”.") % {"field": label}
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
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
