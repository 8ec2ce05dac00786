"""The roll-up pages and files of the phase reports, under /bao-cao/ (namespace ``report_rollup``)."""

from django.urls import path

from . import rollup_export as exports
from . import rollup_views as views

app_name = "report_rollup"
urlpatterns = [
    path("tong-hop/", views.form_list, name="form-list"),
    path("mau/<int:form>/tong-hop/", views.rollup_page, name="rollup"),
    path("mau/<int:form>/tong-hop/xuat-excel/", exports.rollup_xlsx, name="rollup-xlsx"),
    path(
        "mau/<int:form>/tong-hop/bao-cao-so-ket.<str:fmt>",
        exports.rollup_document_view,
        name="rollup-document",
    ),
    path("mau/<int:form>/tinh-hinh-nop/", views.completeness_page, name="completeness"),
    path("mau/<int:form>/cham-nop/", views.late_page, name="late"),
    path("mau/<int:form>/nhac-nop/", views.remind, name="remind"),
]
