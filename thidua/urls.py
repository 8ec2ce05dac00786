from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.api.api import api
from thidua.api.views import not_found as api_not_found
from thidua.passwords import PasswordChangeView

urlpatterns = [
    path("", include("thidua.home.urls")),
    path("", include("thidua.core.urls")),
    path("thong-bao/", include("thidua.notices.urls")),
    path("don-vi/", include("thidua.orgs.urls")),
    path("ke-hoach/", include("thidua.plans.urls")),
    path("danh-muc-khen-thuong/", include("thidua.registrations.urls")),
    path("dang-ky-thi-dua/", include("thidua.registrations.emulation_urls")),
    path("dang-ky-thi-dua/", include("thidua.registrations.emulation_tools_urls")),
    path("de-tai-cong-trinh/", include("thidua.registrations.works_urls")),
    path("sang-kien/", include("thidua.registrations.initiative_urls")),
    path("doanh-nghiep/", include("thidua.enterprises.urls")),
    path("phu-trach-dia-ban/", include("thidua.enterprises.areas_urls")),
    path("kiem-tra-giam-sat/", include("thidua.enterprises.supervision_urls")),
    path("bao-cao/", include("thidua.reports.urls")),
    path("bao-cao/", include("thidua.reports.rollup_urls")),
    path("hoi-dong-thi-dua/", include("thidua.councils.urls")),
    path("khen-thuong/", include("thidua.rewards.urls")),
    path("xet-dieu-kien/", include("thidua.eligibility.urls")),
    path("de-nghi-khen-thuong/", include("thidua.proposals.urls")),
    path("", include("thidua.certificates.urls")),
    path("", include("thidua.clusters.urls")),
    path("", include("thidua.exemplars.urls")),
    path("", include("thidua.principle.urls")),
    path("quy-mai-am/", include("thidua.union_fund.urls")),
    path("dai-hoi/", include("thidua.congresses.urls")),
    path("hoat-dong/", include("thidua.activities.urls")),
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", api_not_found, name="api-not-found"),
    path("khoa-api/", include("thidua.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
