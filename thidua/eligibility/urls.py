"""/xet-dieu-kien/: Xét điều kiện khen thưởng (namespace ``eligibility``)."""

from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("", views.index, name="index"),
    path("nguoi/<int:pk>/", views.verdict, {"kind": "person"}, name="person-verdict"),
    path("tap-the/<int:pk>/", views.verdict, {"kind": "unit"}, name="unit-verdict"),
    path("don-vi/<int:pk>/", views.unit_year, name="unit-year"),
    path("ket-luan-thay/", views.override_list, name="override-list"),
    path("ket-luan-thay/<int:pk>/rut-lai/", views.override_withdraw, name="override-withdraw"),
    path("nhap-excel/", views.exclusion_import, name="exclusion-import"),
    path("nhap-excel/xac-nhan/", views.exclusion_import_confirm, name="exclusion-import-confirm"),
    path("nhap-excel/tep-mau/", views.exclusion_import_template, name="exclusion-import-template"),
]
