"""/de-nghi-khen-thuong/: Đề nghị khen thưởng (namespace ``proposals``)."""

from django.urls import path  # noqa: F401

app_name = "proposals"
urlpatterns: list = []
