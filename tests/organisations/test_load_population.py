import datetime

import pytest
from django.core.management import CommandError, call_command

from pusselbit.organisations.models import PopulationFigure
from tests.factories import OrganisationFactory, PopulationFigureFactory, RegionFactory

pytestmark = pytest.mark.django_db
NOV_1 = datetime.date(2019, 11, 1)


@pytest.fixture
def municipalities():
    region = RegionFactory(code="20")
    return [
        OrganisationFactory(region=region, code="2080", name="Falun"),
        OrganisationFactory(region=region, code="2081", name="Borlänge"),
    ]


def load(tmp_path, text, date="2019-11-01"):
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    call_command("load_population", str(path), "--date", date, "--source", "SCB 1 nov")


def test_load_population_writes_figures_at_date(tmp_path, municipalities):
    load(tmp_path, "kommunkod,kommun,population\n2080,Falun,59186\n2081,Borlänge,52030\n")
    figures = {
        f.organisation.code: f for f in PopulationFigure.objects.select_related("organisation")
    }
    assert figures["2080"].population == 59186
    assert figures["2080"].reference_date == NOV_1
    assert figures["2080"].source == "SCB 1 nov"
    assert figures["2081"].population == 52030


def test_load_population_accepts_semicolons_and_bom(tmp_path, municipalities):
    load(tmp_path, "\ufeffkommunkod;population\n2080;59186\n")
    assert PopulationFigure.objects.get(organisation__code="2080").population == 59186


def test_load_population_reads_windows_1252_with_semicolons(tmp_path, municipalities):
    # As Excel set to Swedish saves "CSV": Windows-1252 (å ä ö as one byte each), semicolons.
    path = tmp_path / "befolkning.csv"
    path.write_bytes("kommunkod;kommun;population\n2081;Borlänge;52030\n".encode("cp1252"))
    call_command("load_population", str(path), "--date", "2019-11-01")
    assert PopulationFigure.objects.get(organisation__code="2081").population == 52030


def test_load_population_again_replaces_figures_at_same_date(tmp_path, municipalities):
    load(tmp_path, "kommunkod,population\n2080,59186\n")
    load(tmp_path, "kommunkod,population\n2080,59200\n")
    assert PopulationFigure.objects.get(organisation__code="2080").population == 59200
    assert PopulationFigure.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kommunkod,population\n2080,59186\n9999,100\n", "Rad 3: okänd kommunkod 9999"),
        (
            "kommunkod,population\n2080,59186\n2080,59186\n",
            "Rad 3: kommunkoden 2080 förekommer igen (först på rad 2)",
        ),
        (
            "kommunkod,population\n2080,59186\n2081,många\n",
            "Rad 3: befolkningen 'många' är inte ett icke-negativt heltal",
        ),
        (
            "kommunkod,population\n2080,-5\n",
            "Rad 2: befolkningen '-5' är inte ett icke-negativt heltal",
        ),
        ("kommunkod,population\n2080,59186.5\n", "Rad 2: befolkningen '59186.5'"),
        (
            "kommunkod,invånare\n2080,59186\n",
            "Rad 1: Rubrikraden saknar kolumnen/kolumnerna population",
        ),
        ("", "Rad 1: Filen är tom"),
        ("kommunkod,population\n", "Rad 2: Filen har inga rader efter rubrikraden"),
        ("kommunkod,population\n2080,59186,extra\n", "Rad 2: väntade 2 kolumner, fann 3"),
        (
            "kommunkod,population\n2080," + "9" * 40 + "\n",
            "Rad 2: befolkningen 99999999999999999999… är större än någon kommuns",
        ),
        ("kommunkod,population\n20\x0080,59186\n", "Rad 2: kommunkoden '20\\x0080' är inte"),
    ],
)
def test_load_population_rejects_bad_file_whole(tmp_path, municipalities, text, message):
    PopulationFigureFactory(organisation=municipalities[0], reference_date=NOV_1, population=1)
    with pytest.raises(CommandError) as error:
        load(tmp_path, text)
    assert message in str(error.value)
    assert "Inget skrevs" in str(error.value)
    # The figure that was there before is untouched, and nothing was added.
    assert list(PopulationFigure.objects.values_list("organisation__code", "population")) == [
        ("2080", 1)
    ]


def test_load_population_rejects_bad_date(tmp_path, municipalities):
    with pytest.raises(CommandError, match="inte ett datum"):
        load(tmp_path, "kommunkod,population\n2080,1\n", date="1 november 2019")
    assert not PopulationFigure.objects.exists()


def test_load_population_rejects_missing_file(tmp_path, municipalities):
    with pytest.raises(CommandError, match="filen finns inte"):
        call_command("load_population", str(tmp_path / "nope.csv"), "--date", "2019-11-01")
