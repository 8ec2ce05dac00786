"""/hoi-dong-thi-dua/: Hội đồng thi đua – khen thưởng (namespace ``councils``)."""

from django.urls import path  # noqa: F401

app_name = "councils"
urlpatterns: list = []
