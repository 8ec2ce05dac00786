"""/hoat-dong/: activities of the units (namespace ``activities``)."""

from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="activity-list"),
    path("xuat-excel/", views.activity_export, name="activity-export"),
    path("them/", views.activity_create, name="activity-create"),
    path("nhap-excel/", views.activity_import, name="activity-import"),
    path("nhap-excel/xac-nhan/", views.activity_import_confirm, name="activity-import-confirm"),
    path("nhap-excel/tep-mau/", views.activity_import_template, name="activity-import-template"),
    path("<int:pk>/", views.activity_detail, name="activity-detail"),
    path("<int:pk>/sua/", views.activity_update, name="activity-update"),
    path("<int:pk>/luu-tru/", views.activity_archive, name="activity-archive"),
]
