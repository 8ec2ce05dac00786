"""/hoat-dong/: activities of the units (namespace ``activities``)."""

from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="activity-list"),
    path("xuat-excel/", views.activity_export, name="activity-export"),
    path("them/", views.activity_create, name="activity-create"),
    *views.ACTIVITY_IMPORT.routes("nhap-excel/"),
    path("<int:pk>/", views.activity_detail, name="activity-detail"),
    path("<int:pk>/sua/", views.activity_update, name="activity-update"),
    path("<int:pk>/luu-tru/", views.activity_archive, name="activity-archive"),
]
