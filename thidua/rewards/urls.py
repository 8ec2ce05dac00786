"""/khen-thuong/: Quyết định khen thưởng (namespace ``rewards``)."""

from django.urls import path  # noqa: F401

app_name = "rewards"
urlpatterns: list = []
