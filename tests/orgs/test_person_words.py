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
