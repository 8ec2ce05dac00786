from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tac-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path("thong-bao/", views.notice_list, name="notice-list"),
    path("thong-bao/da-doc/", views.notice_read_all, name="notice-read-all"),
    path("thong-bao/<int:pk>/da-doc/", views.notice_read, name="notice-read"),
]
