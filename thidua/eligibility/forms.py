from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Outcome


class OverrideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết luận của cán bộ"),
        choices=[
            (Outcome.ELIGIBLE, Outcome.ELIGIBLE.label),
            (Outcome.NOT_ELIGIBLE, Outcome.NOT_ELIGIBLE.label),
        ],
    )
    reason = forms.CharField(label=_("Lý do (ghi vào hồ sơ trình Hội đồng)"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=4000)  # fmt: skip
