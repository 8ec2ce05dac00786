"""API tokens: created and revoked through actions (audited), from the "Khóa API" page and the command line."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from thidua.api import actions
from thidua.api.models import ApiToken, hash_token
from thidua.core.audit import history_of


def test_create_api_token_stores_only_a_hash_and_audits(users):
    token, secret = actions.create_api_token(
        users.province_officer, by=users.province_officer, name="Báo cáo"
    )
    assert secret.startswith("td_")
    assert len(secret) == 3 + 43
    token.refresh_from_db()
    assert token.key_hash == hash_token(secret)
    assert secret not in {token.key_hash, token.key_prefix, token.name}
    assert token.key_prefix == secret[:9]
    [event] = history_of(token)
    assert (event.action, event.actor, event.object_repr) == ("create", users.province_officer, str(token))
    assert event.changes["name"] == [None, "Báo cáo"]
    assert secret not in str(event.changes)


def test_create_api_token_refuses_an_empty_name(users):
    with pytest.raises(ValidationError) as error:
        actions.create_api_token(users.province_officer, by=users.province_officer, name="   ")
    assert error.value.message_dict == {
        "name": ["Hãy đặt tên cho khóa API (ví dụ: tên chương trình sẽ dùng nó)."]
    }
    assert ApiToken.objects.count() == 0


def test_revoke_api_token_keeps_the_record_and_audits(users):
    token, _ = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    actions.revoke_api_token(token, by=users.province_officer)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert [e.action for e in history_of(token)] == ["revoke", "create"]


def test_revoking_twice_changes_nothing_more(users):
    token, _ = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    first = actions.revoke_api_token(token, by=users.province_officer).revoked_at
    assert actions.revoke_api_token(token, by=users.province_officer).revoked_at == first
    assert [e.action for e in history_of(token)] == ["revoke", "create"]


# --- the page -------------------------------------------------------------------------------------------------


def test_token_page_requires_login(client, db):
    response = client.get("/khoa-api/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/khoa-api/"


def test_token_page_lists_only_the_users_own_tokens(client_for, users):
    actions.create_api_token(users.province_officer, by=users.province_officer, name="Khóa của tỉnh")
    actions.create_api_token(users.outsider, by=users.outsider, name="Khóa của Trà Vinh")
    html = client_for(users.province_officer).get("/khoa-api/").content.decode()
    assert "Khóa của tỉnh" in html
    assert "Khóa của Trà Vinh" not in html


def test_creating_a_token_on_the_page_shows_it_once(client_for, users):
    client = client_for(users.province_officer)
    response = client.post("/khoa-api/tao/", {"name": "Phần mềm tổng hợp"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    token = ApiToken.objects.get(user=users.province_officer)
    html = response.content.decode()
    secret = (
        html.split('id="new-token-value" aria-label="Khóa API mới"')[0].rsplit('value="', 1)[1].split('"')[0]
    )
    assert hash_token(secret) == token.key_hash
    assert "Đã tạo khóa “Phần mềm tổng hợp”." in html
    assert secret not in client.get("/khoa-api/").content.decode()
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_creating_a_token_without_a_name_shows_the_error(client_for, users):
    response = client_for(users.province_officer).post("/khoa-api/tao/", {"name": ""})
    assert response.status_code == 200
    assert "Hãy đặt tên cho khóa API." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_user_revokes_their_own_token_on_the_page(client_for, users):
    token, _ = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    response = client_for(users.province_officer).post(f"/khoa-api/{token.pk}/thu-hoi/")
    assert response.status_code == 302
    assert response["Location"] == "/khoa-api/"
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_someone_elses_token_is_404(client_for, users):
    token, _ = actions.create_api_token(users.outsider, by=users.outsider, name="Trà Vinh")
    response = client_for(users.province_leader).post(f"/khoa-api/{token.pk}/thu-hoi/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_needs_post(client_for, users):
    token, _ = actions.create_api_token(users.province_officer, by=users.province_officer, name="Báo cáo")
    assert client_for(users.province_officer).get(f"/khoa-api/{token.pk}/thu-hoi/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_user_menu_links_to_the_token_page(client_for, users):
    html = client_for(users.grassroots_officer).get("/").content.decode()
    assert '<a class="dropdown-item" href="/khoa-api/">Khóa API</a>' in html


# --- the command ----------------------------------------------------------------------------------------------


def test_create_api_token_command_prints_a_working_token(client, users):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "province_officer", "--name", "Đồng bộ", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(user=users.province_officer)
    assert token.name == "Đồng bộ"
    assert token.key_hash == hash_token(secret)
    assert err.getvalue() == "Đã tạo khóa API “Đồng bộ” cho province_officer. Khóa chỉ được in một lần:\n"
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert [(e.action, e.actor) for e in history_of(token)] == [("create", None)]


def test_create_api_token_command_names_the_token_by_default(users):
    call_command("create_api_token", "outsider", stdout=io.StringIO(), stderr=io.StringIO())
    assert ApiToken.objects.get(user=users.outsider).name == "Dòng lệnh"


def test_create_api_token_command_fails_for_an_unknown_user(db):
    with pytest.raises(CommandError, match="^Không có người dùng “khong-ai”.$"):
        call_command("create_api_token", "khong-ai", stdout=io.StringIO(), stderr=io.StringIO())
    assert ApiToken.objects.count() == 0


def test_create_api_token_refuses_a_name_longer_than_100_characters(users):
    with pytest.raises(ValidationError) as error:
        actions.create_api_token(users.province_officer, by=users.province_officer, name="K" * 101)
    assert error.value.message_dict == {"name": ["Tên khóa API dài quá 100 ký tự."]}
    assert (
        actions.create_api_token(users.province_officer, by=users.province_officer, name="K" * 100)[0].name
        == "K" * 100
    )


def test_token_page_lists_tokens_in_use_first(client_for, users):
    user = users.province_officer
    first, _ = actions.create_api_token(user, by=user, name="Khóa thứ nhất")
    actions.create_api_token(user, by=user, name="Khóa thứ hai")
    actions.revoke_api_token(first, by=user)
    actions.create_api_token(user, by=user, name="Khóa thứ ba")
    response = client_for(user).get("/khoa-api/")
    assert [t.name for t in response.context["tokens"]] == ["Khóa thứ ba", "Khóa thứ hai", "Khóa thứ nhất"]
