"""/xet-dieu-kien/: Xét điều kiện khen thưởng (namespace ``eligibility``)."""

from django.urls import path  # noqa: F401

app_name = "eligibility"
urlpatterns: list = []
