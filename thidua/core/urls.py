from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("tac-vu/<int:pk>/", views.task_detail, name="task-detail"),
]
