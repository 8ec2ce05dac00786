"""Pages of certificates (namespace ``certificates``), included at the site's root: each path carries its own prefix."""

from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("bang-giay-khen/", views.decision_list, name="decision-list"),
    path("bang-giay-khen/quyet-dinh/<int:pk>/", views.decision_certificates, name="decision"),
    path("bang-giay-khen/quyet-dinh/<int:pk>/cap-so-hieu/", views.certificates_issue, name="issue"),
    path("bang-giay-khen/quyet-dinh/<int:pk>/in/", views.batch_start, name="batch-start"),
    path("bang-giay-khen/quyet-dinh/<int:pk>/xuat-excel/", views.decision_export, name="decision-export"),
    path("bang-giay-khen/dot-in/<int:pk>/", views.batch_status, name="batch-status"),
    path("bang-giay-khen/dot-in/<int:pk>/tep.pdf", views.batch_download, name="batch-download"),
    path("bang-giay-khen/<int:pk>/tep.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("bang-giay-khen/phoi/", views.layout_list, name="layout-list"),
    path("bang-giay-khen/phoi/<int:pk>/", views.layout_edit, name="layout-edit"),
    path("bang-giay-khen/phoi/<int:pk>/trang-thu.pdf", views.layout_test_page, name="layout-test-page"),
    path("bang-giay-khen/phoi/<int:pk>/luu-tru/", views.layout_archive, name="layout-archive"),
    path("xac-thuc/<str:serial>/", views.verify, name="verify"),
]
