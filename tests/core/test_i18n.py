"""English interface: the source strings are Vietnamese, English comes from thidua/locale/en.

With the language switched to English, the key pages show English headings and no Vietnamese interface text;
Vietnamese stays the default; and the English catalog has no untranslated or fuzzy entry, so that new strings get
translated when they are added."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "thidua" / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Letters that only Vietnamese text has (English never carries these diacritics).
VIETNAMESE = re.compile(
    r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE
)
# Interface elements whose text comes from the catalog (data such as unit names is removed before checking).
HEADINGS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "th", "label", "button", "dt"}
HEADING_CLASSES = {"card-header", "nav-link", "breadcrumb-item", "label", "dropdown-item"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Headings(HTMLParser):
    """Collect the text of headings, table headers, labels, buttons, card headers and navigation links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is it a heading element
        self.texts: list[list[str]] = []
        self.open_headings: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        heading = tag in HEADINGS or bool(classes & HEADING_CLASSES)
        self.stack.append(heading)
        if heading:
            self.open_headings.append(len(self.texts))
            self.texts.append([])

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        if self.stack.pop():
            self.open_headings.pop()

    def handle_data(self, data):
        for index in self.open_headings:
            self.texts[index].append(data)


def interface_texts(response, data: list[str]) -> list[str]:
    """The heading texts of a page, with the data values (unit and people names, usernames) taken out."""
    parser = _Headings()
    parser.feed(response.content.decode())
    texts = []
    for parts in parser.texts:
        text = " ".join(" ".join(parts).split())
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, "")
        if text.strip():
            texts.append(text)
    return texts


@pytest.fixture
def data_values(tree):
    from django.contrib.auth import get_user_model

    from thidua.orgs.models import Person, Unit

    values = [v for unit in Unit.objects.all() for v in (unit.name, unit.short_name) if v]
    values += [p.full_name for p in Person.objects.all()]
    values += [u.get_full_name() or u.username for u in get_user_model().objects.all()]
    values += ["Tiếng Việt"]  # the language switcher names each language in its own language
    return values


@pytest.fixture
def registered(tree, people, users, data_values):
    """What the registration and restructuring pages show, arranged: a registration season below Bến Tre, a
    recognised initiative, an accepted research topic and a congress work of MAY, and a dissolution request awaiting
    the province's leader. Their titles and the catalog's award names are data: added to ``data_values``."""
    import datetime

    from tests.registrations import initiative_builders
    from tests.registrations.builders import ensure_catalog
    from tests.registrations.emulation_data import season
    from tests.registrations.works_builders import accepted_topic, work
    from thidua.orgs import actions as org_actions
    from thidua.registrations.models import Award

    ensure_catalog()
    found = season(tree, people)
    found["initiative"] = initiative_builders.recognised(initiative_builders.initiative(tree.MAY))
    found["topic"] = accepted_topic(tree.MAY)
    found["work"] = work(tree.MAY)
    found["request"] = org_actions.prepare_restructuring(
        by=users.province_officer, kind="dissolve", units=[tree.MAY], effective_on=datetime.date(2025, 7, 1),
        decision="9/QĐ",
    )  # fmt: skip
    data_values += [a.name for a in Award.objects.all()]
    data_values += [
        found["initiative"].title,
        found["topic"].title,
        found["work"].name,
        found["work"].congress_name,
    ]
    return found


