"""Pages of exemplars (namespace ``exemplars``), included at the site's root: each path carries its own prefix."""

from django.urls import path

from . import views

app_name = "exemplars"
urlpatterns = [
    path("dien-hinh-tien-tien/", views.exemplar_list, name="exemplar-list"),
    path("dien-hinh-tien-tien/xuat-excel/", views.exemplar_export, name="exemplar-export"),
    path("dien-hinh-tien-tien/don-vi/<int:unit_pk>/them/", views.exemplar_create, name="exemplar-create"),
    path("dien-hinh-tien-tien/<int:pk>/", views.exemplar_detail, name="exemplar-detail"),
    path("dien-hinh-tien-tien/<int:pk>/sua/", views.exemplar_update, name="exemplar-update"),
    path("dien-hinh-tien-tien/<int:pk>/luu-tru/", views.exemplar_archive, name="exemplar-archive"),
    path("dien-hinh-tien-tien/<int:pk>/anh/", views.photo_add, name="photo-add"),
    path("dien-hinh-tien-tien/<int:pk>/nhan-rong/them/", views.replication_create, name="replication-create"),
    path("dien-hinh-tien-tien/nhan-rong/", views.replication_list, name="replication-list"),
    path("dien-hinh-tien-tien/nhan-rong/xuat-excel/", views.replication_export, name="replication-export"),
    path("dien-hinh-tien-tien/nhan-rong/<int:pk>/sua/", views.replication_update, name="replication-update"),
    path(
        "dien-hinh-tien-tien/nhan-rong/<int:pk>/luu-tru/",
        views.replication_archive,
        name="replication-archive",
    ),
    path("dien-hinh-tien-tien/bang-vang/", views.board_list, name="board-list"),
    path("dien-hinh-tien-tien/bang-vang/don-vi/<int:unit_pk>/them/", views.board_create, name="board-create"),
    path("dien-hinh-tien-tien/bang-vang/<int:pk>/", views.board_detail, name="board-detail"),
    path("dien-hinh-tien-tien/bang-vang/<int:pk>/xuat-excel/", views.board_export, name="board-export"),
    path("dien-hinh-tien-tien/bang-vang/<int:pk>/sua/", views.board_update, name="board-update"),
    path("dien-hinh-tien-tien/bang-vang/<int:pk>/luu-tru/", views.board_archive, name="board-archive"),
    path("bang-vang/<str:code>/<int:year>/", views.public_board_page, name="public-board"),
    path("bang-vang/<str:code>/<int:year>/anh/<int:pk>/", views.public_photo_file, name="public-photo"),
]
