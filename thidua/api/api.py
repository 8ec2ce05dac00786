"""Assembles every app's routes under /api/v1/ and holds authentication.

A caller is authenticated by an API token (``Authorization: Bearer <token>``, see the "Khóa API" page and the
``create_api_token`` command) or by the logged-in session; anyone else gets 401. Routes are written on the API kit
(``thidua.core.api``): they read the caller with ``caller(request)`` and scope every read with ``visible_to`` /
``get_for_user`` exactly like the pages; the kit's error answers (401, 404, 422 in Vietnamese) are installed here.
"""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase, _csrf_needed
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from thidua.activities.api import router as activities_router
from thidua.certificates.api import router as certificates_router
from thidua.clusters.api import router as clusters_router
from thidua.congresses.api import router as congresses_router
from thidua.core.api import install_errors
from thidua.councils.api import router as councils_router
from thidua.eligibility.api import router as eligibility_router
from thidua.enterprises.api import router as enterprises_router
from thidua.exemplars.api import router as exemplars_router
from thidua.orgs.api import router as orgs_router
from thidua.plans.api import router as plans_router
from thidua.principle.api import router as principle_router
from thidua.proposals.api import router as proposals_router
from thidua.registrations.api import router as registrations_router
from thidua.reports.api import router as reports_router
from thidua.reports.rollup_api import router as report_rollup_router
from thidua.rewards.api import router as rewards_router
from thidua.union_fund.api import router as union_fund_router

from .actions import note_api_token_used
from .models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: an unrevoked token of an active user."""

    def authenticate(self, request, token: str):
        if not token:
            return None
        found = (
            ApiToken.objects.active()
            .filter(key_hash=hash_token(token.strip()), user__is_active=True)
            .select_related("user")
            .first()
        )
        if found is None:
            return None
        note_api_token_used(found)
        request.api_token = found
        return found.user


class UnicodeJSONRenderer(JSONRenderer):
    """Vietnamese stays readable in the JSON (UTF-8), not \\u-escaped."""

    json_dumps_params = {"ensure_ascii": False}


class VendoredSwagger(DocsBase):
    """Swagger UI from thidua/static/vendor/swagger-ui/ — nothing is loaded from a CDN."""

    template = "api/docs.html"
    settings = {"layout": "BaseLayout", "deepLinking": True, "validatorUrl": None}

    def render_page(self, request, api, **kwargs):
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(
            request,
            self.template,
            {"api": api, "swagger_settings": json.dumps(swagger_settings), "add_csrf": _csrf_needed(api)},
        )


api = NinjaAPI(
    title="Thidua API",
    version="1",
    description=(
        "Thi đua – khen thưởng công đoàn. Xác thực bằng khóa API (tiêu đề `Authorization: Bearer <khóa>`, "
        "tạo tại trang “Khóa API”) hoặc bằng phiên đăng nhập. Mọi dữ liệu được giới hạn theo phạm vi đơn vị "
        "của người dùng: đơn vị, người lao động ngoài phạm vi trả về 404."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api-v1",
    docs=VendoredSwagger(),
    renderer=UnicodeJSONRenderer(),
)
install_errors(api)
api.add_router("/", orgs_router)
api.add_router("/", plans_router)
api.add_router("/", registrations_router)
api.add_router("/", reports_router)
api.add_router("/", enterprises_router)
api.add_router("/", report_rollup_router)
api.add_router("/", union_fund_router)
api.add_router("/", congresses_router)
api.add_router("/", activities_router)
api.add_router("/", councils_router)
api.add_router("/", rewards_router)
api.add_router("/", eligibility_router)
api.add_router("/", proposals_router)
api.add_router("/", certificates_router)
api.add_router("/", clusters_router)
api.add_router("/", exemplars_router)
api.add_router("/", principle_router)
