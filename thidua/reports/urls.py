"""The pages of phase reports, under /bao-cao/ (namespace ``reports``)."""

from django.urls import path

from .views import entry, indicators, upload
from .views import forms as form_views
from .views import reports as views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("mau/", form_views.form_list, name="form-list"),
    path("chi-tieu/", indicators.indicator_list, name="indicator-list"),
    path("chi-tieu/them/<int:unit_pk>/", indicators.indicator_create, name="indicator-create"),
    path("chi-tieu/<int:pk>/luu-tru/", indicators.indicator_archive, name="indicator-archive"),
    path("mau/lap/<int:phase_pk>/", form_views.form_create, name="form-create"),
    path("mau/<int:pk>/", form_views.form_detail, name="form-detail"),
    path("mau/<int:pk>/sua/", form_views.form_update, name="form-update"),
    path("mau/<int:pk>/ban-hanh/", form_views.form_publish, name="form-publish"),
    path("mau/<int:pk>/ket-thuc/", form_views.form_close, name="form-close"),
    path("mau/<int:pk>/mo-lai/", form_views.form_reopen, name="form-reopen"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/nhap/", entry.report_entry, name="report-entry"),
    path("<int:pk>/gui/", views.report_submit, name="report-submit"),
    path("<int:pk>/duyet/", views.report_approve, name="report-approve"),
    path("<int:pk>/duyet-tong-hop/", views.report_finalise, name="report-finalise"),
    path("<int:pk>/tra-lai/", views.report_return, name="report-return"),
    path("<int:pk>/mo-lai/", views.report_reopen, name="report-reopen"),
    path("<int:pk>/mien/", views.report_waive, name="report-waive"),
    path("<int:pk>/cho-nhap-sau-han/", views.report_late_entry, name="report-late-entry"),
    path("<int:pk>/tai-excel/", upload.report_download, name="report-download"),
    path("<int:pk>/nhap-excel/", upload.report_upload, name="report-upload"),
    path("<int:pk>/nhap-excel/xac-nhan/", upload.report_upload_confirm, name="report-upload-confirm"),
]
