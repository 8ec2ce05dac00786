"""The words of people's names (PersonWord, NameWord: the ranked search's index) follow every write of a name."""

from thidua.orgs import actions, queries
from thidua.orgs.models import Membership, NameWord, Person, PersonWord


def words_of(person):
    return sorted(PersonWord.objects.filter(person=person).values_list("word", "sort_key"))


def test_a_new_person_has_each_word_of_the_folded_name_once_with_the_sort_key(tree):
    person = actions.create_person(by=None, unit=tree.MAY, full_name="Đỗ Thị Đỗ Quyên")
    assert words_of(person) == [(w, person.sort_key) for w in ["do", "quyen", "thi"]]
    assert {"do", "quyen", "thi"} <= set(NameWord.objects.values_list("word", flat=True))


def test_an_edit_of_the_name_rewrites_its_words_and_the_search_follows(people, users):
    hao = people.tran_hao
    actions.update_person(hao, by=users.admin, full_name="Trần Trung Hiếu")
    hao.refresh_from_db()
    assert words_of(hao) == [(w, hao.sort_key) for w in ["hieu", "tran", "trung"]]
    found = queries.people_for_list(users.admin, "hieu", ranked=True)
    assert [p.full_name for p in found[0:50]] == ["Trần Trung Hiếu"]
    assert queries.people_for_list(users.admin, "hao", ranked=True)[0:50] == []
    actions.update_person(hao, by=users.admin, phone="0912345678")  # not a name: the words stay
    assert words_of(hao) == [(w, hao.sort_key) for w in ["hieu", "tran", "trung"]]


def test_the_bulk_import_writes_the_words_of_new_and_renamed_people(tree, users, people):
    new = actions.PersonUpsert(row=2, full_name="Lý Văn Tâm", unit_code="MAY", unit=tree.MAY)
    hao = people.tran_hao
    renamed = actions.PersonUpsert(row=3, full_name="Trần Văn Hào", unit_code=hao.unit.code, unit=hao.unit,
                                   existing=hao, person_changes={"full_name": "Trần Văn Hào"},
                                   open_membership=Membership.objects.get(person=hao, left_on__isnull=True))  # fmt: skip
    actions.upsert_people([new, renamed], by=users.admin)
    tam = Person.objects.get(full_name="Lý Văn Tâm")
    assert [w for w, _k in words_of(tam)] == ["ly", "tam", "van"]
    assert [w for w, _k in words_of(people.tran_hao)] == ["hao", "tran", "van"]


def test_rebuilding_the_index_gives_the_rows_the_writes_gave(people):
    before = sorted(PersonWord.objects.values_list("person_id", "word", "sort_key"))
    assert len(before) >= 3 * Person.objects.count() - 1
    assert actions.rebuild_name_index() == len(before)
    assert sorted(PersonWord.objects.values_list("person_id", "word", "sort_key")) == before


def test_a_text_in_no_name_reads_no_list(people):
    tiers = queries.word_tiers(Person.objects.all(), "d")
    assert tiers is not None
    # nobody's name has the word "d": the whole-word tier is empty without a query
    assert tiers[1].words == []
    assert tiers[2].words == ["dao", "duc"]  # the words that start with "d": each one's people, merged


def word_counts():
    """The vocabulary's counts of people, and the same counted from the rows of the index."""
    from django.db.models import Count

    kept = {w: n for w, n in NameWord.objects.values_list("word", "people") if n}
    rows = dict(PersonWord.objects.values("word").annotate(n=Count("id")).values_list("word", "n"))
    return kept, rows


def test_each_word_counts_its_people_in_use_through_every_write(people, users):
    kept, rows = word_counts()
    assert kept == rows and kept["van"] == 2  # Lê Văn Đức, Phạm Văn Bình
    actions.create_person(by=None, unit=people.tran_hao.unit, full_name="Lý Văn Tâm")
    actions.update_person(people.tran_hao, by=users.admin, full_name="Trần Văn Hào")
    kept, rows = word_counts()
    assert kept == rows and kept["van"] == 4 and "trung" not in kept
    actions.archive_person(people.tran_hao, by=users.admin)
    assert words_of(people.tran_hao) == []  # the archive's records leave the words and their counts
    kept, rows = word_counts()
    assert kept == rows and kept["van"] == 3 and "hao" not in kept
    actions.restore_person(people.tran_hao, by=users.admin)
    assert word_counts()[0]["van"] == 4
    NameWord.objects.update(people=0)
    actions.rebuild_name_index()
    kept, rows = word_counts()
    assert kept == rows and kept["van"] == 4


def test_one_word_over_everyone_is_counted_from_the_vocabulary_without_a_statement(
    people, users, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(queries, "FIRST_PAGE", 1)  # the first page cannot prove the count
    found = queries.people_for_list(users.admin, "van", ranked=True)
    with django_assert_num_queries(0):
        assert found.count() == 2 and not found.more_than_limit
    monkeypatch.setattr(queries, "COUNT_LIMIT", 1)  # one word of the vocabulary: exact, whatever the limit
    found = queries.people_for_list(users.admin, "van", ranked=True)
    with django_assert_num_queries(0):
        assert found.count() == 2 and not found.more_than_limit
    found = queries.people_for_list(users.admin, "an", ranked=True)  # tran (1) and van (2): a bound
    with django_assert_num_queries(0):
        assert found.count() == 1 and found.more_than_limit  # "hơn 1"


def test_an_officers_count_never_includes_another_branchs_people(people, users, monkeypatch):
    # "van": Lê Văn Đức (MAY, Bến Tre) and Phạm Văn Bình (GIAY, Trà Vinh); the vocabulary counts both
    monkeypatch.setattr(queries, "FIRST_PAGE", 0)  # not proven by the first page: the count itself is scoped
    officer = queries.people_for_list(users.province_officer, "van", ranked=True)
    assert officer.count() == 1 and [p.full_name for p in officer[0:50]] == ["Lê Văn Đức"]
    assert queries.people_for_list(users.outsider, "van", ranked=True).count() == 1
    assert queries.people_for_list(users.admin, "van", ranked=True, gender="female").count() == 0
    assert queries.people_for_list(users.admin, "van", ranked=True).count() == 2


def test_the_archive_is_searched_without_the_words(people, users):
    actions.archive_person(people.tran_hao, by=users.admin)
    found = queries.people_for_list(users.admin, "hao", ranked=True, archived=True)
    assert found.word_tiers is None and [p.full_name for p in found[0:50]] == ["Trần Trung Hào"]
    assert found.count() == 1
