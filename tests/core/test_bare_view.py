"""The bare authenticated view, the floor of bench/bench_pages.py and `make loadtest`."""

from django.urls import reverse


def test_bare_view_answers_a_logged_in_user_with_the_session_and_user_queries_only(
    client_for, users, settings, django_assert_num_queries
):
    settings.BARE_VIEW = True
    client = client_for(users.outsider)
    with django_assert_num_queries(2):  # the session, the user
        response = client.get(reverse("core:bare"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_bare_view_sends_an_anonymous_visitor_to_the_login(client, settings):
    settings.BARE_VIEW = True
    response = client.get(reverse("core:bare"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_bare_view_is_not_found_unless_turned_on(client_for, users, settings):
    settings.BARE_VIEW = False
    assert client_for(users.outsider).get(reverse("core:bare")).status_code == 404
