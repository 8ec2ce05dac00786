"""The pages of emulation registration, under /dang-ky-thi-dua/ (namespace ``emulation``)."""

from django.urls import path

from .views import emulation as views

app_name = "emulation"
urlpatterns = [
    path("", views.registration_list, name="registration-list"),
    path("<int:pk>/", views.registration_detail, name="registration-detail"),
]