@pytest.fixture
def followed(tree, users, data_values):
    """What the enterprise, area officer and inspection pages show, arranged: an enterprise followed by the district
    federation (CT), surveyed and being mobilised, with an area officer, and an inspection with a recommendation."""
    import datetime

    from tests.enterprises.builders import enterprise
    from thidua.enterprises import actions

    day = datetime.date(2017, 3, 1)
    found = {"enterprise": enterprise(tree.CT)}
    actions.record_survey(found["enterprise"], by=None, visited_on=day, officers="Lê Văn Khảo", attitude="reluctant",
                          workforce=120, findings="Chủ doanh nghiệp còn e ngại.")  # fmt: skip
    actions.adopt_recruitment_plan(found["enterprise"], by=None, adopted_on=day, target_members=30,
                                   target_on=datetime.date(2017, 9, 30), measures="Gặp gỡ chủ doanh nghiệp.")  # fmt: skip
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, started_on=day,
                           enterprise=found["enterprise"])  # fmt: skip
    found["inspection"] = actions.record_inspection(
        by=None, upper_unit=tree.CT, kind="inspection", held_on=day, topics="Thực hiện pháp luật lao động",
        team="Lê Văn Khảo", subject_unit=tree.MAY, findings="Chưa đóng đủ bảo hiểm xã hội.",
        recommendations=[{"content": "Đóng đủ bảo hiểm xã hội", "responsible": "Giám đốc",
                          "deadline": datetime.date(2017, 6, 30)}],
    )  # fmt: skip
    data_values += [found["enterprise"].name, "Lê Văn Khảo"]
    return found


@pytest.fixture
def reported(tree, data_values):
    """What the phase report pages show, arranged: Bến Tre's subtree reporting phase 1 of 2017 (approved, draft, not
    started and submitted reports, a discrepancy, an approximate figure). The form's title, the phase, the plan and
    the indicators' names are data."""
    from tests.reports.rollup_builders import standard_season
    from thidua.reports.models import Indicator

    season = standard_season(tree)
    phase = season.form.phase
    data_values += [season.form.title, phase.name, phase.plan.title, phase.plan.number_display, "Thử nghiệm"]
    data_values += list(
        season.form.narrative_headings
    )  # the sections of the (always Vietnamese) report document
    data_values += [i.name for i in Indicator.objects.all()]
    return season


@pytest.fixture
def funded(tree, data_values):
    """What the “Union Home” fund pages show, arranged: a contribution and a house handed over in MAY's ledger.
    Names, receipts, decision numbers and the place (ward, province) are data."""
    from tests.union_fund.builders import a_ward, contribution, house
    from thidua.orgs import localities

    found = {"contribution": contribution(tree.MAY), "house": house(tree.MAY)}
    province, ward = a_ward()
    data_values += ["Nguyễn Văn Tâm", "Võ Thị Hồng", "PT-01", "12/QĐ-LĐLĐ", "Ấp 3"]
    data_values += [name for code, name in localities.province_choices() if code == province]
    data_values += [name for code, name in localities.ward_choices(province) if code == ward]
    return found


@pytest.fixture
def english(client_for, users):
    """The province officer's client, switched to English through the language menu."""
    client = client_for(users.province_officer)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def key_pages(tree):
    return {
        "dashboard": ("/", ["Dashboard", "Your roles", "Grassroots union", "Member", "Units by level"]),
        "tree": ("/don-vi/", ["Trade union organization tree", "Organization tree"]),
        "unit": (
            reverse("orgs:unit-detail", args=[tree.BT.pk]),
            ["Unit details", "Subordinate units", "Organizational change history", "Unit code"],
        ),
        "people": (reverse("orgs:person-list"), ["Workers", "Full name", "Gender", "Filter"]),
        "import": (
            reverse("orgs:import-start"),
            ["Import a list from Excel", "Template files", "Upload and check"],
        ),
        "api tokens": (reverse("api:token-list"), ["API tokens", "Create a new token", "API documentation"]),
    }


