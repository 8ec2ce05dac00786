from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.api.api import api

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("don-vi/", include("thidua.orgs.urls")),
    path("ke-hoach/", include("thidua.plans.urls")),
    path("danh-muc-khen-thuong/", include("thidua.registrations.urls")),
    path("api/v1/", api.urls),
    path("khoa-api/", include("thidua.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
