"""Emulation registration's roll-up, reminders and .xlsx upload, under /dang-ky-thi-dua/ beside the registration
pages (namespace ``emulation``)."""

from django.urls import path

from .views import emulation_rollup as rollup
from .views import emulation_upload as upload

app_name = "emulation_tools"
urlpatterns = [
    path("tong-hop/", rollup.rollup, name="rollup"),
    path("tong-hop/xuat-excel/", rollup.rollup_export, name="rollup-export"),
    path("tong-hop/nhac-nho/", rollup.rollup_remind, name="rollup-remind"),
    path("<int:pk>/nhap-excel/", upload.upload, name="upload"),
    path("<int:pk>/nhap-excel/xac-nhan/", upload.upload_confirm, name="upload-confirm"),
    path("<int:pk>/nhap-excel/tep-mau/", upload.upload_template, name="upload-template"),
]
