from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="notice-list"),
    path("da-doc/", views.notice_read_all, name="notice-read-all"),
    path("<int:pk>/da-doc/", views.notice_read, name="notice-read"),
]
