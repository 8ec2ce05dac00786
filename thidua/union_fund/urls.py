"""/quy-mai-am/: the "Mái ấm Công đoàn" fund (namespace ``union_fund``)."""

from django.urls import path

from . import views

app_name = "union_fund"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("xuat-excel/", views.ledger_export, name="ledger-export"),
    path("ung-ho/", views.contribution_create, name="contribution-create"),
    *views.CONTRIBUTION_IMPORT.routes("ung-ho/nhap-excel/"),
    path("but-toan/<int:pk>/dieu-chinh/", views.entry_correct, name="entry-correct"),
    path("ho-tro/", views.grant_list, name="grant-list"),
    path("ho-tro/them/", views.grant_create, name="grant-create"),
    *views.GRANT_IMPORT.routes("ho-tro/nhap-excel/"),
    path("ho-tro/<int:pk>/", views.grant_detail, name="grant-detail"),
    path("ho-tro/<int:pk>/sua/", views.grant_update, name="grant-update"),
    path("ho-tro/<int:pk>/ban-giao/", views.grant_handover, name="grant-handover"),
    path("ho-tro/<int:pk>/luu-tru/", views.grant_archive, name="grant-archive"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/xuat-excel/", views.report_export, name="report-export"),
    path("nha-mai-am/", views.houses, name="houses"),
]
