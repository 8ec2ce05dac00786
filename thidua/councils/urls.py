"""/hoi-dong-thi-dua/: Hội đồng thi đua – khen thưởng (namespace ``councils``)."""

from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("don-vi/<int:unit_pk>/", views.council_list, name="council-list"),
    path("don-vi/<int:unit_pk>/thanh-lap/", views.council_create, name="council-create"),
    path("<int:pk>/", views.council_detail, name="council-detail"),
    path("<int:pk>/sua/", views.council_update, name="council-update"),
    path("<int:pk>/luu-tru/", views.council_archive, name="council-archive"),
    path("<int:pk>/thanh-vien/them/", views.member_create, name="member-create"),
    path("<int:pk>/thanh-vien/<int:member_pk>/sua/", views.member_update, name="member-update"),
    path("<int:pk>/thanh-vien/<int:member_pk>/luu-tru/", views.member_archive, name="member-archive"),
    path("<int:pk>/phien-hop/them/", views.session_create, name="session-create"),
    path("phien-hop/<int:pk>/", views.session_detail, name="session-detail"),
    path("phien-hop/<int:pk>/sua/", views.session_update, name="session-update"),
    path("phien-hop/<int:pk>/noi-dung/them/", views.item_create, name="item-create"),
    path("phien-hop/<int:pk>/diem-danh/", views.attendance, name="session-attendance"),
    path("phien-hop/<int:pk>/mo-bo-phieu/", views.voting_open, name="session-open"),
    path("phien-hop/<int:pk>/ket-thuc-bo-phieu/", views.voting_close, name="session-close"),
    path("phien-hop/<int:pk>/kiem-phieu-giay/", views.paper_tally, name="session-paper-tally"),
    path("phien-hop/<int:pk>/y-kien-van-ban/", views.written_opinions, name="session-written-opinions"),
    path("phien-hop/<int:pk>/phieu-bau/", views.ballot, name="session-ballot"),
    path("phien-hop/<int:pk>/kiem-tra-bien-nhan/", views.receipt_check, name="session-receipt"),
    path("phien-hop/<int:pk>/ket-qua.xlsx", views.results_export, name="session-results-export"),
    path("phien-hop/<int:pk>/bien-ban.<str:fmt>", views.minutes, name="session-minutes"),
    path("noi-dung/<int:item_pk>/luu-tru/", views.item_archive, name="item-archive"),
    path("noi-dung/<int:item_pk>/khong-tham-gia/", views.recusal_create, name="item-recusal"),
]
