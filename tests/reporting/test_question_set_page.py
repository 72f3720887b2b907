import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pusselbit.reporting.models import Question, QuestionSet
from tests.factories import MembershipFactory
from tests.reporting.test_domain import CSV

pytestmark = pytest.mark.django_db
URL = "/regioner/blekinge/fragor/"


@pytest.fixture
def coordinator(blekinge):
    return MembershipFactory(region=blekinge, role="county_coordinator").user


def test_coordinator_imports_a_question_set(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/regioner/blekinge/redovisning/fragor/",
        {
            "name": "ÖK 2020",
            "issuer": "SKR",
            "file": SimpleUploadedFile("fragor.csv", CSV.encode(), "text/csv"),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "ÖK 2020 är importerat med 6 frågor." in html
    assert "Jämställdhet" in html and Question.objects.count() == 6


def test_bad_file_is_refused_next_to_the_field_and_nothing_written(client, coordinator):
    client.force_login(coordinator)
    bad = CSV.replace("text,ja,\nInsatser,1.2", "okänd,ja,\nInsatser,1.2")
    response = client.post(
        "/regioner/blekinge/redovisning/fragor/",
        {
            "name": "ÖK 2020",
            "issuer": "SKR",
            "file": SimpleUploadedFile("fragor.csv", bad.encode(), "text/csv"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Rad 2: okänd svarstyp" in html
    assert 'value="ÖK 2020"' in html and not QuestionSet.objects.exists()


def test_others_may_not_import(client, alice, charlie):
    client.force_login(charlie)
    assert client.get("/regioner/blekinge/redovisning/fragor/").status_code == 404
    from tests.factories import MembershipFactory as Factory

    initiator = Factory(region=alice.memberships.get().region, role="initiator").user
    client.force_login(initiator)
    assert client.get("/regioner/blekinge/redovisning/fragor/").status_code == 403
