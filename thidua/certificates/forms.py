"""Forms of certificates: the issuer's emblem, a blank layout (its calibration: one row per field), a batch."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BaseForm
from thidua.orgs.models import Unit

from .documents import BLANK_FIELDS, DEFAULT_FIELDS, FONTS
from .models import Paper
from .permissions import CERTIFICATE_LAYOUT


def layout_units(user) -> Any:
    """The active units whose emblem and blanks the user may keep."""
    return Unit.objects.visible_to(user, CERTIFICATE_LAYOUT).active().order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * max(obj.depth - 2, 0)}{obj.name}"


class EmblemForm(BaseForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    file = forms.ImageField(label=_("Ảnh biểu tượng (PNG, JPG, tối đa 2 MB)"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = layout_units(user)


class NewLayoutForm(BaseForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Tên phôi"), max_length=150,
                           help_text=_("Ví dụ: Phôi Bằng khen 2017 – máy in phòng CS-PL"))  # fmt: skip
    paper = forms.ChoiceField(label=_("Khổ giấy"), choices=Paper.choices, initial=Paper.A4_LANDSCAPE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = layout_units(user)


class LayoutForm(BaseForm):
    """The calibration: name, paper, and for each field its x, y (mm), size and font."""

    name = forms.CharField(label=_("Tên phôi"), max_length=150)
    paper = forms.ChoiceField(label=_("Khổ giấy"), choices=Paper.choices)

    def __init__(self, *args, layout=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = layout.fields if layout is not None else {}
        if layout is not None and not self.is_bound:
            self.initial.update({"name": layout.name, "paper": layout.paper})
        self.rows: list[dict[str, Any]] = []
        for spec in BLANK_FIELDS:
            values = {**DEFAULT_FIELDS[spec.key], **(current.get(spec.key) or {})}
            label = gettext(spec.label)
            row: dict[str, Any] = {"key": spec.key, "label": label}
            for coord in ("x", "y"):
                name = f"{spec.key}_{coord}"
                self.fields[name] = forms.DecimalField(label=f"{label} – {coord} (mm)", max_digits=6,
                                                       decimal_places=1, initial=values[coord])  # fmt: skip
                self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
                row[coord] = name
            size_label = _("cạnh (mm)") if spec.key == "qr" else _("cỡ chữ (pt)")
            self.fields[f"{spec.key}_size"] = forms.DecimalField(label=f"{label} – {size_label}", max_digits=5,
                                                                 decimal_places=1, initial=values["size"])  # fmt: skip
            self.fields[f"{spec.key}_size"].widget.attrs["aria-label"] = self.fields[f"{spec.key}_size"].label
            row["size"] = f"{spec.key}_size"
            if spec.key != "qr":
                self.fields[f"{spec.key}_font"] = forms.ChoiceField(
                    label=f"{label} – {_('phông chữ')}",
                    choices=[(key, gettext(name)) for key, name in FONTS.items()],
                    initial=values["font"],
                )
                self.fields[f"{spec.key}_font"].widget.attrs["aria-label"] = self.fields[
                    f"{spec.key}_font"
                ].label
                row["font"] = f"{spec.key}_font"
            self.rows.append(row)

    def row_fields(self) -> list[dict[str, Any]]:
        """The rows of the calibration table with their bound fields."""
        return [
            {"label": row["label"], "key": row["key"],
             **{part: self[name] for part, name in row.items() if part not in ("key", "label")}}
            for row in self.rows
        ]  # fmt: skip

    def layout_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        result: dict[str, Any] = {}
        for spec in BLANK_FIELDS:
            entry: dict[str, Any] = {
                "x": float(data[f"{spec.key}_x"]), "y": float(data[f"{spec.key}_y"]),
                "size": float(data[f"{spec.key}_size"]),
            }  # fmt: skip
            if spec.key != "qr":
                entry["font"] = data[f"{spec.key}_font"]
            result[spec.key] = entry
        return result
