"""The pages of emulation registration, under /dang-ky-thi-dua/ (namespace ``emulation``)."""

from django.urls import path

from .views import emulation as views
from .views import emulation_export as exports

app_name = "emulation"
urlpatterns = [
    path("", views.registration_list, name="registration-list"),
    path("xuat-excel/", exports.registration_export, name="registration-export"),
    path("mo/", views.registration_create, name="registration-create"),
    path("dong-y-muon/", views.late_consent, name="late-consent"),
    path("han-dang-ky/", views.deadline_list, name="deadline-list"),
    path("<int:pk>/", views.registration_detail, name="registration-detail"),
    path("<int:pk>/sua/", views.registration_update, name="registration-update"),
    path("<int:pk>/tim-nguoi/", views.person_search, name="person-search"),
    path("<int:pk>/gui/", views.registration_submit, name="registration-submit"),
    path("<int:pk>/ghi-nhan/", views.registration_acknowledge, name="registration-acknowledge"),
    path("<int:pk>/tra-lai/", views.registration_return, name="registration-return"),
    path("<int:pk>/dieu-chinh/", views.registration_amend, name="registration-amend"),
]
