"""Pages of principle (namespace ``principle``), included at the site's root: each path carries its own prefix."""

from django.urls import path

from . import views

app_name = "principle"
urlpatterns = [
    path("danh-gia-khen-thuong/", views.dashboard, name="dashboard"),
    path("danh-gia-khen-thuong/xuat-excel/", views.export, name="export"),
]
