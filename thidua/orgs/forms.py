"""Forms of the orgs app: they validate input; the views then call one action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, Sector, Unit

__all__ = ["forms", "_", "Level", "Sector", "Unit"]
