"""The people list: search that ignores case and diacritics, Vietnamese order, filters, scope, paging, query counts."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.orgs import actions, queries
from thidua.orgs.models import Person

LIST = reverse("orgs:person-list")


def names(response):
    return [p.full_name for p in response.context["rows"]]


def add_people(unit, full_names, **membership):
    for full_name in full_names:
        actions.create_person(
            by=None,
            unit=unit,
            full_name=full_name,
            joined_on=datetime.date(2020, 1, 1),
            membership=membership,
        )


# --- search ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["tran trung hao", "TRAN TRUNG HAO", "Trần Trung Hào", "trung hào", "  hao  "])
def test_search_ignores_case_and_diacritics(client_for, users, q):
    response = client_for(users.province_officer).get(LIST, {"q": q})
    assert names(response) == ["Trần Trung Hào"]


def test_search_for_d_finds_names_with_đ(client_for, users):
    response = client_for(users.province_officer).get(LIST, {"q": "dao"})
    assert names(response) == ["Nguyễn Thị Đào"]
    response = client_for(users.province_officer).get(LIST, {"q": "duc"})
    assert names(response) == ["Lê Văn Đức"]


def test_search_typed_with_đ_finds_the_same_people(client_for, users):
    assert names(client_for(users.province_officer).get(LIST, {"q": "Đức"})) == ["Lê Văn Đức"]


def test_search_never_reaches_outside_the_scope(client_for, users):
    # Phạm Văn Bình belongs to Trà Vinh, outside the Bến Tre officer's scope.
    assert names(client_for(users.province_officer).get(LIST, {"q": "binh"})) == []
    assert names(client_for(users.outsider).get(LIST, {"q": "binh"})) == ["Phạm Văn Bình"]


def test_search_without_match_says_so(client_for, users):
    response = client_for(users.province_officer).get(LIST, {"q": "khong co ai"})
    assert names(response) == []
    assert "Không tìm thấy người lao động nào phù hợp với tìm kiếm và bộ lọc." in response.text


# --- ranking: exact and whole-word matches before substrings ---------------------------------------------------


def test_exact_full_name_comes_before_names_that_only_contain_it(client_for, users, tree):
    add_people(tree.THPT, ["Lê Thị Ngọc Hạnh", "Lê Thị Ngọc Hằng", "Lê Thị Ngọc Hàn", "Lê Thị Ngọc Hân"])
    response = client_for(users.district_leader).get(LIST, {"q": "Lê Thị Ngọc Hân"})
    assert names(response) == [
        "Lê Thị Ngọc Hân",  # exactly as typed
        "Lê Thị Ngọc Hàn",  # the same without diacritics
        "Lê Thị Ngọc Hạnh",  # only a prefix of the last word: Vietnamese order among them (a < ă)
        "Lê Thị Ngọc Hằng",
    ]


def test_whole_word_comes_before_a_word_that_contains_the_text(client_for, users, tree):
    add_people(tree.THPT, ["Nguyễn Thị Thảo", "Bùi Văn Hảo", "Lê Hạo Nhiên", "Trần Hàon"])
    response = client_for(users.district_leader).get(LIST, {"q": "hao"})
    assert names(response) == [
        "Trần Trung Hào",  # whole words, in Vietnamese order (by given name: Hào < Hảo < Nhiên)
        "Bùi Văn Hảo",
        "Lê Hạo Nhiên",
        "Trần Hàon",  # a word that starts with "hao"
        "Nguyễn Thị Thảo",  # "hao" inside a word
    ]


def test_lowercase_exact_name_counts_as_exact(client_for, users, tree):
    add_people(tree.THPT, ["Trần Trung Hảo"])
    response = client_for(users.district_leader).get(LIST, {"q": "trần trung hảo"})
    assert names(response) == ["Trần Trung Hảo", "Trần Trung Hào"]


def test_short_text_is_ranked_too(client_for, users, tree):
    add_people(tree.THPT, ["Lê Văn Ai", "Lê Thị Hai"])
    response = client_for(users.district_leader).get(LIST, {"q": "ai"})
    assert names(response) == ["Lê Văn Ai", "Lê Thị Hai", "Huỳnh Thị Mai"]


# --- order ----------------------------------------------------------------------------------------------------


def test_list_is_in_vietnamese_order_given_name_then_middle_then_family(client_for, users, tree):
    add_people(
        tree.THPT, ["Trần Văn An", "Nguyễn Văn An", "Bùi Thị An", "Lê Anh", "Đặng Văn Dũng", "Dương Văn Đạt"]
    )
    response = client_for(users.district_leader).get(LIST, {"unit": tree.THPT.pk})
    assert names(response) == [
        "Bùi Thị An",  # An: middle Thị before Văn
        "Nguyễn Văn An",  # then family Nguyễn before Trần
        "Trần Văn An",
        "Lê Anh",  # An < Anh
        "Đặng Văn Dũng",  # D before Đ: Dũng before Đạt
        "Dương Văn Đạt",
        "Huỳnh Thị Mai",
    ]


def test_standard_people_in_vietnamese_order(client_for, users):
    response = client_for(users.province_officer).get(LIST)
    assert names(response) == [
        "Nguyễn Thị Đào",
        "Lê Văn Đức",
        "Trần Trung Hào",
        "Võ Thị Hồng",
        "Huỳnh Thị Mai",
    ]


# --- filters --------------------------------------------------------------------------------------------------


def test_filter_by_unit_lists_its_subtree(client_for, users, tree):
    client = client_for(users.province_officer)
    assert names(client.get(LIST, {"unit": tree.CT.pk})) == [
        "Nguyễn Thị Đào",
        "Lê Văn Đức",
        "Trần Trung Hào",
        "Huỳnh Thị Mai",
    ]
    assert names(client.get(LIST, {"unit": tree.DUA.pk})) == ["Võ Thị Hồng"]


def test_filter_by_a_unit_outside_the_scope_is_not_found(client_for, users, tree):
    assert client_for(users.province_officer).get(LIST, {"unit": tree.GIAY.pk}).status_code == 404
    assert client_for(users.grassroots_officer).get(LIST, {"unit": tree.CT.pk}).status_code == 404


def test_filter_by_a_malformed_unit_is_not_found(client_for, users):
    assert client_for(users.province_officer).get(LIST, {"unit": "abc"}).status_code == 404


def test_filter_members_and_non_members(client_for, users):
    client = client_for(users.province_officer)
    assert names(client.get(LIST, {"member": "1"})) == [
        "Nguyễn Thị Đào",
        "Trần Trung Hào",
        "Võ Thị Hồng",
        "Huỳnh Thị Mai",
    ]
    assert names(client.get(LIST, {"member": "0"})) == ["Lê Văn Đức"]


def test_filter_direct_production_workers(client_for, users):
    client = client_for(users.province_officer)
    assert names(client.get(LIST, {"direct": "1"})) == ["Nguyễn Thị Đào", "Trần Trung Hào", "Võ Thị Hồng"]
    assert names(client.get(LIST, {"direct": "0"})) == ["Lê Văn Đức", "Huỳnh Thị Mai"]


def test_filter_by_gender(client_for, users):
    client = client_for(users.province_officer)
    assert names(client.get(LIST, {"gender": "female"})) == ["Nguyễn Thị Đào", "Võ Thị Hồng", "Huỳnh Thị Mai"]
    assert names(client.get(LIST, {"gender": "male"})) == ["Lê Văn Đức", "Trần Trung Hào"]


def test_unknown_filter_values_are_ignored(client_for, users):
    response = client_for(users.province_officer).get(LIST, {"gender": "x", "member": "maybe", "direct": "2"})
    assert len(names(response)) == 5


def test_filters_combine_with_search(client_for, users, tree):
    response = client_for(users.province_officer).get(
        LIST, {"q": "thi", "gender": "female", "member": "1", "direct": "1", "unit": tree.CT.pk}
    )
    assert names(response) == ["Nguyễn Thị Đào"]


def test_people_who_left_are_listed_but_not_as_members(client_for, users, people):
    actions.end_membership(people.huynh_mai, by=users.admin, on=datetime.date(2024, 6, 30), reason="retired")
    client = client_for(users.province_officer)
    assert "Huỳnh Thị Mai" in names(client.get(LIST))
    assert "Huỳnh Thị Mai" not in names(client.get(LIST, {"member": "1"}))
    assert "Huỳnh Thị Mai" not in names(client.get(LIST, {"member": "0"}))
    assert "Đã thôi sinh hoạt" in client.get(LIST, {"q": "mai"}).text


def test_archived_people_leave_the_list_and_appear_under_the_archive_filter(client_for, users, people):
    actions.archive_person(people.vo_hong, by=users.province_officer, note="Nhập trùng")
    client = client_for(users.province_officer)
    assert "Võ Thị Hồng" not in names(client.get(LIST))
    assert names(client.get(LIST, {"archived": "1"})) == ["Võ Thị Hồng"]


def test_the_archive_filter_is_only_for_those_who_manage_people(client_for, users, people):
    actions.archive_person(people.vo_hong, by=users.province_officer, note="Nhập trùng")
    response = client_for(users.council_member).get(LIST, {"archived": "1"})
    assert "Võ Thị Hồng" not in names(response)
    assert 'name="archived"' not in response.text


# --- columns, paging, htmx ------------------------------------------------------------------------------------


def test_columns_show_gender_union_position_and_membership(client_for, users, people):
    actions.update_person(people.tran_hao, by=users.admin, membership={"position": "chair"})
    response = client_for(users.province_officer).get(LIST, {"q": "hao"})
    row = response.context["rows"][0]
    assert (row.get_gender_display(), row.unit.code, row.position_label, row.current_is_member) == (
        "Nam",
        "MAY",
        "Chủ tịch công đoàn",
        True,
    )
    assert "CĐCS May Việt Tiến" in response.text
    assert "Chủ tịch công đoàn" in response.text


def test_list_pages_by_fifty(client_for, users, tree):
    add_people(
        tree.THPT, [f"Nguyễn Văn Số{chr(ord('a') + i // 26)}{chr(ord('a') + i % 26)}" for i in range(60)]
    )
    client = client_for(users.district_leader)
    first = client.get(LIST, {"unit": tree.THPT.pk})
    second = client.get(LIST, {"unit": tree.THPT.pk, "page": 2})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 11)
    assert first.context["page"].paginator.count == 61
    assert f"unit={tree.THPT.pk}&amp;page=2" in first.text


def test_htmx_search_returns_only_the_results(client_for, users):
    response = client_for(users.province_officer).get(
        LIST, {"q": "hao"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="people-results"
    )
    assert [t.name for t in response.templates][0] == "orgs/_person_results.html"
    assert "<html" not in response.text
    assert "Trần Trung Hào" in response.text
    assert response["Vary"].count("HX-Request") == 1


def test_full_page_has_the_live_search_form(client_for, users):
    response = client_for(users.province_officer).get(LIST)
    assert 'hx-target="#people-results"' in response.text
    assert 'id="people-results"' in response.text


def test_list_requires_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_without_any_role_sees_nobody(client_for, db):
    nobody = get_user_model().objects.create_user(username="khong_vai_tro", password="x")
    response = client_for(nobody).get(LIST)
    assert names(response) == []
    assert "Chưa có người lao động nào trong phạm vi của bạn." in response.text


# --- query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": "nguyen"}, {"member": "1", "direct": "0", "gender": "male"}])
def test_list_query_count_does_not_grow_with_rows(client_for, users, tree, django_assert_num_queries, params):
    client = client_for(users.grassroots_officer)
    client.get(LIST)  # warm the session
    add_people(tree.MAY, ["Nguyễn Văn Một"], is_member=True, is_direct_production_worker=False)
    Person.objects.filter(full_name="Nguyễn Văn Một").update(gender="male")
    queries_for_one = _queries_for(client, {**params, "unit": tree.MAY.pk}, django_assert_num_queries)
    add_people(
        tree.MAY,
        [f"Nguyễn Văn Hai {chr(ord('a') + i)}" for i in range(20)],
        is_member=True,
        is_direct_production_worker=False,
    )
    Person.objects.filter(full_name__startswith="Nguyễn Văn Hai").update(gender="male")
    queries_for_many = _queries_for(client, {**params, "unit": tree.MAY.pk}, django_assert_num_queries)
    assert queries_for_one == queries_for_many


def _queries_for(client, params, django_assert_num_queries):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST, params)
    assert response.status_code == 200
    assert len(response.context["rows"]) >= 1
    return len(ctx.captured_queries)


def test_list_runs_a_fixed_number_of_queries_at_one_and_many_rows(
    client_for, users, tree, django_assert_num_queries
):
    client = client_for(users.grassroots_officer)
    client.get(LIST)
    Person.objects.filter(unit=tree.MAY).exclude(full_name="Trần Trung Hào").update(
        archived_at="2024-01-01T00:00Z"
    )
    # session, user, scope, unit of the filter, count, the page of people, units for the filter select, the bell's
    # count of unread notices
    with django_assert_num_queries(9):
        response = client.get(LIST, {"unit": tree.MAY.pk})
    assert names(response) == ["Trần Trung Hào"]
    add_people(tree.MAY, [f"Lê Thị {chr(ord('A') + i)}" for i in range(30)])
    with django_assert_num_queries(9):
        response = client.get(LIST, {"unit": tree.MAY.pk})
    assert len(names(response)) == 31


def test_people_for_list_is_one_query(users, django_assert_num_queries):
    users.province_officer.roles.count()
    with django_assert_num_queries(
        3
    ):  # the scope (roles, then mergers into them), then the people with their union and membership
        rows = list(queries.people_for_list(users.province_officer, "thi"))
    with django_assert_num_queries(0):
        facts = [(p.full_name, p.unit.code, p.current_position, p.current_is_member) for p in rows]
    assert facts == [
        ("Nguyễn Thị Đào", "MAY", "member", True),
        ("Võ Thị Hồng", "DUA", "member", True),
        ("Huỳnh Thị Mai", "THPT", "member", True),
    ]


# --- the index that keeps search fast -------------------------------------------------------------------------


def test_people_search_index_matches_the_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_trgm_idx'")
            assert cursor.fetchone()[0] == (
                "CREATE INDEX person_search_trgm_idx ON public.orgs_person USING gin (search_name gin_trgm_ops)"
            )
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_words_idx'")
            assert cursor.fetchone()[0] == (
                "CREATE INDEX person_search_words_idx ON public.orgs_person "
                "USING gin (to_tsvector('simple'::regconfig, (search_name)::text))"
            )
        else:
            indexes = connection.introspection.get_constraints(cursor, "orgs_person")
            assert "person_search_trgm_idx" not in indexes
            assert any(c["columns"] == ["search_name"] and c["index"] for c in indexes.values())


def test_add_button_carries_the_filtered_union_only_where_the_user_manages_people(client_for, users, tree):
    actions.grant_role(users.grassroots_officer, tree.BT, "viewer", by=None)
    client = client_for(users.grassroots_officer)
    create = reverse("orgs:person-create")
    assert f'href="{create}?unit={tree.MAY.pk}"' in client.get(LIST, {"unit": tree.MAY.pk}).text
    response = client.get(LIST, {"unit": tree.DUA.pk})
    assert f'href="{create}"' in response.text
    assert f"{create}?unit=" not in response.text


def test_add_button_is_hidden_from_those_who_cannot_add_anyone(client_for, users):
    assert reverse("orgs:person-create") not in client_for(users.council_member).get(LIST).text


# --- the ranked search read tier by tier (RankedPeople) -------------------------------------------------------


RANKED_NAMES = [
    "Lê Thị Ngọc Hân", "Lê Thị Ngọc Hàn", "Lê Thị Ngọc Hạnh", "Nguyễn Thị Thảo", "Bùi Văn Hảo", "Lê Hạo Nhiên",
    "Trần Hàon", "Đặng Văn Dũng", "Dương Văn Đạt", "Lê Văn Ai", "Lê Thị Hai", "Nguyễn Thị Hà", "Hà Thị Nguyên",
]  # fmt: skip


RANKED_TEXTS = ["hao", "Lê Thị Ngọc Hân", "le thi ngoc han", "d", "đ", "ai", "ha", "thi", "nguyen thi", "ngu", "x",
                "uyen", "guyen thi ha", "thi ng", "van d", "a"]  # fmt: skip


@pytest.mark.parametrize("q", RANKED_TEXTS)
def test_ranked_pages_hold_the_same_rows_in_the_same_order_as_the_whole_ranking(users, tree, q):
    add_people(tree.THPT, RANKED_NAMES)
    user = users.province_officer
    whole = [p.pk for p in queries.people_for_list(user, q)]
    ranked = queries.people_for_list(user, q, ranked=True)
    assert isinstance(ranked, queries.RankedPeople)
    assert [p.pk for p in ranked[0:50]] == whole  # read tier by tier (not counted yet)
    for start in range(len(whole) + 1):  # every page of 3, including the ones that span two tiers
        assert [p.pk for p in ranked[start : start + 3]] == whole[start : start + 3]
    assert ranked.count() == len(whole) and not ranked.more_than_limit
    assert [p.pk for p in ranked[0:50]] == whole  # counted and few: one ranked query


def test_ranked_rows_carry_the_membership_facts_and_respect_the_filters(users, tree):
    add_people(tree.THPT, ["Lê Thị Hai"], is_member=False)
    rows = queries.people_for_list(users.province_officer, "hai", ranked=True, is_member=False)[0:50]
    assert [(p.full_name, p.current_is_member, p.unit.code) for p in rows] == [("Lê Thị Hai", False, "THPT")]
    assert queries.people_for_list(users.province_officer, "hai", ranked=True, is_member=False).count() == 1
    assert queries.people_for_list(users.province_officer, "hai", ranked=True, gender="male").count() == 0


def test_a_count_beyond_the_limit_is_said_as_more_than(client_for, users, tree, monkeypatch):
    add_people(tree.THPT, ["Lê Văn Ai", "Lê Thị Hai"])
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    response = client_for(users.province_officer).get(LIST, {"q": "ai"})
    # the first page's rows are all the matches: they are the count, whatever the limit
    assert names(response) == ["Lê Văn Ai", "Lê Thị Hai", "Huỳnh Thị Mai"]
    assert "3 người" in response.text and "hơn" not in response.text.split('data-testid="people-count">')[1]
    monkeypatch.setattr(
        queries, "FIRST_PAGE", 1
    )  # a first page the matches overflow: counted up to the limit
    response = client_for(users.province_officer).get(LIST, {"q": "ai"})
    assert names(response) == ["Lê Văn Ai", "Lê Thị Hai"]  # the first page, as many as the limit allows
    assert "hơn 2 người" in response.text
    response = client_for(users.province_officer).get(LIST, {"q": "lê văn ai"})
    assert "hơn" not in response.text.split('data-testid="people-count">')[1].split("</span>")[0]


def test_ranked_search_stays_in_the_users_scope(users, tree):
    add_people(tree.THPT, ["Phạm Văn Bình"])
    assert [
        p.full_name for p in queries.people_for_list(users.province_officer, "binh", ranked=True)[0:50]
    ] == ["Phạm Văn Bình"]
    assert queries.people_for_list(users.grassroots_officer, "binh", ranked=True)[0:50] == []
