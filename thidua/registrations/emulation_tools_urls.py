"""Emulation registration's roll-up, reminders and .xlsx upload, under /dang-ky-thi-dua/ beside the registration
pages (namespace ``emulation``)."""

from django.urls import path

from .views import emulation_rollup as rollup

app_name = "emulation_tools"
urlpatterns = [
    path("tong-hop/", rollup.rollup, name="rollup"),
    path("tong-hop/xuat-excel/", rollup.rollup_export, name="rollup-export"),
    path("tong-hop/nhac-nho/", rollup.rollup_remind, name="rollup-remind"),
]