def registration_pages(tree, found):
    """The pages of emulation registration, initiatives, research topics, congress works and restructuring requests,
    with data on them: the pages added after the English catalog was first written."""
    return {
        "registrations": (
            "/dang-ky-thi-dua/",
            ["Emulation registration", "Year, phase", "Status", "Collective"],
        ),
        "registration": (
            reverse("emulation:registration-detail", args=[found["MAY"].pk]),
            ["Collective registration", "Individual registrations", "Title registered", "Processing history"],
        ),
        "registration roll-up": (
            f"/dang-ky-thi-dua/tong-hop/?unit={tree.BT.pk}&year=2017",
            [
                "Emulation registration roll-up, 2017",
                "By title and award form",
                "By unit below",
                "Must register",
            ],
        ),
        "open a registration": (reverse("emulation:registration-create"), ["Open emulation registration"]),
        "initiatives": ("/sang-kien/", ["Initiatives", "Authors", "Status"]),
        "initiative": (
            reverse("initiatives:initiative-detail", args=[found["initiative"].pk]),
            ["The problem", "The solution", "The initiative council's review", "Recognition"],
        ),
        "research topics": ("/de-tai-cong-trinh/de-tai/", ["Research topics", "Lead", "Budget (VND)"]),
        "research topic": (reverse("works:topic-detail", args=[found["topic"].pk]), ["Accepted"]),
        "research topics import": (
            reverse("works:topic-import"),
            ["Import research topics from Excel", "Download the template"],
        ),
        "congress works": (
            "/de-tai-cong-trinh/cong-trinh/",
            ["Works and products for the congresses", "Name of the work or product", "Value (VND)"],
        ),
        "congress work": (reverse("works:work-detail", args=[found["work"].pk]), ["Registered"]),
        "restructuring requests": ("/don-vi/de-nghi-sap-xep/", ["Restructuring requests", "All statuses"]),
        "restructuring request": (
            reverse("orgs:restructuring-detail", args=[found["request"].pk]),
            ["On approval, the following will end:", "Prepared by"],
        ),
    }


def enterprise_pages(tree, found):
    """The pages of enterprises without a union, area officers and inspections, with data on them."""
    return {
        "enterprises": ("/doanh-nghiep/", ["Enterprises and membership development", "Tax code", "Stage"]),
        "enterprise": (
            reverse("enterprises:enterprise-detail", args=[found["enterprise"].pk]),
            ["Surveys and findings", "Mobilising new members", "Upper-level union following it"],
        ),
        "path to a union": (
            f"/doanh-nghiep/tien-trinh/?unit={tree.CT.pk}",
            ["From survey to founding a union"],
        ),
        "area officers": (
            f"/phu-trach-dia-ban/?unit={tree.CT.pk}",
            ["Area officers", "Currently in charge"],
        ),
        "inspections": (
            "/kiem-tra-giam-sat/",
            ["Inspection and supervision of compliance with policy and law"],
        ),
        "inspection": (
            reverse("supervision:inspection-detail", args=[found["inspection"].pk]),
            ["Recommendations", "Led by"],
        ),
        "overdue recommendations": ("/kiem-tra-giam-sat/kien-nghi-qua-han/", ["Overdue recommendations"]),
    }


def report_pages(season):
    """The pages of phase reports: forms, a unit's report, its entry grid, the roll-up and who is late."""
    form = season.form.pk
    return {
        "reports": ("/bao-cao/", ["Phase reports", "Status", "Deadline"]),
        "report forms": ("/bao-cao/mau/", ["Phase report forms", "Reporting units"]),
        "report form": (reverse("reports:form-detail", args=[form]), ["Reports of the units", "Aggregation"]),
        "report": (
            reverse("reports:report-detail", args=[season.reports["MAY"].pk]),
            ["Reporting period", "Approving level", "Figures", "Assessment"],
        ),
        "report entry": (
            reverse("reports:report-entry", args=[season.reports["DUA"].pk]),
            ["Enter the report figures", "Save and send to the level above"],
        ),
        "report roll-ups": ("/bao-cao/tong-hop/", ["Phase report roll-up", "Requesting unit"]),
        "report roll-up": (
            reverse("report_rollup:rollup", args=[form]),
            ["Rolled-up figures", "Own figures differing from the sum of the units below", "Difference"],
        ),
        "reporting status": (
            reverse("report_rollup:completeness", args=[form]),
            ["Reporting status", "On time"],
        ),
        "late reports": (reverse("report_rollup:late", args=[form]), ["Units overdue with their report"]),
    }


