"""Every change to API tokens goes through these functions: created and revoked with an audit record."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import nfc

from .models import TOKEN_PREFIX, ApiToken, hash_token

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NAME_MAX_LENGTH = 100  # ApiToken.name
TOKEN_FIELDS = ["user_id", "name", "key_prefix", "created_at", "revoked_at"]
# Recording every call would write on every request; once a minute is precise enough for "last used".
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@transaction.atomic
def create_api_token(user: User, *, by: User | None, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``. Returns the record and the token itself, which is never stored nor shown again."""
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho khóa API (ví dụ: tên chương trình sẽ dùng nó).")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"name": _("Tên khóa API dài quá 100 ký tự.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(secret), key_prefix=secret[: len(TOKEN_PREFIX) + 6]
    )
    audit.record(token, by=by, action="create", after=audit.snapshot(token, TOKEN_FIELDS))
    return token, secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User | None) -> ApiToken:
    """Stop the token from working. The record stays (revoked), for the audit trail."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = audit.snapshot(token, TOKEN_FIELDS)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        token,
        by=by,
        action="revoke",
        before=before,
        after=audit.snapshot(token, TOKEN_FIELDS),
    )
    return token


@transaction.atomic
def revoke_api_tokens_of(user: User, *, by: User | None, note: str = "") -> int:
    """Stop every token of ``user`` from working (e.g. when the password changes). Returns how many were revoked."""
    tokens = list(ApiToken.objects.select_for_update().active().of(user))
    now = timezone.now()
    for token in tokens:
        before = audit.snapshot(token, TOKEN_FIELDS)
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit.record(token, by=by, action="revoke", before=before,
                     after=audit.snapshot(token, TOKEN_FIELDS), note=note)  # fmt: skip
    return len(tokens)


def note_api_token_used(token: ApiToken) -> None:
    """Remember when the token was last used (not audited: it is a use, not a change). At most one write a minute."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
