"""The "Khóa API" page: a logged-in user lists, creates and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .forms import ApiTokenForm
from .models import ApiToken


def _render_list(request, form: ApiTokenForm, new_secret: str = "", new_token: ApiToken | None = None):
    # Tokens in use first, newest first; then the revoked ones, latest revoked first.
    tokens = ApiToken.objects.of(request.user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-id"
    )
    return render(
        request,
        "api/apitoken_list.html",
        {"tokens": tokens, "form": form, "new_secret": new_secret, "new_token": new_token},
    )


@login_required
@require_GET
def token_list(request):
    return _render_list(request, ApiTokenForm())


@never_cache
@login_required
@require_POST
def token_create(request):
    """Creates a token and shows it in this one response only; it is never stored nor shown again."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = actions.create_api_token(
                request.user, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            for message in error.message_dict.get("name", []):
                form.add_error("name", message)
        else:
            return _render_list(request, ApiTokenForm(), new_secret=secret, new_token=token)
    return _render_list(request, form)


@login_required
@require_POST
def token_revoke(request, pk: int):
    """Revokes one of the user's own tokens; anyone else's is 404."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token.revoked_at is None:
        actions.revoke_api_token(token, by=request.user)
        messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect("api:token-list")


def not_found(request, rest: str = ""):
    """Any other address under /api/v1/ (an id that is not a number, a route that does not exist): a JSON 404 like
    the routes' own, not the HTML page."""
    return JsonResponse(
        {"detail": _("Không tìm thấy.")}, status=404, json_dumps_params={"ensure_ascii": False}
    )
