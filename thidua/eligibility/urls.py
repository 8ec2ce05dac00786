"""/xet-dieu-kien/: Xét điều kiện khen thưởng (namespace ``eligibility``)."""

from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("", views.index, name="index"),
    path("nguoi/<int:pk>/", views.verdict, {"kind": "person"}, name="person-verdict"),
    path("tap-the/<int:pk>/", views.verdict, {"kind": "unit"}, name="unit-verdict"),
    path(
        "nguoi/<int:pk>/su-viec/",
        views.record_fact,
        {"kind": "person", "fact": "exclusion"},
        name="person-exclusion-create",
    ),
    path(
        "nguoi/<int:pk>/xep-loai/",
        views.record_fact,
        {"kind": "person", "fact": "rating"},
        name="person-rating-create",
    ),
    path(
        "tap-the/<int:pk>/su-viec/",
        views.record_fact,
        {"kind": "unit", "fact": "exclusion"},
        name="unit-exclusion-create",
    ),
    path(
        "tap-the/<int:pk>/xep-loai/",
        views.record_fact,
        {"kind": "unit", "fact": "rating"},
        name="unit-rating-create",
    ),
    path("don-vi/<int:pk>/", views.unit_year, name="unit-year"),
    path("ket-luan-thay/", views.override_list, name="override-list"),
    path("ket-luan-thay/<int:pk>/rut-lai/", views.override_withdraw, name="override-withdraw"),
    path("don-vi/<int:pk>/xep-loai/<int:year>/nhap-excel/", views.rating_import, name="rating-import"),
    path(
        "don-vi/<int:pk>/xep-loai/<int:year>/nhap-excel/xac-nhan/",
        views.rating_import_confirm,
        name="rating-import-confirm",
    ),
    path(
        "don-vi/<int:pk>/xep-loai/<int:year>/nhap-excel/tep-mau/",
        views.rating_import_template,
        name="rating-import-template",
    ),
    *views.EXCLUSION_IMPORT.routes("nhap-excel/"),
]
