"""/dai-hoi/: congresses of the units, term by term (namespace ``congresses``)."""

from django.urls import path

from . import views

app_name = "congresses"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/xuat-excel/", views.unit_export, name="unit-export"),
    path("xep-lich/", views.congress_schedule, name="congress-schedule"),
    path("xep-lich-hang-loat/", views.congress_schedule_batch, name="congress-schedule-batch"),
    path("<int:pk>/", views.congress_detail, name="congress-detail"),
    path("<int:pk>/ket-qua/", views.congress_hold, name="congress-hold"),
    path("<int:pk>/khong-to-chuc/", views.congress_cancel, name="congress-cancel"),
]