def fund_pages(tree):
    """The pages of the “Union Home” fund: the ledger, the support paid, the houses handed over, the annual report."""
    return {
        "fund ledger": (f"/quy-mai-am/?unit={tree.MAY.pk}", ["“Union Home” fund ledger", "Balance"]),
        "fund support": ("/quy-mai-am/ho-tro/", ["Support from the “Union Home” fund", "Person supported"]),
        "fund houses": ("/quy-mai-am/nha-mai-am/?year=2017", ["“Union Home” houses handed over in 2017"]),
        "fund report": (
            "/quy-mai-am/bao-cao/?year=2017",
            ["“Union Home” fund report for 2017", "Balance (VND)"],
        ),
    }


def _speaks_english(response, url, expected, data_values):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    texts = interface_texts(response, data_values)
    missing = [text for text in expected if text not in html]
    assert not missing, f"English text missing from {url}: {missing}"
    vietnamese = [text for text in texts if VIETNAMESE.search(text)]
    assert not vietnamese, f"Vietnamese interface text on {url}: {vietnamese}"
    return html


@pytest.mark.parametrize("page", ["dashboard", "tree", "unit", "people", "import", "api tokens"])
def test_key_pages_speak_english_after_switching(english, tree, data_values, page):
    url, expected = key_pages(tree)[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


REGISTRATION_PAGES = [
    "registrations", "registration", "registration roll-up", "open a registration", "initiatives", "initiative",
    "research topics", "research topic", "research topics import", "congress works", "congress work", "restructuring requests",
    "restructuring request",
]  # fmt: skip


@pytest.mark.parametrize("page", REGISTRATION_PAGES)
def test_registration_and_restructuring_pages_speak_english(english, tree, registered, data_values, page):
    url, expected = registration_pages(tree, registered)[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


@pytest.mark.parametrize(
    "page",
    ["enterprises", "enterprise", "path to a union", "area officers", "inspections", "inspection",
     "overdue recommendations"],
)  # fmt: skip
def test_enterprise_and_inspection_pages_speak_english(english, tree, followed, data_values, page):
    url, expected = enterprise_pages(tree, followed)[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


@pytest.mark.parametrize(
    "page",
    ["reports", "report forms", "report form", "report", "report entry", "report roll-ups", "report roll-up",
     "reporting status", "late reports"],
)  # fmt: skip
def test_phase_report_pages_speak_english(english, client_for, tree, reported, data_values, page):
    url, expected = report_pages(reported)[page]
    client = english
    if page == "report entry":  # the draft of DUA, entered by its own officer after the deadline, as allowed
        import datetime

        from django.utils import timezone

        from tests.reports.builders import user_of
        from thidua.reports.models import ExpectedReport

        until = timezone.localdate() + datetime.timedelta(days=7)
        ExpectedReport.objects.filter(pk=reported.reports["DUA"].pk).update(late_entry_until=until)
        client = client_for(user_of(tree.DUA, "dua_officer"))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in _speaks_english(client.get(url), url, expected, data_values)


@pytest.mark.parametrize("page", ["fund ledger", "fund support", "fund houses", "fund report"])
def test_union_home_fund_pages_speak_english(english, tree, funded, data_values, page):
    url, expected = fund_pages(tree)[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


CONGRESS_AND_ACTIVITY_PAGES = {
    "congress progress": ("/dai-hoi/", ["Union congress progress"]),
    "congresses by union": ("/dai-hoi/don-vi/", ["Planned date", "Delegates"]),
    "activities": ("/hoat-dong/", ["Activities", "Participants (women)"]),
}


@pytest.mark.parametrize("page", list(CONGRESS_AND_ACTIVITY_PAGES))
def test_congress_and_activity_pages_speak_english(english, tree, data_values, page):
    url, expected = CONGRESS_AND_ACTIVITY_PAGES[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


NEW_APP_PAGES = {
    "certificates": ("/bang-giay-khen/", ["Certificates of merit and commendation"]),
    "certificate blanks": ("/bang-giay-khen/phoi/", ["Emblems and certificate blanks"]),
    "clusters": ("/cum-khoi-thi-dua/", ["Emulation clusters"]),
    "exemplars": ("/dien-hinh-tien-tien/", ["Exemplary models, good people and good deeds"]),
    "replications": ("/dien-hinh-tien-tien/nhan-rong/", ["Replication of exemplary models"]),
    "honour boards": ("/dien-hinh-tien-tien/bang-vang/", ["Honour boards"]),
    "principle": ("/danh-gia-khen-thuong/", ["Timely, to the right people, for real achievements"]),
}


@pytest.mark.parametrize("page", list(NEW_APP_PAGES))
def test_certificate_cluster_exemplar_and_principle_pages_speak_english(english, tree, data_values, page):
    url, expected = NEW_APP_PAGES[page]
    assert '<html lang="en">' in _speaks_english(english.get(url), url, expected, data_values)


def test_english_also_follows_the_language_cookie(client_for, users):
    client = client_for(users.province_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "Dashboard" in html and "Tổng quan" not in html


def test_vietnamese_is_the_default(client_for, users, tree):
    client = client_for(users.province_officer)
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Tổng quan" in html and "Vai trò của bạn" in html and "Dashboard" not in html
    html = client.get(reverse("orgs:unit-detail", args=[tree.BT.pk])).content.decode()
    assert "Thông tin đơn vị" in html and "Unit details" not in html


def test_switching_back_to_vietnamese(english):
    english.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = english.get("/").content.decode()
    assert "Tổng quan" in html and "Dashboard" not in html


# --- the catalog itself ------------------------------------------------------------------------------------------


def _unquote(line: str) -> str:
    return (
        line[line.index('"') + 1 : line.rindex('"')]
        .encode("latin-1", "backslashreplace")
        .decode("unicode_escape")
    )


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, the msgstr forms and the flags (no dependency needed)."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": "", "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
        else:
            keyword = line.split(" ", 1)[0]
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                field = ("msgstr", index)
                entry["msgstr"][index] = _unquote(line)
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                field = (keyword, None)
                entry[keyword] = _unquote(line)
    return [e for e in entries if e["msgid"]]


def _placeholders(text: str) -> list[str]:
    return sorted(set(re.findall(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|\{\w*\}", text)))


def test_english_catalog_is_complete():
    entries = po_entries(PO_FILE)
    assert len(entries) > 500
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    forms = 2  # English: nplurals=2
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(
            e["msgstr"].get(i, "").strip() for i in range(forms if e["msgid_plural"] is not None else 1)
        )
    ]
    assert not fuzzy, f"fuzzy entries in {PO_FILE.name}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {PO_FILE.name}: {untranslated}"


def test_english_catalog_keeps_placeholders_and_markup():
    problems = []
    for e in po_entries(PO_FILE):
        source = e["msgid_plural"] if e["msgid_plural"] is not None else e["msgid"]
        english = e["msgstr"].get(1 if e["msgid_plural"] is not None else 0, "")
        if _placeholders(source) != _placeholders(english):
            problems.append((e["msgid"], english))
        if re.findall(r"<[^>]+>", source) != re.findall(r"<[^>]+>", english):
            problems.append((e["msgid"], english))
    assert not problems


def test_compiled_catalog_is_committed_and_current():
    """The .mo is committed (the quick start needs no gettext) and holds what the .po says."""
    mo = PO_FILE.with_suffix(".mo")
    assert mo.exists(), "run: python manage.py compilemessages -l en --ignore=.venv"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = []
    for e in po_entries(PO_FILE):
        context = e.get("msgctxt")
        if e["msgid_plural"] is None:
            got = catalog.pgettext(context, e["msgid"]) if context else catalog.gettext(e["msgid"])
            want = e["msgstr"][0]
        elif context:
            got, want = catalog.npgettext(context, e["msgid"], e["msgid_plural"], 2), e["msgstr"][1]
        else:
            got, want = catalog.ngettext(e["msgid"], e["msgid_plural"], 2), e["msgstr"][1]
        if got != want:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date, recompile: {stale[:5]}"
